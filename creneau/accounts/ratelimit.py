"""Limits on failed logins, counted in the default cache, which every web process shares.

Three counters of failures (settings.LOGIN_FAILURE_LIMITS), each running for its period from
the first failure it counts (not in fixed clock windows, which would let a burst through twice
the limit across a window's edge):

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

A counter is one cache entry, `(count, ends_at)`, read then written: two failures at the same
instant in two processes may count once, which leaves the limits within one or two attempts of
their setting; sequential attempts, from any number of processes, count exactly.
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


def _key(scope: str, rate: Rate, subject: str) -> str:
    # Hashed: the cache must hold no e-mail address in clear.
    digest = hashlib.sha256(subject.encode()).hexdigest()[:32]
    return f"login-failed:{scope}:{rate.count}/{rate.seconds}:{digest}"


def _counter(key: str, now: float) -> tuple[int, float]:
    """(failures, when the counter ends); (0, now) when there is none or it has ended."""
    value = cache.get(key)
    if isinstance(value, (list, tuple)) and len(value) == 2:
        count, ends_at = int(value[0]), float(value[1])
        if ends_at > now:
            return count, ends_at
    return 0, now


def login_wait(*, client: str, address: str, now: float | None = None) -> int:
    """Seconds to wait before a login for `address` from `client` is tried; 0 if allowed."""
    if not _enabled():
        return 0
    now = time.time() if now is None else now
    waits = [0.0]
    subjects = _subjects(client, address)
    for scope, rate in _limits().items():
        used, ends_at = _counter(_key(scope, rate, subjects[scope]), now)
        if used >= rate.count:
            waits.append(ends_at - now)
    return math.ceil(max(waits))


def login_failure_record(*, client: str, address: str, now: float | None = None) -> None:
    """Count one failed login for `address` from `client` in every counter; a counter starts
    with its first failure and ends one period later."""
    if not _enabled():
        return
    now = time.time() if now is None else now
    subjects = _subjects(client, address)
    for scope, rate in _limits().items():
        key = _key(scope, rate, subjects[scope])
        used, ends_at = _counter(key, now)
        if used == 0:
            ends_at = now + rate.seconds
        cache.set(key, (used + 1, ends_at), math.ceil(ends_at - now) + 1)


def login_failures_clear(*, address: str) -> None:
    """Forget the address's failures (after a completed password reset): the owner proved
    control of the mailbox. The per-client counters of the guessers stay."""
    address = address.strip().lower()
    for scope, rate in _limits().items():
        if scope == "address":
            cache.delete(_key(scope, rate, address))
