"""Indicator definitions, targets and areas as data: import and export them.

One workbook with sheets ``Indicators``, ``Targets`` and ``Areas`` (any of them), or a
CSV file of one of those, told apart by its columns. Importing is all or nothing, every
problem named by row and column; importing the same file again changes nothing.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from zipfile import BadZipFile

from django.core.exceptions import ValidationError
from django.db import transaction

from goldenthread.areas.models import Area
from goldenthread.indicators.importers.tables import (
    NOT_UTF8,
    Problems,
    TableError,
    read_table,
    zip_problem,
)
from goldenthread.indicators.models import (
    RATE_MULTIPLIERS,
    Comparison,
    Indicator,
    MeasureKind,
    PerformanceQuestion,
    Period,
    PeriodType,
    Polarity,
    Rule,
    Target,
    TargetKind,
    Unit,
    measure_kind_problem,
)
from goldenthread.lib.periods import Period as PeriodValue
from goldenthread.lib.records import save_changes
from goldenthread.partnerships.models import Partnership
from goldenthread.plans.models import Action, Objective

INDICATOR_COLUMNS = [
    "code",
    "title",
    "definition",
    "source",
    "owner",
    "unit",
    "per",
    "unit_label",
    "polarity",
    "period_type",
    "decimals",
    "tolerance",
    "objectives",
    "actions",
    "fingertips_id",
    "comparison",
    "update_cycle",
    "change_tolerance",
    "aliases",
    "measure_kind",
    "performance_question",
]
TARGET_COLUMNS = [
    "indicator",
    "breakdown",
    "kind",
    "value",
    "by",
    "rule",
    "amount",
    "baseline",
    "compare_breakdown",
    "text",
    "source",
]
AREA_COLUMNS = ["code", "name", "kind", "parent", "members"]
SHEETS = {"Areas": AREA_COLUMNS, "Indicators": INDICATOR_COLUMNS, "Targets": TARGET_COLUMNS}


def import_definitions(path: Path | str, partnership: Partnership | None = None) -> dict[str, int]:
    """Import every sheet the file has; returns how many rows of each were read."""
    path = Path(path)
    counts = {}
    with transaction.atomic():
        for sheet in _sheets(path):
            counts[sheet] = IMPORTERS[sheet](path, sheet, partnership)
    return counts


def _sheets(path: Path) -> list[str]:
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        from openpyxl import load_workbook
        from openpyxl.utils.exceptions import InvalidFileException

        if problem := zip_problem(path):
            raise TableError(f"{path.name}: {problem}", [])
        try:
            names = load_workbook(path, read_only=True).sheetnames
        except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as error:
            raise TableError(f"{path.name}: is not an Excel workbook ({error})", []) from None
        found = [name for name in SHEETS if name in names]
        if not found:
            message = f"{path.name}: has none of the sheets {', '.join(SHEETS)}"
            raise TableError(message, [])
        return found
    header = _csv_header(path)
    for name, columns in SHEETS.items():
        if columns[:3] == header[:3] or set(columns) == set(header):
            return [name]
    raise TableError(
        f"{path.name}: the columns do not match indicators ({', '.join(INDICATOR_COLUMNS)}), "
        f"targets ({', '.join(TARGET_COLUMNS)}) or areas ({', '.join(AREA_COLUMNS)})",
        [],
    )


def _csv_header(path: Path) -> list[str]:
    import csv

    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            return [cell.strip().lower() for cell in next(csv.reader(handle), [])]
    except UnicodeDecodeError:
        raise TableError(f"{path.name}: {NOT_UTF8}", []) from None
    except (csv.Error, OSError) as error:
        raise TableError(f"{path.name}: cannot be read as a table ({error})", []) from None


def _rows(path: Path, sheet: str):
    columns = SHEETS[sheet]
    excel = path.suffix.lower() in {".xlsx", ".xlsm"}
    return read_table(
        path, required=columns[:2], optional=columns[2:], sheet=sheet if excel else None
    )


def _import_areas(path: Path, sheet: str, partnership) -> int:
    problems, rows = Problems(), list(_rows(path, sheet))
    for number, row in rows:
        area = Area(code=row["code"], name=row["name"], kind=row.get("kind", ""))
        try:
            area.clean_fields(exclude=["parent", "comparator_for"])
            area.clean()
        except ValidationError as error:
            for column, messages in error.message_dict.items():
                problems.add(number, column, " ".join(messages))
    problems.raise_for(path.name)
    saved = []
    for number, row in rows:
        area, _ = Area.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "kind": row["kind"]}
        )
        saved.append((number, row, area))
    known = dict(Area.objects.values_list("code", "pk"))
    for number, row, area in saved:
        _link_area(number, row, area, known, problems)
    problems.raise_for(path.name)
    return len(rows)


def _link_area(number, row, area, known, problems) -> None:
    parent = row.get("parent", "")
    if parent and parent not in known:
        problems.add(number, "parent", f"no area has the code {parent!r}")
    area.parent_id = known.get(parent)
    members = row.get("members", "").split()
    unknown = [code for code in members if code not in known]
    if unknown:
        problems.add(number, "members", f"no area has the code {', '.join(unknown)}")
    if area.kind == Area.Kind.GROUP and area.code.startswith("SN-"):
        area.comparator_for_id = known.get(area.code[3:])
    area.save()
    if members:
        area.members.set([known[c] for c in members if c in known])


def _import_indicators(path: Path, sheet: str, partnership) -> int:
    problems, count = Problems(), 0
    plan = _PlanCodes(partnership)
    # Read once, locked for the import's transaction as update_or_create would lock each.
    known = {i.code: i for i in Indicator.objects.select_for_update()}
    for number, row in _rows(path, sheet):
        count += 1
        fields = _indicator_fields(number, row, problems)
        if problems:
            continue
        indicator = known.get(row["code"])
        if indicator is None:
            indicator = known[row["code"]] = Indicator.objects.create(code=row["code"], **fields)
        else:
            save_changes(indicator, fields)
        _link_plan(number, row, indicator, plan, problems)
    problems.raise_for(path.name)
    return count


def _indicator_fields(number: int, row: dict, problems: Problems) -> dict:
    choices = {
        "unit": Unit.values,
        "polarity": Polarity.values,
        "period_type": PeriodType.values,
        "comparison": Comparison.values,
    }
    for column, allowed in choices.items():
        if row.get(column, "") not in allowed:
            problems.add(number, column, _choose(row.get(column, ""), allowed))
    per = _whole(number, "per", row.get("per", ""), problems)
    if row.get("unit") == Unit.RATE and per not in dict(RATE_MULTIPLIERS):
        problems.add(number, "per", "a rate needs per: 1000, 10000 or 100000")
    decimals = _whole(number, "decimals", row.get("decimals", ""), problems)
    tolerance = _decimal(number, "tolerance", row.get("tolerance", ""), problems)
    cycle = _whole(number, "update_cycle", row.get("update_cycle", ""), problems)
    if cycle == 0:
        problems.add(number, "update_cycle", "give the months between values, or leave it blank")
    change = _decimal(number, "change_tolerance", row.get("change_tolerance", ""), problems)
    if change is not None and change < 0:
        problems.add(number, "change_tolerance", "a tolerance of change cannot be negative")
    fields = {
        "title": row["title"],
        "definition": row.get("definition", ""),
        "source": row.get("source", ""),
        "owner": row.get("owner", ""),
        "unit": row.get("unit", ""),
        "per": per if row.get("unit") == Unit.RATE else None,
        "unit_label": row.get("unit_label", ""),
        "polarity": row.get("polarity", ""),
        "period_type": row.get("period_type", ""),
        "decimals": 1 if decimals is None else decimals,
        "tolerance": 5.0 if tolerance is None else tolerance,
        "external_id": row.get("fingertips_id", ""),
        "comparison": row.get("comparison", ""),
        # Blank: by the period type, and no tolerance of change (tests only).
        "update_cycle": cycle or None,
        "change_tolerance": change,
    }
    if "aliases" in row:  # a file without the column leaves the names given on the web
        # Other names plans use for it, separated by semicolons in one cell.
        fields["aliases"] = "\n".join(a.strip() for a in row["aliases"].split(";") if a.strip())
    fields.update(_measure_kind(number, row, problems))
    return fields


def _measure_kind(number: int, row: dict, problems: Problems) -> dict:
    """Its kind of measure and performance question, from the codes or the words the
    site shows ("performance", "Performance measure"; "how_well", "How well did we do
    it?"); a file without the columns leaves what was set on the web."""
    if "measure_kind" not in row and "performance_question" not in row:
        return {}
    kind = _choice(number, "measure_kind", row.get("measure_kind", ""), MeasureKind, problems)
    question = _choice(
        number,
        "performance_question",
        row.get("performance_question", ""),
        PerformanceQuestion,
        problems,
    )
    if (
        kind is not None
        and question is not None
        and (problem := measure_kind_problem(kind, question))
    ):
        problems.add(number, "performance_question", problem)
    return {"measure_kind": kind or "", "performance_question": question or ""}


def _choice(number: int, column: str, text: str, choices, problems: Problems) -> str | None:
    """The choice's code for its code or its label, in any case; "" for an empty cell;
    None (and a problem named) for words that are neither."""
    if not text:
        return ""
    wanted = _plain(text)
    for value, label in choices.choices:
        if wanted in {_plain(value), _plain(label)}:
            return value
    allowed = "; ".join(f"{value} ({label})" for value, label in choices.choices)
    problems.add(number, column, f"{text!r} is not one of {allowed}, or empty")
    return None


def _plain(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("?", " ").lower().split())


class _PlanCodes:
    """The partnership's objectives and actions by code, read once for a file's rows (the
    rows link indicators to them, and change none of them)."""

    def __init__(self, partnership) -> None:
        self.partnership = partnership

    @cached_property
    def objectives(self) -> dict:
        return {o.code: o for o in _objectives(self.partnership)}

    @cached_property
    def actions(self) -> dict[str, list]:
        by_code: dict[str, list] = {}
        for action in Action.objects.filter(delivery_plan__plan__partnership=self.partnership):
            by_code.setdefault(action.code, []).append(action)
        return by_code


def _link_plan(number, row, indicator, plan: _PlanCodes, problems) -> None:
    objectives, actions = row.get("objectives", "").split(), row.get("actions", "").split()
    if not (objectives or actions):
        return
    if plan.partnership is None:
        problems.add(number, "objectives", "linking to a plan needs --partnership")
        return
    plan_objectives, plan_actions = plan.objectives, plan.actions
    for column, codes, known in (
        ("objectives", objectives, plan_objectives),
        ("actions", actions, plan_actions),
    ):
        unknown = [code for code in codes if code not in known]
        if unknown:
            problems.add(number, column, f"the plan has no {column[:-1]} {', '.join(unknown)}")
    _relink(
        indicator.objectives,
        plan_objectives.values(),
        [plan_objectives[c] for c in objectives if c in plan_objectives],
    )
    _relink(
        indicator.actions,
        [a for group in plan_actions.values() for a in group],
        [a for c in actions for a in plan_actions.get(c, [])],
    )


def _relink(links, of_the_plan, wanted) -> None:
    """Make the indicator's links among ``of_the_plan``'s records ``wanted``, touching only
    those that change (a file imported again writes nothing) and none of other
    partnerships'."""
    have = set(links.filter(pk__in=[r.pk for r in of_the_plan]).values_list("pk", flat=True))
    want = {r.pk for r in wanted}
    if have - want:
        links.remove(*(have - want))
    if want - have:
        links.add(*(want - have))


def _objectives(partnership: Partnership):
    return Objective.objects.filter(aim__plan__partnership=partnership)


def _import_targets(path: Path, sheet: str, partnership) -> int:
    problems, count = Problems(), 0
    if partnership is None:
        raise TableError(f"{path.name}: targets belong to a partnership: give --partnership", [])
    indicators = {i.code: i for i in Indicator.objects.all()}
    for number, row in _rows(path, sheet):
        count += 1
        indicator = indicators.get(row["indicator"])
        if indicator is None:
            problems.add(number, "indicator", f"no indicator has the code {row['indicator']!r}")
            continue
        fields = _target_fields(number, row, indicator, problems)
        if not problems:
            key = {k: fields.pop(k) for k in ("breakdown", "kind", "rule", "due_label")}
            Target.objects.update_or_create(
                partnership=partnership, indicator=indicator, **key, defaults=fields
            )
    problems.raise_for(path.name)
    return count


def _target_fields(number: int, row: dict, indicator: Indicator, problems: Problems) -> dict:
    kind = row.get("kind", "") or TargetKind.MILESTONE
    if kind not in TargetKind.values:
        problems.add(number, "kind", _choose(kind, TargetKind.values))
    rule = row.get("rule", "")
    if rule and rule not in Rule.values:
        problems.add(number, "rule", _choose(rule, Rule.values))
    value = _decimal(number, "value", row.get("value", ""), problems)
    if not rule and value is None:
        problems.add(number, "value", "a target without a rule needs a value")
    due = _due(number, row.get("by", ""), problems)
    if not rule and due is None:
        problems.add(number, "by", "a target without a rule needs a date or period it is due by")
    baseline = None
    if row.get("baseline"):
        try:
            baseline = Period.stored(indicator.parse_period(row["baseline"]))
        except ValueError as error:
            problems.add(number, "baseline", str(error))
    return {
        "breakdown": row.get("breakdown", "").lower(),
        "kind": kind,
        "rule": rule,
        "due_label": row.get("by", ""),
        "value": value,
        "due": due,
        "amount": _decimal(number, "amount", row.get("amount", ""), problems),
        "baseline": baseline,
        "compare_breakdown": row.get("compare_breakdown", "").lower(),
        "text": row.get("text", ""),
        "source": row.get("source", "")[:300],
    }


def _due(number: int, text: str, problems: Problems):
    """A date, a month (due at its end) or a period (due at its end)."""
    if not text:
        return None
    try:
        return PeriodValue.parse(text).end
    except ValueError:
        pass
    problems.add(
        number,
        "by",
        f"{text!r} is not a date or period: write 31 March 2014, March 2014 or 2014/15",
    )
    return None


def _whole(number: int, column: str, text: str, problems: Problems) -> int | None:
    if not text:
        return None
    if not text.isdigit():
        problems.add(number, column, f"{text!r} is not a whole number")
        return None
    return int(text)


def _decimal(number: int, column: str, text: str, problems: Problems) -> float | None:
    if not text:
        return None
    try:
        return float(text.replace(",", "").rstrip("%"))
    except ValueError:
        problems.add(number, column, f"{text!r} is not a number")
        return None


def _choose(given: str, allowed) -> str:
    return (
        f"{given!r} is not one of {', '.join(allowed)}"
        if given
        else f"is empty: choose one of {', '.join(allowed)}"
    )


IMPORTERS = {"Areas": _import_areas, "Indicators": _import_indicators, "Targets": _import_targets}
