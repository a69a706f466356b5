"""Resolving the partnership a request is about, and whether this person may do it."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from goldenthread.accounts.permissions import can_view, has_role

from .models import Partnership


def partnership_view(role: str | None = None) -> Callable:
    """Pass the view its partnership, if the user may read it (or holds ``role``).

    Anonymous visitors are sent to sign in; signed-in people without the role get 403.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, slug: str, *args, **kwargs) -> HttpResponse:
            partnership = get_object_or_404(Partnership.objects.select_related("area"), slug=slug)
            if role is None:
                allowed = can_view(request.user, partnership)
            else:
                allowed = has_role(request.user, partnership, role)
            if not allowed:
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            return view(request, partnership, *args, **kwargs)

        return wrapped

    return decorator
