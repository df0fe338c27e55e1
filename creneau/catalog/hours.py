"""Pure helpers on time ranges of one day (wall-clock `time` pairs)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time
from itertools import pairwise

TimeRange = tuple[time, time]


def merge_ranges(ranges: Iterable[TimeRange]) -> list[TimeRange]:
    """Sorted union of the ranges: touching or overlapping ranges become one."""
    merged: list[TimeRange] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def first_overlap(ranges: Iterable[TimeRange]) -> tuple[TimeRange, TimeRange] | None:
    """Two ranges that overlap (touching is fine: 09:00-12:00 then 12:00-14:00), or None."""
    ordered = sorted(ranges)
    for previous, current in pairwise(ordered):
        if current[0] < previous[1]:
            return previous, current
    return None
