from datetime import UTC, date

from creneau.scheduling.engine import Policy

from .helpers import local, staff, starts, wall_clock

TUESDAY = date(2026, 6, 9)


def test_it_offers_every_step_from_opening_to_the_last_start_that_fits():
    result = starts(staff("09:00-11:00"), TUESDAY, minutes=60)

    assert wall_clock(result) == ["09:00", "09:15", "09:30", "09:45", "10:00"]


def test_it_offers_no_start_that_runs_past_closing_time():
    result = starts(staff("09:00-12:00"), TUESDAY, minutes=45)

    assert wall_clock(result)[-1] == "11:15"
    assert all(start.astimezone(UTC) <= local(TUESDAY, "11:15") for start in result)


def test_it_offers_nothing_that_overlaps_a_break():
    result = starts(
        staff("09:00-12:00", "13:00-17:00"),
        TUESDAY,
        minutes=60,
        policy=Policy(slot_step_minutes=30, min_notice_minutes=0),
        now=local(TUESDAY, "00:00"),
    )

    assert wall_clock(result) == [
        "09:00", "09:30", "10:00", "10:30", "11:00",
        "13:00", "13:30", "14:00", "14:30", "15:00", "15:30", "16:00",
    ]  # fmt: skip


def test_it_does_not_join_two_working_ranges_that_touch():
    schedule = staff("09:00-10:00", "10:00-11:00")

    assert starts(schedule, TUESDAY, minutes=90) == []
    assert wall_clock(starts(schedule, TUESDAY, minutes=60)) == ["09:00", "10:00"]


def test_it_aligns_starts_on_the_start_of_the_working_range():
    every_half_hour = Policy(slot_step_minutes=30, min_notice_minutes=0)

    result = starts(
        staff("09:10-11:00"),
        TUESDAY,
        minutes=30,
        policy=every_half_hour,
        now=local(TUESDAY, "00:00"),
    )

    assert wall_clock(result) == ["09:10", "09:40", "10:10"]


def test_it_offers_nothing_on_a_day_without_hours():
    monday_to_friday = staff("09:00-18:00", weekdays=range(5))

    assert starts(monday_to_friday, date(2026, 6, 13)) == []  # a Saturday


def test_it_offers_nothing_when_the_appointment_is_longer_than_the_range():
    assert starts(staff("09:00-10:00"), TUESDAY, minutes=61) == []


def test_it_covers_every_local_date_from_start_to_end_inclusive():
    result = starts(staff("09:00-10:00"), TUESDAY, minutes=60, end_date=date(2026, 6, 11))

    assert result == [local(date(2026, 6, day), "09:00") for day in (9, 10, 11)]


def test_it_returns_sorted_utc_datetimes():
    result = starts(staff("14:00-18:00", "09:00-12:00"), TUESDAY, end_date=date(2026, 6, 12))

    assert result == sorted(set(result))
    assert all(start.tzinfo is UTC for start in result)


def test_it_offers_each_start_once_and_in_order_when_working_ranges_overlap():
    every_half_hour = Policy(slot_step_minutes=30, min_notice_minutes=0)
    schedule = staff("09:00-11:00", "09:10-12:00", "10:00-11:00")

    result = starts(
        schedule, TUESDAY, minutes=60, policy=every_half_hour, now=local(TUESDAY, "00:00")
    )

    assert wall_clock(result) == ["09:00", "09:10", "09:30", "09:40", "10:00", "10:10", "10:40"]
