"""Personal data of the back office: who set a salon's security rule, staff invitations.

Models are named by label and imported inside the handler: the registry ignores the
declarations of a model that is not installed."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from creneau.backoffice.models import SalonSecurity, StaffInvitation
from creneau.privacy.registry import NOT_PERSONAL as NO
from creneau.privacy.registry import (
    Basis,
    Category,
    ErasureContext,
    OnErasure,
    personal,
    register,
    register_handlers,
)

_team = dict(basis=Basis.LEGITIMATE_INTEREST, on_erasure=OnErasure.PSEUDONYMISE)

register(
    SalonSecurity,
    {
        "business": NO,
        "require_mfa": NO,
        "updated_by": personal(
            category=Category.IDENTITY,
            purpose="which owner set the rule",
            retention="while the salon exists",
            **_team,
        ),
        "updated_at": NO,
    },
)
_invitation = "90 days after it expires or is accepted"
register(
    StaffInvitation,
    {
        "id": NO,
        "business": NO,
        "staff": NO,
        "email": personal(
            category=Category.CONTACT,
            purpose="send the invitation to join a salon's team",
            basis=Basis.LEGITIMATE_INTEREST,
            retention=_invitation,
            on_erasure=OnErasure.DELETE,
        ),
        "role": NO,
        "token_hash": NO,
        "invited_by": personal(
            category=Category.IDENTITY, purpose="who invited", retention=_invitation, **_team
        ),
        "created_at": NO,
        "expires_at": NO,
        "accepted_at": NO,
        "accepted_by": personal(
            category=Category.IDENTITY,
            purpose="the account that joined",
            retention=_invitation,
            **_team,
        ),
    },
)


def backoffice_erase(context: ErasureContext) -> None:
    user = context.user
    SalonSecurity.objects.filter(updated_by=user).update(updated_by=None)
    match = Q()
    for email in context.emails:
        match |= Q(email__iexact=email)
    if match:
        context.count(
            "backoffice.staffinvitation", StaffInvitation.objects.filter(match).delete()[0]
        )
    StaffInvitation.objects.filter(invited_by=user).update(invited_by=None)
    StaffInvitation.objects.filter(accepted_by=user).update(accepted_by=None)


def backoffice_export(*, user: Any) -> dict[str, list[dict[str, Any]]]:
    return {}


register_handlers("backoffice", export=backoffice_export, erase=backoffice_erase, order=60)
