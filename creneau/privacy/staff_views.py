"""Pages of the privacy framework for platform staff: the records of processing (art. 30).
Beside the framework rather than in an interface app: only platform staff see it, and it reads
nothing but the registry."""

from __future__ import annotations

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from creneau.privacy import records


@staff_member_required
@permission_required("privacy.view_records_of_processing", raise_exception=True)
@require_GET
def records_of_processing(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "privacy/staff/records.html",
        {"records": records.records_of_processing(), "operator": settings.OPERATOR},
    )
