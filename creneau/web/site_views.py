"""Files browsers ask for at fixed addresses."""

from __future__ import annotations

from pathlib import Path

from django.http import FileResponse, HttpRequest
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

FAVICON = Path(__file__).resolve().parent / "static" / "img" / "favicon.ico"


@require_GET
@cache_control(public=True, max_age=7 * 24 * 3600)
def favicon(request: HttpRequest) -> FileResponse:
    # Browsers ask for /favicon.ico whatever the page says; answered here rather than with a
    # 404 on every first visit.
    return FileResponse(open(FAVICON, "rb"), content_type="image/x-icon")
