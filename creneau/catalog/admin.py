"""Platform staff's administration of the catalogue.

Lists stay fast on 10,000 salons: related rows are joined, foreign keys picked by autocomplete,
and the full result count is not computed. Saves go through `catalog.services`, so the derived
columns (city slug, search text) stay right whatever is edited here.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from creneau.catalog.hours import first_overlap
from creneau.catalog.models import (
    Business,
    Closure,
    Service,
    ServiceCategory,
    StaffMember,
    TimeOff,
    WorkingHours,
)
from creneau.catalog.services import business_reindex, business_save


class BusinessForm(forms.ModelForm):
    class Meta:
        model = Business
        fields = [
            "name",
            "slug",
            "category",
            "description",
            "is_active",
            "address",
            "postcode",
            "city",
            "latitude",
            "longitude",
            "timezone",
            "phone",
            "slot_step_minutes",
            "min_notice_minutes",
            "horizon_days",
            "cancellation_deadline_hours",
            "reminder_hours",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Left empty, the slug is chosen from the name by `business_save`.
        self.fields["slug"].required = False


class ServiceCategoryInline(admin.TabularInline):
    model = ServiceCategory
    extra = 0
    fields = ["name", "position"]


class StaffMemberInline(admin.TabularInline):
    model = StaffMember
    extra = 0
    fields = ["display_name", "role", "is_active", "user", "position"]
    raw_id_fields = ["user"]
    show_change_link = True


class ClosureInline(admin.TabularInline):
    model = Closure
    extra = 0
    fields = ["start_date", "end_date", "label"]


@admin.register(Business)
class BusinessAdmin(admin.ModelAdmin):
    form = BusinessForm
    list_display = ["name", "category", "city", "postcode", "is_active", "created_at"]
    list_filter = ["category", "is_active", "review_state"]
    search_fields = ["name", "slug", "city", "postcode"]
    # The review is read here and acted on in the review queue (/pro/_review/), whose domain
    # functions publish, tell the search and e-mail the owner.
    readonly_fields = [
        "city_slug",
        "created_at",
        "review_state",
        "review_reason",
        "submitted_at",
        "reviewed_at",
    ]
    prepopulated_fields = {"slug": ("name",)}
    show_full_result_count = False
    list_per_page = 50
    inlines = [StaffMemberInline, ServiceCategoryInline, ClosureInline]
    actions = ["refresh_search"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "description", "is_active"]}),
        (
            _("Address and contact"),
            {
                "fields": [
                    "address",
                    "postcode",
                    "city",
                    "city_slug",
                    "latitude",
                    "longitude",
                    "timezone",
                    "phone",
                ]
            },
        ),
        (
            _("Booking policy"),
            {
                "fields": [
                    "slot_step_minutes",
                    "min_notice_minutes",
                    "horizon_days",
                    "cancellation_deadline_hours",
                    "reminder_hours",
                ]
            },
        ),
        (_("History"), {"fields": ["created_at"]}),
        (
            _("Sign-up and review"),
            {"fields": ["siret", "review_state", "review_reason", "submitted_at", "reviewed_at"]},
        ),
    ]

    def save_model(self, request: HttpRequest, obj: Business, form: Any, change: bool) -> None:
        business_save(business=obj)

    @admin.action(description=_("Refresh the search index of the selected salons"))
    def refresh_search(self, request: HttpRequest, queryset: QuerySet[Business]) -> None:
        count = business_reindex(business_ids=queryset.values_list("pk", flat=True))
        self.message_user(
            request,
            ngettext(
                "Search index refreshed for %(count)d salon.",
                "Search index refreshed for %(count)d salons.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(ServiceCategory)
class ServiceCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "business", "position"]
    search_fields = ["name", "business__name"]
    autocomplete_fields = ["business"]
    list_select_related = ["business"]
    show_full_result_count = False


class ServiceForm(forms.ModelForm):
    class Meta:
        model = Service
        fields = [
            "business",
            "category",
            "name",
            "description",
            "duration_minutes",
            "buffer_minutes",
            "price",
            "is_active",
            "position",
            "staff",
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        business = cleaned.get("business")
        if business is None:
            return cleaned
        category = cleaned.get("category")
        if category is not None and category.business_id != business.pk:
            self.add_error("category", _("This category belongs to another salon."))
        strangers = [m for m in cleaned.get("staff") or [] if m.business_id != business.pk]
        if strangers:
            self.add_error(
                "staff",
                _("These staff members work at another salon: %(names)s.")
                % {"names": ", ".join(m.display_name for m in strangers)},
            )
        return cleaned


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    form = ServiceForm
    list_display = ["name", "business", "category", "duration_minutes", "price", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "business__name"]
    autocomplete_fields = ["business", "category", "staff"]
    list_select_related = ["business", "category"]
    show_full_result_count = False

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # Service names are part of the salon's search text.
        business_ids = {form.instance.business_id}
        if change and "business" in form.initial:
            business_ids.add(form.initial["business"])
        business_reindex(business_ids=business_ids)

    def delete_model(self, request: HttpRequest, obj: Service) -> None:
        business_id = obj.business_id
        super().delete_model(request, obj)
        business_reindex(business_ids=[business_id])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Service]) -> None:
        business_ids = list(queryset.values_list("business_id", flat=True).distinct())
        super().delete_queryset(request, queryset)
        business_reindex(business_ids=business_ids)


class WorkingHoursFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        by_day: dict[int, list[tuple[Any, Any]]] = {}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("start") or not data.get("end"):
                continue
            by_day.setdefault(data["weekday"], []).append((data["start"], data["end"]))
        for weekday, ranges in sorted(by_day.items()):
            overlap = first_overlap(ranges)
            if overlap:
                (a_start, a_end), (b_start, b_end) = overlap
                raise forms.ValidationError(
                    _("On %(day)s, %(first)s and %(second)s overlap.")
                    % {
                        "day": WorkingHours.Weekday(weekday).label,
                        "first": f"{a_start:%H:%M}-{a_end:%H:%M}",
                        "second": f"{b_start:%H:%M}-{b_end:%H:%M}",
                    }
                )


class WorkingHoursInline(admin.TabularInline):
    model = WorkingHours
    formset = WorkingHoursFormSet
    extra = 0
    fields = ["weekday", "start", "end"]


class TimeOffInline(admin.TabularInline):
    model = TimeOff
    extra = 0
    fields = ["start", "end", "reason"]


@admin.register(StaffMember)
class StaffMemberAdmin(admin.ModelAdmin):
    list_display = ["display_name", "business", "role", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["display_name", "business__name"]
    autocomplete_fields = ["business"]
    raw_id_fields = ["user"]
    list_select_related = ["business"]
    show_full_result_count = False
    inlines = [WorkingHoursInline, TimeOffInline]


@admin.register(Closure)
class ClosureAdmin(admin.ModelAdmin):
    list_display = ["business", "start_date", "end_date", "label"]
    search_fields = ["label", "business__name"]
    autocomplete_fields = ["business"]
    list_select_related = ["business"]
    date_hierarchy = "start_date"
    show_full_result_count = False


@admin.register(TimeOff)
class TimeOffAdmin(admin.ModelAdmin):
    list_display = ["staff", "start", "end"]
    search_fields = ["staff__display_name", "staff__business__name"]
    autocomplete_fields = ["staff"]
    list_select_related = ["staff", "staff__business"]
    date_hierarchy = "start"
    show_full_result_count = False
