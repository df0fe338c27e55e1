"""The agenda's geometry and markup: aware times -> rows of a CSS grid, without inline styles.

The Content-Security-Policy forbids `style=""`, so a block is placed by two classes from
backoffice.css: `r-N` (its first row) and `s-N` (how many rows it spans), one row per
`ROW_MINUTES` of local wall-clock time, N up to a whole day. The window shown runs from the
earliest hour anyone works (or is booked, or off) to the latest, on whole hours.

Each block's markup is built here, every text escaped with `html.escape` (what Django's
`escape` does, without its lazy-string wrapper), and marked safe once per column, rather than
by template loops: a busy day is hundreds of blocks, and the template engine's cost per
variable, or `format_html`'s per argument, would dominate the page (bench/agenda_bench.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from html import escape
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from creneau.bookings.agenda import Agenda, AgendaBooking, AgendaColumn
from creneau.bookings.models import BookingStatus
from creneau.catalog.formatting import duration_label, short_day

ROW_MINUTES = 5
DAY_MINUTES = 24 * 60
MAX_ROWS = DAY_MINUTES // ROW_MINUTES
DEFAULT_WINDOW = (9 * 60, 18 * 60)
_REFERENCE = "REFERENCE"


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
    kind: str  # "hour", "off", "closed", "timeoff", "booking", "now"
    row: int
    span: int
    start: str = ""
    end: str = ""
    html: str = ""  # escaped markup


@dataclass
class ColumnView:
    column: AgendaColumn
    items: list[Item] = field(default_factory=list)
    head_href: str = ""  # this staff member's week, or this day (week view)
    add_href: str = ""  # a new booking with this staff member on this day
    head_label: str = ""
    add_label: str = ""
    # What the agenda's script needs to book, block or move there (escaped attributes).
    data: str = ""

    @property
    def html(self) -> SafeString:
        return mark_safe("".join(item.html for item in self.items))

    @property
    def attrs(self) -> SafeString:
        return mark_safe(self.data)  # built in agenda_grid from escaped values


@dataclass
class Grid:
    first_minute: int
    last_minute: int
    hours: list[Item]
    columns: list[ColumnView]

    @property
    def rows(self) -> int:
        return (self.last_minute - self.first_minute) // ROW_MINUTES

    @property
    def hours_html(self) -> SafeString:
        return mark_safe("".join(item.html for item in self.hours))


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


class _Texts:
    """The words of the grid, translated once per request."""

    def __init__(self) -> None:
        self.closed = _("Salon closed")
        self.time_off = _("Time off %(start)s\u2013%(end)s")
        self.now = _("Now: %(time)s")
        self.by_salon = _("(entered by the salon)")
        self.erased = _("(erased)")
        self.add = _("New booking with %(name)s on %(day)s")
        self.status = {value: str(label) for value, label in BookingStatus.choices}
        self._minutes: dict[int, str] = {}

    def minutes(self, n: int) -> str:
        text = self._minutes.get(n)
        if text is None:
            text = self._minutes[n] = duration_label(n)
        return text


def _booking_html(
    item: Item, booking: AgendaBooking, href: str, texts: _Texts, move_href: str
) -> str:
    status = ""
    if booking.status != BookingStatus.CONFIRMED:
        status = (
            f'<span class="agenda-status">{escape(texts.status.get(booking.status, ""))}</span>'
        )
    by_salon = (
        f'<span class="visually-hidden">{escape(texts.by_salon)}</span>' if booking.by_salon else ""
    )
    # Only a confirmed booking can be moved; the script drags the blocks that say where to.
    movable = (
        f' data-move="{escape(move_href)}"' if booking.status == BookingStatus.CONFIRMED else ""
    )
    return (
        f'<a class="agenda-booking status-{escape(booking.status)} r-{item.row} s-{item.span}" '
        f'href="{escape(href)}"{movable}>'
        f'<span class="agenda-time">{item.start}\u2013{item.end}</span>'
        f'<strong class="agenda-name">{escape(booking.name or texts.erased)}</strong>'
        f'<span class="agenda-services">{escape(", ".join(booking.services))} · '
        f"{escape(texts.minutes(booking.minutes))}</span>{status}{by_salon}</a>"
    )


def agenda_grid(agenda: Agenda, *, now: datetime) -> Grid:
    """Place every column's shading, time off, bookings and the "now" line on the grid."""
    tz = agenda.tz
    first, last = _window(agenda)
    texts = _Texts()
    slug = agenda.business.slug
    booking_url = reverse("backoffice:booking", kwargs={"salon": slug, "reference": _REFERENCE})
    day_url = reverse("backoffice:agenda", kwargs={"salon": slug})
    week_url = reverse("backoffice:agenda_week", kwargs={"salon": slug})
    new_url = reverse("backoffice:booking_new", kwargs={"salon": slug})
    move_url = reverse("backoffice:booking_move", kwargs={"salon": slug, "reference": _REFERENCE})
    time_off_url = reverse("backoffice:time_off", kwargs={"salon": slug})
    by_day = len(agenda.days) > 1

    def place(kind: str, start: int, end: int) -> Item | None:
        start, end = max(start, first), min(end, last)
        if end <= start:
            return None
        row = (start - first) // ROW_MINUTES + 1
        span = max(1, -(-(end - first) // ROW_MINUTES) - row + 1)
        return Item(kind, row, span, start=_hhmm(start), end=_hhmm(end))

    hours = []
    for minute in range(first, last, 60):
        item = place("hour", minute, minute + 60)
        if item is not None:
            item.html = f'<div class="agenda-hour r-{item.row} s-{item.span}">{item.start}</div>'
            hours.append(item)

    today = now.astimezone(tz).date()
    now_minute = _minute_of(now, today, tz)
    columns = []
    for column in agenda.columns:
        items: list[Item] = []
        if column.closed:
            item = place("closed", first, last)
            if item is not None:
                label = f"{texts.closed}: {column.closure}" if column.closure else texts.closed
                item.html = (
                    f'<p class="agenda-closed r-{item.row} s-{item.span}">{escape(label)}</p>'
                )
                items.append(item)
        else:
            gaps = []
            cursor = first
            for start, end in sorted(column.working):
                s, e = _minute_of(start, column.day, tz), _minute_of(end, column.day, tz)
                if s > cursor:
                    gaps.append((cursor, s))
                cursor = max(cursor, e)
            gaps.append((cursor, last))
            for start_minute, end_minute in gaps:
                item = place("off", start_minute, end_minute)
                if item is not None:
                    item.html = (
                        f'<div class="agenda-off r-{item.row} s-{item.span}" '
                        'aria-hidden="true"></div>'
                    )
                    items.append(item)
        for start, end, reason in column.time_off:
            item = place(
                "timeoff", _minute_of(start, column.day, tz), _minute_of(end, column.day, tz)
            )
            if item is not None:
                note = f'<span class="agenda-note">{escape(reason)}</span>' if reason else ""
                label = texts.time_off % {"start": item.start, "end": item.end}
                item.html = (
                    f'<p class="agenda-timeoff r-{item.row} s-{item.span}">'
                    f"{escape(label)}{note}</p>"
                )
                items.append(item)
        for booking in column.bookings:
            item = place(
                "booking",
                _minute_of(booking.start, column.day, tz),
                _minute_of(booking.end, column.day, tz),
            )
            if item is not None:
                href = booking_url.replace(_REFERENCE, booking.reference)
                item.html = _booking_html(
                    item, booking, href, texts, move_url.replace(_REFERENCE, booking.reference)
                )
                items.append(item)
        if column.day == today and first <= now_minute < last:
            item = Item("now", (now_minute - first) // ROW_MINUTES + 1, 1, start=_hhmm(now_minute))
            label = texts.now % {"time": item.start}
            item.html = (
                f'<div class="agenda-now r-{item.row}" role="presentation">'
                f'<span class="visually-hidden">{escape(label)}</span></div>'
            )
            items.append(item)
        day_iso = column.day.isoformat()
        staff_id = column.staff.pk
        offset = datetime.combine(column.day, time(12), tzinfo=tz).strftime("%z")
        data = (
            f'data-staff="{staff_id}" data-day="{day_iso}" '
            f'data-offset="{offset[:3]}:{offset[3:]}" '
            f'data-new="{escape(new_url)}?staff={staff_id}&amp;date={day_iso}" '
            f'data-block="{escape(time_off_url)}?staff={staff_id}"'
        )
        columns.append(
            ColumnView(
                column,
                items,
                head_href=f"{day_url}?date={day_iso}"
                if by_day
                else f"{week_url}?staff={staff_id}&date={day_iso}",
                add_href=f"{new_url}?staff={staff_id}&date={day_iso}",
                head_label=short_day(column.day) if by_day else column.staff.display_name,
                add_label=texts.add
                % {
                    "name": column.staff.display_name,
                    "day": date_format(column.day, "l j F"),
                },
                data=data,
            )
        )
    return Grid(first, last, hours, columns)
