"""Whole pages for anonymous readers of a public partnership, and the version every
partnership page's fragments and evaluations are keyed on (keys.py).

The middleware is the outermost, so that it sees the answer as it leaves (cookies set by
any layer, the headers every layer adds); its ``process_view`` runs after all of them
have read the request, before the view, and reads the partnership with its data version
in one query. ``partnership_view`` (web/access.py) takes the partnership from there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import BaseCache, caches
from django.http import HttpRequest, HttpResponse

from goldenthread.audit.data_versions import version_of, with_data_version
from goldenthread.partnerships.models import Partnership, Visibility

from .keys import key

PAGE = "page"
# Headers a cached page keeps: what the view said about its content. The middlewares
# add their own (security, CSP, framing) to every answer, cached or not.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "Link", "Vary")


def cache() -> BaseCache:
    return caches[settings.PAGE_CACHE]


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        page_key = getattr(request, "page_key", None)
        if page_key and storable(request, response):
            cache().set(page_key, stored(response))
        return response

    def process_view(
        self, request: HttpRequest, view: Callable, args: tuple, kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        if not getattr(view, "reads_partnership", False) or "slug" not in kwargs:
            return None
        found = with_data_version(Partnership.objects.select_related("area"))
        partnership = found.filter(slug=kwargs["slug"]).first()
        if partnership is None:
            return None  # the view answers 404
        request.versioned_partnership = partnership  # type: ignore[attr-defined]
        request.data_version = version_of(partnership)  # type: ignore[attr-defined]
        if not whole_page_reader(request, partnership, view):
            return None
        page_key = key(request, PAGE)
        if (kept := cache().get(page_key)) is not None:
            return served(kept)
        if request.method == "GET":
            request.page_key = page_key  # type: ignore[attr-defined]
        return None


def whole_page_reader(request: HttpRequest, partnership: Partnership, view: Callable) -> bool:
    """Whole pages are for anonymous readers of a public partnership's public pages,
    with nothing of their own to be shown (a message waiting for them)."""
    return (
        request.method in ("GET", "HEAD")
        and partnership.visibility == Visibility.PUBLIC
        and getattr(view, "partnership_role", None) is None
        and not request.user.is_authenticated
        and CookieStorage.cookie_name not in request.COOKIES
        and not (
            request.COOKIES.get(settings.SESSION_COOKIE_NAME) and "_messages" in request.session
        )
    )


def storable(request: HttpRequest, response: HttpResponse) -> bool:
    """An answer the same for every anonymous reader: a whole page, setting no cookie (a
    CSRF token, a session), that the view did not mark as private or uncacheable."""
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in control
        and "no-store" not in control
        and "no-cache" not in control
    )


def stored(response: HttpResponse) -> dict:
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    return {"content": response.content, "headers": headers}


def served(kept: dict) -> HttpResponse:
    response = HttpResponse(kept["content"], headers=kept["headers"])
    response["X-Page-Cache"] = "hit"
    return response
