"""Charts as plain geometry for server-rendered SVG: readable without JavaScript, no inline
style (presentation attributes only), each with a table of the same figures beside it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from creneau.bookings.dashboard import Occupancy


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | Decimal
    x: float
    y: float
    width: float
    height: float
    upcoming: bool = False


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    plot_left: int
    plot_top: int
    plot_bottom: int
    bars: list[Bar]
    ticks: Sequence[tuple[float, int | Decimal]]
    split_x: float | None = None
    labels: list[tuple[float, str]] | None = None


def _nice_top(value: float) -> int:
    """The smallest 1, 2 or 5 x 10^n at least `value` (at least 1)."""
    top = 1
    while True:
        for step in (1, 2, 5):
            if step * top >= value:
                return step * top
        top *= 10


def bar_chart(
    points: list[tuple[date, int | Decimal]],
    *,
    split: date | None = None,
    width: int = 720,
    height: int = 220,
) -> Chart:
    """One bar a day; days from `split` on are marked upcoming (drawn lighter, after a line)."""
    left, right, top_margin, bottom = 52, width - 8, 12, height - 30
    top = _nice_top(float(max((value for _d, value in points), default=0)))
    slot = (right - left) / max(len(points), 1)
    scale = (bottom - top_margin) / top
    bars = []
    split_x = None
    labels = []
    for i, (day, value) in enumerate(points):
        x = left + i * slot
        if split is not None and day == split:
            split_x = round(x, 2)
        bars.append(
            Bar(
                label=day.isoformat(),
                value=value,
                x=round(x + slot * 0.15, 2),
                y=round(bottom - float(value) * scale, 2),
                width=round(slot * 0.7, 2),
                height=round(float(value) * scale, 2),
                upcoming=split is not None and day >= split,
            )
        )
        if i % 7 == 0:
            labels.append((round(x, 2), day.strftime("%d/%m")))
    fractions = (0, 0.5, 1) if top % 2 == 0 else (0, 1)
    ticks = [(round(bottom - top * f * scale, 2), round(top * f)) for f in fractions]
    return Chart(width, height, left, top_margin, bottom, bars, ticks, split_x, labels)


def occupancy_chart(past: list[Occupancy], upcoming: list[Occupancy], *, width: int = 720) -> Chart:
    """Two horizontal bars per staff member (last 30 days, next 30 days), 0-100 %."""
    left, right, row, top_margin = 140, width - 48, 34, 8
    height = top_margin + row * len(past) + 24
    scale = (right - left) / 100
    bars = []
    for i, (before, after) in enumerate(zip(past, upcoming, strict=True)):
        y = top_margin + i * row
        for j, occupancy in enumerate((before, after)):
            percent = min(occupancy.percent or 0, 100)
            bars.append(
                Bar(
                    label=occupancy.staff.display_name,
                    value=occupancy.percent if occupancy.percent is not None else 0,
                    x=left,
                    y=y + j * 14,
                    width=round(percent * scale, 2),
                    height=12,
                    upcoming=bool(j),
                )
            )
    ticks = [(round(left + f * scale, 2), f) for f in (0, 50, 100)]
    return Chart(width, height, left, top_margin, height - 24, bars, ticks)
