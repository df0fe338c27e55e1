"""The dashboard: bookings and revenue per day, occupancy, cancellation and no-show rates."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from creneau.backoffice.charts import bar_chart, occupancy_chart
from creneau.backoffice.guard import SalonRequest, salon_view
from creneau.bookings.dashboard import salon_dashboard


@require_http_methods(["GET", "HEAD"])
@salon_view(manager=True)
def dashboard(request: SalonRequest) -> HttpResponse:
    figures = salon_dashboard(actor=request.user, business=request.salon, now=timezone.now())
    days = [*figures.past, *figures.upcoming]
    return render(
        request,
        "backoffice/dashboard.html",
        {
            "figures": figures,
            "bookings_chart": bar_chart([(d.day, d.bookings) for d in days], split=figures.today),
            "revenue_chart": bar_chart([(d.day, d.revenue) for d in days], split=figures.today),
            "occupancy_chart": occupancy_chart(figures.occupancy_past, figures.occupancy_upcoming),
            "occupancy_rows": list(
                zip(figures.occupancy_past, figures.occupancy_upcoming, strict=True)
            ),
            "days": days,
            "section": "dashboard",
        },
    )
