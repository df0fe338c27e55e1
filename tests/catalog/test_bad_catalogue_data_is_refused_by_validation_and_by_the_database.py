"""Bad catalogue data is refused twice: by full_clean() with a message, and by the database."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from creneau.catalog.models import (
    Business,
    Closure,
    Service,
    ServiceCategory,
    StaffMember,
    TimeOff,
    WorkingHours,
)


@pytest.fixture(autouse=True)
def _english():
    # The messages are compared in English, whatever the French catalogue says.
    with translation.override("en"):
        yield


def messages_of(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


def assert_database_refuses(make_row, constraint: str) -> None:
    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        make_row()
    # SQLite names the failed CHECK constraint; PostgreSQL does too.
    assert constraint in str(raised.value) or "UNIQUE" in str(raised.value).upper()


@pytest.fixture
def staff(salon) -> StaffMember:
    return salon.staff.get(display_name="Chloé")


def test_a_slot_step_out_of_range_is_rejected_with_a_clear_message(salon):
    salon.slot_step_minutes = 1
    with pytest.raises(ValidationError) as raised:
        salon.full_clean()
    assert "slot_step_minutes" in raised.value.message_dict
    assert_database_refuses(
        lambda: Business.objects.filter(pk=salon.pk).update(slot_step_minutes=1),
        "catalog_business_slot_step_range",
    )


def test_a_booking_horizon_of_zero_days_is_rejected(salon):
    assert_database_refuses(
        lambda: Business.objects.filter(pk=salon.pk).update(horizon_days=0),
        "catalog_business_horizon_range",
    )


def test_an_unknown_category_is_rejected(salon):
    salon.category = "tattoo"
    with pytest.raises(ValidationError) as raised:
        salon.full_clean()
    assert "category" in raised.value.message_dict
    assert_database_refuses(
        lambda: Business.objects.filter(pk=salon.pk).update(category="tattoo"),
        "catalog_business_category_valid",
    )


def test_two_salons_cannot_share_a_slug(salon, make_business):
    other = make_business("Autre salon")
    other.slug = salon.slug
    with pytest.raises(ValidationError) as raised:
        other.full_clean()
    assert "slug" in raised.value.message_dict
    assert_database_refuses(
        lambda: Business.objects.filter(pk=other.pk).update(slug=salon.slug), "slug"
    )


def test_an_unknown_time_zone_is_rejected(salon):
    salon.timezone = "Europe/Atlantis"
    with pytest.raises(ValidationError) as raised:
        salon.full_clean()
    assert raised.value.message_dict["timezone"] == [
        "Europe/Atlantis is not a known time zone (for example Europe/Paris)."
    ]


def test_a_postcode_must_have_five_digits(salon):
    salon.postcode = "7501"
    with pytest.raises(ValidationError) as raised:
        salon.full_clean()
    assert raised.value.message_dict["postcode"] == ["Enter a French postcode of five digits."]


def test_coordinates_come_in_pairs_within_range(salon):
    salon.latitude = Decimal("48.85")
    salon.longitude = None
    with pytest.raises(ValidationError) as raised:
        salon.full_clean()
    assert "Give both latitude (-90 to 90) and longitude (-180 to 180), or neither." in messages_of(
        raised.value
    )
    assert_database_refuses(
        lambda: Business.objects.filter(pk=salon.pk).update(
            latitude=Decimal("95"), longitude=Decimal("2.35")
        ),
        "catalog_business_coordinates_pair",
    )


def test_a_service_must_last_at_least_five_minutes(salon):
    service = Service(business=salon, name="Éclair", duration_minutes=0, price=Decimal("10"))
    with pytest.raises(ValidationError) as raised:
        service.full_clean()
    assert "duration_minutes" in raised.value.message_dict
    assert_database_refuses(lambda: service.save(), "catalog_service_duration_range")


def test_a_service_cannot_have_a_negative_price(salon):
    service = Service(business=salon, name="Remise", duration_minutes=15, price=Decimal("-5"))
    with pytest.raises(ValidationError) as raised:
        service.full_clean()
    assert "price" in raised.value.message_dict
    assert_database_refuses(lambda: service.save(), "catalog_service_price_not_negative")


def test_a_free_service_is_allowed(salon):
    service = Service(business=salon, name="Diagnostic", duration_minutes=15, price=Decimal("0"))
    service.full_clean()


def test_a_price_keeps_two_decimal_places_at_most(salon):
    service = Service(business=salon, name="Coupe", duration_minutes=30, price=Decimal("25.555"))
    with pytest.raises(ValidationError) as raised:
        service.full_clean()
    assert "price" in raised.value.message_dict


def test_a_buffer_longer_than_four_hours_is_rejected(salon):
    service = Service(
        business=salon, name="Couleur", duration_minutes=60, buffer_minutes=300, price=50
    )
    assert_database_refuses(lambda: service.save(), "catalog_service_buffer_range")


def test_working_hours_must_end_after_they_start(staff):
    hours = WorkingHours(staff=staff, weekday=0, start=time(14), end=time(9))
    with pytest.raises(ValidationError) as raised:
        hours.full_clean()
    assert "The end time must be after the start time." in messages_of(raised.value)
    assert_database_refuses(lambda: hours.save(), "catalog_workinghours_end_after_start")


def test_working_hours_need_a_day_from_monday_to_sunday(staff):
    hours = WorkingHours(staff=staff, weekday=7, start=time(9), end=time(12))
    with pytest.raises(ValidationError):
        hours.full_clean()
    assert_database_refuses(lambda: hours.save(), "catalog_workinghours_weekday_valid")


def test_time_off_must_end_after_it_starts(staff):
    start = datetime(2026, 12, 1, 9, tzinfo=UTC)
    time_off = TimeOff(staff=staff, start=start, end=start)
    with pytest.raises(ValidationError) as raised:
        time_off.full_clean()
    assert "The end must be after the start." in messages_of(raised.value)
    assert_database_refuses(lambda: time_off.save(), "catalog_timeoff_end_after_start")


def test_a_closure_cannot_end_before_it_starts(salon):
    closure = Closure(business=salon, start_date=date(2026, 12, 24), end_date=date(2026, 12, 23))
    with pytest.raises(ValidationError) as raised:
        closure.full_clean()
    assert "The last day cannot be before the first day." in messages_of(raised.value)
    assert_database_refuses(lambda: closure.save(), "catalog_closure_end_not_before_start")


def test_a_one_day_closure_is_allowed(salon):
    Closure(
        business=salon, start_date=date(2026, 12, 25), end_date=date(2026, 12, 25), label="Noël"
    ).full_clean()


def test_a_user_joins_a_salons_team_once(salon, customer):
    StaffMember.objects.create(business=salon, display_name="Camille", user=customer)
    twice = StaffMember(business=salon, display_name="Camille D.", user=customer)
    with pytest.raises(ValidationError) as raised:
        twice.full_clean()
    assert "This user is already a member of this salon's team." in messages_of(raised.value)
    assert_database_refuses(lambda: twice.save(), "catalog_staffmember_unique_user")


def test_several_staff_members_may_have_no_account(salon):
    StaffMember.objects.create(business=salon, display_name="Sans compte 1")
    StaffMember.objects.create(business=salon, display_name="Sans compte 2")


def test_an_unknown_role_is_rejected(salon):
    member = StaffMember(business=salon, display_name="Zoé", role="intern")
    with pytest.raises(ValidationError):
        member.full_clean()
    assert_database_refuses(lambda: member.save(), "catalog_staffmember_role_valid")


def test_a_salon_has_each_price_list_heading_once(salon):
    twice = ServiceCategory(business=salon, name="Couleur")
    with pytest.raises(ValidationError) as raised:
        twice.full_clean()
    assert "This salon already has a category with this name." in messages_of(raised.value)
    assert_database_refuses(lambda: twice.save(), "catalog_servicecategory_unique_name")
