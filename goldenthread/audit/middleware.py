"""Changes made while answering a request are the signed-in person's, from the web (or
the admin); the API sets its own source once its token has said who is calling."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .context import Source, acting, client_address


class AuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        source = Source.ADMIN if request.path.startswith("/admin/") else Source.WEB
        # request.user is lazy: a page that changes nothing never looks up who is signed in.
        with acting(request.user, source, client_address(request)):
            return self.get_response(request)
