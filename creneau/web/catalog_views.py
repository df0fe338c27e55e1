"""Public catalogue pages: search results, city pages and the salon page.

Caching: these pages are the same for every visitor with the same cookies, but they embed a
CSRF token (the language form of the layout) and the header depends on the session, so a
shared cache must not keep them. They are marked `private` with a short max-age: the browser
may reuse them (back button, revisits), and `Vary: Cookie` (set by our LanguageMiddleware)
makes it fetch again after logging in or changing language. The salon page shows its next
free times, so it is kept one minute only, like the lists; a stale time costs nothing worse
than the booking's own re-check ("this slot has just been taken").
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import InvalidPage
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from creneau.bookings.availability import next_free_starts
from creneau.bookings.personalisation import salon_view_record
from creneau.catalog.models import Business, BusinessCategory
from creneau.catalog.selectors import business_detail as select_business_detail
from creneau.catalog.selectors import business_search_page, city_name
from creneau.consent.cookies import remember_search
from creneau.web.forms import SalonSearchForm
from creneau.web.page_cache import public_page

PAGE_SIZE = 20
LIST_MAX_AGE = 60
SALON_MAX_AGE = 60

CATEGORY_PLURALS: dict[str, Promise] = {
    BusinessCategory.HAIR: _("Hair salons"),
    BusinessCategory.BARBER: _("Barbers"),
    BusinessCategory.BEAUTY: _("Beauty salons"),
    BusinessCategory.NAILS: _("Nail bars"),
    BusinessCategory.SPA: _("Spas"),
}


def _query_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _results_context(
    request: HttpRequest, form: SalonSearchForm, *, city_slug: str = ""
) -> dict[str, Any]:
    # An invalid field (too long, unknown category) is reported by the form and left out.
    form.is_valid()
    data: dict[str, Any] = form.cleaned_data
    text = data.get("q") or ""
    where = data.get("where") or ""
    category = data.get("category") or ""
    try:
        page = business_search_page(
            number=request.GET.get("page") or 1,
            per_page=PAGE_SIZE,
            text=text,
            # On a city page the form shows the city's name; the exact slug is the criterion.
            where="" if city_slug else where,
            category=category,
            city_slug=city_slug,
        )
    except InvalidPage:
        raise Http404("No such results page.") from None
    what = CATEGORY_PLURALS.get(category, _("Salons"))
    heading = _("%(what)s in %(where)s") % {"what": what, "where": where} if where else str(what)
    if text:
        heading = _("“%(text)s”: %(heading)s") % {"text": text, "heading": heading}
    return {
        "form": form,
        "page_obj": page,
        "results": page.object_list,
        "query_string": _query_without_page(request),
        "heading": heading,
        "meta_description": ngettext(
            "%(heading)s: %(count)d salon on Créneau. Compare services and prices, "
            "then book online.",
            "%(heading)s: %(count)d salons on Créneau. Compare services and prices, "
            "then book online.",
            page.paginator.count,
        )
        % {"heading": heading, "count": page.paginator.count},
        "canonical_url": None,
    }


@require_safe
@cache_control(private=True, max_age=LIST_MAX_AGE)
def search(request: HttpRequest) -> HttpResponse:
    context = _results_context(request, SalonSearchForm(request.GET))
    response = render(request, "web/search_results.html", context)
    # Personalisation hook (privacy app): kept only if the visitor accepted personalisation.
    searched = context["form"].cleaned_data
    remember_search(
        request, response, city=searched.get("where") or "", category=searched.get("category") or ""
    )
    return response


@require_safe
@cache_control(private=True, max_age=LIST_MAX_AGE)
def city(request: HttpRequest, city: str) -> HttpResponse:
    name = city_name(city_slug=city)
    if name is None:
        raise Http404("No salon in this city.")
    # The form keeps the visitor in this city when they refine by text or category.
    form = SalonSearchForm({**request.GET.dict(), "where": name})
    context = _results_context(request, form, city_slug=city)
    if not request.GET.get("q") and not request.GET.get("category"):
        # The plain city listing is the page search engines should index, page by page.
        number = context["page_obj"].number
        url = reverse("web:city", kwargs={"city": city})
        context["canonical_url"] = url if number == 1 else f"{url}?page={number}"
    return render(request, "web/search_results.html", context)


def _published_salon(request: HttpRequest, city: str, slug: str) -> Business:
    business = Business.objects.filter(slug=slug, is_active=True).first()
    if business is None:
        raise Http404("No such salon.")
    return business


@require_safe
@cache_control(private=True, max_age=SALON_MAX_AGE)
@public_page(_published_salon)
def business_detail(request: HttpRequest, city: str, slug: str, business: Business) -> HttpResponse:
    now = timezone.now()
    detail = select_business_detail(business=business, now=now)
    if detail.business.city_slug != city:
        # The salon moved (or the link was mistyped): send to its one address.
        return HttpResponsePermanentRedirect(detail.business.get_absolute_url())
    # Remembered for suggestions only if the account opted in to personalisation.
    salon_view_record(user=request.user, business=detail.business, now=now)
    # The next free times of the first service of the price list, with anyone.
    first_service = detail.sections[0].services[0] if detail.sections else None
    next_free = (
        next_free_starts(business=detail.business, service=first_service, now=now)
        if first_service is not None
        else []
    )
    return render(
        request,
        "web/business_detail.html",
        {
            "detail": detail,
            "business": detail.business,
            "next_free_service": first_service,
            "next_free": next_free,
        },
    )
