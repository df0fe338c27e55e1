"""The rights-requests desk under /privacy/staff/requests/, for platform staff with the
"privacy officer" permission. Beside its feature rather than in an interface app: only platform
staff use it, as the admin, and it is the rights app's own back room. Views parse, call one
function of `rights.desk`, render."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from creneau.privacy.erasure import ErasureRefused
from creneau.rights import desk
from creneau.rights.models import RightsRequest

if TYPE_CHECKING:
    from creneau.accounts.requests import AuthedHttpRequest

PERMISSION = "rights.handle_rightsrequest"


class NoteForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Note"), max_length=2000, widget=forms.Textarea)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for rejection (sent to the person)"),
        max_length=2000,
        widget=forms.Textarea,
    )


@staff_member_required
@permission_required(PERMISSION, raise_exception=True)
@require_GET
def desk_requests(request: AuthedHttpRequest) -> HttpResponse:
    status = request.GET.get("status") or None
    if status not in {None, *RightsRequest.Status.values}:
        status = None
    return render(
        request,
        "rights/requests.html",
        {
            "rows": desk.desk_requests(now=timezone.now(), status=status),
            "statuses": [
                (value, label)
                for value, label in RightsRequest.Status.choices
                if value != RightsRequest.Status.UNCONFIRMED
            ],
            "status": status,
        },
    )


@staff_member_required
@permission_required(PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def desk_request(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    found = get_object_or_404(
        RightsRequest.objects.exclude(status=RightsRequest.Status.UNCONFIRMED),
        reference=reference,
    )
    now = timezone.now()
    note_form = NoteForm()
    reject_form = RejectForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "note":
                note_form = NoteForm(request.POST)
                if note_form.is_valid():
                    desk.desk_note_add(
                        request=found,
                        actor=request.user,
                        text=note_form.cleaned_data["text"],
                        now=now,
                    )
                    return redirect("privacy:desk_request", reference=reference)
            elif action == "fulfil":
                desk.desk_fulfil(request=found, actor=request.user, now=now)
                messages.success(request, _("The request is fulfilled and the person told."))
                return redirect("privacy:desk_request", reference=reference)
            elif action == "reject":
                reject_form = RejectForm(request.POST)
                if reject_form.is_valid():
                    desk.desk_reject(
                        request=found,
                        actor=request.user,
                        reason=reject_form.cleaned_data["reason"],
                        now=now,
                    )
                    messages.success(request, _("The request is rejected and the person told."))
                    return redirect("privacy:desk_request", reference=reference)
        except desk.RequestClosed:
            messages.error(request, _("This request was already closed."))
            return redirect("privacy:desk_request", reference=reference)
        except ErasureRefused as refused:
            for reason in refused.reasons:
                messages.error(request, reason)
            return redirect("privacy:desk_request", reference=reference)
    matches = desk.desk_request_open(request=found, actor=request.user, now=now)
    return render(
        request,
        "rights/request.html",
        {
            "rights_request": found,
            "days_left": found.days_left(now)
            if found.status == RightsRequest.Status.RECEIVED
            else None,
            "overdue": found.status == RightsRequest.Status.RECEIVED
            and found.due_at is not None
            and found.due_at <= now,
            "is_open": found.status == RightsRequest.Status.RECEIVED,
            "matches": matches,
            "notes": found.notes.all(),
            "note_form": note_form,
            "reject_form": reject_form,
        },
    )
