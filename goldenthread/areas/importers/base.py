"""What every areas importer shares: the tally it reports, the checks on codes, numbers
and dates, and saving an area so that importing a file twice changes nothing."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from goldenthread.areas.models import ONS_CODE, Area, BoundarySet
from goldenthread.lib.records import save_changes
from goldenthread.lib.tables import Problems
from goldenthread.lib.wording import counted, listed

ENGLAND = ("E92000001", "England")
LA_NUMBER = re.compile(r"^\d{3}$")
PLURALS = {"authority": "authorities"}


@dataclass
class Summary:
    """What one file added, changed and passed over, said in one line."""

    file: str
    kind: str
    added: Counter[str] = field(default_factory=Counter)
    changed: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    nouns: list[str] = field(default_factory=list)  # in the order first counted

    def count(self, noun: str, outcome: bool | None) -> None:
        """``outcome``: True added, False changed, None as it was."""
        tally = {True: self.added, False: self.changed, None: self.unchanged}[outcome]
        tally[noun] += 1
        if noun not in self.nouns:
            self.nouns.append(noun)

    @property
    def changes(self) -> int:
        """How many things were added or changed."""
        return sum(self.added.values()) + sum(self.changed.values())

    def line(self) -> str:
        parts = [self._said(noun) for noun in self.nouns] or ["nothing to import"]
        return f"{self.file} ({self.kind}): {'; '.join(parts + self.notes)}."

    def _said(self, noun: str) -> str:
        added, changed, same = self.added[noun], self.changed[noun], self.unchanged[noun]
        what = [f"{added:,} added"] if added else []
        what += [f"{changed:,} changed"] if changed else []
        what += [f"{same:,} unchanged"] if same else []
        return f"{counted(added + changed + same, noun, PLURALS.get(noun))} ({listed(what)})"


def save_area(code: str, fields: dict[str, Any]) -> tuple[Area, bool | None]:
    """The area with this code, created or brought up to date with the fields; with
    True if it was added, False if changed, None if it already was so."""
    area = Area.objects.filter(code=code).first()
    if area is None:
        return Area.objects.create(code=code, **fields), True
    return area, (False if save_changes(area, fields) else None)


def england() -> Area:
    code, name = ENGLAND
    area, _ = Area.objects.get_or_create(
        code=code, defaults={"name": name, "kind": Area.Kind.COUNTRY}
    )
    join_sets(area, ["England"])
    return area


def region(code: str, name: str = "") -> tuple[Area, bool | None]:
    """A region under England; one met first by its code alone is named by its code
    until a file that names it (``regions.csv``) is imported."""
    stored = Area.objects.filter(code=code).first()
    fields: dict[str, Any] = {"kind": Area.Kind.REGION, "parent": england()}
    if name or stored is None:
        fields["name"] = name or code
    area, outcome = save_area(code, fields)
    if join_sets(area, ["Region"]) and outcome is None:
        outcome = False
    return area, outcome


def join_sets(area: Area, names: list[str]) -> bool:
    """Put the area in these boundary sets (as well as any it is in); True if it was not
    in them all already."""
    have = set(area.boundary_sets.values_list("name", flat=True))
    missing = [name for name in names if name not in have]
    for name in missing:
        found, _ = BoundarySet.objects.get_or_create(
            name=name, defaults={"tier": BoundarySet.tier_of(name)}
        )
        area.boundary_sets.add(found)
    return bool(missing)


def check_parent(area: Area, parent: Area, number: int, column: str, problems: Problems) -> bool:
    """True if the area may have this parent: none stored, this one, or one that lies
    within it (a district's county within the region). Else a problem, naming both."""
    stored = area.parent
    if stored is None or stored == parent or parent in stored.ancestors():
        return True
    problems.add(
        number,
        column,
        f"puts {area.name} ({area.code}) in {parent.name} ({parent.code}), but it is "
        f"stored in {stored.name} ({stored.code})",
    )
    return False


def ons_code(number: int, column: str, text: str, problems: Problems) -> str | None:
    if re.match(ONS_CODE, text):
        return text
    problems.add(number, column, f"{text!r} is not an ONS code (a letter and eight digits)")
    return None


def la_number(number: int, column: str, text: str, problems: Problems) -> str | None:
    """DfE's three digits, as text: "883". Excel gives them as numbers, which is fine."""
    if LA_NUMBER.match(text):
        return text
    problems.add(number, column, f"{text!r} is not a DfE LA number (three digits, such as 883)")
    return None


def dfe_date(number: int, column: str, text: str, problems: Problems) -> dt.date | None:
    """A date as DfE writes it, 31/03/2019; blank is None."""
    if not text:
        return None
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        problems.add(number, column, f"{text!r} is not a date written as 31/03/2019")
        return None


def iso_date(text: str) -> dt.date:
    """A date given as YYYY-MM-DD, for the command's options."""
    return dt.date.fromisoformat(text)
