"""A salon's team: e-mail invitations to join it and the security rule it must follow.

Each function checks the actor's role (`creneau.catalog.permissions`); the invitation's e-mail
goes to the outbox in the same transaction as the invitation.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from creneau.accounts.models import User
from creneau.catalog.errors import SettingsError
from creneau.catalog.models import Business, SalonSecurity, StaffInvitation, StaffMember, StaffRole
from creneau.catalog.permissions import (
    SALON_MANAGE,
    SALON_OWN,
    NotAllowed,
    NotFound,
    membership_required,
    salon_object,
)
from creneau.notifications.outbox import language_of, message_enqueue

INVITATION_DAYS = 14


# --- Invitations -------------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def staff_invite(
    *,
    actor: User,
    business: Business,
    email: str,
    display_name: str,
    role: str = StaffRole.STAFF,
    member: StaffMember | None = None,
    now: datetime | None = None,
) -> StaffInvitation:
    """Invite someone by e-mail to join the team (owners and managers; inviting an owner is for
    owners). The staff member is created at once, bookable like any member without an account,
    unless an existing `member` without an account is given; the e-mail with a link valid
    `INVITATION_DAYS` days goes to the outbox in the same transaction."""
    now = now or timezone.now()
    membership = membership_required(actor=actor, business=business, ability=SALON_MANAGE)
    if role not in StaffRole.values:
        raise SettingsError(_("Choose one of the listed roles."))
    if role == StaffRole.OWNER and not membership.is_owner:
        raise NotAllowed(_("Only an owner can invite an owner."))
    email = email.strip().lower()
    if StaffMember.objects.filter(business=business, user__email__iexact=email).exists():
        raise SettingsError(_("This person is already in the team."))
    if member is not None:
        salon_object(StaffMember, business, member.pk)
        if member.user_id is not None:
            raise SettingsError(_("This staff member already has an account."))
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        if member is None:
            member = StaffMember.objects.create(
                business=business, display_name=display_name.strip(), role=role
            )
        invitation = StaffInvitation.objects.create(
            business=business,
            staff=member,
            email=email,
            role=role,
            token_hash=_token_hash(token),
            invited_by=actor,
            created_at=now,
            expires_at=now + timedelta(days=INVITATION_DAYS),
        )
        message_enqueue(
            template="staff_invitation",
            to_address=email,
            language=language_of(actor),
            context={
                "business": {
                    "name": business.name,
                    "address": business.address,
                    "postcode": business.postcode,
                    "city": business.city,
                    "phone": business.phone.as_international if business.phone else "",
                },
                "inviter_name": actor.get_full_name(),
                "role": str(StaffRole(role).label),
                "accept_url": settings.SITE_URL
                + reverse("backoffice:invitation", kwargs={"token": token}),
                "expires_at": invitation.expires_at,
            },
            time_zone=business.timezone,
            now=now,
        )
    return invitation


def staff_invitation_for(*, token: str, now: datetime) -> StaffInvitation:
    """The pending invitation behind a link; NotFound when unknown, used or expired."""
    invitation = (
        StaffInvitation.objects.select_related("business", "staff")
        .filter(token_hash=_token_hash(token), accepted_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if invitation is None:
        raise NotFound()
    return invitation


def staff_invitation_accept(*, token: str, user: User, now: datetime | None = None) -> StaffMember:
    """Link `user` to the invited staff member. The user's verified e-mail address must be the
    invited one (a forwarded link is useless); accepted once (compare-and-set)."""
    now = now or timezone.now()
    invitation = staff_invitation_for(token=token, now=now)
    verified = EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists()
    if not verified:
        raise NotAllowed(_("This invitation was sent to another e-mail address."))
    if StaffMember.objects.filter(business=invitation.business, user=user).exists():
        raise SettingsError(_("You are already in this salon's team."))
    with transaction.atomic():
        taken = StaffInvitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
            accepted_at=now, accepted_by=user
        )
        linked = StaffMember.objects.filter(pk=invitation.staff_id, user__isnull=True).update(
            user=user, role=invitation.role, is_active=True
        )
        if not taken or not linked:
            raise NotFound()
    return StaffMember.objects.get(pk=invitation.staff_id)


# --- Security ----------------------------------------------------------------------------------


def salon_requires_mfa(*, business: Business) -> bool:
    return SalonSecurity.objects.filter(business=business, require_mfa=True).exists()


def user_has_mfa(*, user: User) -> bool:
    """Whether the user has turned on an authenticator app (TOTP)."""
    return bool(is_mfa_enabled(user, types=[Authenticator.Type.TOTP]))


def salon_mfa_require(
    *, actor: User, business: Business, required: bool, now: datetime
) -> SalonSecurity:
    """Require (or stop requiring) two-factor authentication for the whole team: owners only,
    and an owner must have it on before requiring it, so that they do not lock themselves out
    of the settings they just changed."""
    membership_required(actor=actor, business=business, ability=SALON_OWN)
    if required and not user_has_mfa(user=actor):
        raise SettingsError(_("Turn on two-factor authentication for yourself first."))
    security, _created = SalonSecurity.objects.update_or_create(
        business=business,
        defaults={"require_mfa": required, "updated_by": actor, "updated_at": now},
    )
    return security
