"""Day ranges: merging the team's hours and spotting overlaps."""

from __future__ import annotations

from datetime import time

from creneau.catalog.hours import first_overlap, merge_ranges


def test_overlapping_and_touching_ranges_merge():
    ranges = [
        (time(14), time(19)),
        (time(9), time(12)),
        (time(11), time(12, 30)),
        (time(19), time(20)),
    ]
    assert merge_ranges(ranges) == [(time(9), time(12, 30)), (time(14), time(20))]


def test_a_gap_stays_a_gap():
    assert merge_ranges([(time(9), time(12)), (time(13), time(18))]) == [
        (time(9), time(12)),
        (time(13), time(18)),
    ]


def test_a_range_inside_another_disappears():
    assert merge_ranges([(time(9), time(18)), (time(10), time(11))]) == [(time(9), time(18))]


def test_touching_ranges_do_not_overlap():
    assert first_overlap([(time(9), time(12)), (time(12), time(14))]) is None


def test_overlapping_ranges_are_reported():
    assert first_overlap([(time(13), time(18)), (time(9), time(13, 30))]) == (
        (time(9), time(13, 30)),
        (time(13), time(18)),
    )
