"""Export indicator definitions, targets and areas as the workbook import reads."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from openpyxl import Workbook
from openpyxl.styles import Font

from goldenthread.areas.models import Area
from goldenthread.indicators.importers.definitions import SHEETS
from goldenthread.indicators.importers.values import OPTIONAL, REQUIRED
from goldenthread.indicators.models import DataPoint, Indicator, Target
from goldenthread.lib.cells import SafeWriter, append_row
from goldenthread.partnerships.models import Partnership


def export_definitions(partnership: Partnership, path: Path | str) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    rows = {
        "Areas": _areas(),
        "Indicators": _indicators(partnership),
        "Targets": _targets(partnership),
    }
    for name, columns in SHEETS.items():
        sheet = workbook.create_sheet(name)
        append_row(sheet, columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for row in rows[name]:
            append_row(sheet, [row.get(column, "") for column in columns])
    workbook.save(path)
    return Path(path)


def _areas() -> list[dict]:
    return [
        {
            "code": area.code,
            "name": area.name,
            "kind": area.kind,
            "parent": area.parent.code if area.parent else "",
            "members": " ".join(m.code for m in area.members.all()),
        }
        for area in Area.objects.select_related("parent").prefetch_related("members")
    ]


def _indicators(partnership: Partnership) -> list[dict]:
    rows = []
    indicators = Indicator.objects.prefetch_related(
        "objectives__aim__plan", "actions__delivery_plan__plan"
    )
    for indicator in indicators:
        fields = {f: getattr(indicator, f) for f in SHEETS["Indicators"][:12]}
        fields["per"] = indicator.per or ""
        fields["fingertips_id"] = indicator.external_id
        fields["comparison"] = indicator.comparison
        fields["update_cycle"] = indicator.update_cycle or ""
        fields["change_tolerance"] = (
            "" if indicator.change_tolerance is None else indicator.change_tolerance
        )
        fields["aliases"] = "; ".join(indicator.aliases.splitlines())
        fields["measure_kind"] = indicator.measure_kind
        fields["performance_question"] = indicator.performance_question
        fields["objectives"] = " ".join(
            o.code
            for o in indicator.objectives.all()
            if o.aim.plan.partnership_id == partnership.pk
        )
        fields["actions"] = " ".join(
            sorted(
                {
                    a.code
                    for a in indicator.actions.all()
                    if a.delivery_plan.plan.partnership_id == partnership.pk
                }
            )
        )
        rows.append(fields)
    return rows


def _targets(partnership: Partnership) -> list[dict]:
    return [
        {
            "indicator": t.indicator.code,
            "breakdown": t.breakdown,
            "kind": t.kind,
            "value": t.value if t.value is not None else "",
            "by": t.due_label,
            "rule": t.rule,
            "amount": t.amount if t.amount is not None else "",
            "baseline": t.baseline.label if t.baseline else "",
            "compare_breakdown": t.compare_breakdown,
            "text": t.text,
            "source": t.source,
        }
        for t in Target.objects.filter(partnership=partnership).select_related(
            "indicator", "baseline"
        )
    ]


def write_values(file: TextIO, indicators: Iterable[Indicator]) -> int:
    """The values of these indicators in the columns ``import_data`` reads, so that a
    file written here imports back unchanged; returns how many rows were written."""
    columns = [*REQUIRED, *OPTIONAL]
    writer = SafeWriter(file)
    writer.writerow(columns)
    written = 0
    for indicator in indicators:
        points = (
            DataPoint.objects.filter(indicator=indicator)
            .select_related("area", "period")
            .order_by("period__end", "area__code", "breakdown")
        )
        for point in points.iterator(chunk_size=5000):
            writer.writerow(_value_row(indicator, point))
            written += 1
    return written


def _value_row(indicator: Indicator, point: DataPoint) -> list:
    numbers = [point.numerator, point.denominator, point.lower, point.upper]
    numbers += [point.lower998, point.upper998]
    return [
        indicator.code,
        point.area.code,
        str(point.period.value),
        point.value,
        point.breakdown,
        *("" if n is None else n for n in numbers),
        point.status,
        point.note,
        point.source,
    ]
