"""The front page: the partnerships this person may read."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from goldenthread.partnerships.models import Partnership


def home(request: HttpRequest) -> HttpResponse:
    partnerships = list(Partnership.objects.visible_to(request.user).select_related("area"))
    if len(partnerships) == 1:
        return redirect(partnerships[0])
    return render(request, "web/home.html", {"partnerships": partnerships})
