"""Django admin for superusers. Presenting an item is done on the meeting page, where it
completes the linked action through the services; here ``presented_at`` is read-only."""

from django.contrib import admin

from .models import AgendaItem, Board, BoardMember, Meeting


class BoardMemberInline(admin.TabularInline):
    model = BoardMember
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "partnership", "cycle", "accountable_to"]
    list_filter = ["partnership", "cycle"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [BoardMemberInline]


@admin.register(BoardMember)
class BoardMemberAdmin(admin.ModelAdmin):
    list_display = ["person", "board", "role", "joined_on", "left_on"]
    list_filter = ["board__partnership", "board", "role"]
    autocomplete_fields = ["person"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "title", "lead", "lead_person", "published_report", "action"]
    raw_id_fields = ["lead_person", "published_report", "action"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "date", "status", "place"]
    list_filter = ["board__partnership", "board", "status"]
    date_hierarchy = "date"
    inlines = [AgendaItemInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting", "action", "presented_at"]
    list_filter = ["meeting__board"]
    search_fields = ["title"]
    raw_id_fields = ["lead_person", "published_report", "action"]
    readonly_fields = ["presented_at", "presented_by"]
