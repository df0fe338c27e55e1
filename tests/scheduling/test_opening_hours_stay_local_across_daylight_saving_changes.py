"""Opening hours are local wall-clock times: 09:00 stays 09:00 across daylight-saving changes."""

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

from creneau.scheduling.engine import Policy

from .helpers import AUCKLAND, NEW_YORK, PARIS, staff, starts, wall_clock

HOURLY = Policy(slot_step_minutes=60, min_notice_minutes=0, horizon_days=3650)
QUARTERLY = Policy(slot_step_minutes=15, min_notice_minutes=0, horizon_days=3650)
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _nine_oclock_each_day(tz, first, last):
    return starts(
        staff("09:00-10:00"), first, end_date=last, minutes=60, tz=tz, policy=HOURLY, now=NOW
    )


def test_it_keeps_nine_oclock_in_paris_around_the_last_sunday_of_march():
    saturday, sunday = _nine_oclock_each_day(PARIS, date(2026, 3, 28), date(2026, 3, 29))

    assert saturday == datetime(2026, 3, 28, 8, 0, tzinfo=UTC)  # CET, UTC+1
    assert sunday == datetime(2026, 3, 29, 7, 0, tzinfo=UTC)  # CEST, UTC+2
    assert wall_clock([saturday, sunday], PARIS) == ["09:00", "09:00"]
    assert saturday.astimezone(PARIS).utcoffset() != sunday.astimezone(PARIS).utcoffset()


def test_it_keeps_nine_oclock_in_paris_around_the_last_sunday_of_october():
    saturday, sunday = _nine_oclock_each_day(PARIS, date(2026, 10, 24), date(2026, 10, 25))

    assert saturday == datetime(2026, 10, 24, 7, 0, tzinfo=UTC)  # CEST, UTC+2
    assert sunday == datetime(2026, 10, 25, 8, 0, tzinfo=UTC)  # CET, UTC+1
    assert wall_clock([saturday, sunday], PARIS) == ["09:00", "09:00"]
    assert saturday.astimezone(PARIS).utcoffset() != sunday.astimezone(PARIS).utcoffset()


def test_it_keeps_nine_oclock_in_new_york_around_both_changes():
    spring = _nine_oclock_each_day(NEW_YORK, date(2026, 3, 7), date(2026, 3, 8))
    autumn = _nine_oclock_each_day(NEW_YORK, date(2026, 10, 31), date(2026, 11, 1))

    assert spring == [
        datetime(2026, 3, 7, 14, 0, tzinfo=UTC),  # EST, UTC-5
        datetime(2026, 3, 8, 13, 0, tzinfo=UTC),  # EDT, UTC-4
    ]
    assert autumn == [
        datetime(2026, 10, 31, 13, 0, tzinfo=UTC),  # EDT
        datetime(2026, 11, 1, 14, 0, tzinfo=UTC),  # EST
    ]


def test_it_keeps_nine_oclock_in_auckland_where_the_local_day_starts_the_utc_day_before():
    autumn = _nine_oclock_each_day(AUCKLAND, date(2026, 4, 4), date(2026, 4, 5))
    spring = _nine_oclock_each_day(AUCKLAND, date(2026, 9, 26), date(2026, 9, 27))

    assert autumn == [
        datetime(2026, 4, 3, 20, 0, tzinfo=UTC),  # NZDT, UTC+13
        datetime(2026, 4, 4, 21, 0, tzinfo=UTC),  # NZST, UTC+12
    ]
    assert spring == [
        datetime(2026, 9, 25, 21, 0, tzinfo=UTC),  # NZST
        datetime(2026, 9, 26, 20, 0, tzinfo=UTC),  # NZDT
    ]


def test_a_range_across_the_spring_change_lasts_its_real_length():
    # 00:00-06:00 local on the day clocks jump from 02:00 to 03:00 is five real hours.
    result = starts(staff("00:00-06:00"), date(2026, 3, 29), minutes=60, policy=HOURLY, now=NOW)

    assert len(result) == 5
    assert result[0] == datetime(2026, 3, 28, 23, 0, tzinfo=UTC)
    assert wall_clock(result, PARIS) == ["00:00", "01:00", "03:00", "04:00", "05:00"]


def test_a_range_across_the_autumn_change_lasts_its_real_length():
    # 00:00-06:00 local on the day 02:00-03:00 happens twice is seven real hours.
    result = starts(staff("00:00-06:00"), date(2026, 10, 25), minutes=60, policy=HOURLY, now=NOW)

    assert len(result) == 7
    assert all(b - a == timedelta(hours=1) for a, b in pairwise(result))


def test_it_reads_a_local_time_skipped_by_spring_forward_with_the_offset_before_it():
    # 02:30 does not exist on 2026-03-29 in Paris; fold=0 reads it with UTC+1: 01:30 UTC,
    # which is 03:30 summer time. 03:30 summer time is also where 03:30 local is.
    result = starts(staff("02:30-04:30"), date(2026, 3, 29), minutes=60, policy=HOURLY, now=NOW)

    assert result == [datetime(2026, 3, 29, 1, 30, tzinfo=UTC)]
    assert wall_clock(result, PARIS) == ["03:30"]


def test_it_reads_a_local_time_repeated_by_fall_back_as_its_first_occurrence():
    # 02:30 happens twice on 2026-10-25 in Paris; fold=0 takes the first, summer-time one.
    result = starts(staff("02:30-04:30"), date(2026, 10, 25), minutes=60, policy=HOURLY, now=NOW)

    assert result[0] == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert len(result) == 3  # 00:30, 01:30 and 02:30 UTC: three real hours until 04:30 CET


def test_a_range_inside_the_spring_gap_is_read_with_the_offset_before_it():
    # 02:15-02:45 does not exist on 2026-03-29 in Paris: both ends read with UTC+1.
    result = starts(staff("02:15-02:45"), date(2026, 3, 29), minutes=15, policy=QUARTERLY, now=NOW)

    assert result == [
        datetime(2026, 3, 29, 1, 15, tzinfo=UTC),
        datetime(2026, 3, 29, 1, 30, tzinfo=UTC),
    ]


def test_a_range_whose_end_reads_before_its_start_offers_nothing():
    # 02:30 (skipped, read with UTC+1) is 01:30 UTC; 03:00 (UTC+2) is 01:00 UTC.
    assert (
        starts(staff("02:30-03:00"), date(2026, 3, 29), minutes=15, policy=QUARTERLY, now=NOW) == []
    )
