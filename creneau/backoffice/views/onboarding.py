"""A salon signs up, sets itself up step by step, and platform staff review it.

Every page works without JavaScript and in one column on a phone; each view parses a form and
calls one function of `creneau.catalog.onboarding`, which checks who acts.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from creneau.accounts.requests import AuthedHttpRequest
from creneau.backoffice.forms import BookingPolicyForm, InviteForm
from creneau.backoffice.guard import SalonRequest, forbidden, salon_view
from creneau.backoffice.onboarding_forms import (
    SalonSignupForm,
    SendBackForm,
    ServiceLineFormSet,
    WeekFormSet,
    service_lines_initial,
    week_initial,
)
from creneau.backoffice.views.common import error_message
from creneau.catalog.models import Business, ReviewState, Service, StaffMember, WorkingHours
from creneau.catalog.onboarding import (
    STEP_POLICY,
    STEP_TEAM,
    may_review,
    salon_approve,
    salon_send_back,
    salon_signup,
    salon_submit,
    salons_waiting_for_review,
    setup_checklist,
    setup_hours_set,
    setup_services_add,
    setup_step_confirm,
)
from creneau.catalog.salon_settings import POLICY_FIELDS, business_update
from creneau.catalog.team import staff_invite
from creneau.errors import DomainError

GET_POST = ["GET", "HEAD", "POST"]


# --- Sign-up -----------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def signup(request: HttpRequest) -> HttpResponse:
    """The door for professionals: what joining takes, then an account (allauth's sign-up and
    e-mail verification, coming back to the salon form) or straight to the salon form."""
    if request.user.is_authenticated:
        return redirect("backoffice:signup_salon")
    after = reverse("backoffice:signup_salon")
    return render(
        request,
        "backoffice/signup.html",
        {
            "signup_url": reverse("account_signup") + "?" + urlencode({"next": after}),
            "login_url": reverse("account_login") + "?" + urlencode({"next": after}),
        },
    )


@login_required
@require_http_methods(GET_POST)
def signup_salon(request: AuthedHttpRequest) -> HttpResponse:
    form = SalonSignupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            business = salon_signup(actor=request.user, now=timezone.now(), **form.cleaned_data)
        except DomainError as error:
            error_message(request, error)
        else:
            messages.success(
                request, _("%(salon)s is created. Now set it up.") % {"salon": business.name}
            )
            return redirect("backoffice:setup", salon=business.slug)
    return render(request, "backoffice/signup_salon.html", {"form": form})


# --- Set-up ------------------------------------------------------------------------------------


def _next_step(request: SalonRequest) -> HttpResponse:
    """After a step: the first step left, or the checklist when none is."""
    checklist = setup_checklist(actor=request.user, business=request.salon)
    left = next((item.step for item in checklist if not item.done), None)
    if left is None or request.salon.review_state not in (ReviewState.DRAFT, ReviewState.RETURNED):
        return redirect("backoffice:setup", salon=request.salon.slug)
    return redirect(f"backoffice:setup_{left}", salon=request.salon.slug)


def _step_page(request: SalonRequest, template: str, title: str, **context: object) -> HttpResponse:
    return render(
        request, template, {"title": title, "section": "setup", "salon": request.salon, **context}
    )


@require_http_methods(["GET", "HEAD"])
@salon_view(manager=True)
def setup(request: SalonRequest) -> HttpResponse:
    checklist = setup_checklist(actor=request.user, business=request.salon)
    return _step_page(
        request,
        "backoffice/setup.html",
        _("Set up your salon"),
        checklist=checklist,
        all_done=all(item.done for item in checklist),
        editable=request.salon.review_state in (ReviewState.DRAFT, ReviewState.RETURNED),
    )


@require_http_methods(GET_POST)
@salon_view(manager=True)
def setup_services(request: SalonRequest) -> HttpResponse:
    business = request.salon
    existing = list(Service.objects.filter(business=business).order_by("position", "pk"))
    formset = ServiceLineFormSet(
        request.POST if request.method == "POST" else None,
        initial=[] if existing else service_lines_initial(business.category),
        prefix="lines",
    )
    if request.method == "POST" and formset.is_valid():
        lines = [line for form in formset.forms if (line := form.line()) is not None]
        try:
            setup_services_add(actor=request.user, business=business, lines=lines)
        except DomainError as error:
            error_message(request, error)
        else:
            messages.success(request, _("The price list is saved."))
            return _next_step(request)
    return _step_page(
        request,
        "backoffice/setup_services.html",
        _("Price list"),
        formset=formset,
        existing=existing,
    )


@require_http_methods(GET_POST)
@salon_view(manager=True)
def setup_hours(request: SalonRequest) -> HttpResponse:
    business = request.salon
    first = StaffMember.objects.filter(business=business, is_active=True).order_by("pk").first()
    hours = list(WorkingHours.objects.filter(staff=first)) if first else []
    formset = WeekFormSet(
        request.POST if request.method == "POST" else None,
        initial=week_initial(hours),
        prefix="days",
    )
    if request.method == "POST" and formset.is_valid():
        try:
            setup_hours_set(
                actor=request.user,
                business=business,
                days=[form.day() for form in formset.forms],
            )
        except DomainError as error:
            error_message(request, error)
        else:
            messages.success(request, _("The opening hours are saved."))
            return _next_step(request)
    return _step_page(request, "backoffice/setup_hours.html", _("Opening hours"), formset=formset)


@require_http_methods(GET_POST)
@salon_view(manager=True)
def setup_team(request: SalonRequest) -> HttpResponse:
    business, membership = request.salon, request.membership
    invite = InviteForm(
        request.POST if request.method == "POST" and "email" in request.POST else None,
        may_invite_owners=membership.is_owner,
    )
    if request.method == "POST":
        if "email" not in request.POST:
            setup_step_confirm(actor=request.user, business=business, step=STEP_TEAM)
            return _next_step(request)
        if invite.is_valid():
            try:
                staff_invite(
                    actor=request.user, business=business, now=timezone.now(), **invite.cleaned_data
                )
            except DomainError as error:
                error_message(request, error)
            else:
                messages.success(
                    request,
                    _("The invitation is on its way to %(email)s.")
                    % {"email": invite.cleaned_data["email"]},
                )
                return redirect("backoffice:setup_team", salon=business.slug)
    team = StaffMember.objects.filter(business=business).select_related("user")
    return _step_page(
        request, "backoffice/setup_team.html", _("Team"), form=invite, team=list(team)
    )


@require_http_methods(GET_POST)
@salon_view(manager=True)
def setup_policy(request: SalonRequest) -> HttpResponse:
    business = request.salon
    copy = Business.objects.get(pk=business.pk)
    form = BookingPolicyForm(request.POST if request.method == "POST" else None, instance=copy)
    if request.method == "POST" and form.is_valid():
        try:
            business_update(
                actor=request.user,
                business=business,
                changes={name: form.cleaned_data[name] for name in POLICY_FIELDS},
            )
            setup_step_confirm(actor=request.user, business=business, step=STEP_POLICY)
        except DomainError as error:
            error_message(request, error)
        else:
            messages.success(request, _("The booking policy is saved."))
            return _next_step(request)
    return _step_page(request, "backoffice/setup_step.html", _("Booking policy"), form=form)


@require_POST
@salon_view(owner=True)
def setup_submit(request: SalonRequest) -> HttpResponse:
    try:
        salon_submit(actor=request.user, business=request.salon, now=timezone.now())
    except DomainError as error:
        error_message(request, error)
    else:
        messages.success(
            request, _("Your salon is sent for review. We e-mail you if anything must change.")
        )
    return redirect("backoffice:setup", salon=request.salon.slug)


# --- Review by platform staff ------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD"])
def review_queue(request: AuthedHttpRequest) -> HttpResponse:
    if not may_review(request.user):
        return forbidden(request, _("Reviewing salons is for platform staff."))
    salons = list(salons_waiting_for_review(actor=request.user))
    return render(
        request,
        "backoffice/review_queue.html",
        {"salons": salons, "form": SendBackForm(), "section": "review"},
    )


def _waiting(pk: int) -> Business:
    business = Business.objects.filter(pk=pk, review_state=ReviewState.SUBMITTED).first()
    if business is None:
        raise Http404
    return business


@login_required
@require_POST
def review_approve(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    if not may_review(request.user):
        return forbidden(request, _("Reviewing salons is for platform staff."))
    business = _waiting(pk)
    try:
        salon_approve(actor=request.user, business=business, now=timezone.now())
    except DomainError as error:
        error_message(request, error)
    else:
        messages.success(request, _("%(salon)s is published.") % {"salon": business.name})
    return redirect("backoffice:review_queue")


@login_required
@require_POST
def review_send_back(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    if not may_review(request.user):
        return forbidden(request, _("Reviewing salons is for platform staff."))
    business = _waiting(pk)
    form = SendBackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what the salon should change."))
        return redirect("backoffice:review_queue")
    try:
        salon_send_back(
            actor=request.user,
            business=business,
            reason=form.cleaned_data["reason"],
            now=timezone.now(),
        )
    except DomainError as error:
        error_message(request, error)
    else:
        messages.success(
            request, _("%(salon)s is sent back to its owner.") % {"salon": business.name}
        )
    return redirect("backoffice:review_queue")
