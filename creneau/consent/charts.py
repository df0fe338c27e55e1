"""A bar chart as plain geometry for a server-rendered SVG (no JavaScript, no inline style)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Bar:
    day: date
    value: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    top: int
    bars: list[Bar]
    ticks: list[tuple[float, int]]  # (y, value) of the horizontal grid lines
    plot_left: int
    plot_bottom: int


def _nice_top(value: int) -> int:
    """The smallest 1, 2 or 5 x 10^n at least `value` (at least 1)."""
    top = 1
    while True:
        for step in (1, 2, 5):
            if step * top >= value:
                return step * top
        top *= 10


def bar_chart(points: list[tuple[date, int]], *, width: int = 720, height: int = 240) -> BarChart:
    plot_left, plot_right, plot_top, plot_bottom = 48, width - 8, 12, height - 28
    top = _nice_top(max((value for _day, value in points), default=0))
    slot = (plot_right - plot_left) / max(len(points), 1)
    scale = (plot_bottom - plot_top) / top
    bars = [
        Bar(
            day=day,
            value=value,
            x=round(plot_left + i * slot + slot * 0.15, 2),
            y=round(plot_bottom - value * scale, 2),
            width=round(slot * 0.7, 2),
            height=round(value * scale, 2),
        )
        for i, (day, value) in enumerate(points)
    ]
    fractions = (0, 0.5, 1) if top >= 2 else (0, 1)
    ticks = [(round(plot_bottom - top * f * scale, 2), round(top * f)) for f in fractions]
    return BarChart(width, height, top, bars, ticks, plot_left, plot_bottom)
