"""The quick way of reading an export (a column at a time, ``fingertips/plainly.py``)
against the careful way (a row at a time): the same export, in small batches so that
most rows go the quick way, must give the same values, indicators, areas, data notes
and problems as it does read wholly the careful way."""

from __future__ import annotations

import csv
import math
import random
from pathlib import Path

import numpy as np
import pytest
from django.db import transaction

from goldenthread.areas.models import Area
from goldenthread.indicators.fingertips import importing, plainly
from goldenthread.indicators.fingertips.columns import HEADINGS
from goldenthread.indicators.fingertips.importing import import_fingertips
from goldenthread.indicators.importers.tables import TableError
from goldenthread.indicators.models import DataPoint, Indicator, Unit

pytestmark = pytest.mark.django_db

HEADER = list(HEADINGS.values())
AUTHORITIES = [(f"E06{n:06d}", f"Authority {n}", f"E1200000{1 + n % 3}") for n in range(1, 13)]


def export(seed: int) -> list[dict[str, str]]:
    """Three indicators (a percentage with counts and limits, a rate judged Better or
    Worse, one with blanks and no limits), England, three regions and twelve
    authorities, five years, persons and each sex, and England's deprivation deciles."""
    rng = random.Random(seed)
    rows = []
    places = [("E92000001", "England", "", "England")]
    places += [(f"E1200000{n}", f"Region {n}", "E92000001", "Region") for n in (1, 2, 3)]
    places += [(code, name, parent, "County & UA") for code, name, parent in AUTHORITIES]
    for indicator in ("90001", "90002", "90003"):
        for code, name, parent, kind in places:
            for year in range(2011, 2016):
                for sex in ("Persons", "Male", "Female"):
                    rows.append(row(rng, indicator, code, name, parent, kind, year, sex))
                if code == "E92000001":
                    for decile in range(1, 11):
                        deprived = row(rng, indicator, code, name, parent, kind, year, "Persons")
                        category = {"Category Type": "Deprivation deciles", "Category": decile}
                        rows.append(deprived | {k: str(v) for k, v in category.items()})
    return rows


def row(rng, indicator, code, name, parent, kind, year, sex) -> dict[str, str]:
    cells = {
        "Indicator ID": indicator,
        "Indicator Name": f"Indicator {indicator}\nwith a line break",
        "Parent Code": parent,
        "Parent Name": f"Parent of {code}" if parent else "",
        "Area Code": code,
        "Area Name": name,
        "Area Type": kind,
        "Sex": sex,
        "Age": "<18 yrs",
        "Time period": str(year),
        "Time period Sortable": f"{year}0000",
        "Time period range": "1y",
    }
    if indicator == "90001":  # a percentage, its limits as published (some rounded)
        denominator = rng.randint(500, 5000)
        count = rng.randint(10, denominator // 3)
        value = 100 * count / denominator
        spread = rng.choice([1.5, 2.0, 2.5])  # some limits differ from Wilson's: notes
        cells |= {
            "Value": f"{value:.{rng.choice([0, 1, 5])}f}",
            "Count": str(count),
            "Denominator": str(denominator),
            "Lower CI 95.0 limit": f"{value - spread:.3f}",
            "Upper CI 95.0 limit": f"{value + spread:.3f}",
            "Lower CI 99.8 limit": f"{value - 2 * spread:.3f}",
            "Upper CI 99.8 limit": f"{value + 2 * spread:.3f}",
        }
    elif indicator == "90002":  # a rate, judged against England
        value = rng.uniform(20, 80)
        cells |= {
            "Value": f"{value:.2f}",
            "Lower CI 95.0 limit": f"{value - 3:.2f}",
            "Upper CI 95.0 limit": f"{value + 3:.2f}",
            "Compared to England value or percentiles": rng.choice(
                ["Better", "Worse", "Similar"] if code != "E92000001" else [""]
            ),
        }
    else:  # values, some not published
        cells |= {"Value": rng.choice(["", f"{rng.uniform(1, 9):.1f}"]), "Value note": "n/a"}
    return cells


def write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, HEADER, lineterminator="\r\n", restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


def imported(paths: list[Path]) -> dict:
    """Everything an import leaves, then rolled back: values, indicators, areas, the
    result's counts and notes, or the problems it raised."""
    seen: dict = {}
    with transaction.atomic():
        try:
            result = import_fingertips(paths)
        except TableError as error:
            return {"problems": sorted(str(error).splitlines())}
        seen["values"] = sorted(
            DataPoint.objects.values_list(
                "indicator__code", "area__code", "period__label", "breakdown", "value",
                "lower", "upper", "lower998", "upper998", "numerator", "denominator", "note",
            )
        )  # fmt: skip
        seen["indicators"] = sorted(
            Indicator.objects.values_list(
                "code", "unit", "polarity", "comparison", "sex", "age", "period_type",
                "breakdown_labels",
            )
        )  # fmt: skip
        seen["areas"] = sorted(Area.objects.values_list("code", "kind", "parent__code"))
        seen["result"] = (result.rows, result.without_value, result.added, result.more_notes)
        seen["notes"] = sorted(result.notes)
        transaction.set_rollback(True)
    return seen


def careful_only(survey, lines):
    return list(survey.checked(lines)), None


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(importing, "BATCH", 40)


def both_ways(paths: list[Path], monkeypatch) -> tuple[dict, dict]:
    quick = imported(paths)
    with monkeypatch.context() as patched:
        patched.setattr(plainly, "read", careful_only)
        careful = imported(paths)
    return quick, careful


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_quick_way_and_the_careful_way_import_the_same(
    tmp_path, monkeypatch, small_batches, seed
):
    path = write(tmp_path / "export.csv", export(seed))
    quick, careful = both_ways([path], monkeypatch)
    assert "problems" not in quick
    assert quick == careful
    assert quick["notes"], "some published limits differ from Wilson's, to be noted"


def test_most_rows_that_repeat_what_was_said_go_the_quick_way(tmp_path, monkeypatch, small_batches):
    """Every row of the two indicators that publish every value, but the first to name
    each area or period and those of deprivation deciles (the third leaves values out,
    which only the careful way counts)."""
    quickly = []
    read = plainly.read

    def counting(survey, lines):
        careful, plain = read(survey, lines)
        quickly.append(len(plain.lines) if plain else 0)
        return careful, plain

    monkeypatch.setattr(plainly, "read", counting)
    rows = export(1)
    imported([write(tmp_path / "export.csv", rows)])
    published = [r for r in rows if r["Indicator ID"] != "90003" and not r.get("Category")]
    assert sum(quickly) > 0.8 * len(published)


SPOILT = [
    {"Value": "about 60"},
    {"Count": "many"},
    {"Lower CI 95.0 limit": "99", "Upper CI 95.0 limit": "98"},
    {"Lower CI 99.8 limit": ""},
    {"Parent Code": "E12000009"},
    {"Time period": "2015 Q5"},
    {"Time period Sortable": "20090000"},
    {"Area Code": "not a code!"},
]


@pytest.mark.parametrize("spoilt", SPOILT)
def test_a_problem_in_a_row_that_would_go_the_quick_way_is_found_either_way(
    tmp_path, monkeypatch, small_batches, spoilt
):
    rows = export(4)
    at = next(i for i, r in enumerate(rows) if i > 150 and r["Area Code"].startswith("E06"))
    rows[at] |= spoilt
    quick, careful = both_ways([write(tmp_path / "export.csv", rows)], monkeypatch)
    assert "problems" in quick
    assert quick == careful
    assert any(f"row {at + 2}," in problem for problem in quick["problems"])


@pytest.mark.parametrize("unit", [Unit.PERCENTAGE, Unit.RATE, Unit.COUNT])
def test_limits_from_counts_a_column_at_a_time_are_those_interval_gives(unit):
    indicator = Indicator(unit=unit, per=100_000 if unit == Unit.RATE else None)
    counts = [(5, 40), (0, 40), (40, 40), (12, 10_000), (70, 20), (-1, 10), (3, 0)]
    numerators, denominators = np.array(counts, dtype=float).T
    lower, upper, how = indicator.limits95_of(numerators, denominators)
    for i, (numerator, denominator) in enumerate(counts):
        try:
            expected = indicator.interval(numerator, denominator)
        except ValueError:
            expected = None
        if expected is None:
            assert math.isnan(lower[i]) and math.isnan(upper[i]) and how[i] == ""
        else:
            assert (lower[i], upper[i]) == pytest.approx((expected.lower, expected.upper))
            assert how[i] == expected.method
