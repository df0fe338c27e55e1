"""Bad input is a ValueError with a message saying what is wrong."""

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

from creneau.scheduling.engine import Policy, ServiceSpec, StaffSchedule, free_starts

from .helpers import PARIS, local, span, staff, starts

TUESDAY = date(2026, 6, 9)
NAIVE = datetime(2026, 6, 9, 10, 0)


def _call(**overrides):
    arguments = {
        "staff": staff("09:00-12:00"),
        "services": [ServiceSpec(30)],
        "start_date": TUESDAY,
        "end_date": TUESDAY,
        "tz": PARIS,
        "policy": Policy(),
        "now": datetime(2026, 6, 1, tzinfo=UTC),
    }
    arguments.update(overrides)
    return free_starts(**arguments)


def test_it_accepts_the_defaults():
    assert _call()


def test_it_refuses_a_naive_now():
    with pytest.raises(ValueError, match="now must be an aware datetime"):
        _call(now=NAIVE)


def test_it_refuses_a_naive_booking():
    with pytest.raises(ValueError, match="aware"):
        _call(staff=staff("09:00-12:00", busy=[(NAIVE, NAIVE + timedelta(hours=1))]))


def test_it_refuses_a_booking_with_one_naive_end():
    with pytest.raises(ValueError, match="aware"):
        _call(
            staff=staff("09:00-12:00", busy=[(local(TUESDAY, "10:00"), NAIVE + timedelta(hours=1))])
        )


def test_it_refuses_naive_time_off_among_aware_bookings():
    with pytest.raises(ValueError, match="aware"):
        _call(
            staff=staff(
                "09:00-12:00",
                busy=[span(TUESDAY, "09:00", "09:30")],
                time_off=[(NAIVE, NAIVE + timedelta(hours=1))],
            )
        )


def test_it_refuses_a_naive_closure():
    with pytest.raises(ValueError, match="closures must hold aware datetimes"):
        _call(closures=[(NAIVE, NAIVE + timedelta(hours=1))])


def test_it_takes_aware_datetimes_in_any_time_zone():
    plus_two = timezone(timedelta(hours=2))
    busy = [
        (datetime(2026, 6, 9, 9, 0, tzinfo=plus_two), datetime(2026, 6, 9, 11, 0, tzinfo=plus_two))
    ]

    assert starts(staff("09:00-12:00", busy=busy), TUESDAY) == [local(TUESDAY, "11:00")]


def test_it_refuses_an_interval_that_ends_before_it_starts():
    with pytest.raises(ValueError, match="ends before it starts"):
        _call(staff=staff("09:00-12:00", busy=[span(TUESDAY, "11:00", "10:00")]))


@pytest.mark.parametrize("step", [0, -15])
def test_it_refuses_a_slot_step_that_is_not_positive(step):
    with pytest.raises(ValueError, match="slot_step_minutes"):
        Policy(slot_step_minutes=step)


def test_it_refuses_a_negative_notice():
    with pytest.raises(ValueError, match="min_notice_minutes"):
        Policy(min_notice_minutes=-1)


def test_it_refuses_a_horizon_that_is_not_positive():
    with pytest.raises(ValueError, match="horizon_days"):
        Policy(horizon_days=0)


def test_it_refuses_a_step_that_is_not_an_integer():
    with pytest.raises(ValueError, match="slot_step_minutes"):
        Policy(slot_step_minutes=7.5)


def test_it_refuses_a_service_without_duration():
    with pytest.raises(ValueError, match="duration_minutes"):
        ServiceSpec(duration_minutes=0)


def test_it_refuses_a_negative_buffer():
    with pytest.raises(ValueError, match="buffer_minutes"):
        ServiceSpec(duration_minutes=30, buffer_minutes=-5)


def test_it_refuses_an_empty_list_of_services():
    with pytest.raises(ValueError, match="at least one"):
        _call(services=[])


def test_it_refuses_an_end_date_before_the_start_date():
    with pytest.raises(ValueError, match="before start_date"):
        _call(end_date=TUESDAY - timedelta(days=1))


def test_it_refuses_datetimes_for_dates():
    with pytest.raises(ValueError, match="start_date must be a date"):
        _call(start_date=datetime(2026, 6, 9, tzinfo=UTC))


def test_it_refuses_a_missing_time_zone():
    with pytest.raises(ValueError, match="tz must be a time zone"):
        _call(tz="Europe/Paris")


def test_it_refuses_a_working_range_that_ends_before_it_starts():
    with pytest.raises(ValueError, match="must start before it ends"):
        StaffSchedule(staff_id=1, weekly_hours={1: [(time(12), time(9))]})


def test_it_refuses_a_weekday_out_of_range():
    with pytest.raises(ValueError, match="weekday"):
        StaffSchedule(staff_id=1, weekly_hours={7: [(time(9), time(12))]})


def test_it_refuses_aware_working_hours():
    with pytest.raises(ValueError, match="naive"):
        StaffSchedule(staff_id=1, weekly_hours={1: [(time(9, tzinfo=UTC), time(12))]})
