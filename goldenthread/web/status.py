"""The status page: the background worker's health and the mail that failed, for the
site's administrators (staff accounts)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from goldenthread.mail.health import health
from goldenthread.mail.models import OutgoingEmail
from goldenthread.mail.outbox import send_again


def _staff_only(request: HttpRequest) -> None:
    if not request.user.is_staff:
        raise PermissionDenied


@login_required
def status(request: HttpRequest) -> HttpResponse:
    _staff_only(request)
    return render(request, "web/status.html", {"health": health()})


@require_POST
@login_required
def send_email_again(request: HttpRequest, pk: int) -> HttpResponse:
    _staff_only(request)
    outgoing = get_object_or_404(OutgoingEmail, pk=pk)
    if send_again(outgoing):
        messages.success(request, f"The email to {outgoing.to} will be sent again.")
    return redirect("status")
