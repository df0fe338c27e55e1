"""Rate limits of the API's booking endpoints (authentication is limited by allauth itself).

Limits are read from `settings.API_RATE_LIMITS` at each request ({scope: "10/m,50/h"}; a scope
that is missing or empty is not limited), counted per customer (per address when nobody is
logged in) in fixed windows in the default cache. A refused request is a 429 "rate-limited"
problem with `Retry-After`, the seconds until the window that refused it ends.

The counter is `cache.add` then `cache.incr` in the default cache, which every web process
shares (the database by default, or what CACHE_URL names): atomic on Redis and Memcached; on the
database cache two requests at the same instant may count once.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rates(value: str) -> list[tuple[int, int]]:
    """ "10/m,50/h" -> [(10, 60), (50, 3600)]; "5/15m" is 5 per 15 minutes."""
    rates = []
    for part in (p.strip() for p in value.split(",")):
        if not part:
            continue
        count, _slash, period = part.partition("/")
        unit = period[-1:]
        multiple = int(period[:-1]) if period[:-1] else 1
        if unit not in _PERIODS or int(count) < 1 or multiple < 1:
            raise ValueError(f"Invalid rate {part!r}: use e.g. 10/m, 50/h, 5/15m")
        rates.append((int(count), multiple * _PERIODS[unit]))
    return rates


class ScopedRateLimit(BaseThrottle):
    def __init__(self, scope: str) -> None:
        self.scope = scope

    def _ident(self, request: HttpRequest) -> str:
        user = getattr(request, "auth", None)
        if user is not None and getattr(user, "pk", None) is not None:
            return f"user:{user.pk}"
        # The address the server saw; X-Forwarded-For is not trusted (a client can write it).
        return f"ip:{request.META.get('REMOTE_ADDR', '')}"

    def allow_request(self, request: HttpRequest) -> bool:
        rates = parse_rates(getattr(settings, "API_RATE_LIMITS", {}).get(self.scope) or "")
        now = time.time()
        ident = self._ident(request)
        waits = []
        for count, seconds in rates:
            window = int(now // seconds)
            key = f"api-rl:{self.scope}:{count}/{seconds}:{ident}:{window}"
            cache.add(key, 0, seconds + 1)
            try:
                used = cache.incr(key)
            except ValueError:  # expired between add and incr: a new window
                cache.add(key, 1, seconds + 1)
                used = 1
            if used > count:
                waits.append((window + 1) * seconds - now)
        if waits:
            # Kept on the request, not on this shared object: requests run in parallel.
            request._api_rate_limit_wait = max(waits)  # type: ignore[attr-defined]  # read back by the 429 handler
            return False
        return True

    def wait(self) -> float | None:
        # The wait is on the request (see above); the 429 handler turns it into Retry-After.
        return None


def rate_limit(scope: str) -> list[BaseThrottle]:
    return [ScopedRateLimit(scope)]
