"""The salon's photos and its team's portraits."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from creneau.backoffice.guard import SalonRequest, salon_view
from creneau.backoffice.views.common import error_message, int_param
from creneau.catalog.models import SalonPhoto, StaffMember
from creneau.catalog.photos import (
    MAX_SALON_PHOTOS,
    salon_photo_add,
    salon_photo_first,
    salon_photo_remove,
    staff_photo_remove,
    staff_photo_set,
)
from creneau.errors import DomainError

ACCEPT = "image/jpeg,image/png,image/webp"


class SalonPhotoForm(forms.Form):
    photo = forms.FileField(
        label=gettext_lazy("Photo"),
        help_text=gettext_lazy("JPEG, PNG or WebP, at least 800 by 600 pixels, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    alt = forms.CharField(
        label=gettext_lazy("What it shows"),
        max_length=200,
        required=False,
        help_text=gettext_lazy(
            "Read aloud to people who cannot see it, e.g. “The salon's shampoo area”."
        ),
    )


class StaffPhotoForm(forms.Form):
    photo = forms.FileField(
        label=gettext_lazy("Portrait"),
        help_text=gettext_lazy("At least 120 by 120 pixels; cropped to a square."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    consented = forms.BooleanField(
        label=gettext_lazy("This person agrees to their photo being shown on the salon's page."),
        required=True,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@salon_view(manager=True)
def photos(request: SalonRequest) -> HttpResponse:
    business = request.salon
    action = request.POST.get("action", "") if request.method == "POST" else ""
    salon_form = SalonPhotoForm(
        request.POST if action == "add" else None, request.FILES if action == "add" else None
    )
    staff_form = StaffPhotoForm(
        request.POST if action == "staff" else None, request.FILES if action == "staff" else None
    )
    if request.method == "POST":
        pk = int_param(request, "pk")
        try:
            if action == "add" and salon_form.is_valid():
                salon_photo_add(
                    actor=request.user,
                    business=business,
                    upload=salon_form.cleaned_data["photo"],
                    alt=salon_form.cleaned_data["alt"],
                )
                messages.success(request, _("Photo added."))
                return redirect("backoffice:photos", salon=business.slug)
            if action == "first" and pk is not None:
                salon_photo_first(actor=request.user, business=business, pk=pk)
                messages.success(request, _("This photo is now shown first."))
                return redirect("backoffice:photos", salon=business.slug)
            if action == "remove" and pk is not None:
                salon_photo_remove(actor=request.user, business=business, pk=pk)
                messages.success(request, _("Photo removed."))
                return redirect("backoffice:photos", salon=business.slug)
            if action == "staff" and pk is not None and staff_form.is_valid():
                staff_photo_set(
                    actor=request.user,
                    business=business,
                    pk=pk,
                    upload=staff_form.cleaned_data["photo"],
                    consented=staff_form.cleaned_data["consented"],
                )
                messages.success(request, _("Portrait saved."))
                return redirect("backoffice:photos", salon=business.slug)
            if action == "staff_remove" and pk is not None:
                staff_photo_remove(actor=request.user, business=business, pk=pk)
                messages.success(request, _("Portrait removed."))
                return redirect("backoffice:photos", salon=business.slug)
        except DomainError as error:
            error_message(request, error)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "backoffice/photos.html",
        {
            "photos": list(SalonPhoto.objects.filter(business=business)),
            "staff": list(
                StaffMember.objects.filter(business=business, is_active=True).order_by(
                    "position", "display_name"
                )
            ),
            "salon_form": salon_form,
            "staff_form": staff_form,
            "staff_form_for": int_param(request, "pk") if action == "staff" else None,
            "max_photos": MAX_SALON_PHOTOS,
            "section": "settings",
        },
        status=status,
    )
