"""Limits on failed logins, counted in the default cache, which every web process shares.

Three counters of failures, in fixed windows (settings.LOGIN_FAILURE_LIMITS):

- per client and address together ("client_address"): the guess limit on one account from one
  place, the one a person mistyping their password meets;
- per client ("client"): one place trying many addresses (credential stuffing);
- per address ("address"): a looser ceiling on one account from everywhere (a distributed
  guess).

Only failures count, and a login past a limit is refused before the password is even checked:
429 with `Retry-After`, on the site and in the app. A stranger who mistypes someone else's
address from their own machine fills their own "client_address" counter, not the owner's: the
owner, from their own client, still logs in; only a guess spread over many clients reaches the
per-address ceiling, and the password reset stays open (a completed reset clears the address's
counters).

The counters are `cache.add` then `cache.incr`: exact on a cache with atomic increments (Redis,
Memcached); on the database cache two failures at the same instant may count once, which
leaves the limits within one or two attempts of their setting.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}

DEFAULT_LIMITS = {"client_address": "5/5m", "client": "30/5m", "address": "50/h"}


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int


def parse_rate(value: str) -> Rate | None:
    """ "5/5m" -> 5 per 300 s; "" -> None (no limit)."""
    value = value.strip()
    if not value:
        return None
    count, _slash, period = value.partition("/")
    unit, multiple = period[-1:], period[:-1]
    if unit not in _PERIODS or not count.isdigit() or not (multiple or "1").isdigit():
        raise ValueError(f"Invalid rate {value!r}: use e.g. 5/5m, 50/h")
    return Rate(int(count), int(multiple or 1) * _PERIODS[unit])


def _enabled() -> bool:
    # ACCOUNT_RATE_LIMITS = False turns allauth's limits off (the tests do); ours follow it.
    return getattr(settings, "ACCOUNT_RATE_LIMITS", None) is not False


def _limits() -> dict[str, Rate]:
    configured = getattr(settings, "LOGIN_FAILURE_LIMITS", DEFAULT_LIMITS)
    parsed = {scope: parse_rate(value or "") for scope, value in configured.items()}
    return {scope: rate for scope, rate in parsed.items() if rate is not None}


def _subjects(client: str, address: str) -> dict[str, str]:
    address = address.strip().lower()
    return {"client_address": f"{client}|{address}", "client": client, "address": address}


def _key(scope: str, rate: Rate, subject: str, window: int) -> str:
    # Hashed: the cache must hold no e-mail address in clear.
    digest = hashlib.sha256(subject.encode()).hexdigest()[:32]
    return f"login-failed:{scope}:{rate.count}/{rate.seconds}:{digest}:{window}"


def login_wait(*, client: str, address: str, now: float | None = None) -> int:
    """Seconds to wait before a login for `address` from `client` is tried; 0 if allowed."""
    if not _enabled():
        return 0
    now = time.time() if now is None else now
    waits = [0.0]
    subjects = _subjects(client, address)
    for scope, rate in _limits().items():
        window = int(now // rate.seconds)
        used = cache.get(_key(scope, rate, subjects[scope], window), 0)
        if used >= rate.count:
            waits.append((window + 1) * rate.seconds - now)
    return math.ceil(max(waits))


def login_failure_record(*, client: str, address: str, now: float | None = None) -> None:
    """Count one failed login for `address` from `client` in every counter."""
    if not _enabled():
        return
    now = time.time() if now is None else now
    subjects = _subjects(client, address)
    for scope, rate in _limits().items():
        window = int(now // rate.seconds)
        key = _key(scope, rate, subjects[scope], window)
        if not cache.add(key, 1, rate.seconds + 1):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr: a new window
                cache.add(key, 1, rate.seconds + 1)


def login_failures_clear(*, address: str, now: float | None = None) -> None:
    """Forget the address's failures (after a completed password reset): the owner proved
    control of the mailbox. The per-client counters of the guessers stay."""
    now = time.time() if now is None else now
    address = address.strip().lower()
    for scope, rate in _limits().items():
        if scope == "address":
            cache.delete(_key(scope, rate, address, int(now // rate.seconds)))
