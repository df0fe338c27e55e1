"""The outbox in the platform admin: read-only, with the last error of each message and a
"retry now" action for failed ones. Messages are never edited by hand.

Other apps add ways to find a message by what it is about with `admin_search_register`, from
their own admin.py (bookings: by the booking's reference)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from creneau.notifications.delivery import message_retry
from creneau.notifications.models import MessageStatus, OutboundMessage

# Exact-match lookups of what messages are about, added by the apps that own it.
_search_lookups: list[str] = []


def admin_search_register(lookup: str) -> None:
    """Let platform staff find messages by `lookup`, an exact-match search field that follows
    the related_query_name of a GenericRelation onto `about` ("=<that name>__<field>")."""
    if lookup not in _search_lookups:
        _search_lookups.append(lookup)


@admin.register(OutboundMessage)
class OutboundMessageAdmin(admin.ModelAdmin):
    list_display = [
        "pk",
        "template",
        "channel",
        "language",
        "status",
        "attempts",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]
    list_filter = ["status", "channel", "template"]
    search_fields = ["=message_id"]
    date_hierarchy = "created_at"
    ordering = ["-created_at", "-pk"]
    list_select_related = False
    actions = ["retry_now"]
    fields = [
        "status",
        "attempts",
        "last_error",
        "next_attempt_at",
        "claimed_at",
        "claimed_by",
        "sent_at",
        "created_at",
        "channel",
        "template",
        "language",
        "message_id",
        "to_address",
        "subject",
        "body_text",
        "user",
        "about_shown",
    ]
    readonly_fields = fields  # type: ignore[assignment]  # django-stubs: names only here, no groups

    @admin.display(description=_("about"))
    def about_shown(self, obj: OutboundMessage) -> str:
        return str(obj.about) if obj.about is not None else "-"

    def get_search_fields(self, request: HttpRequest) -> list[str]:
        return [*self.search_fields, *_search_lookups]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # Viewing only; the retry action has its own permission check below.
        return False

    @admin.action(description=_("Retry now"), permissions=["retry"])
    def retry_now(self, request: HttpRequest, queryset: QuerySet[OutboundMessage]) -> None:
        failed = list(queryset.filter(status=MessageStatus.FAILED).values_list("pk", flat=True))
        queued = sum(1 for pk in failed if message_retry(message_pk=pk))
        skipped = queryset.count() - queued
        self.message_user(
            request,
            ngettext(
                "%(count)d message queued again.",
                "%(count)d messages queued again.",
                queued,
            )
            % {"count": queued},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d message was not failed and was left alone.",
                    "%(count)d messages were not failed and were left alone.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    def has_retry_permission(self, request: HttpRequest) -> bool:
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
