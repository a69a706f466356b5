"""Who may do what in a partnership: one call per check, used by every view."""

from __future__ import annotations

from .models import RANK, Membership, Role


def role_in(user, partnership) -> str | None:
    """The user's role in the partnership; superusers manage every partnership."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.MANAGER
    membership = Membership.objects.filter(user=user, partnership=partnership).first()
    return membership.role if membership else None


def has_role(user, partnership, role: str) -> bool:
    actual = role_in(user, partnership)
    return actual is not None and RANK[actual] >= RANK[role]


def can_view(user, partnership) -> bool:
    return partnership.is_public or has_role(user, partnership, Role.VIEWER)


def can_contribute(user, partnership) -> bool:
    return has_role(user, partnership, Role.CONTRIBUTOR)


def can_manage(user, partnership) -> bool:
    return has_role(user, partnership, Role.MANAGER)
