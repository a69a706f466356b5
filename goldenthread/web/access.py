"""The partnership a request is about, and whether this person may see it."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from goldenthread.partnerships.models import Partnership
from goldenthread.partnerships.permissions import can_view, has_role


def partnership_view(role: str | None = None) -> Callable:
    """Pass the view its partnership, if the user may read it (or holds ``role``).

    Anonymous visitors are sent to sign in; signed-in people without the role get 403.
    The partnership is also kept on the request, for the navigation and the role flags
    every page's header shows (``context_processors.partnership``).
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            # Read with its data version by the page cache (caching/pages.py), if it is on.
            partnership = getattr(request, "versioned_partnership", None) or get_object_or_404(
                Partnership.objects.select_related("area"), slug=slug
            )
            readable = can_view(request.user, partnership)
            if readable:
                # Before the role is checked, so that a page refused to a reader (403)
                # still has the partnership's navigation, and is not a dead end.
                request.partnership = partnership  # type: ignore[attr-defined]
            allowed = readable if role is None else has_role(request.user, partnership, role)
            if not allowed:
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            request.partnership = partnership  # type: ignore[attr-defined]
            return view(request, partnership, *args, **kwargs)

        # For the page cache: a partnership's page, and the role it asks for.
        wrapped.reads_partnership = True  # type: ignore[attr-defined]
        wrapped.partnership_role = role  # type: ignore[attr-defined]
        return wrapped

    return decorator
