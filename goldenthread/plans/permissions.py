"""Who may change an action: the partnership's managers, and its lead's contributors."""

from __future__ import annotations

from goldenthread.partnerships.permissions import can_contribute, can_manage

from .models import Action


def can_update_action(user, action: Action) -> bool:
    """Managers update any action; a contributor only those they lead (``Action.is_led_by``)."""
    partnership = action.delivery_plan.plan.partnership
    if can_manage(user, partnership):
        return True
    return can_contribute(user, partnership) and action.is_led_by(user)
