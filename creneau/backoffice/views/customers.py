"""The salon's customers: the list with a search, a customer's file (recorded in the audit
log), and the salon's private notes."""

from __future__ import annotations

from typing import TypedDict

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from creneau.backoffice.forms import CustomerSearchForm, NoteForm
from creneau.backoffice.guard import SalonRequest, salon_view
from creneau.backoffice.views.common import error_message, salon_tz
from creneau.bookings.customers import salon_customers
from creneau.bookings.salon import customer_file_open, customer_note_add, customer_note_delete
from creneau.errors import DomainError

PAGE_SIZE = 50


@require_http_methods(["GET", "HEAD"])
@salon_view()
def customer_list(request: SalonRequest) -> HttpResponse:
    form = CustomerSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    rows = salon_customers(actor=request.user, business=request.salon, query=query)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "backoffice/customer_list.html",
        {"form": form, "query": query, "page": page, "total": len(rows), "section": "customers"},
    )


class _CustomerIds(TypedDict, total=False):
    customer_id: int
    contact_id: int


def _ids(kind: str, pk: int) -> _CustomerIds:
    if kind == "account":
        return {"customer_id": pk}
    if kind == "contact":
        return {"contact_id": pk}
    raise Http404


@require_http_methods(["GET", "HEAD", "POST"])
@salon_view()
def customer_file(request: SalonRequest, kind: str, pk: int) -> HttpResponse:
    business = request.salon
    form = NoteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            customer_note_add(
                actor=request.user,
                business=business,
                text=form.cleaned_data["text"],
                **_ids(kind, pk),
            )
        except DomainError as error:
            error_message(request, error)
        else:
            messages.success(request, _("The note is saved."))
            return redirect("backoffice:customer", salon=business.slug, kind=kind, pk=pk)
    file = customer_file_open(
        actor=request.user, business=business, now=timezone.now(), **_ids(kind, pk)
    )
    return render(
        request,
        "backoffice/customer_file.html",
        {
            "file": file,
            "kind": kind,
            "pk": pk,
            "form": form,
            "tz": salon_tz(business),
            "section": "customers",
        },
    )


@require_POST
@salon_view()
def note_delete(request: SalonRequest, kind: str, pk: int, note: int) -> HttpResponse:
    customer_note_delete(actor=request.user, business=request.salon, note_id=note)
    messages.success(request, _("The note is deleted."))
    return redirect("backoffice:customer", salon=request.salon.slug, kind=kind, pk=pk)
