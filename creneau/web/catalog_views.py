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

import hashlib
import json
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, cast
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.cache import caches
from django.core.paginator import InvalidPage
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    QueryDict,
)
from django.shortcuts import render
from django.template.defaultfilters import floatformat
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, localize, time_format
from django.utils.functional import Promise
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from creneau.bookings.availability import next_free_starts
from creneau.bookings.personalisation import salon_view_record
from creneau.bookings.summary import NextFree, available_salons_refine, next_free
from creneau.catalog.freshness import search_version
from creneau.catalog.models import Business, BusinessCategory
from creneau.catalog.photos import SALON, photo_srcset, photo_url
from creneau.catalog.search import (
    Alternative,
    Criteria,
    SalonSearch,
    salon_search,
    typed_usual_service,
)
from creneau.catalog.selectors import BusinessDetail, city_name
from creneau.catalog.selectors import business_detail as select_business_detail
from creneau.consent.cookies import consent_allows, remember_search
from creneau.reviews.selectors import rating_summary
from creneau.web.forms import SalonSearchForm
from creneau.web.page_cache import public_page, search_page, version_once
from creneau.web.templatetags.catalog_format import euros

PAGE_SIZE = 20
LIST_MAX_AGE = 60
SALON_MAX_AGE = 60
CARD_TEMPLATE = "web/_result_card.html"
SEARCH_FORM_TEMPLATE = "web/_search_form.html"

CATEGORY_PLURALS: dict[str, Promise] = {
    BusinessCategory.HAIR: _("Hair salons"),
    BusinessCategory.BARBER: _("Barbers"),
    BusinessCategory.BEAUTY: _("Beauty salons"),
    BusinessCategory.NAILS: _("Nail bars"),
    BusinessCategory.SPA: _("Spas"),
}


# The addresses of city+type pages, in French as the site's default language.
CATEGORY_URL_SLUGS = {
    BusinessCategory.HAIR.value: "coiffeurs",
    BusinessCategory.BARBER.value: "barbiers",
    BusinessCategory.BEAUTY.value: "instituts-de-beaute",
    BusinessCategory.NAILS.value: "ongleries",
    BusinessCategory.SPA.value: "spas",
}
CATEGORY_SLUGS = {slug: category for category, slug in CATEGORY_URL_SLUGS.items()}


def _query_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _place_label(criteria: Criteria, where: str) -> str:
    labels = [criteria.place.label] if criteria.place is not None else []
    if where:
        labels.insert(0, where)
    return ", ".join(labels)


def criteria_heading(criteria: Criteria, *, where: str = "") -> str:
    """ "Barbers in Lyon", "“balayage”: Hair salons in Paris 11e": what a search asks."""
    what = CATEGORY_PLURALS.get(criteria.category, _("Salons"))
    place = _place_label(criteria, where)
    heading = _("%(what)s in %(where)s") % {"what": what, "where": place} if place else str(what)
    if criteria.words:
        heading = _("“%(text)s”: %(heading)s") % {
            "text": " ".join(criteria.words),
            "heading": heading,
        }
    return heading


def _alternative_link(alternative: Alternative, *, city_slug: str) -> dict[str, Any]:
    criteria = alternative.criteria
    params = {"q": criteria.line()}
    if criteria.service and not criteria.service_is_typed:
        params["service"] = criteria.service
    if criteria.where:
        params["where"] = criteria.where
    if criteria.city_slug and (criteria.place is None or criteria.place.city_slug != city_slug):
        params["where"] = params.get("where") or city_name(city_slug=criteria.city_slug) or ""
    return {
        "label": criteria_heading(criteria, where=params.get("where", "")),
        "count": alternative.count,
        "url": f"{reverse('web:search')}?{urlencode({k: v for k, v in params.items() if v})}",
    }


def _results_context(
    request: HttpRequest, form: SalonSearchForm, *, city_slug: str = ""
) -> dict[str, Any]:
    # An invalid field (too long, unknown category) is reported by the form and left out.
    form.is_valid()
    data: dict[str, Any] = form.cleaned_data
    text = data.get("q") or ""
    where = data.get("where") or ""
    category = data.get("category") or ""
    day = data.get("day")
    # A line that names a usual service and nothing more ("balayage paris") asks for that
    # service's free times, as its filter would.
    service = data.get("service") or (typed_usual_service(text) if text else "")
    if day is not None or service != (data.get("service") or ""):
        # "today" and "tomorrow" are shown back as the date they meant, in the date field,
        # and the service the line named in its field.
        # Bound to request.GET (a QueryDict) or, on a city page, a dict made from it.
        shown = cast("QueryDict | dict[str, Any]", form.data).copy()
        if day is not None:
            shown["day"] = day.isoformat()
        shown["service"] = service
        form.data = shown
    period = data.get("period") or ""
    now = timezone.now()
    refine = available_salons_refine(
        now=now,
        day=day,
        period=period,
        soonest_first=data.get("sort") == "soonest",
        service=service,
    )
    near = data.get("near")
    asked: dict[str, Any] = {
        "order": "distance" if data.get("sort") == "distance" or near else "",
        "origin": near,
        "number": request.GET.get("page") or 1,
        "per_page": PAGE_SIZE,
        "line": text,
        # On a city page the form shows the city's name; the exact slug is the criterion.
        "where": "" if city_slug else where,
        "category": category,
        "city_slug": city_slug,
        "service": service,
    }
    # What the refinement asks, for the key of a search answered a moment ago.
    refined = (day, period, data.get("sort") == "soonest", service)
    try:
        found = _recent_search(
            request, asked, refined, lambda: salon_search(refine=refine, **asked)
        )
    except InvalidPage:
        raise Http404("No such results page.") from None
    page = found.page
    cards = result_cards(page.object_list, now=now)
    heading = criteria_heading(found.criteria, where=where)
    if page.paginator.count == 0 and text:
        heading = _("%(heading)s: no results") % {"heading": heading}
    understanding = found.understanding
    return {
        "form": form,
        # Open when the visitor chose a further filter, not for a service only named in the
        # line: on a phone the open filters would push the results off the first screen.
        "search_form": _search_form_html(
            form,
            filters_open=bool(
                day
                or data.get("period")
                or data.get("sort")
                or data.get("service")
                or form.errors.get("day")
            ),
        ),
        "page_obj": page,
        "results": page.object_list,
        "cards": cards,
        "query_string": _query_without_page(request),
        "heading": heading,
        "understood": {
            "category": CATEGORY_PLURALS.get(understanding.category, ""),
            "place": understanding.place.label if understanding.place else "",
            "words": " ".join(understanding.words),
            "corrections": understanding.corrections,
        }
        if text and not understanding.is_empty
        else None,
        "alternatives": [
            _alternative_link(alternative, city_slug=city_slug)
            for alternative in found.alternatives
        ],
        "meta_description": ngettext(
            "%(heading)s: %(count)d salon on Créneau. Compare services and prices, "
            "then book online.",
            "%(heading)s: %(count)d salons on Créneau. Compare services and prices, "
            "then book online.",
            page.paginator.count,
        )
        % {"heading": heading, "count": page.paginator.count},
        "canonical_url": None,
        "map": _map_settings(request),
    }


def _translated(text: str, **values: Any) -> str:
    """`text` translated with `values` escaped into it, as `{% blocktranslate %}` does."""
    return mark_safe(gettext(text) % {k: conditional_escape(v) for k, v in values.items()})


def _recent_search(
    request: HttpRequest,
    asked: dict[str, Any],
    refined: tuple[Any, ...],
    search: Callable[[], SalonSearch],
) -> SalonSearch:
    """`search()`, or its answer to the same question in the same minute while no salon's
    public data changed (`search_version`): the salons and their summary figures as read then,
    in the process's "pages" cache like the kept pages. A search around the visitor's own
    position is never kept."""
    if not settings.PAGE_CACHE_SECONDS or asked["origin"] is not None:
        return search()
    version = version_once(request, search_version)
    question = (version, int(time.time() // 60), sorted(asked.items()), refined)
    key = "search:" + hashlib.blake2b(repr(question).encode(), digest_size=16).hexdigest()
    cache = caches["pages"]
    found: SalonSearch | None = cache.get(key)
    if found is None:
        found = search()
        cache.set(key, found)
    return found


def _search_form_html(form: SalonSearchForm, *, filters_open: bool) -> str:
    """The search form as `web/_search_form.html` renders it (Django's widgets, a tenth of
    the page's time), kept in the "fragments" cache: it follows from the language, the
    submitted values (errors included) and whether the further filters show open."""
    data = form.data
    values = sorted(data.lists() if isinstance(data, QueryDict) else data.items())
    key = (
        f"form:{translation.get_language()}:{int(filters_open)}:"
        + hashlib.blake2b(repr(values).encode(), digest_size=16).hexdigest()
    )
    cache = caches["fragments"] if settings.FRAGMENT_CACHE_ENTRIES else None
    html: str | None = cache.get(key) if cache is not None else None
    if html is None:
        html = render_to_string(SEARCH_FORM_TEMPLATE, {"form": form, "filters_open": filters_open})
        if cache is not None:
            cache.set(key, html)
    return mark_safe(html)


def result_cards(businesses: Iterable[Business], *, now: datetime) -> list[SafeString]:
    """The results cards' HTML, each rendered once and reused from the "fragments" cache.

    A card's key is a digest of everything it shows: the salon's columns the search read,
    its distance, the free times from the availability summary (with their service), the
    language and the time zone. Any change to any of them is a new key, so a kept card is
    always the card rendering would make now, and nothing has to be invalidated: old keys
    are simply no longer asked for and age out. A card holds only what the salon publishes,
    never anything about the visitor (the page's header and forms are rendered around it).
    """
    cache = caches["fragments"] if settings.FRAGMENT_CACHE_ENTRIES else None
    language = translation.get_language()
    zone = timezone.get_current_timezone_name()
    entries = [(business, next_free(business, now=now)) for business in businesses]
    keys = [_card_key(business, entry, language=language, zone=zone) for business, entry in entries]
    kept: dict[str, str] = cache.get_many(keys) if cache is not None else {}
    made: dict[str, str] = {}
    cards = []
    for key, (business, entry) in zip(keys, entries, strict=True):
        html = kept.get(key) or made.get(key)
        if html is None:
            html = made[key] = _card_html(business, entry)
        cards.append(mark_safe(html))
    if made and cache is not None:
        cache.set_many(made)
    return cards


def _card_key(business: Business, entry: NextFree | None, *, language: str, zone: str) -> str:
    shown = (
        language,
        zone,
        business.pk,
        business.city_slug,
        business.slug,
        business.name,
        business.category,
        business.address,
        business.postcode,
        business.city,
        business.latitude,
        business.longitude,
        *(getattr(business, f"reviews_{stars}") for stars in range(1, 6)),
        getattr(business, "distance_km", None),
        getattr(business, "service_count", 0),
        getattr(business, "price_from", None),
        business.cover_key,
        (entry.service_id, *(start.isoformat() for start in entry.starts)) if entry else None,
    )
    digest = hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()
    return f"card:{CARD_TEMPLATE}:{digest}"


def _card_html(business: Business, entry: NextFree | None) -> str:
    review = reverse("booking:review", args=[business.city_slug, business.slug])
    free = (
        [
            (
                start,
                f"{review}?{urlencode({'service': entry.service_id, 'start': start.isoformat()})}",
            )
            for start in entry.starts
        ]
        if entry is not None
        else []
    )
    return get_template(CARD_TEMPLATE).render({"card": _card(business, free)})


def _card(business: Business, free: list[tuple[datetime, str]]) -> dict[str, Any]:
    """What a results card shows, worked out here once rather than by template lookups and
    filters per card (the results page's largest cost): the same text and markup."""
    rating = rating_summary(business=business)
    distance = getattr(business, "distance_km", None)
    service_count = getattr(business, "service_count", 0)
    price_from = getattr(business, "price_from", None)
    services = ""
    if service_count:
        services = ngettext("%(counter)s service", "%(counter)s services", service_count) % {
            "counter": localize(service_count)
        }
    free_on = slots = ""
    if free:
        first = timezone.localtime(free[0][0])
        free_on = _translated("Free on %(day)s:", day=date_format(first, "l j F"))
        slots = format_html_join(
            " ",
            '<a class="slot" href="{}" rel="nofollow">{}</a>',
            ((url, time_format(timezone.localtime(start), "H:i")) for start, url in free),
        )
    return {
        "url": business.get_absolute_url(),
        "name": business.name,
        "latitude": None if business.latitude is None else str(business.latitude),
        "longitude": str(business.longitude),
        "category": business.get_category_display(),
        "rating": render_to_string("web/reviews/_rating_badge.html", {"rating": rating})
        if rating.count
        else "",
        "address": f"{business.address}, {business.postcode} {business.city}",
        "distance": _translated("%(km)s km", km=floatformat(distance, 1)) if distance else "",
        "services": services,
        "price_from": _translated("from %(price)s", price=euros(price_from))
        if price_from is not None
        else "",
        "free_on": free_on,
        "slots": slots,
        "cover": _cover(business.cover_key),
    }


def _cover(key: str) -> str:
    """The salon's first photo, small: lazy, with its size, decorative (the name follows)."""
    if not key:
        return ""
    return format_html(
        '<img class="result-photo" src="{}" srcset="{}" sizes="(max-width: 700px) 100vw, 240px"'
        ' width="320" height="240" alt="" loading="lazy" decoding="async">',
        photo_url(SALON, key, 320),
        photo_srcset(SALON, key),
    )


def _map_settings(request: HttpRequest) -> dict[str, Any]:
    """What the results map needs; it loads by itself only with the category's consent."""
    return {
        "tiles": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "autoload": consent_allows(request, settings.MAP_CONSENT_CATEGORY),
    }


def _allow_map_tiles(response: HttpResponse) -> HttpResponse:
    # The page names the tile server in its policy; nothing is fetched from it until the
    # visitor asks for the map (or accepted its category).
    origin = urlsplit(settings.MAP_TILE_URL)
    if origin.scheme and origin.netloc:
        response._csp_update = {"img-src": [f"{origin.scheme}://{origin.netloc}"]}  # type: ignore[attr-defined]  # django-csp reads this attribute
    return response


def _near(request: HttpRequest) -> bool:
    # A visitor's position: that page is theirs alone, never kept.
    return bool(request.GET.get("near"))


def _personal_search(request: HttpRequest) -> bool:
    # With personalisation granted, the search is remembered for the visitor (a cookie);
    # without it, a preference cookie left from before is removed by this response.
    return (
        _near(request)
        or consent_allows(request, "personalisation")
        or settings.SEARCH_PREFERENCES_COOKIE_NAME in request.COOKIES
    )


@require_safe
@cache_control(private=True, max_age=LIST_MAX_AGE)
def search(request: HttpRequest) -> HttpResponse:
    return _allow_map_tiles(_search_page(request))


@search_page(search_version, personal=_personal_search)
def _search_page(request: HttpRequest) -> HttpResponse:
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
def city(request: HttpRequest, city: str, category: str = "") -> HttpResponse:
    return _allow_map_tiles(_city_page(request, city, category))


@search_page(search_version, personal=_near)
def _city_page(request: HttpRequest, city: str, category: str = "") -> HttpResponse:
    name = city_name(city_slug=city)
    if name is None:
        raise Http404("No salon in this city.")
    # The form keeps the visitor in this city (and type) when they refine.
    fields = {**request.GET.dict(), "where": name}
    if category:
        fields["category"] = category
    form = SalonSearchForm(fields)
    context = _results_context(request, form, city_slug=city)
    refined = any(request.GET.get(k) for k in ("q", "category", "day", "period", "sort", "near"))
    if not refined:
        # The plain city (or city and type) listing is the page search engines should index.
        number = context["page_obj"].number
        if category:
            url = reverse("web:city_category", kwargs={"city": city, "category": category})
        else:
            url = reverse("web:city", kwargs={"city": city})
        context["canonical_url"] = url if number == 1 else f"{url}?page={number}"
    return render(request, "web/search_results.html", context)


@require_safe
@cache_control(public=True, max_age=3600)
def sitemap(request: HttpRequest) -> HttpResponse:
    """Every city page, city and type page with salons, and salon page, for search engines."""
    return render(
        request,
        "web/sitemap.xml",
        {"urls": sitemap_paths()},
        content_type="application/xml; charset=utf-8",
    )


def sitemap_paths() -> list[str]:
    pairs = (
        Business.objects.filter(is_active=True)
        .values_list("city_slug", "category")
        .distinct()
        .order_by("city_slug", "category")
    )
    paths: list[str] = []
    for city_slug, category in pairs:
        if not paths or not paths[-1].startswith(f"/salons/{city_slug}/"):
            paths.append(reverse("web:city", kwargs={"city": city_slug}))
        paths.append(reverse("web:city_category", kwargs={"city": city_slug, "category": category}))
    salons = Business.objects.filter(is_active=True).order_by("pk").values_list("city_slug", "slug")
    paths.extend(
        reverse("web:business_detail", kwargs={"city": c, "slug": s}) for c, s in salons.iterator()
    )
    return paths


SCHEMA_TYPES = {
    BusinessCategory.HAIR.value: "HairSalon",
    BusinessCategory.BARBER.value: "HairSalon",
    BusinessCategory.BEAUTY.value: "BeautySalon",
    BusinessCategory.NAILS.value: "NailSalon",
    BusinessCategory.SPA.value: "DaySpa",
}
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def schema_org(detail: BusinessDetail, *, site_url: str) -> str:
    """The salon as Schema.org JSON-LD, safe to put inside a <script> element."""
    business = detail.business
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(business.category, "LocalBusiness"),
        "name": business.name,
        "url": f"{site_url}{business.get_absolute_url()}",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": business.address,
            "postalCode": business.postcode,
            "addressLocality": business.city,
            "addressCountry": "FR",
        },
    }
    if business.description:
        data["description"] = business.description
    if business.phone:
        data["telephone"] = str(business.phone)
    if business.latitude is not None and business.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(business.latitude),
            "longitude": float(business.longitude),
        }
    if detail.min_price is not None:
        data["priceRange"] = f"{detail.min_price} €+"
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES))


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
            "schema_org": schema_org(detail, site_url=settings.SITE_URL),
        },
    )
