from datetime import date, timedelta

from creneau.scheduling.engine import Policy

from .helpers import local, staff, starts, wall_clock

TUESDAY = date(2026, 6, 9)
HOUR_NOTICE = Policy(slot_step_minutes=15, min_notice_minutes=60, horizon_days=60)


def test_it_offers_no_start_sooner_than_the_minimum_notice():
    now = local(TUESDAY, "08:20")

    result = starts(staff("09:00-12:00"), TUESDAY, policy=HOUR_NOTICE, now=now)

    assert wall_clock(result)[0] == "09:30"  # 09:20 is the earliest; starts stay on the grid
    assert all(start >= now + timedelta(minutes=60) for start in result)


def test_it_offers_a_start_exactly_at_the_minimum_notice():
    result = starts(staff("09:00-12:00"), TUESDAY, policy=HOUR_NOTICE, now=local(TUESDAY, "08:15"))

    assert wall_clock(result)[0] == "09:15"


def test_a_now_with_seconds_pushes_the_first_start_to_the_next_step():
    now = local(TUESDAY, "08:15") + timedelta(microseconds=1)

    result = starts(staff("09:00-12:00"), TUESDAY, policy=HOUR_NOTICE, now=now)

    assert wall_clock(result)[0] == "09:30"


def test_it_offers_nothing_today_once_the_notice_reaches_closing_time():
    result = starts(staff("09:00-12:00"), TUESDAY, policy=HOUR_NOTICE, now=local(TUESDAY, "10:01"))

    assert result == []


def test_it_offers_the_first_start_when_no_notice_is_required():
    no_notice = Policy(slot_step_minutes=15, min_notice_minutes=0)

    result = starts(staff("09:00-12:00"), TUESDAY, policy=no_notice, now=local(TUESDAY, "09:00"))

    assert wall_clock(result)[0] == "09:00"


def test_it_offers_no_start_beyond_the_horizon():
    one_day_ahead = Policy(slot_step_minutes=15, min_notice_minutes=0, horizon_days=1)
    now = local(TUESDAY, "10:00")

    result = starts(
        staff("09:00-12:00"),
        TUESDAY,
        end_date=TUESDAY + timedelta(days=3),
        minutes=60,
        policy=one_day_ahead,
        now=now,
    )

    assert result[-1] == now + timedelta(days=1)  # the horizon itself is still offered
    assert wall_clock(result) == ["10:00", "10:15", "10:30", "10:45", "11:00",  # Tuesday
                                  "09:00", "09:15", "09:30", "09:45", "10:00"]  # fmt: skip


def test_it_offers_nothing_when_the_whole_range_is_past():
    assert (
        starts(staff("09:00-12:00"), TUESDAY, policy=HOUR_NOTICE, now=local(TUESDAY, "20:00")) == []
    )
