"""The agenda's geometry: aware times -> rows of a CSS grid, without inline styles.

The Content-Security-Policy forbids `style=""`, so a block is placed by two classes from
backoffice.css: `r-N` (its first row) and `s-N` (how many rows it spans), one row per
`ROW_MINUTES` of local wall-clock time, N up to a whole day. The window shown runs from the
earliest hour anyone works (or is booked, or off) to the latest, on whole hours.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from creneau.bookings.agenda import Agenda, AgendaColumn
from creneau.bookings.models import Booking

ROW_MINUTES = 5
DAY_MINUTES = 24 * 60
MAX_ROWS = DAY_MINUTES // ROW_MINUTES
DEFAULT_WINDOW = (9 * 60, 18 * 60)


def _minute_of(moment: datetime, day: date, tz: ZoneInfo) -> int:
    """Local wall-clock minutes since `day`'s midnight, clamped to the day."""
    local = moment.astimezone(tz)
    if local.date() < day:
        return 0
    if local.date() > day:
        return DAY_MINUTES
    return local.hour * 60 + local.minute


@dataclass
class Item:
    kind: str  # "off", "closed", "timeoff", "booking", "now"
    row: int
    span: int
    label: str = ""
    start: str = ""
    end: str = ""
    booking: Booking | None = None
    minutes: int = 0


@dataclass
class ColumnView:
    column: AgendaColumn
    items: list[Item] = field(default_factory=list)


@dataclass
class Grid:
    first_minute: int
    last_minute: int
    hours: list[Item]
    columns: list[ColumnView]

    @property
    def rows(self) -> int:
        return (self.last_minute - self.first_minute) // ROW_MINUTES


def _window(agenda: Agenda) -> tuple[int, int]:
    tz = agenda.tz
    starts: list[int] = []
    ends: list[int] = []
    for column in agenda.columns:
        spans = [*column.working, *[(s, e) for s, e, _r in column.time_off]]
        spans += [(b.start, b.end) for b in column.bookings]
        for start, end in spans:
            starts.append(_minute_of(start, column.day, tz))
            ends.append(_minute_of(end, column.day, tz))
    if not starts:
        return DEFAULT_WINDOW
    first = min(starts) // 60 * 60
    last = -(-max(ends) // 60) * 60
    return first, max(last, first + 60)


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def agenda_grid(agenda: Agenda, *, now: datetime) -> Grid:
    """Place every column's shading, time off, bookings and the "now" line on the grid."""
    tz = agenda.tz
    first, last = _window(agenda)

    def place(kind: str, start: int, end: int, **extra: object) -> Item | None:
        start, end = max(start, first), min(end, last)
        if end <= start:
            return None
        row = (start - first) // ROW_MINUTES + 1
        span = max(1, -(-(end - first) // ROW_MINUTES) - row + 1)
        return Item(kind, row, span, start=_hhmm(start), end=_hhmm(end), **extra)  # type: ignore[arg-type]

    hours = [
        item
        for minute in range(first, last, 60)
        if (item := place("hour", minute, minute + 60, label=_hhmm(minute))) is not None
    ]
    today = now.astimezone(tz).date()
    now_minute = _minute_of(now, today, tz)
    columns = []
    for column in agenda.columns:
        items: list[Item] = []
        if column.closed:
            items.append(place("closed", first, last, label=column.closure or ""))  # type: ignore[arg-type]
        else:
            cursor = first
            for start, end in sorted(column.working):
                s, e = _minute_of(start, column.day, tz), _minute_of(end, column.day, tz)
                if s > cursor and (item := place("off", cursor, s)) is not None:
                    items.append(item)
                cursor = max(cursor, e)
            if cursor < last and (item := place("off", cursor, last)) is not None:
                items.append(item)
        for start, end, reason in column.time_off:
            item = place(
                "timeoff",
                _minute_of(start, column.day, tz),
                _minute_of(end, column.day, tz),
                label=reason,
            )
            if item is not None:
                items.append(item)
        for booking in column.bookings:
            item = place(
                "booking",
                _minute_of(booking.start, column.day, tz),
                _minute_of(booking.end, column.day, tz),
                booking=booking,
                minutes=int(booking.duration.total_seconds() // 60),
            )
            if item is not None:
                items.append(item)
        if column.day == today and first <= now_minute < last:
            items.append(
                Item("now", (now_minute - first) // ROW_MINUTES + 1, 1, start=_hhmm(now_minute))
            )
        columns.append(ColumnView(column, items))
    return Grid(first, last, hours, columns)
