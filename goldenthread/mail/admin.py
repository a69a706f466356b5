from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from .models import OutgoingEmail, WorkerBeat
from .outbox import send_again


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "to", "subject", "status", "attempts", "last_error", "sent_at"]
    list_filter = ["status"]
    search_fields = ["to", "subject"]
    readonly_fields = [f.name for f in OutgoingEmail._meta.fields]
    actions = ["send_selected_again"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Send the selected failed emails again")
    def send_selected_again(self, request: HttpRequest, queryset: QuerySet[OutgoingEmail]) -> None:
        count = sum(send_again(outgoing) for outgoing in queryset)
        self.message_user(request, f"{count} email(s) will be sent again.", messages.SUCCESS)


@admin.register(WorkerBeat)
class WorkerBeatAdmin(admin.ModelAdmin):
    list_display = ["worker_id", "started_at", "beat_at"]
    readonly_fields = ["worker_id", "started_at", "beat_at"]
