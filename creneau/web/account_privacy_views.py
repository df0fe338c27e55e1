"""The person's own privacy page under /account/privacy/: see and download their data, correct
it, and delete the account. Views parse, call one service, render."""

from __future__ import annotations

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from creneau.accounts.requests import AuthedHttpRequest
from creneau.bookings.personalisation import personal_suggestions
from creneau.consent.forms import AccountChoicesForm
from creneau.consent.models import AccountChoiceSource
from creneau.consent.objection import (
    account_choices,
    account_choices_set,
    account_consent_record,
    unsubscribe_from_token,
)
from creneau.privacy.audit import audit_access_log
from creneau.privacy.erasure import ErasureRefused, customer_erase, erasure_blockers
from creneau.privacy.export import (
    export_from_token,
    export_json,
    export_request,
    export_token,
    export_zip,
)
from creneau.privacy.forms import DeleteAccountForm
from creneau.privacy.models import ErasureReceipt, ExportFile, ProcessingRestriction
from creneau.privacy.restriction import (
    processing_restricted,
    restriction_lift,
    restriction_start,
)


@login_required
@require_GET
def my_data(request: AuthedHttpRequest) -> HttpResponse:
    """What we hold and who saw it; the details themselves are corrected in the account hub."""
    user = request.user
    exports = [
        (export, export_token(export))
        for export in ExportFile.objects.filter(
            user=user, status=ExportFile.Status.READY, expires_at__gt=timezone.now()
        )
    ]
    return render(
        request,
        "privacy/account/my_data.html",
        {
            "exports": exports,
            "blockers": erasure_blockers(user=user),
            "choices": account_choices(user=user),
            "access_log": audit_access_log(user=user),
            "restricted": processing_restricted(user=user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def restriction(request: AuthedHttpRequest) -> HttpResponse:
    """Restrict the processing of my data (GDPR art. 18), or lift the restriction."""
    user = request.user
    if request.method == "POST":
        now = timezone.now()
        if "lift" in request.POST:
            restriction_lift(actor=user, user=user, now=now)
            messages.success(request, _("The restriction is lifted."))
        else:
            restriction_start(
                actor=user, user=user, source=ProcessingRestriction.Source.PERSON, now=now
            )
            messages.success(request, _("The processing of your data is restricted."))
        return redirect("privacy:restriction")
    return render(
        request,
        "privacy/account/restriction.html",
        {"restricted": processing_restricted(user=user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def account_preferences(request: AuthedHttpRequest) -> HttpResponse:
    """Opt in to or out of marketing (e-mail, SMS) and personalisation, each on its own; with
    personalisation on, what it suggests."""
    user = request.user
    # Bound on every POST: with every box unticked (and no button name) the POST is empty.
    data = request.POST if request.method == "POST" else None
    form = AccountChoicesForm(data, initial=account_choices(user=user))
    if request.method == "POST" and form.is_valid():
        account_choices_set(
            user=user,
            choices=form.cleaned_data,
            source=AccountChoiceSource.ACCOUNT,
            now=timezone.now(),
        )
        messages.success(request, _("Your choices are saved."))
        return redirect("privacy:account_preferences")
    return render(
        request,
        "privacy/account/preferences.html",
        {"form": form, "suggestions": personal_suggestions(user=user, now=timezone.now())},
    )


# The signed token is the proof that the request comes from the message's recipient, which is
# what a CSRF token proves for a form; mail providers POST the one-click request (RFC 8058)
# without cookies or a CSRF token. A request without a valid token is refused before anything.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET: a confirmation button (link scanners fetch links; a GET changes nothing).
    POST: withdraw the opt-in the token names, without logging in."""
    found = unsubscribe_from_token(token)
    if found is None:
        return render(request, "privacy/unsubscribe.html", {"invalid": True}, status=400)
    user, purpose = found
    done = False
    if request.method == "POST":
        account_consent_record(
            user=user,
            purpose=purpose,
            granted=False,
            source=AccountChoiceSource.UNSUBSCRIBE,
            now=timezone.now(),
        )
        done = True
    return render(request, "privacy/unsubscribe.html", {"purpose": purpose, "done": done})


@login_required
def download_json(request: AuthedHttpRequest) -> HttpResponse:
    response = HttpResponse(export_json(user=request.user), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="creneau-my-data.json"'
    return response


@login_required
def download_zip(request: AuthedHttpRequest) -> HttpResponse:
    response = HttpResponse(export_zip(user=request.user), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="creneau-my-data.zip"'
    return response


@login_required
@require_POST
def export_prepare(request: AuthedHttpRequest) -> HttpResponse:
    export_request(user=request.user)
    messages.success(
        request, _("Your archive is being prepared; its link appears here for 7 days.")
    )
    return redirect("privacy:my_data")


@login_required
def export_download(request: AuthedHttpRequest, token: str) -> FileResponse:
    from pathlib import Path

    from django.conf import settings

    export = export_from_token(token, user=request.user)
    if export is None:
        raise Http404
    return FileResponse(
        open(Path(settings.MEDIA_ROOT) / export.path, "rb"),
        as_attachment=True,
        filename="creneau-my-data.zip",
    )


@login_required
@reauthentication_required  # type: ignore[untyped-decorator]  # allauth ships no types
@require_http_methods(["GET", "POST"])
def delete_account(request: AuthedHttpRequest) -> HttpResponse:
    user = request.user
    form = DeleteAccountForm(request.POST or None)
    blockers = erasure_blockers(user=user)
    if request.method == "POST" and form.is_valid() and not blockers:
        try:
            receipt = customer_erase(user=user, actor=user, reason=ErasureReceipt.Reason.ACCOUNT)
        except ErasureRefused as refused:
            blockers = refused.reasons
        else:
            logout(request)
            return redirect(reverse("privacy:account_deleted") + f"?ref={receipt.reference}")
    return render(request, "privacy/account/delete.html", {"form": form, "blockers": blockers})


def account_deleted(request: HttpRequest) -> HttpResponse:
    reference = request.GET.get("ref", "")
    if not ErasureReceipt.objects.filter(reference=reference).exists():
        reference = ""
    return render(request, "privacy/account/deleted.html", {"reference": reference})
