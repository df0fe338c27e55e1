"""A salon joins the platform on its own: sign-up, guided set-up, review by platform staff.

1. `salon_signup`: an account with a verified e-mail address creates its salon (name, type,
   address, phone, SIRET) and becomes its owner. The salon is a draft, unpublished.
2. The set-up (`SETUP_STEPS`): a price list (`setup_services_add`, from the starter list of
   `catalog.starters`), weekly hours with breaks (`setup_hours_set`), the team (invitations,
   `catalog.team.staff_invite`, then `setup_step_confirm`), the booking policy
   (`catalog.salon_settings.business_update`, then `setup_step_confirm`).
   `setup_checklist` says what is left; `salon_submit` sends the salon to review.
3. Platform staff (`may_review`) approve it (`salon_approve`: published, the search and the
   public pages told, the owners e-mailed) or send it back with a reason (`salon_send_back`:
   e-mailed to the owners through the outbox, in their language). A salon sent back is
   edited and submitted again.

Each function checks who acts, inside: a salon's set-up is for its owners and managers only,
the review for platform staff only. State changes are compare-and-set on `review_state`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from creneau.accounts.models import User
from creneau.catalog.errors import SettingsError
from creneau.catalog.freshness import public_pages_changed
from creneau.catalog.models import (
    Business,
    BusinessCategory,
    ReviewState,
    Service,
    ServiceCategory,
    StaffMember,
    StaffRole,
    WorkingHours,
)
from creneau.catalog.permissions import SALON_MANAGE, SALON_OWN, NotAllowed, membership_required
from creneau.catalog.schedule_services import working_hours_set
from creneau.catalog.services import business_reindex, business_save
from creneau.catalog.siret import siret_is_valid, siret_normalise
from creneau.notifications.outbox import language_of, message_enqueue

STEP_SERVICES = "services"
STEP_HOURS = "hours"
STEP_TEAM = "team"
STEP_POLICY = "policy"
SETUP_STEPS = (STEP_SERVICES, STEP_HOURS, STEP_TEAM, STEP_POLICY)

REVIEW_PERMISSION = "catalog.review_business"

# States in which the owner may still change the set-up and submit it.
_EDITABLE = (ReviewState.DRAFT, ReviewState.RETURNED)


class ReviewError(SettingsError):
    code = "invalid_review"
    default_message = _("This salon is not waiting for review.")


# --- Sign-up -----------------------------------------------------------------------------------


def salon_signup(
    *,
    actor: User,
    name: str,
    category: str,
    address: str,
    postcode: str,
    city: str,
    phone: str,
    siret: str,
    now: datetime,
) -> Business:
    """Create a salon owned by `actor`, unpublished and in set-up (a draft).

    The actor's e-mail address must be verified (an owner is reachable at it); the SIRET must
    pass its check (`catalog.siret`) and not be registered already.
    """
    if not actor.is_authenticated or not actor.is_active:
        raise NotAllowed()
    if not EmailAddress.objects.filter(user=actor, email__iexact=actor.email, verified=True):
        raise NotAllowed(_("Verify your e-mail address first."))
    siret = siret_normalise(siret)
    if not siret_is_valid(siret):
        raise SettingsError(
            _("Enter the 14 digits of your SIRET number, as on your Kbis or INSEE notice.")
        )
    if category not in BusinessCategory.values:
        raise SettingsError(_("Choose one of the listed categories."))
    if not name.strip():
        raise SettingsError(_("A salon needs a name."))
    if not slugify(city)[:100]:
        raise SettingsError(_("Enter the name of a city."))
    business = Business(
        name=name.strip(),
        category=category,
        address=address.strip(),
        postcode=postcode.strip(),
        city=city.strip(),
        phone=phone,
        siret=siret,
        is_active=False,
        review_state=ReviewState.DRAFT,
        created_at=now,
    )
    try:
        business.full_clean(exclude=["slug", "city_slug"], validate_unique=False)
    except ValidationError as error:
        raise SettingsError(" ".join(error.messages)) from None
    try:
        with transaction.atomic():
            business_save(business=business)
            StaffMember.objects.create(
                business=business,
                user=actor,
                role=StaffRole.OWNER,
                display_name=(actor.first_name or actor.get_full_name() or name)[:80],
            )
    except IntegrityError:
        # The one unique rule a valid form can still break: two sign-ups of one SIRET.
        raise SettingsError(_("A salon with this SIRET number is already registered.")) from None
    return business


# --- Set-up ------------------------------------------------------------------------------------


def _setup_membership(actor: User, business: Business) -> None:
    membership_required(actor=actor, business=business, ability=SALON_MANAGE)


def _steps_add(business: Business, step: str) -> None:
    if step not in business.setup_steps:
        business.setup_steps = [*business.setup_steps, step]
        business.save(update_fields=["setup_steps"])


@dataclass(frozen=True)
class ServiceLine:
    """One line of the price list as the owner edited it."""

    heading: str
    name: str
    duration_minutes: int
    price: Decimal


def setup_services_add(
    *, actor: User, business: Business, lines: Sequence[ServiceLine]
) -> list[Service]:
    """Add the edited starter price list to the salon (owners and managers): each line a
    bookable service under its heading, performed by every active member of the team."""
    _setup_membership(actor, business)
    if not lines:
        raise SettingsError(_("Keep at least one service."))
    for line in lines:
        if not line.name.strip():
            raise SettingsError(_("A service needs a name."))
        if not 5 <= line.duration_minutes <= 720:
            raise SettingsError(_("A service lasts between 5 minutes and 12 hours."))
        if line.price < 0:
            raise SettingsError(_("A price cannot be negative."))
    team = list(StaffMember.objects.filter(business=business, is_active=True))
    created = []
    with transaction.atomic():
        position = Service.objects.filter(business=business).count()
        headings: dict[str, ServiceCategory] = {}
        for line in lines:
            heading = line.heading.strip()[:80]
            category = None
            if heading:
                if heading not in headings:
                    headings[heading], _new = ServiceCategory.objects.get_or_create(
                        business=business,
                        name=heading,
                        defaults={"position": len(headings)},
                    )
                category = headings[heading]
            service = Service.objects.create(
                business=business,
                category=category,
                name=line.name.strip()[:120],
                duration_minutes=line.duration_minutes,
                price=line.price,
                position=position,
            )
            position += 1
            service.staff.set(team)
            created.append(service)
        business_reindex(business_ids=[business.pk])
        _steps_add(business, STEP_SERVICES)
    return created


@dataclass(frozen=True)
class DayHours:
    """One day of the weekly hours editor: closed, or open from `start` to `end` with an
    optional break."""

    weekday: int
    open: bool
    start: time | None = None
    end: time | None = None
    break_start: time | None = None
    break_end: time | None = None

    def ranges(self) -> list[tuple[time, time]]:
        """The day's working ranges; SettingsError when the day does not hold together."""
        if not self.open:
            return []
        if self.start is None or self.end is None:
            raise SettingsError(_("Give the opening and closing times of each open day."))
        if self.end <= self.start:
            raise SettingsError(_("The closing time must be after the opening time."))
        if (self.break_start is None) != (self.break_end is None):
            raise SettingsError(_("Give both the start and the end of a break, or neither."))
        if self.break_start is None or self.break_end is None:
            return [(self.start, self.end)]
        if not self.start < self.break_start < self.break_end < self.end:
            raise SettingsError(
                _("A break starts after opening, ends after it starts and before closing.")
            )
        return [(self.start, self.break_start), (self.break_end, self.end)]


def setup_hours_set(*, actor: User, business: Business, days: Sequence[DayHours]) -> None:
    """Give every active member of the team the salon's weekly hours (owners and managers):
    at least one open day; each member's own hours can be changed later in the settings."""
    _setup_membership(actor, business)
    weekly: dict[int, list[tuple[time, time]]] = {}
    for day in days:
        if not 0 <= day.weekday <= 6:
            raise SettingsError(_("The day must be Monday to Sunday."))
        ranges = day.ranges()
        if ranges:
            weekly[day.weekday] = ranges
    if not weekly:
        raise SettingsError(_("Open the salon at least one day a week."))
    with transaction.atomic():
        for member in StaffMember.objects.filter(business=business, is_active=True):
            working_hours_set(actor=actor, business=business, member=member, hours=weekly)
        _steps_add(business, STEP_HOURS)


def setup_step_confirm(*, actor: User, business: Business, step: str) -> None:
    """Mark a step whose data is optional or already has defaults (the team, the booking
    policy) as looked at by the owner."""
    _setup_membership(actor, business)
    if step not in (STEP_TEAM, STEP_POLICY):
        raise SettingsError(_("This step is done by filling it in."))
    _steps_add(business, step)


@dataclass(frozen=True)
class ChecklistItem:
    step: str
    label: Promise | str
    done: bool


def setup_checklist(*, actor: User, business: Business) -> list[ChecklistItem]:
    """What the salon's set-up has and lacks, in order (owners and managers)."""
    _setup_membership(actor, business)
    confirmed = set(business.setup_steps)
    has_services = Service.objects.filter(business=business, is_active=True).exists()
    has_hours = WorkingHours.objects.filter(staff__business=business).exists()
    return [
        ChecklistItem(STEP_SERVICES, _("Price list"), has_services and STEP_SERVICES in confirmed),
        ChecklistItem(STEP_HOURS, _("Opening hours"), has_hours and STEP_HOURS in confirmed),
        ChecklistItem(STEP_TEAM, _("Team"), STEP_TEAM in confirmed),
        ChecklistItem(STEP_POLICY, _("Booking policy"), STEP_POLICY in confirmed),
    ]


def salon_submit(*, actor: User, business: Business, now: datetime) -> Business:
    """Send the set-up to review (owners only), once every step of the checklist is done."""
    membership_required(actor=actor, business=business, ability=SALON_OWN)
    left = [item for item in setup_checklist(actor=actor, business=business) if not item.done]
    if left:
        raise SettingsError(
            _("Finish the set-up first: %(steps)s.")
            % {"steps": ", ".join(str(item.label) for item in left)}
        )
    moved = Business.objects.filter(pk=business.pk, review_state__in=_EDITABLE).update(
        review_state=ReviewState.SUBMITTED, submitted_at=now
    )
    if not moved:
        raise ReviewError(_("This salon is already waiting for review or approved."))
    business.refresh_from_db()
    return business


# --- Review by platform staff ------------------------------------------------------------------


def may_review(user: User | None) -> bool:
    """Platform staff with the review permission (or any staff account)."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and (user.is_staff or user.has_perm(REVIEW_PERMISSION))
    )


def _review_required(actor: User) -> None:
    if not may_review(actor):
        raise NotAllowed(_("Reviewing salons is for platform staff."))


def salons_waiting_for_review(*, actor: User) -> QuerySet[Business]:
    """Submitted salons, oldest first, with what the review looks at."""
    _review_required(actor)
    return (
        Business.objects.filter(review_state=ReviewState.SUBMITTED)
        .order_by("submitted_at", "pk")
        .prefetch_related("services", "staff__working_hours", "staff__user")
    )


def salon_approve(*, actor: User, business: Business, now: datetime) -> Business:
    """Publish a submitted salon: it appears in the search and its page opens once committed."""
    _review_required(actor)
    with transaction.atomic():
        moved = Business.objects.filter(pk=business.pk, review_state=ReviewState.SUBMITTED).update(
            review_state=ReviewState.APPROVED, is_active=True, reviewed_at=now, review_reason=""
        )
        if not moved:
            raise ReviewError()
        # A bulk UPDATE sends no signal: the search columns and the public pages are told here.
        business_reindex(business_ids=[business.pk])
        public_pages_changed(business_id=business.pk)
        business.refresh_from_db()
        agenda_url = settings.SITE_URL + reverse(
            "backoffice:agenda", kwargs={"salon": business.slug}
        )
        for owner in _owners(business):
            message_enqueue(
                template="salon_approved",
                to_address=owner.email,
                language=language_of(owner),
                context={
                    "business": {"name": business.name},
                    "page_url": settings.SITE_URL + business.get_absolute_url(),
                    "agenda_url": agenda_url,
                },
                time_zone=business.timezone,
                user=owner,
                now=now,
            )
    return business


def _owners(business: Business) -> list[User]:
    return [
        member.user
        for member in StaffMember.objects.filter(
            business=business, role=StaffRole.OWNER, is_active=True, user__isnull=False
        ).select_related("user")
        if member.user is not None
    ]


def salon_send_back(*, actor: User, business: Business, reason: str, now: datetime) -> Business:
    """Return a submitted salon to its owners with the reason, e-mailed to each of them in
    their language (through the outbox, in the same transaction)."""
    _review_required(actor)
    reason = reason.strip()
    if not reason:
        raise SettingsError(_("Say what the salon should change."))
    with transaction.atomic():
        moved = Business.objects.filter(pk=business.pk, review_state=ReviewState.SUBMITTED).update(
            review_state=ReviewState.RETURNED, reviewed_at=now, review_reason=reason
        )
        if not moved:
            raise ReviewError()
        setup_url = settings.SITE_URL + reverse("backoffice:setup", kwargs={"salon": business.slug})
        for owner in _owners(business):
            message_enqueue(
                template="salon_sent_back",
                to_address=owner.email,
                language=language_of(owner),
                context={
                    "business": {"name": business.name},
                    "owner_name": owner.first_name,
                    "reason": reason,
                    "setup_url": setup_url,
                },
                time_zone=business.timezone,
                user=owner,
                now=now,
            )
    business.refresh_from_db()
    return business
