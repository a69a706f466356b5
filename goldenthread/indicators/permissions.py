"""Who may write indicator values, and for which areas: one rule, applied alike by the web
upload, the API and the command line (through the values importer's rules). And who may
define an indicator (``may_define``).

Values are published statistics that every partnership shares, so a partnership's
managers (and administrators) write values only for their own place: the partnership's
area, if it is a local one (an authority, a ward, a locality), and the local areas that
lie within it (its wards and localities), except where another partnership's area lies
within it: that area, and those within it, are that partnership's own to write.
England's, the regions' and comparator groups' values are national: they come from
national files, imported on the command line (``goldenthread import_data``: whoever runs
it is trusted with the server) or by a site administrator (a superuser) through the web
upload or the API. So a partnership whose area is England or a region has no values its
managers may write, and cannot reach the authorities within it through its area.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from django.db.models import Q

from goldenthread.areas.models import Area
from goldenthread.partnerships.models import RANK, Membership, Partnership, Role
from goldenthread.partnerships.permissions import has_role

MANAGING = [role for role, rank in RANK.items() if rank >= RANK[Role.MANAGER]]
# The kinds of area a partnership's managers may write values for: a place of their own.
# The others (a country, a region, a comparator group) are national statistics.
LOCAL = (Area.Kind.LOCAL_AUTHORITY, Area.Kind.WARD, Area.Kind.LOCALITY)
NATIONAL_FILES = "come from national files, which a site administrator imports"


@dataclass(frozen=True)
class WritableAreas:
    """The areas whose values someone may write: every area, or those with these ids."""

    ids: frozenset[int] | None  # None: every area
    own: tuple[str, ...] = ()  # the names of their partnerships' local areas, to say why not
    managed: frozenset[int] = frozenset()  # those areas' ids
    _why: dict[int, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def every_area(self) -> bool:
        return self.ids is None

    def allows(self, area_id: int) -> bool:
        return self.ids is None or area_id in self.ids

    def refusal(self, area_id: int, area_name: str) -> str:
        """Why an area's values are not theirs to write, and who writes them (worked out
        once an area: a file may give thousands of rows of one area)."""
        if area_id not in self._why:
            self._why[area_id] = self._refusal(area_id, area_name)
        return self._why[area_id]

    def _refusal(self, area_id: int, name: str) -> str:
        area = Area.objects.filter(pk=area_id).first()
        if area is not None and area.kind not in LOCAL:
            kind = area.get_kind_display().lower()
            return f"{name} is a {kind}, whose values are national: they {NATIONAL_FILES}"
        if self.managed and not self.managed.isdisjoint(_above(area_id)):
            return (
                f"{name} is another partnership's area, or lies within one: its values are "
                f"that partnership's managers' to add, or {NATIONAL_FILES}"
            )
        theirs = f"{name}'s values {NATIONAL_FILES}"
        if not self.own:
            return (
                "only a partnership's managers may add values, for its own local area (an "
                f"authority, a ward or a locality) and the areas within it; {theirs}"
            )
        yours = f"{_listed(self.own)} and the areas within {'it' if len(self.own) == 1 else 'them'}"
        return f"you may add values only for {yours}; {theirs}"


EVERY_AREA = WritableAreas(None)


def areas_writable_by(user) -> WritableAreas:
    """The areas whose values ``user`` may write.

    ``None`` stands for the command line, which is trusted with every area, as is a site
    administrator; a partnership's managers may write their partnerships' own places
    (``places_of``); anyone else, none.
    """
    if user is None or user.is_superuser:
        return EVERY_AREA
    if not user.is_authenticated:
        return WritableAreas(frozenset())
    managed = dict(
        Membership.objects.filter(
            user=user, role__in=MANAGING, partnership__area__kind__in=LOCAL
        ).values_list("partnership__area_id", "partnership__area__name")
    )
    return WritableAreas(
        places_of(managed), tuple(sorted(set(managed.values()))), frozenset(managed)
    )


def places_of(areas: Collection[int]) -> frozenset[int]:
    """The ids of the areas whose values the managers of partnerships with these areas
    write: each local one and the local areas within it, down the tree, stopping at
    another partnership's area (which, with those within it, is its own)."""
    found = set(Area.objects.filter(pk__in=areas, kind__in=LOCAL).values_list("pk", flat=True))
    others = set(Partnership.objects.values_list("area_id", flat=True)) - set(areas)
    below = set(found)
    while below:  # a level of the tree a query; there are only a few levels
        children = Area.objects.filter(parent__in=below, kind__in=LOCAL).values_list(
            "pk", flat=True
        )
        below = set(children) - found - others  # ``found``: a parent loop must not spin
        found |= below
    return frozenset(found)


def _above(area_id: int) -> set[int]:
    """The areas an area lies within, however high, not itself."""
    found: set[int] = set()
    parent = Area.objects.filter(pk=area_id).values_list("parent_id", flat=True).first()
    while parent is not None and parent not in found:
        found.add(parent)
        parent = Area.objects.filter(pk=parent).values_list("parent_id", flat=True).first()
    return found


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
    if keeps_national_definitions(user):
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


def keeps_national_definitions(user) -> bool:
    """Whether ``user`` keeps national indicators' definitions: a site administrator, or
    the command line (``None``). An import by anyone else may add values and new
    indicators, but leaves a known indicator's definition as it was."""
    return user is None or user.is_superuser


def relied_on_elsewhere(indicator, partnership) -> bool:
    """Another partnership sets targets on the indicator or links it to its plan."""
    elsewhere = ~Q(partnership=partnership)
    return (
        indicator.targets.filter(elsewhere).exists()
        or indicator.objectives.exclude(aim__plan__partnership=partnership).exists()
        or indicator.actions.exclude(delivery_plan__plan__partnership=partnership).exists()
    )
