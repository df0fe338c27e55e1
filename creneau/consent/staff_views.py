"""Platform staff's pages of the consent app: audience and consent statistics (no personal data).
They live beside the feature rather than in an interface app: only platform staff see them, on
the privacy staff area, and they read nothing but this app's counts."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from creneau.consent.charts import bar_chart
from creneau.consent.policy import COOKIE_CATEGORIES, policy_version
from creneau.consent.selectors import consent_statistics, page_views_by_day, top_paths

TRAFFIC_DAYS = 30


@staff_member_required
@permission_required("consent.view_pageview", raise_exception=True)
@require_GET
def staff_traffic(request: HttpRequest) -> HttpResponse:
    last_day = timezone.localdate()
    first_day = last_day - timedelta(days=TRAFFIC_DAYS - 1)
    days = page_views_by_day(first_day=first_day, last_day=last_day)
    return render(
        request,
        "consent/staff/traffic.html",
        {
            "days": days,
            "chart": bar_chart(days),
            "total": sum(value for _day, value in days),
            "paths": top_paths(first_day=first_day, last_day=last_day),
            "first_day": first_day,
            "last_day": last_day,
            "measurement_enabled": settings.AUDIENCE_MEASUREMENT_ENABLED,
        },
    )


@staff_member_required
@permission_required("consent.view_consentrecord", raise_exception=True)
@require_GET
def staff_consent_statistics(request: HttpRequest) -> HttpResponse:
    categories = [c for c in COOKIE_CATEGORIES if not c.required]
    rows = [
        {
            "policy_version": stats.policy_version,
            "choices": stats.choices,
            "cells": [(getattr(stats, c.key), round(stats.share(c.key) * 100)) for c in categories],
        }
        for stats in consent_statistics()
    ]
    return render(
        request,
        "consent/staff/consent_statistics.html",
        {"categories": categories, "rows": rows, "current_version": policy_version()},
    )
