"""Admin for what the back office writes, and the audit log's read-only view.

The audit log is `privacy.AuditEntry`; it is registered here because this work added it while
`privacy/admin.py` did not exist (move the class there when it does). Entries are shown, never
added, changed or deleted by hand: the log is append-only.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from creneau.catalog.models import SalonSecurity, StaffInvitation
from creneau.privacy.models import AuditEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "action",
        "actor_label",
        "actor",
        "subject_user",
        "subject_contact",
    ]
    list_filter = ["action"]
    date_hierarchy = "created_at"
    search_fields = ["action", "actor_label", "object_id"]
    list_select_related = ["actor", "subject_user", "subject_contact"]
    raw_id_fields = ["actor", "subject_user", "subject_contact", "business"]


@admin.register(StaffInvitation)
class StaffInvitationAdmin(ReadOnlyAdmin):
    list_display = ["business", "email", "role", "created_at", "expires_at", "accepted_at"]
    exclude = ["token_hash"]


@admin.register(SalonSecurity)
class SalonSecurityAdmin(ReadOnlyAdmin):
    list_display = ["business", "require_mfa", "updated_at"]
