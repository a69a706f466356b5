"""Django admin for superusers. Edits to actions here are recorded like any other."""

from django.contrib import admin

from goldenthread.audit.context import Source

from .models import (
    Action,
    ActionChange,
    ActionUpdate,
    Aim,
    AnnualReport,
    DeliveryPlan,
    Objective,
    Plan,
)
from .services import PLAN_FIELDS, apply_changes


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "start_year", "end_year"]
    list_filter = ["partnership"]


@admin.register(Aim)
class AimAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "plan"]
    list_filter = ["plan"]


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "aim"]
    list_filter = ["aim__plan"]
    search_fields = ["code", "title"]


@admin.register(DeliveryPlan)
class DeliveryPlanAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "year_start"]


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "imported_at", "claimed_actions", "claimed_completed"]
    readonly_fields = ["checksum", "imported_at"]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class UpdateInline(ReadOnlyInline):
    model = ActionUpdate
    fields = readonly_fields = ["date", "author_name", "status", "commentary", "evidence_url"]


class ChangeInline(ReadOnlyInline):
    model = ActionChange
    fields = readonly_fields = [
        "changed_at",
        "changed_by",
        "via",
        "field",
        "old_value",
        "new_value",
    ]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["code", "text", "status", "status_source", "led_by", "delivery_plan"]
    list_select_related = ["lead_person", "lead_organisation", "delivery_plan__plan__partnership"]
    list_filter = ["delivery_plan", "status", "status_source"]
    search_fields = [
        "code", "text", "measure", "lead", "lead_person__name", "lead_organisation__name",
    ]  # fmt: skip
    fields = ["delivery_plan", "objective", "code", *PLAN_FIELDS, "status", "status_source"]
    inlines = [UpdateInline, ChangeInline]

    @admin.display(description="Lead")
    def led_by(self, action: Action) -> str:
        """By the one lead rule, as every list shows it."""
        return action.lead_in_full

    def get_readonly_fields(self, request, obj=None):
        # Once an action exists its place in the plan is fixed; other fields are edited
        # through save_model so that each change is recorded.
        return ["delivery_plan", "objective", "code"] if obj else []

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            super().save_model(request, obj, form, change)
            return
        stored = Action.objects.get(pk=obj.pk)
        apply_changes(
            stored,
            {field: form.cleaned_data[field] for field in form.changed_data},
            by=request.user,
            via=Source.ADMIN,
        )
        obj.refresh_from_db()


@admin.register(ActionChange)
class ActionChangeAdmin(admin.ModelAdmin):
    """The change log can be read, never edited."""

    list_display = ["changed_at", "action", "field", "changed_by", "via"]
    list_filter = ["via", "field"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
