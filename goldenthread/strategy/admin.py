from django.contrib import admin

from .models import (
    ApprovalEntry,
    Commitment,
    HigherPlan,
    Milestone,
    PlanDocument,
    Priority,
    Section,
    VersionEntry,
)


class ReadOnlyHistory(admin.TabularInline):
    """History is kept, never rewritten: recorded through the plan document's page."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class VersionInline(ReadOnlyHistory):
    model = VersionEntry
    fields = ["version", "reason", "date", "recorded_at", "recorded_by"]
    readonly_fields = fields


class ApprovalInline(ReadOnlyHistory):
    model = ApprovalEntry
    fields = ["version", "approving_body", "date", "recorded_at", "recorded_by"]
    readonly_fields = fields


@admin.register(PlanDocument)
class PlanDocumentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "status", "review_label", "imported_at"]
    list_filter = ["status"]
    readonly_fields = ["source_name", "checksum", "imported_at"]
    inlines = [VersionInline, ApprovalInline]


@admin.register(VersionEntry, ApprovalEntry)
class HistoryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "document", "date", "recorded_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["heading", "document", "order", "line"]
    list_filter = ["document"]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ["order", "text", "due", "due_label", "value", "indicator", "target", "line"]
    raw_id_fields = ["target"]


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "objective", "order", "line"]
    list_filter = ["objective__aim__plan"]
    search_fields = ["text", "milestones_text"]
    inlines = [MilestoneInline]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["__str__", "objective", "due", "value", "indicator", "target"]
    list_filter = ["indicator"]
    search_fields = ["text"]
    raw_id_fields = ["commitment", "target"]


class PriorityInline(admin.TabularInline):
    model = Priority
    extra = 0
    fields = ["number", "title", "relation", "aims"]
    filter_horizontal = ["aims"]


@admin.register(HigherPlan)
class HigherPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership"]
    inlines = [PriorityInline]
