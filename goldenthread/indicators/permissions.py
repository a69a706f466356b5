"""Who may write indicator values, and for which areas: one rule, applied alike by the web
upload, the API and the command line (through the values importer's rules). And who may
define an indicator (``may_define``).

Values are published statistics that every partnership shares, so a partnership's
managers (and administrators) write values only for their own areas: the partnership's
area and the areas that lie within it (its wards and localities). England's, the
regions' and other authorities' values come from national files, imported on the
command line (``goldenthread import_data``: whoever runs it is trusted with the server)
or by a site administrator (a superuser) through the web upload or the API.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from goldenthread.areas.models import Area
from goldenthread.partnerships.models import RANK, Membership, Role
from goldenthread.partnerships.permissions import has_role

MANAGING = [role for role, rank in RANK.items() if rank >= RANK[Role.MANAGER]]


@dataclass(frozen=True)
class WritableAreas:
    """The areas whose values someone may write: every area, or those with these ids."""

    ids: frozenset[int] | None  # None: every area
    own: tuple[str, ...] = ()  # the names of their partnerships' areas, to say why not

    @property
    def every_area(self) -> bool:
        return self.ids is None

    def allows(self, area_id: int) -> bool:
        return self.ids is None or area_id in self.ids

    def refusal(self, area_name: str) -> str:
        """Why an area's values are not theirs to write, and where they come from."""
        theirs = (
            f"{area_name}'s values come from national files, which a site administrator imports"
        )
        if not self.own:
            return f"only a partnership's managers may add values, for its own areas; {theirs}"
        yours = f"{_listed(self.own)} and the areas within {'it' if len(self.own) == 1 else 'them'}"
        return f"you may add values only for {yours}; {theirs}"


EVERY_AREA = WritableAreas(None)


def areas_writable_by(user) -> WritableAreas:
    """The areas whose values ``user`` may write.

    ``None`` stands for the command line, which is trusted with every area, as is a site
    administrator; a partnership's managers may write their partnerships' areas and the
    areas within them; anyone else, none.
    """
    if user is None or user.is_superuser:
        return EVERY_AREA
    if not user.is_authenticated:
        return WritableAreas(frozenset())
    managed = dict(
        Membership.objects.filter(user=user, role__in=MANAGING).values_list(
            "partnership__area_id", "partnership__area__name"
        )
    )
    ids = Area.objects.within(managed).values_list("pk", flat=True)
    return WritableAreas(frozenset(ids), tuple(sorted(set(managed.values()))))


def _listed(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def may_define(user, indicator, partnership) -> str:
    """Why ``user``, working in ``partnership``, may not change ``indicator``'s
    definition or retire it; "" if they may.

    A definition is shared: its unit, polarity and comparison decide how every
    partnership that uses it is judged. So a partnership's managers define only the
    indicators their partnership keeps, and only while no other partnership relies on
    one (sets targets on it or links it to its plan); national indicators, and those
    another partnership relies on, are kept by a site administrator.
    """
    if user.is_superuser:
        return ""
    if not has_role(user, partnership, Role.MANAGER):
        return "Only the partnership's managers may change its indicators."
    if indicator.partnership_id != partnership.pk:
        return (
            f"{indicator.title} is a national or another partnership's indicator, which a "
            "site administrator keeps: you may link it to your plan and set your targets on it."
        )
    if relied_on_elsewhere(indicator, partnership):
        return (
            f"Another partnership relies on {indicator.title} (it has targets on it or links "
            "it to its plan), so a change would change how it is judged there: ask a site "
            "administrator to make it."
        )
    return ""


def relied_on_elsewhere(indicator, partnership) -> bool:
    """Another partnership sets targets on the indicator or links it to its plan."""
    elsewhere = ~Q(partnership=partnership)
    return (
        indicator.targets.filter(elsewhere).exists()
        or indicator.objectives.exclude(aim__plan__partnership=partnership).exists()
        or indicator.actions.exclude(delivery_plan__plan__partnership=partnership).exists()
    )
