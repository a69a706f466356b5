"""A report's outline, as its headings, captions and columns name it: aims, and the
objectives under them.

"Strategic Aim 3", "Priority 2 - …", "Objective 1.2 …" set the aim or objective the
rows below serve. An "Outcome" heading under a "Priority" heading is an objective;
"Objective 2" under aim 3 is objective 3.2; an unnumbered aim is numbered in order; an
objective without a code is numbered in its aim's order (or takes its first action's).
Where actions come with no objective, their aim stands as one; where there is no aim
either, the heading above their table is their aim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from goldenthread.lib.headers import Column

from .report_blocks import Heading, Place
from .report_columns import AIM_CODE, Columns
from .report_headings import Named, named_in
from .report_model import ParsedAction, ParsedAim, ParsedObjective, ParsedReport, Problem


@dataclass
class Outline:
    """Where a reader is in a report's outline, and what it has found so far."""

    report: ParsedReport
    text: bool = False  # a text file's lines, not a table's rows
    problems: list[Problem] = field(default_factory=list)
    aim: ParsedAim | None = None
    aim_word: str = ""  # the word that named the aim: "priority"
    aim_level: int | None = None  # its heading's level
    objective: ParsedObjective | None = None
    action: ParsedAction | None = None
    made: list[ParsedObjective] = field(default_factory=list)  # objectives given a code
    plain: dict[int, Heading] = field(default_factory=dict)  # headings naming nothing, by level
    plain_aim_level: int | None = None  # the level of the one that is the aim
    plain_objective_level: int | None = None  # … that is the objective
    by_code: set[str] = field(default_factory=set)  # objectives its actions' codes gave
    untitled: list[str] = field(default_factory=list)  # … of which with no title

    def heading(self, heading: Heading) -> None:
        named = named_in(heading.text, caption=heading.caption)
        if named is None:
            if heading.level is not None:
                self._plain_heading(heading, heading.level)
            return
        self.plain, self.plain_aim_level, self.plain_objective_level = {}, None, None
        place = Place(heading.label, 0 if heading.label else heading.line)
        deeper = heading.level is not None and (self.aim_level or 0) < heading.level
        if named.level == "aim" and not (
            self.aim and named.word != self.aim_word and deeper and self.aim_word
        ):
            self._aim(named, place, heading.level)
        else:
            self._objective_named(named, place)

    def _aim(self, named: Named, place: Place, level: int | None = None) -> None:
        number = named.aim_number
        same = next((a for a in self.report.aims if a.number == number), None)
        if number is None:
            same = next((a for a in self.report.aims if a.title == named.title), None)
            if same is not None:
                self._enter_aim(same, named.word, level)
                return
            number = max((a.number for a in self.report.aims), default=0) + 1
        elif same is not None:
            if named.title and not _same_words(same.title, named.title):
                self.problems.append(
                    place.problem(
                        f"aim {number} appears twice, as {same.title!r} and {named.title!r}."
                    )
                )
            self._enter_aim(same, named.word, level)
            return
        if not named.title:
            self.problems.append(place.problem(f"aim {number} has no title."))
        aim = ParsedAim(number, named.title, place.row)
        self.report.aims.append(aim)
        self._enter_aim(aim, named.word, level)

    def _enter_aim(self, aim: ParsedAim, word: str, level: int | None) -> None:
        self.aim, self.aim_word, self.aim_level = aim, word, level
        self.objective = self.action = None

    def _objective_named(self, named: Named, place: Place) -> None:
        self._objective(named.label or "", named.title, place, column="")

    def _objective(
        self, label: str, title: str, place: Place, column: str, *, exact: bool = False
    ) -> None:
        aim = self.aim or self._aim_from(label, place)
        if aim is None:
            self.problems.append(
                place.problem(f"objective {label or title!r} comes before any aim or priority.")
            )
            return
        code = label if exact else self._objective_code(label, aim)
        existing = next((o for o in self.report.objectives if o.code == code), None)
        if existing is not None:
            if title and existing.title and not _same_words(existing.title, title):
                self.problems.append(
                    place.problem(
                        f"objective {code} appears twice, as {existing.title!r} and {title!r}.",
                        column,
                    )
                )
            self.objective, self.action = existing, None
            return
        self.objective = ParsedObjective(code, title, aim.number, place.row)
        self.report.objectives.append(self.objective)
        self.action = None
        if not label and not exact:
            self.made.append(self.objective)

    def _objective_code(self, label: str, aim: ParsedAim) -> str:
        if label.isdigit():
            return f"{aim.number}.{label}"  # "Objective 2" under aim 3 is objective 3.2
        if label.isalpha() and any(
            o.code == label and o.aim_number != aim.number for o in self.report.objectives
        ):
            return f"{aim.number}{label}"  # "Outcome A" again under aim 2 is 2A
        if label:
            return label
        taken = {o.code for o in self.report.objectives}
        number = sum(o.aim_number == aim.number for o in self.report.objectives) + 1
        while f"{aim.number}.{number}" in taken:
            number += 1
        return f"{aim.number}.{number}"

    def _aim_from(self, label: str, place: Place) -> ParsedAim | None:
        """An objective's aim when no heading named it: its code's first number."""
        first = label.split(".")[0]
        if not first.isdigit() or "." not in label:
            return None
        self.report.notes.append(
            f"Aim {first} is inferred from objective {label}'s code: give it a title."
        )
        self._aim(Named("aim", "aim", first, f"Aim {first}"), place)
        return self.aim

    def _untitled_aim(self, named: Named, columns: Columns) -> Named:
        """An aim named by its number alone takes its title from a heading that named
        it, else its column's header and number ("Priority 1"), and says so."""
        known = next((a for a in self.report.aims if a.number == named.aim_number), None)
        if known is not None:
            return Named("aim", named.word, named.label, known.title)
        column = columns.roles.get(AIM_CODE, columns.roles.get(Column.AIM, -1))
        title = f"{columns.names.get(column, '') or 'Aim'} {named.label}"
        self.report.notes.append(f"Aim {named.aim_number} has no title in the file: {title!r}.")
        return Named("aim", named.word, named.label, title)

    def objective_for(self, code: str, place: Place) -> ParsedObjective | None:
        """The objective of an action listed with none above it: the one its code names
        less its own number (1.2.3 is objective 1.2's), else its aim standing as one."""
        prefix = code.rsplit(".", 1)[0] if "." in code else ""
        aim = self.aim or self._aim_from(prefix, place) or self._aim_from_heading(place)
        if aim is None:
            return None
        if self._objective_from_heading(place):
            return self.objective  # it stands until a heading as high ends it
        if not prefix or prefix == str(aim.number):
            if self.objective is None or self.objective.code != str(aim.number):
                self.report.notes.append(
                    f"Aim {aim.number}'s actions have no objective: objective {aim.number} "
                    "stands for the aim."
                )
                self._objective(str(aim.number), aim.title, place, "", exact=True)
        elif self.objective is None or self.objective.code != prefix:
            self._objective(prefix, f"Objective {prefix}", place, "", exact=True)
            self.untitled.append(prefix)
        self.by_code.add(self.objective.code)  # type: ignore[union-attr]
        return self.objective

    def _plain_heading(self, heading: Heading, level: int) -> None:
        """A heading that names no aim or objective ("Safer streets"): kept, in case
        actions below it are placed by nothing else. It ends the part of the document
        that a heading as high began."""
        self.plain = {k: v for k, v in self.plain.items() if k < level} | {level: heading}
        if self.plain_aim_level is not None and level <= self.plain_aim_level:
            self.aim = self.objective = self.action = None
            self.plain_aim_level = self.plain_objective_level = None
        elif self.plain_objective_level is not None and level <= self.plain_objective_level:
            self.objective = self.action = None
            self.plain_objective_level = None

    def _aim_from_heading(self, place: Place) -> ParsedAim | None:
        """The outermost heading above actions that nothing else places: their aim,
        numbered in order."""
        if not self.plain:
            return None
        level = min(self.plain)
        self._aim(Named("aim", "", None, self.plain[level].text), place)
        self.plain_aim_level = level
        return self.aim

    def _objective_from_heading(self, place: Place) -> ParsedObjective | None:
        """A heading below the aim's, above actions with no objective: their objective."""
        above = self.plain_aim_level if self.plain_aim_level is not None else self.aim_level
        deeper = [level for level in self.plain if level > (above or 0)]
        if not deeper:
            return None
        self._objective("", self.plain[max(deeper)].text, place, "")
        self.plain_objective_level = max(deeper)
        return self.objective


def _same_words(one: str, other: str) -> bool:
    """Titles written twice alike but for case and punctuation ("Starting well" and
    "Starting Well.")."""
    return re.sub(r"\W+", " ", one).strip().lower() == re.sub(r"\W+", " ", other).strip().lower()
