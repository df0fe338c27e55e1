"""Moderation by platform staff: reviews are read-only here; the one change is "hide, with a
reason", an action that asks for the reason and calls `review_hide` (the author is told)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from creneau.accounts.models import User
from creneau.reviews.models import Review, ReviewReport
from creneau.reviews.services import review_hide


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, told to the author and the salon"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReportInline(admin.TabularInline):
    model = ReviewReport
    extra = 0
    fields = ("created_at", "reason", "handled_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["created_at", "business", "rating", "display_name", "hidden_at", "reports"]
    list_filter = ["rating", ("hidden_at", admin.EmptyFieldListFilter)]
    search_fields = ["business__name", "text"]
    list_select_related = ["business"]
    actions = ["hide_with_reason"]
    inlines = [ReportInline]
    exclude = ["author", "booking", "replied_by", "hidden_by"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in Review._meta.fields if f.name not in self.exclude]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("reports"))
    def reports(self, review: Review) -> int:
        return review.reports.filter(handled_at__isnull=True).count()

    @admin.action(description=_("Hide the selected reviews, with a reason"), permissions=["change"])
    def hide_with_reason(
        self, request: HttpRequest, queryset: QuerySet[Review]
    ) -> HttpResponse | None:
        form = HideForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            hidden = sum(
                review_hide(
                    review=review,
                    actor=cast(User, request.user),  # the admin site lets only logged-in staff in
                    reason=form.cleaned_data["reason"],
                )
                for review in queryset
            )
            self.message_user(
                request,
                ngettext("%(n)d review hidden.", "%(n)d reviews hidden.", hidden) % {"n": hidden},
            )
            return None
        return render(
            request,
            "reviews/admin_hide.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "reviews": queryset,
                "form": form,
                "checkbox_name": ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(ReviewReport)
class ReviewReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "review", "handled_at"]
    list_filter = [("handled_at", admin.EmptyFieldListFilter)]
    fields = ("review", "reason", "created_at", "handled_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
