"""Writes a salon's team makes to its salon: details, policy, services, staff, hours, blocked
time, invitations and security.

These are catalogue writes; they sit here, beside the back office, because the catalogue's
service module belonged to another piece of work when they were written. They import no
interface code and take the acting user, so they move to `catalog.services` unchanged. Each
checks the actor's role (`creneau.bookings.access`) and that every object belongs to the salon
(another salon's object is NotFound, so its id is never confirmed), and keeps the search index
right through `business_save` / `business_reindex`.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from creneau.accounts.models import User
from creneau.backoffice.models import SalonSecurity, StaffInvitation
from creneau.bookings.access import NotAllowed, NotFound, membership_required
from creneau.bookings.errors import BookingError
from creneau.bookings.models import ACTIVE_STATUSES, Booking
from creneau.catalog.freshness import public_pages_changed
from creneau.catalog.models import (
    Business,
    Closure,
    Service,
    ServiceCategory,
    StaffMember,
    StaffRole,
    TimeOff,
    WorkingHours,
)
from creneau.catalog.services import business_reindex, business_save
from creneau.dates import implausible_message, is_plausible
from creneau.notifications.outbox import language_of, message_enqueue

INVITATION_DAYS = 14


class SettingsError(BookingError):
    code = "invalid_settings"
    default_message = _("These settings are not valid.")


# --- Business details and policy ---------------------------------------------------------------

DETAIL_FIELDS = ("name", "description", "address", "postcode", "city", "phone")
POLICY_FIELDS = (
    "slot_step_minutes",
    "min_notice_minutes",
    "horizon_days",
    "cancellation_deadline_hours",
    "reminder_hours",
)


def business_update(*, actor: User, business: Business, changes: Mapping[str, object]) -> Business:
    """Change the salon's details or booking policy (owners and managers). Only the fields of
    `DETAIL_FIELDS` and `POLICY_FIELDS` are accepted; the search columns follow."""
    membership_required(actor=actor, business=business, manager=True)
    unknown = set(changes) - set(DETAIL_FIELDS) - set(POLICY_FIELDS)
    if unknown:
        raise SettingsError(f"Not editable here: {', '.join(sorted(unknown))}")
    if "city" in changes and not slugify(str(changes["city"] or ""))[:100]:
        # The address of the salon's pages is made from the city: it needs letters or digits.
        raise SettingsError(_("Enter the name of a city."))
    for name, value in changes.items():
        setattr(business, name, value)
    with transaction.atomic():
        return business_save(business=business)


# --- Services and categories -------------------------------------------------------------------


def _own(model: type, business: Business, pk: int | None) -> object:
    obj = model.objects.filter(pk=pk, business=business).first() if pk is not None else None
    if obj is None:
        raise NotFound()
    return obj


def service_category_for(*, actor: User, business: Business, pk: int) -> ServiceCategory:
    membership_required(actor=actor, business=business, manager=True)
    return _own(ServiceCategory, business, pk)  # type: ignore[return-value]


def service_for(*, actor: User, business: Business, pk: int) -> Service:
    membership_required(actor=actor, business=business, manager=True)
    return _own(Service, business, pk)  # type: ignore[return-value]


def staff_member_for(*, actor: User, business: Business, pk: int) -> StaffMember:
    """A staff member of the salon, for owners and managers; NotFound for another salon's."""
    membership_required(actor=actor, business=business, manager=True)
    return _own(StaffMember, business, pk)  # type: ignore[return-value]


def service_category_save(
    *, actor: User, business: Business, category: ServiceCategory
) -> ServiceCategory:
    """Create or rename a category of the salon's price list (owners and managers)."""
    membership_required(actor=actor, business=business, manager=True)
    if category.pk is not None:
        _own(ServiceCategory, business, category.pk)
    category.business = business
    try:
        with transaction.atomic():
            category.save()
    except IntegrityError:
        raise SettingsError(_("This salon already has a category with this name.")) from None
    return category


def service_category_delete(*, actor: User, business: Business, pk: int) -> None:
    """Delete a category; its services stay, without a category."""
    membership_required(actor=actor, business=business, manager=True)
    category = _own(ServiceCategory, business, pk)
    category.delete()  # type: ignore[attr-defined]


def service_save(
    *,
    actor: User,
    business: Business,
    service: Service,
    performers: Iterable[StaffMember],
) -> Service:
    """Create or edit a service and who performs it (owners and managers). The category and
    the performers must be the salon's own; the search index follows."""
    membership_required(actor=actor, business=business, manager=True)
    if service.pk is not None:
        _own(Service, business, service.pk)
    if service.category_id is not None:
        _own(ServiceCategory, business, service.category_id)
    performers = list(performers)
    if any(member.business_id != business.pk for member in performers):
        raise NotFound()
    service.business = business
    with transaction.atomic():
        service.save()
        service.staff.set(performers)
        business_reindex(business_ids=[business.pk])
    return service


# --- Staff, their services and hours -----------------------------------------------------------


def _owners_left(business: Business, without: int) -> int:
    return (
        StaffMember.objects.filter(business=business, role=StaffRole.OWNER, is_active=True)
        .exclude(pk=without)
        .count()
    )


def staff_save(
    *,
    actor: User,
    business: Business,
    member: StaffMember,
    services: Iterable[Service],
) -> StaffMember:
    """Create or edit a staff member: name, role, active, position, the services they perform.

    Owners and managers; making someone owner, or changing or deactivating an owner, is for
    owners only (ownership), and the salon always keeps an active owner.
    """
    membership = membership_required(actor=actor, business=business, manager=True)
    before = _own(StaffMember, business, member.pk) if member.pk is not None else None
    touches_owner = member.role == StaffRole.OWNER or (
        before is not None and before.role == StaffRole.OWNER  # type: ignore[attr-defined]
    )
    if touches_owner and not membership.is_owner:
        raise NotAllowed(_("Only an owner can change who owns the salon."))
    was_active_owner = (
        before is not None
        and before.role == StaffRole.OWNER  # type: ignore[attr-defined]
        and before.is_active  # type: ignore[attr-defined]
    )
    still_active_owner = member.role == StaffRole.OWNER and member.is_active
    if was_active_owner and not still_active_owner and not _owners_left(business, member.pk):
        raise SettingsError(_("The salon must keep at least one active owner."))
    services = list(services)
    if any(service.business_id != business.pk for service in services):
        raise NotFound()
    member.business = business
    with transaction.atomic():
        member.save()
        member.services.set(services)
        business_reindex(business_ids=[business.pk])
    return member


WeeklyHours = Mapping[int, Sequence[tuple[time, time]]]


def working_hours_set(
    *, actor: User, business: Business, member: StaffMember, hours: WeeklyHours
) -> None:
    """Replace a staff member's weekly hours (owners and managers): weekday (0 = Monday) ->
    local (start, end) ranges, each ending after it starts and none overlapping another.
    Existing bookings stay where they are, even outside the new hours."""
    membership_required(actor=actor, business=business, manager=True)
    _own(StaffMember, business, member.pk)
    rows = []
    for weekday, ranges in hours.items():
        if not 0 <= weekday <= 6:
            raise SettingsError(_("The day must be Monday to Sunday."))
        ordered = sorted(ranges)
        for index, (start, end) in enumerate(ordered):
            if end <= start:
                raise SettingsError(_("The end time must be after the start time."))
            if index and start < ordered[index - 1][1]:
                raise SettingsError(_("Two ranges of one day overlap."))
            rows.append(WorkingHours(staff=member, weekday=weekday, start=start, end=end))
    with transaction.atomic():
        WorkingHours.objects.filter(staff=member).delete()
        WorkingHours.objects.bulk_create(rows)
        # bulk_create sends no signal: the public pages are told here.
        public_pages_changed(business_id=member.business_id)


# --- Blocked time ------------------------------------------------------------------------------


def time_off_add(
    *,
    actor: User,
    business: Business,
    member: StaffMember,
    start: datetime,
    end: datetime,
    reason: str = "",
) -> tuple[TimeOff, int]:
    """Block a staff member's time (owners and managers for anyone, staff for themselves).

    Returns the time off and how many active bookings it covers: they are not cancelled (the
    salon calls or moves them), the agenda shows both.
    """
    membership = membership_required(actor=actor, business=business)
    if member.business_id != business.pk or not membership.sees_staff(member.pk):
        raise NotFound()
    if timezone.is_naive(start) or timezone.is_naive(end):
        raise SettingsError(_("Times must carry their time zone."))
    if end <= start:
        raise SettingsError(_("The end must be after the start."))
    if not (is_plausible(start) and is_plausible(end)):
        raise SettingsError(implausible_message())
    # One transaction: the row exists only if everything that follows it succeeded.
    with transaction.atomic():
        time_off = TimeOff.objects.create(staff=member, start=start, end=end, reason=reason[:200])
        covered = Booking.objects.filter(
            staff=member, status__in=ACTIVE_STATUSES, start__lt=end, blocked_until__gt=start
        ).count()
    return time_off, covered


def time_off_remove(*, actor: User, business: Business, pk: int) -> None:
    """Remove time off (owners and managers for anyone, staff their own); NotFound otherwise."""
    membership = membership_required(actor=actor, business=business)
    time_off = TimeOff.objects.filter(pk=pk, staff__business=business).first()
    if time_off is None or not membership.sees_staff(time_off.staff_id):
        raise NotFound()
    time_off.delete()


def closure_add(
    *, actor: User, business: Business, start_date: date, end_date: date, label: str = ""
) -> tuple[Closure, int]:
    """Close the whole salon for days, both included (owners and managers). Returns the closure
    and how many active bookings fall on those days (kept; the salon moves or cancels them)."""
    membership_required(actor=actor, business=business, manager=True)
    if end_date < start_date:
        raise SettingsError(_("The last day cannot be before the first day."))
    if not (is_plausible(start_date) and is_plausible(end_date)):
        # A far-off day would be saved, then overflow every computation of the salon's days.
        raise SettingsError(implausible_message())
    tz = ZoneInfo(business.timezone)
    # One transaction: the row exists only if everything that follows it succeeded.
    with transaction.atomic():
        closure = Closure.objects.create(
            business=business, start_date=start_date, end_date=end_date, label=label[:120]
        )
        covered = Booking.objects.filter(
            business=business,
            status__in=ACTIVE_STATUSES,
            start__lt=datetime.combine(end_date + timedelta(days=1), time.min, tzinfo=tz),
            end__gt=datetime.combine(start_date, time.min, tzinfo=tz),
        ).count()
    return closure, covered


def closure_remove(*, actor: User, business: Business, pk: int) -> None:
    membership_required(actor=actor, business=business, manager=True)
    closure = _own(Closure, business, pk)
    closure.delete()  # type: ignore[attr-defined]


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
    membership = membership_required(actor=actor, business=business, manager=True)
    if role not in StaffRole.values:
        raise SettingsError(_("Choose one of the listed roles."))
    if role == StaffRole.OWNER and not membership.is_owner:
        raise NotAllowed(_("Only an owner can invite an owner."))
    email = email.strip().lower()
    if StaffMember.objects.filter(business=business, user__email__iexact=email).exists():
        raise SettingsError(_("This person is already in the team."))
    if member is not None:
        _own(StaffMember, business, member.pk)
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
    return is_mfa_enabled(user, types=[Authenticator.Type.TOTP])


def salon_mfa_require(
    *, actor: User, business: Business, required: bool, now: datetime
) -> SalonSecurity:
    """Require (or stop requiring) two-factor authentication for the whole team: owners only,
    and an owner must have it on before requiring it, so that they do not lock themselves out
    of the settings they just changed."""
    membership_required(actor=actor, business=business, owner=True)
    if required and not user_has_mfa(user=actor):
        raise SettingsError(_("Turn on two-factor authentication for yourself first."))
    security, _created = SalonSecurity.objects.update_or_create(
        business=business,
        defaults={"require_mfa": required, "updated_by": actor, "updated_at": now},
    )
    return security
