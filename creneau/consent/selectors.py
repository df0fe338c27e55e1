"""Reads of the consent app reused by pages, "My data", the API and the staff statistics."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.db.models import Count, Max, Q, QuerySet, Sum

from creneau.consent.cookies import Consent, consent_from_record
from creneau.consent.models import ConsentRecord, PageView

if TYPE_CHECKING:
    from creneau.accounts.models import User


def consents_of_user(user: User) -> QuerySet[ConsentRecord]:
    """Every choice recorded while `user` was logged in, newest first (for "My data" and the
    export: consent id, policy version, categories granted and refused, source, time, and
    the banner configuration shown through `banner.content`)."""
    return ConsentRecord.objects.filter(user=user).select_related("banner").order_by("-id")


def account_consent_for_login(
    *, user: User, device: Consent | None, now: datetime
) -> Consent | None:
    """The account's choice when it should replace this device's, at the first request after
    logging in: it is current and more recent than the device's. Otherwise None (the device
    keeps its own choice). A choice made while logged out stays with the device: it is never
    attributed to an account, since someone else may have made it on a shared computer."""
    record = consents_of_user(user).first()
    if record is None:
        return None
    account = consent_from_record(record)
    if not account.is_current(now):
        return None
    if device is not None and device.given_at >= account.given_at:
        return None
    return account


@dataclass(frozen=True)
class ConsentStatistics:
    policy_version: str
    choices: int
    analytics: int
    personalisation: int
    marketing: int

    def share(self, category: str) -> float:
        return getattr(self, category) / self.choices if self.choices else 0.0


def consent_statistics() -> list[ConsentStatistics]:
    """Per policy version: how many browsers' latest choices grant each category (counts only,
    no identifier)."""
    latest = ConsentRecord.objects.values("consent_id").annotate(last=Max("id")).values("last")
    rows = (
        ConsentRecord.objects.filter(id__in=latest)
        .values("policy_version")
        .annotate(
            choices=Count("id"),
            analytics_granted=Count("id", filter=Q(analytics=True)),
            personalisation_granted=Count("id", filter=Q(personalisation=True)),
            marketing_granted=Count("id", filter=Q(marketing=True)),
        )
        .order_by("-policy_version")
    )
    return [
        ConsentStatistics(
            policy_version=row["policy_version"],
            choices=row["choices"],
            analytics=row["analytics_granted"],
            personalisation=row["personalisation_granted"],
            marketing=row["marketing_granted"],
        )
        for row in rows
    ]


def page_views_by_day(*, first_day: date, last_day: date) -> list[tuple[date, int]]:
    """Total page views per day, every day of the range included (zero when none)."""
    totals = dict(
        PageView.objects.filter(day__gte=first_day, day__lte=last_day)
        .values("day")
        .annotate(total=Sum("count"))
        .values_list("day", "total")
    )
    days = (last_day - first_day).days + 1
    return [
        (first_day + timedelta(days=i), totals.get(first_day + timedelta(days=i), 0))
        for i in range(days)
    ]


def top_paths(*, first_day: date, last_day: date, limit: int = 20) -> list[tuple[str, int]]:
    return list(
        PageView.objects.filter(day__gte=first_day, day__lte=last_day)
        .values("path")
        .annotate(total=Sum("count"))
        .order_by("-total", "path")
        .values_list("path", "total")[:limit]
    )
