"""My data (GDPR rights through the app): download it, have an archive prepared, see who at a
salon or on the platform accessed it, delete the account. Each endpoint calls the privacy
core (`creneau.privacy`): export, audit log, erasure; nothing of those rules is here."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

from allauth.account.decorators import reauthentication_required
from allauth.core.exceptions import ReauthenticationRequired
from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja import Path as PathParam
from pydantic import ConfigDict

from creneau.api.problems import ApiProblem, Problem, field_error
from creneau.api.ratelimit import rate_limit
from creneau.api.schemas import Page, PageQuery
from creneau.api.security import CustomerRequest, caller_session, customer_auth
from creneau.privacy.audit import ACTIONS, audit_entries_about_user
from creneau.privacy.erasure import ErasureRefused, customer_erase
from creneau.privacy.export import export_from_token, export_json, export_request, export_token
from creneau.privacy.forms import DeleteAccountForm
from creneau.privacy.models import ErasureReceipt, ExportFile

router = Router(tags=["my data"], auth=customer_auth)

_TZ = ZoneInfo(settings.TIME_ZONE)
TokenPath = Annotated[
    str,
    PathParam(
        pattern=r"^[A-Za-z0-9:_\-]{1,200}$", description="From the archive's `download_url`."
    ),
]


# --- Download and archive -------------------------------------------------------------------------


@router.get(
    "/me/data",
    response={401: Problem},
    summary="All my data, as JSON",
    openapi_extra={
        "responses": {
            200: {
                "description": "Everything Créneau holds about me, section by section (the "
                "same content as the site's download).",
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "additionalProperties": {"type": "array", "items": {"type": "object"}},
                        }
                    }
                },
            }
        }
    },
)
def my_data(request: CustomerRequest) -> HttpResponse:
    answer = HttpResponse(export_json(user=request.auth), content_type="application/json")
    answer["Content-Disposition"] = 'attachment; filename="creneau-my-data.json"'
    return answer


class ArchiveOut(Schema):
    id: int
    status: ExportFile.Status
    created_at: datetime
    expires_at: datetime = Field(description="After this the archive is deleted.")
    download_url: str | None = Field(
        description="Once ready: a zip (JSON and one CSV per part), at a signed address."
    )


def archive_out(export: ExportFile) -> ArchiveOut:
    token = export_token(export)
    ready = export.status == ExportFile.Status.READY
    return ArchiveOut(
        id=export.pk,
        status=ExportFile.Status(export.status),
        created_at=export.created_at.astimezone(_TZ),
        expires_at=export.expires_at.astimezone(_TZ),
        download_url=settings.SITE_URL + reverse("api-v1:archive_download", kwargs={"token": token})
        if ready
        else None,
    )


@router.post(
    "/me/data/archives",
    response={202: ArchiveOut, 401: Problem, 403: Problem, 429: Problem},
    throttle=rate_limit("data_export"),
    summary="Ask for an archive of my data",
)
def archive_request(request: CustomerRequest) -> Status[ArchiveOut]:
    """The archive is prepared in the background; list the archives to see when it is ready.
    It can be downloaded for 7 days."""
    return Status(202, archive_out(export_request(user=request.auth)))


@router.get(
    "/me/data/archives",
    response={200: list[ArchiveOut], 401: Problem},
    summary="My archives not yet expired",
)
def archive_list(request: CustomerRequest) -> list[ArchiveOut]:
    exports = ExportFile.objects.filter(user=request.auth, expires_at__gt=timezone.now())
    return [archive_out(export) for export in exports]


@router.get(
    "/me/data/archives/{token}/archive.zip",
    response={401: Problem, 404: Problem, 422: Problem},
    url_name="archive_download",
    summary="Download an archive of my data",
    openapi_extra={
        "responses": {
            200: {
                "description": "A zip: data.json and one CSV per part.",
                "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def archive_download(request: CustomerRequest, token: TokenPath) -> FileResponse:
    export = export_from_token(token, user=request.auth)
    if export is None:
        raise ApiProblem("not-found", "No archive of yours is ready at this address.")
    return FileResponse(
        open(Path(settings.MEDIA_ROOT) / export.path, "rb"),  # FileResponse closes it
        as_attachment=True,
        filename="creneau-my-data.zip",
        content_type="application/zip",
    )


# --- Who accessed my data -------------------------------------------------------------------------


class AccessOut(Schema):
    at: datetime
    by: str = Field(description='The salon, or "platform staff".')
    action: str = Field(description="A stable code, e.g. customer.file_viewed.")
    description: str
    reason: str


class AccessPage(Page[AccessOut]):
    pass


@router.get(
    "/me/access-log",
    response={200: AccessPage, 401: Problem, 422: Problem},
    summary="Who accessed my data",
)
def access_log(request: CustomerRequest, query: Query[PageQuery]) -> AccessPage:
    """Every access to my personal data by a salon's team or platform staff, newest first."""
    entries = audit_entries_about_user(user=request.auth)
    window = entries[query.offset : query.offset + query.limit]
    return AccessPage(
        items=[
            AccessOut(
                at=entry.created_at.astimezone(_TZ),
                by=entry.actor_label,
                action=entry.action,
                description=ACTIONS.get(entry.action, ""),
                reason=entry.reason,
            )
            for entry in window
        ],
        total=entries.count(),
        limit=query.limit,
        offset=query.offset,
    )


# --- Delete my account ----------------------------------------------------------------------------


class DeletionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    confirmation: str = Field(max_length=20, description='Type "DELETE" to confirm.')


class DeletionOut(Schema):
    receipt: str = Field(description="The reference of the erasure receipt, to keep.")
    erased_at: datetime


@reauthentication_required  # type: ignore[untyped-decorator]  # allauth ships no types
def _erase(request: CustomerRequest) -> ErasureReceipt:
    return customer_erase(
        user=request.user, actor=request.user, reason=ErasureReceipt.Reason.ACCOUNT
    )


@router.post(
    "/me/delete",
    response={
        200: DeletionOut,
        401: Problem,
        403: Problem,
        409: Problem,
        422: Problem,
    },
    summary="Delete my account",
)
def account_delete(request: HttpRequest, payload: DeletionIn) -> DeletionOut:
    """Erases the account and everything about it (future bookings are cancelled and the salons
    told; past ones are kept for accounting without my name). Needs a recent re-authentication
    (`POST /_allauth/app/v1/auth/reauthenticate`) and the typed confirmation. The session token
    stops working at once; the receipt reference is the only trace given back."""
    form = DeleteAccountForm(data={"confirmation": payload.confirmation})
    if not form.is_valid():
        messages = [str(message) for message in form.errors["confirmation"]]
        raise field_error("body.confirmation", " ".join(messages))
    try:
        with caller_session(request):
            receipt = _erase(request)
    except ReauthenticationRequired:
        raise ApiProblem("reauthentication-required") from None
    except ErasureRefused as refused:
        raise ApiProblem("erasure-refused", " ".join(refused.reasons)) from None
    return DeletionOut(receipt=receipt.reference, erased_at=receipt.created_at.astimezone(_TZ))
