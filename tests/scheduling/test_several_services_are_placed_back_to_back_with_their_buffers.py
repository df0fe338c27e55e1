from datetime import date

from creneau.scheduling.engine import Policy

from .helpers import local, span, staff, starts, wall_clock

TUESDAY = date(2026, 6, 9)
EVERY_TEN_MINUTES = Policy(slot_step_minutes=10, min_notice_minutes=0)
NOW = local(TUESDAY, "00:00")


def test_it_places_several_services_back_to_back_with_their_inner_buffers():
    # A cut (30 min + 10 min buffer) then a blow-dry (20 min): 60 minutes in all.
    schedule = staff("09:00-11:00", busy=[span(TUESDAY, "10:30", "11:00")])

    result = starts(
        schedule, TUESDAY, minutes=[(30, 10), (20, 0)], policy=EVERY_TEN_MINUTES, now=NOW
    )

    # 09:40 would fit 50 minutes, not 60: the inner buffer counts.
    assert wall_clock(result) == ["09:00", "09:10", "09:20", "09:30"]


def test_it_counts_the_buffer_of_the_last_service():
    every_five_minutes = Policy(slot_step_minutes=5, min_notice_minutes=0)

    result = starts(
        staff("09:00-10:00"), TUESDAY, minutes=[(45, 5)], policy=every_five_minutes, now=NOW
    )

    assert wall_clock(result) == ["09:00", "09:05", "09:10"]


def test_a_buffer_may_not_run_past_closing_time():
    result = starts(
        staff("09:00-10:00"), TUESDAY, minutes=[(50, 10)], policy=EVERY_TEN_MINUTES, now=NOW
    )

    assert wall_clock(result) == ["09:00"]


def test_three_services_need_the_sum_of_their_durations_and_buffers():
    result = starts(
        staff("09:00-10:30"),
        TUESDAY,
        minutes=[(20, 5), (20, 5), (30, 10)],
        policy=EVERY_TEN_MINUTES,
        now=NOW,
    )

    assert wall_clock(result) == ["09:00"]  # 90 minutes in a 90-minute range
