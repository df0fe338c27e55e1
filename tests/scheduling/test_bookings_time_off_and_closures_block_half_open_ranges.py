"""Bookings (extended by their buffer), time off and closures: half-open, any order."""

from datetime import date, timedelta

from .helpers import local, span, staff, starts, wall_clock

TUESDAY = date(2026, 6, 9)


def test_it_offers_nothing_that_overlaps_a_booking():
    schedule = staff("09:00-12:00", busy=[span(TUESDAY, "10:00", "10:30")])

    result = starts(schedule, TUESDAY, minutes=60)

    assert wall_clock(result) == ["09:00", "10:30", "10:45", "11:00"]


def test_it_offers_a_start_exactly_when_a_booking_ends():
    schedule = staff("09:00-12:00", busy=[span(TUESDAY, "09:00", "10:15")])

    assert wall_clock(starts(schedule, TUESDAY, minutes=60))[0] == "10:15"


def test_it_offers_a_slot_that_ends_exactly_when_a_booking_starts():
    schedule = staff("09:00-12:00", busy=[span(TUESDAY, "10:00", "12:00")])

    assert wall_clock(starts(schedule, TUESDAY, minutes=60)) == ["09:00"]


def test_a_booking_ending_exactly_when_another_starts_leaves_no_room_between():
    schedule = staff(
        "09:00-12:00",
        busy=[span(TUESDAY, "09:30", "10:15"), span(TUESDAY, "10:15", "11:00")],
    )

    result = starts(schedule, TUESDAY, minutes=30)

    assert wall_clock(result) == ["09:00", "11:00", "11:15", "11:30"]


def test_it_takes_busy_intervals_in_any_order_and_overlapping():
    in_order = staff(
        "09:00-12:00", busy=[span(TUESDAY, "09:15", "10:00"), span(TUESDAY, "10:30", "11:00")]
    )
    shuffled = staff(
        "09:00-12:00",
        busy=[
            span(TUESDAY, "10:30", "11:00"),
            span(TUESDAY, "09:30", "10:00"),
            span(TUESDAY, "09:15", "09:45"),
            span(TUESDAY, "10:40", "10:50"),
        ],
    )

    assert starts(shuffled, TUESDAY, minutes=30) == starts(in_order, TUESDAY, minutes=30)


def test_an_empty_interval_blocks_nothing():
    instant = local(TUESDAY, "10:00")
    schedule = staff("09:00-12:00", busy=[(instant, instant)])

    assert starts(schedule, TUESDAY) == starts(staff("09:00-12:00"), TUESDAY)


def test_it_offers_nothing_during_time_off_for_part_of_a_day():
    schedule = staff("09:00-12:00", "13:00-18:00", time_off=[span(TUESDAY, "13:00", "15:00")])

    result = starts(schedule, TUESDAY, minutes=60)

    assert wall_clock(result) == ["09:00", "09:15", "09:30", "09:45", "10:00", "10:15", "10:30",
                                  "10:45", "11:00", "15:00", "15:15", "15:30", "15:45", "16:00",
                                  "16:15", "16:30", "16:45", "17:00"]  # fmt: skip


def test_time_off_over_several_days_blocks_them_all():
    away = (local(TUESDAY, "00:00"), local(TUESDAY + timedelta(days=2), "00:00"))
    schedule = staff("09:00-10:00", time_off=[away])

    result = starts(schedule, TUESDAY, end_date=TUESDAY + timedelta(days=2))

    assert result == [local(TUESDAY + timedelta(days=2), "09:00")]


def test_it_offers_nothing_during_a_closure():
    closed_morning = [span(TUESDAY, "00:00", "12:00")]

    result = starts(staff("09:00-12:00", "14:00-16:00"), TUESDAY, closures=closed_morning)

    assert wall_clock(result) == ["14:00", "14:15", "14:30", "14:45", "15:00"]


def test_a_closure_may_overlap_bookings_and_time_off():
    schedule = staff(
        "09:00-12:00",
        busy=[span(TUESDAY, "09:00", "10:00")],
        time_off=[span(TUESDAY, "09:30", "10:30")],
    )

    result = starts(schedule, TUESDAY, minutes=30, closures=[span(TUESDAY, "10:15", "11:00")])

    assert wall_clock(result) == ["11:00", "11:15", "11:30"]


def test_bookings_outside_the_requested_dates_change_nothing():
    far = [
        span(TUESDAY + timedelta(days=10), "09:00", "12:00"),
        span(TUESDAY - timedelta(days=3), "09:00", "12:00"),
    ]

    assert starts(staff("09:00-12:00", busy=far), TUESDAY) == starts(staff("09:00-12:00"), TUESDAY)
