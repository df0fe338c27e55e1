"""Personal data of the catalogue: only about salon staff (their display name, their account,
their absences, who invited them and who set the salon's security rule). Salons, services and
hours describe businesses, not people."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from creneau.catalog.models import (
    Business,
    Closure,
    PublicPagesVersion,
    SalonPhoto,
    SalonSecurity,
    SearchTerm,
    Service,
    ServiceCategory,
    StaffInvitation,
    StaffMember,
    TimeOff,
    WorkingHours,
)
from creneau.privacy.registry import NOT_PERSONAL as NO
from creneau.privacy.registry import (
    Basis,
    Category,
    ErasureContext,
    OnErasure,
    personal,
    register,
    register_erasure_blocker,
    register_handlers,
)

if TYPE_CHECKING:
    from creneau.accounts.models import User

_business_fields = [
    "id",
    "siret",
    "review_state",
    "review_reason",
    "setup_steps",
    "submitted_at",
    "reviewed_at",
    "name",
    "slug",
    "category",
    "description",
    "address",
    "postcode",
    "city",
    "city_slug",
    "latitude",
    "longitude",
    "timezone",
    "phone",
    "is_active",
    "slot_step_minutes",
    "min_notice_minutes",
    "horizon_days",
    "cancellation_deadline_hours",
    "reminder_hours",
    "search_name",
    "search_text",
    "price_from",
    "service_count",
    "public_version",
    "reviews_1",
    "reviews_2",
    "reviews_3",
    "reviews_4",
    "reviews_5",
    "created_at",
    "cover_key",
]
# The salon's phone and address are the business's published contact details, not a person's.
register(Business, dict.fromkeys(_business_fields, NO))
register(ServiceCategory, dict.fromkeys(["id", "business", "name", "position"], NO))
register(
    Service,
    dict.fromkeys(
        [
            "id",
            "business",
            "category",
            "name",
            "description",
            "duration_minutes",
            "buffer_minutes",
            "price",
            "is_active",
            "position",
            "staff",
        ],
        NO,
    ),
)
register(
    StaffMember,
    {
        "id": NO,
        "business": NO,
        "display_name": personal(
            category=Category.IDENTITY,
            purpose=_("show customers who will look after them"),
            basis=Basis.CONTRACT,
            retention=_("while the person is on the salon's team"),
            on_erasure=OnErasure.DELETE,
        ),
        "user": personal(
            category=Category.IDENTITY,
            purpose=_("let the staff member use the back office"),
            basis=Basis.CONTRACT,
            retention=_("while the person is on the salon's team"),
            on_erasure=OnErasure.DELETE,
        ),
        "role": NO,
        "is_active": NO,
        "position": NO,
        "photo_key": personal(
            category=Category.IDENTITY,
            purpose=_("show customers who will look after them, if the person agreed"),
            basis=Basis.CONSENT,
            retention=_("until the salon removes it or the person's account is erased"),
            on_erasure=OnErasure.DELETE,
        ),
    },
)
# Photos of the premises and the work: the back office asks for no customer in them.
register(SalonPhoto, dict.fromkeys(["id", "business", "key", "alt", "position", "created_at"], NO))
# The search vocabulary is made of salons' names, cities and service names only: no person's
# data, and never a visitor's query.
register(SearchTerm, dict.fromkeys(["id", "term", "kind", "city_slug", "city"], NO))
register(PublicPagesVersion, dict.fromkeys(["id", "version"], NO))
register(WorkingHours, dict.fromkeys(["id", "staff", "weekday", "start", "end"], NO))
register(
    TimeOff,
    {
        "id": NO,
        "staff": NO,
        "start": NO,
        "end": NO,
        "reason": personal(
            category=Category.BOOKING,
            purpose=_("the team knows why a colleague is away (never health details)"),
            basis=Basis.LEGITIMATE_INTEREST,
            retention=_("while the staff member is on the team"),
            on_erasure=OnErasure.DELETE,
        ),
    },
)
register(Closure, dict.fromkeys(["id", "business", "start_date", "end_date", "label"], NO))


class _Team(TypedDict):
    basis: Basis
    on_erasure: OnErasure


_team: _Team = dict(basis=Basis.LEGITIMATE_INTEREST, on_erasure=OnErasure.PSEUDONYMISE)

register(
    SalonSecurity,
    {
        "business": NO,
        "require_mfa": NO,
        "updated_by": personal(
            category=Category.IDENTITY,
            purpose=_("which owner set the rule"),
            retention=_("while the salon exists"),
            **_team,
        ),
        "updated_at": NO,
    },
)
_invitation = _("90 days after it expires or is accepted")
register(
    StaffInvitation,
    {
        "id": NO,
        "business": NO,
        "staff": NO,
        "email": personal(
            category=Category.CONTACT,
            purpose=_("send the invitation to join a salon's team"),
            basis=Basis.LEGITIMATE_INTEREST,
            retention=_invitation,
            on_erasure=OnErasure.DELETE,
        ),
        "role": NO,
        "token_hash": NO,
        "invited_by": personal(
            category=Category.IDENTITY, purpose=_("who invited"), retention=_invitation, **_team
        ),
        "created_at": NO,
        "expires_at": NO,
        "accepted_at": NO,
        "accepted_by": personal(
            category=Category.IDENTITY,
            purpose=_("the account that joined"),
            retention=_invitation,
            **_team,
        ),
    },
)


def catalog_export(*, user: User) -> dict[str, list[dict[str, object]]]:
    return {
        "staff_memberships": [
            {"salon": m.business.name, "display_name": m.display_name, "role": m.role}
            for m in StaffMember.objects.filter(user=user).select_related("business")
        ]
    }


def catalog_erase(context: ErasureContext) -> None:
    # Only former memberships reach here (erasure refuses an active team member): the salon's
    # staff row stays for its past bookings, without the account or the portrait.
    from creneau.catalog.photos import staff_photo_forget

    for member in StaffMember.objects.filter(user=context.user).exclude(photo_key=""):
        staff_photo_forget(member=member)
    context.count(
        "catalog.staffmember",
        StaffMember.objects.filter(user=context.user).update(user=None),
    )
    user = context.user
    SalonSecurity.objects.filter(updated_by=user).update(updated_by=None)
    match = Q()
    for email in context.emails:
        match |= Q(email__iexact=email)
    if match:
        context.count("catalog.staffinvitation", StaffInvitation.objects.filter(match).delete()[0])
    StaffInvitation.objects.filter(invited_by=user).update(invited_by=None)
    StaffInvitation.objects.filter(accepted_by=user).update(accepted_by=None)


register_handlers("catalog", export=catalog_export, erase=catalog_erase, order=40)


def team_memberships(user: Any) -> QuerySet[StaffMember]:
    """Active places on a salon's team (`user` may be an `OuterRef`): they hold the account."""
    return StaffMember.objects.filter(user=user, is_active=True)


register_erasure_blocker(
    "catalog_team",
    rows=team_memberships,
    reason=_("You are on a salon's team: ask its owner to remove you first."),
)
