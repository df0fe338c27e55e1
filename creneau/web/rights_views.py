"""The public "exercise my rights" pages under /privacy/rights/: the form, then the signed link's
confirmation. Views parse, call one service, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_http_methods

from creneau.rights.forms import RightsRequestForm
from creneau.rights.models import RightsRequest
from creneau.rights.rights_requests import (
    LEGAL_DEADLINE,
    rights_request_confirm,
    rights_request_from_token,
    rights_request_submit,
)

# Where each right can be exercised without writing to us; the desk does every one.
# Portability is the machine-readable file of "Download my data".
SELF_SERVICE: dict[str, tuple[str, ...]] = {
    RightsRequest.Right.ACCESS: ("privacy:my_data",),
    RightsRequest.Right.RECTIFICATION: ("privacy:my_data",),
    RightsRequest.Right.ERASURE: ("privacy:delete_account",),
    RightsRequest.Right.RESTRICTION: ("privacy:restriction",),
    RightsRequest.Right.PORTABILITY: ("privacy:download_json",),
    RightsRequest.Right.OBJECTION: ("privacy:account_preferences",),
    RightsRequest.Right.WITHDRAWAL: ("privacy:account_preferences", "privacy:consent_settings"),
}


def _rights_with_paths() -> list[dict[str, object]]:
    return [
        {"key": key, "label": label, "urls": [reverse(name) for name in SELF_SERVICE[key]]}
        for key, label in RightsRequest.Right.choices
    ]


@require_http_methods(["GET", "POST"])
def rights_form(request: HttpRequest) -> HttpResponse:
    form = RightsRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        rights_request_submit(
            **form.cleaned_data,
            language=(translation.get_language() or "fr")[:2],
            now=timezone.now(),
        )
        return redirect("privacy:rights_sent")
    return render(
        request, "privacy/rights/form.html", {"form": form, "rights": _rights_with_paths()}
    )


def rights_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/rights/sent.html")


@require_http_methods(["GET", "POST"])
def rights_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (a link scanner must not confirm for the person), POST confirms."""
    now = timezone.now()
    found = rights_request_from_token(token, now=now)
    if found is None:
        return render(request, "privacy/rights/confirm.html", {"invalid": True}, status=400)
    if request.method == "POST":
        found = rights_request_confirm(request=found, now=now)
    return render(
        request,
        "privacy/rights/confirm.html",
        {
            "rights_request": found,
            "done": found.status != RightsRequest.Status.UNCONFIRMED,
            "deadline_days": LEGAL_DEADLINE.days,
        },
    )
