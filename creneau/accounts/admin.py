"""Accounts in the platform administration.

Opening an account's page is an access to a person's data: `UserAdmin.change_view` writes an
audit entry (`customer.admin_viewed`), which the person sees on their "My data" page as
"platform staff". The list shows no names or addresses; find an account by its exact e-mail.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import BaseUserCreationForm
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from creneau.accounts.models import User
from creneau.privacy.audit import audit_record


class UserCreationForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "first_name", "last_name")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    add_form = UserCreationForm
    ordering = ("-date_joined",)
    list_display = ("__str__", "is_staff", "is_active", "date_joined", "last_activity")
    list_filter = ("is_staff", "is_superuser", "is_active")
    # Exact match only: browsing the list must not read like a directory of customers.
    search_fields = ("=email",)
    readonly_fields = ("date_joined", "last_login", "last_activity")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal details"), {"fields": ("first_name", "last_name", "phone", "language")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("date_joined", "last_login", "last_activity")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "first_name", "last_name", "password1", "password2"),
            },
        ),
    )

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        subject = self.get_object(request, object_id)
        # Recorded once the page was allowed and found (a 403 or 404 showed nobody's data);
        # staff opening their own account is no access to someone else's data.
        if (
            request.method == "GET"
            and response.status_code == 200
            and subject is not None
            and subject.pk != request.user.pk
        ):
            audit_record(
                actor=cast(User, request.user),  # the admin site lets only logged-in staff in
                action="customer.admin_viewed",
                subject_user=subject,
                obj=subject,
            )
        return response
