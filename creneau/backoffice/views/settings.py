"""Salon settings, for owners and managers: details, booking policy, services and categories,
staff and their services, weekly hours, invitations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from creneau.backoffice.forms import (
    BookingPolicyForm,
    BusinessDetailsForm,
    CategoryForm,
    InviteForm,
    ServiceForm,
    StaffForm,
    WeeklyHoursForm,
)
from creneau.backoffice.guard import SalonRequest, salon_view
from creneau.backoffice.selectors import salon_settings
from creneau.backoffice.views.common import error_message
from creneau.catalog.models import Business, Service, ServiceCategory, StaffMember
from creneau.catalog.salon_settings import (
    DETAIL_FIELDS,
    POLICY_FIELDS,
    business_update,
    service_category_delete,
    service_category_for,
    service_category_save,
    service_for,
    service_save,
    staff_member_for,
    staff_save,
)
from creneau.catalog.schedule_services import working_hours_set
from creneau.catalog.team import staff_invite
from creneau.errors import DomainError

GET_POST = ["GET", "HEAD", "POST"]


@require_http_methods(["GET", "HEAD"])
@salon_view(manager=True)
def index(request: SalonRequest) -> HttpResponse:
    overview = salon_settings(actor=request.user, business=request.salon)
    return render(
        request,
        "backoffice/settings_index.html",
        {"overview": overview, "section": "settings"},
    )


def _save_form(
    request: SalonRequest,
    form: Any,
    save: Callable[[], object],
    *,
    saved: str,
    title: str,
    **extra: object,
) -> HttpResponse:
    """The settings forms' one shape: on a valid post call the domain function, report its
    refusal or redirect to the settings; otherwise show the form."""
    if request.method == "POST" and form.is_valid():
        try:
            save()
        except DomainError as error:
            error_message(request, error)
        else:
            messages.success(request, saved)
            return redirect("backoffice:settings", salon=request.salon.slug)
    return render(
        request,
        "backoffice/settings_form.html",
        {"form": form, "title": title, "section": "settings", **extra},
    )


def _business_form(
    request: SalonRequest, form_class: type, fields: tuple[str, ...], title: str
) -> HttpResponse:
    business = request.salon
    # The form edits a copy: the domain function applies the accepted changes to the salon.
    copy = Business.objects.get(pk=business.pk)
    form = form_class(request.POST if request.method == "POST" else None, instance=copy)
    return _save_form(
        request,
        form,
        lambda: business_update(
            actor=request.user,
            business=business,
            changes={name: form.cleaned_data[name] for name in fields},
        ),
        saved=_("The settings are saved."),
        title=title,
    )


@require_http_methods(GET_POST)
@salon_view(manager=True)
def details(request: SalonRequest) -> HttpResponse:
    return _business_form(request, BusinessDetailsForm, DETAIL_FIELDS, _("Salon details"))


@require_http_methods(GET_POST)
@salon_view(manager=True)
def policy(request: SalonRequest) -> HttpResponse:
    return _business_form(request, BookingPolicyForm, POLICY_FIELDS, _("Booking policy"))


@require_http_methods(GET_POST)
@salon_view(manager=True)
def service(request: SalonRequest, pk: int | None = None) -> HttpResponse:
    business = request.salon
    instance = (
        service_for(actor=request.user, business=business, pk=pk)
        if pk is not None
        else Service(business=business)
    )
    form = ServiceForm(
        request.POST if request.method == "POST" else None, instance=instance, business=business
    )
    return _save_form(
        request,
        form,
        lambda: service_save(
            actor=request.user,
            business=business,
            service=form.instance,
            performers=form.cleaned_data["performers"],
        ),
        saved=_("The service is saved."),
        title=_("Edit a service") if pk is not None else _("New service"),
    )


@require_http_methods(GET_POST)
@salon_view(manager=True)
def category(request: SalonRequest, pk: int | None = None) -> HttpResponse:
    business = request.salon
    instance = (
        service_category_for(actor=request.user, business=business, pk=pk)
        if pk is not None
        else ServiceCategory(business=business)
    )
    form = CategoryForm(request.POST if request.method == "POST" else None, instance=instance)
    return _save_form(
        request,
        form,
        lambda: service_category_save(
            actor=request.user, business=business, category=form.instance
        ),
        saved=_("The category is saved."),
        title=_("Edit a category") if pk is not None else _("New category"),
        delete_category=pk,
    )


@require_POST
@salon_view(manager=True)
def category_delete(request: SalonRequest, pk: int) -> HttpResponse:
    service_category_delete(actor=request.user, business=request.salon, pk=pk)
    messages.success(request, _("The category is deleted; its services stay."))
    return redirect("backoffice:settings", salon=request.salon.slug)


@require_http_methods(GET_POST)
@salon_view(manager=True)
def staff(request: SalonRequest, pk: int | None = None) -> HttpResponse:
    business, membership = request.salon, request.membership
    instance = (
        staff_member_for(actor=request.user, business=business, pk=pk)
        if pk is not None
        else StaffMember(business=business)
    )
    form = StaffForm(
        request.POST if request.method == "POST" else None,
        instance=instance,
        business=business,
        may_touch_owners=membership.is_owner,
    )
    return _save_form(
        request,
        form,
        lambda: staff_save(
            actor=request.user,
            business=business,
            member=form.instance,
            services=form.cleaned_data["performs"],
        ),
        saved=_("The staff member is saved."),
        title=_("Edit a staff member") if pk is not None else _("New staff member"),
        hours_for=pk,
    )


@require_http_methods(GET_POST)
@salon_view(manager=True)
def hours(request: SalonRequest, pk: int) -> HttpResponse:
    business = request.salon
    member = staff_member_for(actor=request.user, business=business, pk=pk)
    form = WeeklyHoursForm(request.POST if request.method == "POST" else None, member=member)
    if request.method == "POST" and form.is_valid():
        try:
            working_hours_set(
                actor=request.user,
                business=business,
                member=member,
                hours=form.cleaned_data["hours"],
            )
        except DomainError as error:
            error_message(request, error)
        else:
            messages.success(request, _("The weekly hours are saved."))
            return redirect("backoffice:settings", salon=business.slug)
    return render(
        request,
        "backoffice/settings_hours.html",
        {
            "form": form,
            "title": _("Weekly hours of %(name)s") % {"name": member.display_name},
            "section": "settings",
        },
    )


@require_http_methods(GET_POST)
@salon_view(manager=True)
def invite(request: SalonRequest) -> HttpResponse:
    business, membership = request.salon, request.membership
    form = InviteForm(
        request.POST if request.method == "POST" else None,
        may_invite_owners=membership.is_owner,
    )
    if request.method == "POST" and form.is_valid():
        try:
            staff_invite(
                actor=request.user, business=business, now=timezone.now(), **form.cleaned_data
            )
        except DomainError as error:
            error_message(request, error)
        else:
            messages.success(
                request,
                _("The invitation is on its way to %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("backoffice:settings", salon=business.slug)
    return render(
        request,
        "backoffice/settings_form.html",
        {"form": form, "title": _("Invite a staff member"), "section": "settings"},
    )
