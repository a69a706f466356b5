"""What every page's header needs about the partnership it is about.

``partnership_view`` keeps the partnership on the request; pages outside a partnership
(signing in, the list of partnerships) get nothing from here.
"""

from __future__ import annotations

from django.http import HttpRequest

from goldenthread.partnerships.permissions import can_administer, can_contribute, can_manage


def partnership(request: HttpRequest) -> dict:
    current = getattr(request, "partnership", None)
    if current is None:
        return {}
    user = request.user
    return {
        "partnership": current,
        "can_contribute": can_contribute(user, current),
        "can_manage": can_manage(user, current),
        "can_administer": can_administer(user, current),
    }
