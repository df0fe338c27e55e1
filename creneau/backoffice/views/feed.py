"""A team member's calendar feed: the page to get, copy, renew or stop their private address,
and the address itself, which calendar apps read without logging in."""

from __future__ import annotations

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from creneau.backoffice.guard import SalonRequest, salon_view
from creneau.bookings.feed import (
    staff_feed_ics,
    staff_feed_of,
    staff_feed_renew,
    staff_feed_revoke,
    staff_for_feed_token,
    token_hash,
)

# Calendar apps poll every 15 minutes to a few hours; more than this from one address in ten
# minutes is a loop or an abuse, answered 429 without reading the bookings.
FEED_RATE = 30
FEED_RATE_SECONDS = 600


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@salon_view()
def calendar_feed(request: SalonRequest) -> HttpResponse:
    business, token = request.salon, ""
    action = request.POST.get("action", "")
    if request.method == "POST" and action == "renew":
        token = staff_feed_renew(actor=request.user, business=business, now=timezone.now())
    elif request.method == "POST" and action == "stop":
        staff_feed_revoke(actor=request.user, business=business)
    feed = staff_feed_of(actor=request.user, business=business)
    url = ""
    if token:
        url = request.build_absolute_uri(
            reverse("backoffice:calendar_feed_ics", kwargs={"token": token})
        )
    return render(
        request,
        "backoffice/calendar_feed.html",
        {"feed": feed, "url": url, "section": "calendar"},
    )


def _too_many(digest: str) -> bool:
    key = f"calendar-feed:{digest}"
    if cache.add(key, 1, FEED_RATE_SECONDS):
        return False
    try:
        return cache.incr(key) > FEED_RATE
    except ValueError:  # expired between the two calls
        return False


@require_http_methods(["GET", "HEAD"])
def calendar_feed_ics(request: HttpRequest, token: str) -> HttpResponse:
    # Counted before the lookup, so guessing tokens costs the guesser, not the database.
    if _too_many(token_hash(token)):
        response = HttpResponse(_("Too many requests."), status=429, content_type="text/plain")
        response["Retry-After"] = str(FEED_RATE_SECONDS)
        return response
    staff = staff_for_feed_token(token)
    if staff is None:
        raise Http404
    response = HttpResponse(
        staff_feed_ics(staff=staff), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
