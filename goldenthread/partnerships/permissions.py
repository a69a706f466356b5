"""Who may do what in a partnership: one call per question, used by every view, the API
and the commands.

Roles rank viewer < contributor < manager < administrator, each including the ones
before it; superusers are administrators of every partnership. What a person may read
depends on the visibility of the partnership and of the plan or report itself. The same
rules as query filters are ``models.readable`` and the querysets' ``visible_to``.
"""

from __future__ import annotations

from .models import RANK, ROLE_TO_READ, Membership, Partnership, Role, Someone, Visibility


def role_in(user: Someone, partnership: Partnership) -> str | None:
    """The user's role in the partnership; superusers administer every partnership."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.ADMINISTRATOR
    # Remembered on the user for the request: a page asks several questions of one role.
    roles = user.__dict__.setdefault("_partnership_roles", {})
    if partnership.pk not in roles:
        membership = Membership.objects.filter(user=user, partnership=partnership).first()
        roles[partnership.pk] = membership.role if membership else None
    return roles[partnership.pk]


def has_role(user: Someone, partnership: Partnership, role: str) -> bool:
    actual = role_in(user, partnership)
    return actual is not None and RANK[Role(actual)] >= RANK[Role(role)]


def can_read(user: Someone, partnership: Partnership, visibility: str) -> bool:
    """May the user read something of this visibility in the partnership?"""
    needed = ROLE_TO_READ[Visibility(visibility)]
    return needed is None or has_role(user, partnership, needed)


def can_view(user: Someone, partnership: Partnership) -> bool:
    """May the user read the partnership's pages at all?"""
    return can_read(user, partnership, partnership.visibility)


def can_contribute(user: Someone, partnership: Partnership) -> bool:
    """May the user add progress updates (to the actions they lead)?"""
    return has_role(user, partnership, Role.CONTRIBUTOR)


def can_manage(user: Someone, partnership: Partnership) -> bool:
    return has_role(user, partnership, Role.MANAGER)


def can_administer(user: Someone, partnership: Partnership) -> bool:
    return has_role(user, partnership, Role.ADMINISTRATOR)
