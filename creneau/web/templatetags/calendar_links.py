from django import template

from creneau.bookings.calendar_links import CalendarLinks, booking_calendar_links
from creneau.bookings.models import Booking

register = template.Library()


@register.simple_tag
def calendar_links_of(booking: Booking) -> CalendarLinks:
    return booking_calendar_links(booking=booking)
