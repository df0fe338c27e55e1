"""Reviews on the site: the salon's reviews, writing one after a visit, reporting one, and
the "no more invitations" link. Every rule is in `creneau.reviews`."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.html import _json_script_escapes  # type: ignore[attr-defined]  # private, not in django-stubs
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from creneau.accounts.requests import AuthedHttpRequest
from creneau.bookings.models import Booking
from creneau.bookings.selectors import booking_of_customer
from creneau.catalog.models import Business
from creneau.reviews.errors import ReviewError
from creneau.reviews.models import DISPLAY_NAME_MAX_LENGTH, TEXT_MAX_LENGTH, Review
from creneau.reviews.selectors import rating_summary, visible_reviews
from creneau.reviews.services import (
    default_display_name,
    invitations_off_user,
    review_create,
    review_invitations_set,
    review_refusal,
    review_report,
)

SALON_PAGE_REVIEWS = 5
REVIEWS_PER_PAGE = 10


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=gettext_lazy("Your rating"),
        coerce=int,
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=gettext_lazy("Your review (optional)"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    display_name = forms.CharField(
        label=gettext_lazy("Shown as"),
        max_length=DISPLAY_NAME_MAX_LENGTH,
        help_text=gettext_lazy("Your review is published with this name."),
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why should this review be looked at?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def aggregate_rating_json(business: Business, summary: Any) -> SafeString:
    """Schema.org `AggregateRating` of the salon, as JSON-LD escaped for a <script> element."""
    if not summary.count:
        return mark_safe("")
    from django.conf import settings

    data = {
        "@context": "https://schema.org",
        "@type": "LocalBusiness",
        "@id": f"{settings.SITE_URL}{business.get_absolute_url()}",
        "name": business.name,
        "aggregateRating": {
            "@type": "AggregateRating",
            "ratingValue": str(summary.average),
            "ratingCount": summary.count,
            "bestRating": 5,
            "worstRating": 1,
        },
    }
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_json_script_escapes))


def salon_reviews_context(business: Business) -> dict[str, Any]:
    """What the salon page shows of its reviews: the summary, the newest few, JSON-LD."""
    summary = rating_summary(business=business)
    return {
        "rating": summary,
        # Read only when there is something to show: a salon without reviews costs no query.
        "latest_reviews": list(visible_reviews(business=business)[:SALON_PAGE_REVIEWS])
        if summary.count
        else [],
        "aggregate_rating_json": aggregate_rating_json(business, summary),
    }


@require_safe
def salon_reviews(request: HttpRequest, city: str, slug: str) -> HttpResponse:
    """All the visible reviews of a salon, newest first, page by page."""
    business = get_object_or_404(Business, city_slug=city, slug=slug, is_active=True)
    paginator = Paginator(visible_reviews(business=business), REVIEWS_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404("No such page of reviews.") from None
    return render(
        request,
        "web/reviews/salon_reviews.html",
        {
            "business": business,
            "rating": rating_summary(business=business),
            "page_obj": page,
            "reviews": page.object_list,
            "query_string": "",
        },
    )


def _own_booking(request: AuthedHttpRequest, reference: str) -> Booking:
    try:
        return booking_of_customer(customer=request.user, reference=reference)
    except Booking.DoesNotExist:
        raise Http404("No such booking.") from None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def write(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    """Review one of my past visits."""
    booking = _own_booking(request, reference)
    now = timezone.now()
    refusal = review_refusal(booking=booking, user=request.user, now=now)
    form = ReviewForm(
        request.POST if request.method == "POST" else None,
        initial={"display_name": default_display_name(request.user)},
    )
    if request.method == "POST" and refusal is None and form.is_valid():
        try:
            review_create(
                booking=booking,
                author=request.user,
                rating=form.cleaned_data["rating"],
                text=form.cleaned_data["text"],
                display_name=form.cleaned_data["display_name"],
                now=now,
            )
        except ReviewError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Thank you: your review is published."))
            return redirect(booking.business.get_absolute_url() + "#reviews")
    return render(
        request,
        "web/reviews/write.html",
        {"booking": booking, "form": form, "refusal": refusal},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """Anyone may report a review to the moderators."""
    review = get_object_or_404(Review, pk=pk, hidden_at__isnull=True)
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            # The service keeps no reporter for a visitor who is not logged in.
            reporter = request.user if request.user.is_authenticated else None
            review_report(review=review, reason=form.cleaned_data["reason"], reporter=reporter)
        except ReviewError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Thank you: our moderators will look at this review."))
            return redirect(review.business.get_absolute_url() + "#reviews")
    return render(request, "web/reviews/report.html", {"review": review, "form": form})


@require_http_methods(["GET", "HEAD", "POST"])
def invitations_off(request: HttpRequest, token: str) -> HttpResponse:
    """The link of every invitation: a button (a GET by a mail scanner changes nothing)."""
    user = invitations_off_user(token=token)
    if user is None:
        raise Http404("No such link.")
    done = False
    if request.method == "POST":
        review_invitations_set(user=user, allowed=False)
        done = True
    return render(request, "web/reviews/invitations_off.html", {"done": done})


@require_POST
@login_required
def invitations_on(request: AuthedHttpRequest) -> HttpResponse:
    review_invitations_set(user=request.user, allowed=True)
    messages.success(request, _("You will be invited to review your visits again."))
    return redirect("booking:list")
