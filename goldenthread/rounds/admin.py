from django.contrib import admin

from .models import RoundEmail, RoundValue, UpdateRound


class RoundEmailInline(admin.TabularInline):
    model = RoundEmail
    extra = 0
    can_delete = False
    readonly_fields = ["person", "kind", "to_address", "action_codes", "sent_at", "email"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # a record of what was sent, written only by sending


class RoundValueInline(admin.TabularInline):
    model = RoundValue
    extra = 0
    can_delete = False
    fields = ["indicator", "period", "owner", "state", "value", "signed_off_by", "signed_off_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # asked by opening the round; entered and signed off on its pages


@admin.register(UpdateRound)
class UpdateRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "delivery_plan", "opened_on", "deadline", "closed_at"]
    list_filter = ["delivery_plan__plan__partnership"]
    readonly_fields = ["opened_on", "opened_by", "closed_at", "closed_by"]
    filter_horizontal = ["actions"]
    inlines = [RoundValueInline, RoundEmailInline]
