"""The values importer's two ways of reading keep one list of rules.

A batch is read the short way (a column at a time) only when every rule says it is plainly
valid; otherwise the careful way names every problem. Whatever the short way accepts,
the careful way must accept too, giving exactly the same values to store: checked here
with generated batches of good and subtly bad cells.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from goldenthread.areas.models import Area
from goldenthread.indicators.importers.rules import RULES, Rule
from goldenthread.indicators.importers.tables import Problems
from goldenthread.indicators.importers.values import (
    OPTIONAL,
    REQUIRED,
    Doubtful,
    Reader,
)
from goldenthread.indicators.permissions import EVERY_AREA, areas_writable_by

from .world import build_areas, make_indicator

AREAS = ["E92000001", "E12000006", "E06000034", "E05002227", "E08000001", "SN-E06000034"]
WHO = {"everyone": AREAS, "Thurrock's managers": ["E06000034", "E05002227"]}  # and theirs
INDICATORS = {  # code: unit, and the values it may take
    "ks2-rwm": ("percentage", st.floats(0, 100)),
    "fte": ("rate", st.floats(0, 1e5)),
    "lac": ("count", st.integers(0, 10**6).map(float)),
    "ks4-att8": ("mean", st.floats(-1e3, 1e3)),
}
# How a number may be written: all monotonic, so a value between its limits stays so.
WRITTEN = [repr, "{:g}".format, "{:.2f}".format, "{:.3e}".format, " {} ".format]
# Cells a person could plausibly write by mistake, or in a way that needs tidying.
FLAWS = {
    "indicator": ["ks9", " fte", "FTE", ""],
    "area": ["E06999999", "", " E06000034", "e06000034", "E92000001", "E08000001"],
    "period": ["2014", "Q3 2014/15", "", "2013-14", " 2013/14", "31 March 2015"],
    "value": [
        "",
        "nan",
        "inf",
        "-inf",
        "-1",
        "-0",
        "104",
        "1,000",
        "77%",
        "seventy",
        "7 7",
        "1e400",
        "1e-400",
        "1_0",
        "0x10",
        "NaN",
        " 5\n",
    ],
    "numerator": ["0", "-5", "30", "nan", "1e400", "2"],
    "denominator": ["0", "20", "-1", "inf", "3"],
    "lower": ["0", "", "90", "-1", "nan", "1e9"],
    "upper": ["0", "", "10", "nan", "1e400", "-1e9"],
    "breakdown": [
        "Sex:Boys",
        "boys",
        "free school meals",
        "sex:",
        " sex:boys",
        "sex:boys\n",
        "sex:boys ",
        "ward:tilbury riverside",
    ],
    "status": ["Final", "guessed", " final", "FINAL", "provisional "],
    "note": ["  padded  ", "\n"],
    "source": ["x" * 400, " DfE "],
}


@st.composite
def good_records(draw, areas: list[str]) -> dict[str, str]:
    """A record every rule accepts, its numbers written in one of the usual ways."""
    code = draw(st.sampled_from(sorted(INDICATORS)))
    unit, values = INDICATORS[code]
    write = draw(st.sampled_from(WRITTEN))
    value = draw(values)
    cells = dict.fromkeys(REQUIRED + OPTIONAL, "")
    cells |= {
        "indicator": code,
        "area": draw(st.sampled_from(areas)),
        "period": draw(st.sampled_from(["2012/13", "2013/14", "2014/15"])),
        "value": write(value),
        "breakdown": draw(st.sampled_from(["", "", "sex:boys", "fsm:eligible"])),
        "status": draw(st.sampled_from(["", "final", "provisional"])),
        "note": draw(st.sampled_from(["", "Revised in the final release."])),
        "source": draw(st.sampled_from(["", "DfE SFR 2015"])),
    }
    if draw(st.booleans()):
        below, above = draw(st.floats(0, 50)), draw(st.floats(0, 50))
        cells |= {"lower": write(value - below), "upper": write(value + above)}
    if draw(st.booleans()):
        denominator = draw(st.integers(1, 10**5))
        numerator = draw(st.integers(0, denominator)) if unit == "percentage" else denominator
        cells |= {"numerator": str(numerator), "denominator": str(denominator)}
    return cells


@st.composite
def cases(draw) -> tuple[str, list[tuple[int, dict[str, str]]]]:
    """Who imports, and a batch of good records with a flaw or two among them, all with
    the same columns as a file's rows have."""
    who = draw(st.sampled_from(sorted(WHO)))
    rows = [draw(good_records(WHO[who])) for _ in range(draw(st.integers(1, 4)))]
    for _ in range(draw(st.integers(0, 2))):
        column = draw(st.sampled_from(sorted(FLAWS)))
        rows[draw(st.integers(0, len(rows) - 1))][column] = draw(st.sampled_from(FLAWS[column]))
    left_out = draw(st.sets(st.sampled_from(OPTIONAL)))
    records = [
        (number, {name: text for name, text in cells.items() if name not in left_out})
        for number, cells in enumerate(rows, start=2)
    ]
    return who, records


def one_row_with(**cells: str) -> tuple[str, list[tuple[int, dict[str, str]]]]:
    """A case: a good row, then one with these cells, for everyone to import."""
    good = {"indicator": "fte", "area": "E92000001", "period": "2014/15", "value": "157"}
    good |= dict.fromkeys(cells, "")  # the same columns, as a file's rows have
    return "everyone", [(2, good), (3, good | {"area": "E12000006"} | cells)]


@pytest.fixture
def world(db, manager, partnership):
    """The areas and indicators, and the areas each may write."""
    areas = build_areas()
    Area.objects.create(code="E05002227", name="Tilbury", kind="ward", parent=areas["thurrock"])
    partnership.area = areas["thurrock"]
    partnership.save()
    for code, (unit, _) in INDICATORS.items():
        kind = "academic_year" if code.startswith("ks") else "financial_year"
        make_indicator(code, unit=unit, per=100_000 if unit == "rate" else None, period_type=kind)
    return {"everyone": EVERY_AREA, "Thurrock's managers": areas_writable_by(manager)}


@pytest.mark.fuzz
def test_what_the_short_way_accepts_the_careful_way_accepts_with_the_same_values(world):
    seen = Counter()

    @settings(max_examples=300, deadline=None, database=None)
    @given(case=cases())
    @example(case=one_row_with(lower="0"))  # each once let through by the short way
    @example(case=one_row_with(numerator="0", denominator="0"))
    @example(case=one_row_with(breakdown="sex:boys\n"))
    def short_and_careful_agree(case):
        who, records = case
        problems = Problems()
        reader = Reader(problems, world[who])
        # A file's first batch is read carefully, which learns its periods as written.
        carefully = reader.read_carefully(records)
        try:
            plainly = reader.read_plainly(records)
        except Doubtful:
            seen["doubtful"] += 1
            return
        seen["accepted"] += 1
        assert [str(problem) for problem in problems.listed] == []
        assert plainly == carefully

    short_and_careful_agree()
    assert seen["accepted"] >= 30, seen  # the short way was put to the test


@pytest.fixture
def add_rule():
    """Adds a rule to the one list, for one test."""
    added = []

    def add(rule: Rule) -> None:
        RULES.append(rule)
        added.append(rule)

    yield add
    for rule in added:
        RULES.remove(rule)


def test_a_rule_added_to_the_list_is_applied_both_ways(world, add_rule):
    class NoBoys(Rule):
        def plainly_valid(self, batch, writable):
            return "sex:boys" not in batch.breakdown

        def problems(self, row, writable):
            if row.breakdown == "sex:boys":
                yield "breakdown", "boys are not counted here"

    add_rule(NoBoys())
    records = [
        (2, {"indicator": "ks2-rwm", "area": "E06000034", "period": "2013/14", "value": "77"}),
        (
            3,
            {
                "indicator": "ks2-rwm",
                "area": "E06000034",
                "period": "2013/14",
                "value": "78",
                "breakdown": "sex:boys",
            },
        ),
    ]
    problems = Problems()
    reader = Reader(problems, EVERY_AREA)
    reader.read_carefully(records[:1])  # learns the period, so the short way can be taken

    with pytest.raises(Doubtful):
        reader.read_plainly(records)
    reader.read_carefully(records)

    assert [str(problem) for problem in problems.listed] == [
        "row 3, column breakdown: boys are not counted here"
    ]


def test_a_plainly_valid_batch_is_read_the_short_way(world):
    records = [
        (
            n,
            {
                "indicator": "fte",
                "area": code,
                "period": "2014/15",
                "value": "157.5",
                "lower": "150",
                "upper": "165",
            },
        )
        for n, code in enumerate(AREAS, start=2)
    ]
    reader = Reader(Problems(), EVERY_AREA)
    carefully = reader.read_carefully(records)

    assert reader.read_plainly(records) == carefully
    assert [number for number, _ in carefully] == list(range(2, 2 + len(AREAS)))
