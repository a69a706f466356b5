"""Django admin for superusers.

Values are read-only here: they change only through ``import_data``, which keeps every
earlier version, so the admin shows a value's revisions but cannot rewrite them.
"""

from django.contrib import admin

from .models import DataPoint, DataRevision, FingertipsSubscription, Indicator, Period, Target


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "title",
        "external_id",
        "unit",
        "polarity",
        "period_type",
        "partnership",
        "retired_on",
    ]
    list_filter = ["unit", "polarity", "period_type", "partnership"]
    search_fields = ["code", "title", "external_id"]
    filter_horizontal = ["objectives", "actions"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["indicator", "partnership", "kind", "value", "due_label", "rule"]
    list_filter = ["partnership", "kind", "rule"]
    search_fields = ["indicator__code", "text"]
    autocomplete_fields = ["indicator"]


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    list_display = ["label", "kind", "start", "end"]
    list_filter = ["kind"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class RevisionInline(admin.TabularInline):
    model = DataRevision
    extra = 0
    can_delete = False
    readonly_fields = [
        "revision",
        "value",
        "status",
        "note",
        "recorded_at",
        "replaced_at",
        "replaced_from",
        "replaced_by",
    ]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(DataPoint)
class DataPointAdmin(admin.ModelAdmin):
    list_display = ["indicator", "area", "period", "breakdown", "value", "status", "revision"]
    list_filter = ["status", "period__kind", "indicator"]
    search_fields = ["indicator__code", "area__code", "area__name"]
    list_select_related = ["indicator", "area", "period"]
    inlines = [RevisionInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(FingertipsSubscription)
class FingertipsSubscriptionAdmin(admin.ModelAdmin):
    """Opting an indicator in to the monthly Fingertips refresh; what it last did is
    shown, never edited."""

    list_display = ["indicator", "area_types", "last_fetched_at", "last_result", "last_error"]
    autocomplete_fields = ["indicator"]
    readonly_fields = [
        "last_fetched_at",
        "last_tried_at",
        "last_result",
        "last_added",
        "last_revised",
        "last_unchanged",
        "last_error",
    ]
