"""The rights app in the platform administration: rights requests (registered on someone's
behalf here; handled on the desk) and the breach register."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from creneau.rights.models import DataBreach, RightsRequest, RightsRequestNote
from creneau.rights.rights_requests import rights_request_register

if TYPE_CHECKING:
    from creneau.accounts.models import User


class RightsRequestNoteInline(admin.TabularInline):
    model = RightsRequestNote
    extra = 0
    can_delete = False
    fields = ("created_at", "author", "text")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class RegisterForm(forms.ModelForm):
    class Meta:
        model = RightsRequest
        fields = ("first_name", "last_name", "email", "right", "statement", "language")


@admin.register(RightsRequest)
class RightsRequestAdmin(admin.ModelAdmin):
    """Adding a request here registers it on the person's behalf (received at once, deadline
    in 30 days): staff check the person's identity themselves. Handling is on the desk."""

    list_display = ("reference", "right", "status", "confirmed_at", "due_at")
    list_filter = ("status", "right")
    search_fields = ("=reference", "=email")
    inlines = [RightsRequestNoteInline]
    readonly_fields = (
        "reference",
        "status",
        "created_at",
        "confirmed_at",
        "due_at",
        "closed_at",
        "outcome",
        "registered_by",
    )

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is None:
            kwargs["form"] = RegisterForm
            kwargs["fields"] = RegisterForm._meta.fields  # type: ignore[misc]  # django-stubs: Meta read on the class, as Django does
        return super().get_form(request, obj, change, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ()
        # What the person asked is evidence: never edited afterwards.
        return (*self.readonly_fields, "first_name", "last_name", "email", "right", "statement")

    def get_inlines(self, request: HttpRequest, obj: Any) -> Any:
        return self.inlines if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            return
        registered = rights_request_register(
            actor=cast("User", request.user),  # the admin site lets only logged-in staff in
            now=timezone.now(),
            **form.cleaned_data,
        )
        obj.pk = registered.pk
        obj.reference = registered.reference

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(DataBreach)
class DataBreachAdmin(admin.ModelAdmin):
    """The breach register (art. 33(5)): the list shows each breach's 72-hour deadline to tell
    the authority and whether it has passed without a notification."""

    list_display = (
        "__str__",
        "known_at",
        "authority_deadline",
        "deadline_state",
        "authority_notified_at",
        "people_notified_at",
        "people_affected",
    )
    date_hierarchy = "known_at"

    @admin.display(description=_("deadline to notify the authority (72 h)"))
    def authority_deadline(self, obj: DataBreach) -> Any:
        return obj.authority_deadline()

    @admin.display(description=_("deadline"))
    def deadline_state(self, obj: DataBreach) -> str:
        if obj.authority_notified_at is not None:
            return str(_("notified"))
        if timezone.now() > obj.authority_deadline():
            return str(_("past"))
        return str(_("running"))
