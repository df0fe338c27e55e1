"""Writes a salon's team makes to its salon's catalogue: details and booking policy, services
and their categories, staff and the services they perform.

Each function checks the actor's role (`creneau.catalog.permissions`) and that every object
belongs to the salon (another salon's object is NotFound, so its id is never confirmed), and
keeps the search index right through `business_save` / `business_reindex`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from creneau.accounts.models import User
from creneau.catalog.errors import SettingsError
from creneau.catalog.models import Business, Service, ServiceCategory, StaffMember, StaffRole
from creneau.catalog.permissions import (
    SALON_MANAGE,
    NotAllowed,
    NotFound,
    membership_required,
    salon_object,
)
from creneau.catalog.services import business_reindex, business_save

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
    membership_required(actor=actor, business=business, ability=SALON_MANAGE)
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


def service_category_for(*, actor: User, business: Business, pk: int) -> ServiceCategory:
    membership_required(actor=actor, business=business, ability=SALON_MANAGE)
    return salon_object(ServiceCategory, business, pk)


def service_for(*, actor: User, business: Business, pk: int) -> Service:
    membership_required(actor=actor, business=business, ability=SALON_MANAGE)
    return salon_object(Service, business, pk)


def staff_member_for(*, actor: User, business: Business, pk: int) -> StaffMember:
    """A staff member of the salon, for owners and managers; NotFound for another salon's."""
    membership_required(actor=actor, business=business, ability=SALON_MANAGE)
    return salon_object(StaffMember, business, pk)


def service_category_save(
    *, actor: User, business: Business, category: ServiceCategory
) -> ServiceCategory:
    """Create or rename a category of the salon's price list (owners and managers)."""
    membership_required(actor=actor, business=business, ability=SALON_MANAGE)
    if category.pk is not None:
        salon_object(ServiceCategory, business, category.pk)
    category.business = business
    try:
        with transaction.atomic():
            category.save()
    except IntegrityError:
        raise SettingsError(_("This salon already has a category with this name.")) from None
    return category


def service_category_delete(*, actor: User, business: Business, pk: int) -> None:
    """Delete a category; its services stay, without a category."""
    membership_required(actor=actor, business=business, ability=SALON_MANAGE)
    category = salon_object(ServiceCategory, business, pk)
    category.delete()


def service_save(
    *,
    actor: User,
    business: Business,
    service: Service,
    performers: Iterable[StaffMember],
) -> Service:
    """Create or edit a service and who performs it (owners and managers). The category and
    the performers must be the salon's own; the search index follows."""
    membership_required(actor=actor, business=business, ability=SALON_MANAGE)
    if service.pk is not None:
        salon_object(Service, business, service.pk)
    if service.category_id is not None:
        salon_object(ServiceCategory, business, service.category_id)
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
    membership = membership_required(actor=actor, business=business, ability=SALON_MANAGE)
    before = salon_object(StaffMember, business, member.pk) if member.pk is not None else None
    touches_owner = member.role == StaffRole.OWNER or (
        before is not None and before.role == StaffRole.OWNER
    )
    if touches_owner and not membership.is_owner:
        raise NotAllowed(_("Only an owner can change who owns the salon."))
    was_active_owner = before is not None and before.role == StaffRole.OWNER and before.is_active
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
