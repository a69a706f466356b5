"""Writes wait while a restore runs: 503 with Retry-After, for people and for the API.

Also where a web process, when it starts, finishes or rolls back a media swap that a
killed restore left (``media.recover``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse

from goldenthread.lib.maintenance import restoring

logger = logging.getLogger(__name__)
SAFE = {"GET", "HEAD", "OPTIONS", "TRACE"}
RETRY_AFTER = "60"  # seconds: a restore of a council's site takes about a minute
WHY = (
    "goldenthread is being restored from a backup, so nothing can be changed for a minute. "
    "What you sent has not been saved: please try again shortly."
)


class RestoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        _recover_media()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in SAFE and restoring():
            return refused(request)
        return self.get_response(request)


def refused(request: HttpRequest) -> HttpResponse:
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {
                "type": "about:blank",
                "title": "Restoring from a backup",
                "status": 503,
                "detail": WHY,
            },
            status=503,
            content_type="application/problem+json",
        )
    else:
        response = TemplateResponse(
            request,
            "errors/plain.html",
            {"title": "Sorry, goldenthread is being restored", "paragraphs": [WHY]},
            status=503,
        )
        response.render()
    response["Retry-After"] = RETRY_AFTER
    return response


def _recover_media() -> None:
    if restoring():
        return  # the restore itself will finish its swap
    from .archive import recover_media

    try:
        outcome = recover_media()
    except Exception:  # never stop the site starting: the next restore tries again
        logger.exception("Could not finish an interrupted media swap")
        return
    if outcome:
        logger.warning("An interrupted restore's media swap was %s.", outcome)
