"""Reuse of rendered public pages for visitors without an account session.

A salon's page and its slot picker are the busiest pages of the site and, for a visitor who is
not logged in, the same for everyone who sees the salon in the same state, in the same
language and with the same cookie choice. `public_page` keeps such a page, rendered once, in
the process's "pages" cache and serves it again while nothing it shows can have changed:

- the key holds the view, the full path (query string included), the language, the visitor's
  cookie choice (or that none is made yet, which shows the banner), the salon's
  `public_version` (bumped after any change to the salon, its offer, hours, time off, closures
  or bookings: `catalog.freshness`) and the current minute, since free times depend on "now";
- an entry lives PAGE_CACHE_SECONDS at most (a minute by default; 0 turns all this off).

The one per-request value in such a page, the CSRF token of its forms (language, cookie
banner), is rendered as a placeholder and replaced by a fresh token for each response. A page
is kept only if rendering it had no other effect that a later visitor would miss: no cookie
set, no session change, no CSP nonce (marketing tags), no queued message. Logged-in visitors,
and anyone with a message to show, always get a page rendered for them. Nothing in the kept
pages is personal: they are what any anonymous visitor sees.

`search_page` keeps search results pages the same way, under a search-wide version instead of
one salon's (`catalog.freshness.search_version`).
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable, Hashable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation

from creneau.consent.cookies import current_consent
from creneau.consent.middleware import BANNER_SHOWN, TAGS_RENDERED

# Random for each process, so no text a salon writes can forge it.
CSRF_PLACEHOLDER = f"csrf-{secrets.token_hex(16)}"
_PLACEHOLDER = CSRF_PLACEHOLDER.encode()
_FILLING = "_page_cache_filling"
_VERSION = "_page_cache_search_version"


def placeholders(request: HttpRequest) -> dict[str, str]:
    """Context processor: while a page is rendered to be kept, its CSRF token is the
    placeholder (the processors listed in settings override Django's built-in one)."""
    return {"csrf_token": CSRF_PLACEHOLDER} if getattr(request, _FILLING, False) else {}


def _shared_audience(request: HttpRequest) -> bool:
    if not settings.PAGE_CACHE_SECONDS or request.method not in ("GET", "HEAD"):
        return False
    if request.user.is_authenticated:
        return False
    queued = getattr(request, "_messages", None)
    return queued is None or len(queued) == 0


def _cookie_choice(request: HttpRequest) -> str:
    consent = current_consent(request)
    if consent is None:
        return "ask"
    return "+".join(sorted(consent.granted)) or "necessary"


def _key(request: HttpRequest, view: Callable[..., Any], version: Hashable) -> str:
    parts = (
        f"{view.__module__}.{view.__qualname__}",
        translation.get_language(),
        _cookie_choice(request),
        version,
        int(time.time() // 60),
        request.get_full_path(),
    )
    return "page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def _keepable(request: HttpRequest, response: HttpResponse) -> bool:
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and not (session is not None and session.modified)
        and getattr(request, "_csp_nonce", None) is None
        and not getattr(request, TAGS_RENDERED, None)
    )


def _with_token(request: HttpRequest, body: bytes) -> bytes:
    if _PLACEHOLDER not in body:
        return body
    return body.replace(_PLACEHOLDER, get_token(request).encode())


def _kept_or_rendered(
    request: HttpRequest,
    view: Callable[..., Any],
    version: Hashable,
    render: Callable[[], HttpResponse],
) -> HttpResponse:
    """The page kept under (view, path, language, cookie choice, `version`, minute), or
    `render()`'s, kept for the next visitor when nothing in it was for this one."""
    cache = caches["pages"]
    key = _key(request, view, version)
    kept = cache.get(key)
    if kept is not None:
        if kept["banner"]:
            setattr(request, BANNER_SHOWN, True)
        return HttpResponse(_with_token(request, kept["body"]), content_type=kept["content_type"])
    setattr(request, _FILLING, True)
    try:
        response = render()
    finally:
        setattr(request, _FILLING, False)
    if not getattr(response, "is_rendered", True):
        # A TemplateResponse renders later, without the placeholder: nothing to keep.
        return response
    if _keepable(request, response):
        cache.set(
            key,
            {
                "body": response.content,
                "content_type": response["Content-Type"],
                "banner": bool(getattr(request, BANNER_SHOWN, False)),
            },
        )
    if not response.streaming:
        response.content = _with_token(request, response.content)
    return response


def public_page(
    load: Callable[..., Any],
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Serve the decorated view's page from the cache when the visitor is anonymous.

    `load(request, *args, **kwargs)` returns the salon the page is about (raising Http404 when
    there is none); the view receives it as `business`, so it is read once. Its id and
    `public_version` are part of the key.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            business = load(request, *args, **kwargs)
            if not _shared_audience(request):
                return view(request, *args, business=business, **kwargs)
            return _kept_or_rendered(
                request,
                view,
                (business.pk, business.public_version),
                lambda: view(request, *args, business=business, **kwargs),
            )

        return wrapper

    return decorator


def version_once(request: HttpRequest, version: Callable[[], Hashable]) -> Hashable:
    """`version()` read once per request: the kept page's key and the view's own reuse of a
    search (web.catalog_views) then agree, for one query."""
    read: Hashable = getattr(request, _VERSION, None)
    if read is None:
        read = version()
        setattr(request, _VERSION, read)
    return read


def search_page(
    version: Callable[[], Hashable],
    *,
    personal: Callable[[HttpRequest], bool],
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """The same for a page about many salons (search results): `version()` is a number that
    moves after any change to any salon's public pages (`catalog.freshness.search_version`,
    one cheap read). A request for which `personal(request)` is true (a position, a search
    remembered for the visitor) is always rendered for its visitor and never kept.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not _shared_audience(request) or personal(request):
                return view(request, *args, **kwargs)
            return _kept_or_rendered(
                request,
                view,
                ("search", version_once(request, version)),
                lambda: view(request, *args, **kwargs),
            )

        return wrapper

    return decorator
