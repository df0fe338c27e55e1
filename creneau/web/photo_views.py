"""Photo files, served from storage. Their names hold a hash of their content, so a browser
(or a CDN in front of us) may keep each one for a year without asking again."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_safe

from creneau.catalog.photos import photo_file_path

YEAR = 365 * 24 * 3600


@require_safe
def photo(request: HttpRequest, kind: str, name: str) -> FileResponse:
    path = photo_file_path(kind=kind, name=name)
    if path is None or not default_storage.exists(path):
        raise Http404()
    response = FileResponse(default_storage.open(path, "rb"), content_type="image/webp")
    response["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    return response
