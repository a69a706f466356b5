"""The plan on a page in every format, opened and read back."""

import io
import json
from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models import Q
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from openpyxl import load_workbook

from goldenthread.indicators.models import Indicator
from goldenthread.indicators.scorecard import scorecard
from goldenthread.lib.periods import FinancialYear
from goldenthread.plans.models import Action, DeliveryPlan, Objective, Status
from goldenthread.plans.summary import delivery_summary, status_table
from goldenthread.reports.layout import RAG_FILLS
from goldenthread.reports.pdf_tables import measurer, wrap
from goldenthread.reports.plan_on_a_page import FIRST_RAG_COLUMN, RAG_COLUMNS, plan_on_a_page
from goldenthread.reports.render import render
from goldenthread.reports.tests.conftest import read_report
from goldenthread.reports.tests.test_scorecard_report import Tables
from goldenthread.reports.word import COMPACT_PADDING_MM as CELL_PADDING_MM

# Slow, so make test-fast leaves it out: the plan on a page written in every format.
pytestmark = pytest.mark.slow

STATUS_ORDER = [
    Status.COMPLETED,
    Status.IN_PROGRESS,
    Status.NOT_STARTED,
    Status.CARRIED_FORWARD,
    Status.DEFERRED,
    Status.WITHDRAWN,
]


@pytest.fixture(scope="module")
def report(thurrock_world, django_db_blocker):
    """The plan on a page, built once for the module's tests to read."""
    return read_report(django_db_blocker, thurrock_world, plan_on_a_page)


def delivery_plan(thurrock):
    return DeliveryPlan.objects.for_year(thurrock, FinancialYear(2014))


def expected_action_counts(summary) -> list[int]:
    """The summary's counts in the plan on a page's column order, "not known" last."""
    return [summary["by_status"][s] for s in STATUS_ORDER] + [len(summary["not_known"])]


def test_the_plans_counts_are_the_delivery_summarys_and_add_up_to_every_action(report, thurrock):
    summary = delivery_summary(delivery_plan(thurrock))
    assert report.tally.action_counts == expected_action_counts(summary)
    assert report.tally.total_actions == summary["actions"]
    assert sum(aim.tally.total_actions for aim in report.aims) == summary["actions"]


def test_each_aim_and_objective_counts_its_own_actions(report, thurrock):
    table = {row["aim"].number: row for row in status_table(delivery_plan(thurrock)) if row["aim"]}
    for aim in report.aims:
        if aim.number in table:
            counts = table[aim.number]["counts"]
            assert aim.tally.action_counts == [counts[s] for s in STATUS_ORDER] + [
                counts["not_known"]
            ]
        by_objective = [line.tally.action_counts for line in aim.objectives]
        assert aim.tally.action_counts == [sum(n) for n in zip(*by_objective, strict=True)]
        for line in aim.objectives:
            actions = Action.objects.for_delivery_plan(delivery_plan(thurrock)).filter(
                objective__aim__number=aim.number, objective__code=line.code
            )
            counts = actions.status_counts()
            assert line.tally.action_counts == [counts[s] for s in STATUS_ORDER] + [
                counts["not_known"]
            ]


def test_each_objective_counts_its_linked_indicators_by_rag(thurrock):
    plan = delivery_plan(thurrock)
    report = plan_on_a_page(plan)

    rags = {row.indicator.pk: row.evaluation.rag or "not_judged" for row in scorecard(thurrock)}
    for aim in report.aims:
        in_aim = set()
        for line in aim.objectives:
            objective = Objective.objects.get(aim__plan=plan.plan, code=line.code)
            linked = set(
                Indicator.objects.filter(
                    Q(objectives=objective)
                    | Q(actions__objective=objective, actions__delivery_plan=plan)
                ).values_list("pk", flat=True)
            )
            in_aim |= linked
            assert line.tally.indicators == _by_rag(linked, rags)
        # An indicator serving two objectives of an aim is one of the aim's indicators.
        assert aim.tally.indicators == _by_rag(in_aim, rags)


def _by_rag(indicators: set[int], rags: dict[int, str]) -> dict[str, int]:
    counts = Counter(rags[pk] for pk in indicators)
    return {rag: counts[rag] for rag in ("green", "amber", "red", "not_judged")}


def test_the_word_document_is_one_table_with_aims_objectives_and_totals(report, thurrock):
    document = Document(io.BytesIO(render(report, "docx").content))

    assert document.core_properties.title == report.title
    [table] = document.tables
    assert table.rows[0]._tr.trPr.xml.count("tblHeader") == 1
    assert table.rows[0].cells[1].text == "Completed"
    objectives = sum(len(aim.objectives) for aim in report.aims)
    assert len(table.rows) == 1 + 2 * len(report.aims) + objectives + 1
    rows = iter(table.rows[1:])
    for aim in report.aims:
        assert {c.text for c in next(rows).cells} == {f"Aim {aim.number}: {aim.title}"}
        for line in aim.objectives:
            cells = [c.text for c in next(rows).cells]
            assert cells[0] == f"{line.code} {line.title}"
            assert cells[1:8] == [str(n) for n in line.tally.action_counts]
        assert next(rows).cells[0].text == f"All of aim {aim.number}"
    whole = [c.text for c in next(rows).cells]
    summary = delivery_summary(delivery_plan(thurrock))
    assert whole[0] == "Whole plan"
    assert whole[1:9] == [str(n) for n in expected_action_counts(summary)] + [
        str(summary["actions"])
    ]


def shading(cell) -> str | None:
    found = cell._tc.xpath("./w:tcPr/w:shd")
    return found[0].get(qn("w:fill")) if found else None


def test_the_word_document_shades_each_rag_beside_its_words(report):
    [table] = Document(io.BytesIO(render(report, "docx").content)).tables
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    for offset, (key, label) in enumerate(RAG_COLUMNS):
        column = FIRST_RAG_COLUMN + offset
        header = table.rows[0].cells[column]
        assert label.lower() in header.text.lower()
        if key not in RAG_FILLS:
            assert shading(header) is None
            continue
        assert shading(header) == RAG_FILLS[key].removeprefix("#")
        for cells, drawn in zip(rows, table.rows[1:], strict=True):
            counted = cells[column] not in ("0", cells[0])
            expected = RAG_FILLS[key].removeprefix("#") if counted else None
            assert shading(drawn.cells[column]) == expected, cells
    # The demo's one green indicator is shaded in the whole plan's row.
    assert shading(table.rows[-1].cells[FIRST_RAG_COLUMN]) == "cce2d8"


def test_the_word_document_fits_one_landscape_sheet(report):
    """Laid out as Word would, but measured in DejaVu Sans, wider than Word's Arial,
    with Arial's line height: if this fits, Word's own layout does."""
    document = Document(io.BytesIO(render(report, "docx").content))
    [section] = document.sections
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (section.page_width.cm, section.page_height.cm) == pytest.approx((29.7, 21.0), abs=0.01)

    usable = section.page_height.mm - section.top_margin.mm - section.bottom_margin.mm
    width = section.page_width.mm - section.left_margin.mm - section.right_margin.mm
    height = sum(paragraph_height(p, width) for p in document.paragraphs)
    height += sum(row_height(row) for row in document.tables[0].rows)
    assert height <= usable


POINT = 25.4 / 72
LINE = 1.2  # Arial's single line, as a multiple of its size, with room to spare


def lines(text: str, size: float, width: float, bold: bool = False) -> int:
    pdf = measurer()
    pdf.set_font("DejaVu", "B" if bold else "", size)
    return len(wrap(pdf, text, width))


def paragraph_height(paragraph, width: float) -> float:
    size = next((r.font.size.pt for r in paragraph.runs if r.font.size), 11)
    spacing = paragraph.paragraph_format.line_spacing or 1.15  # Normal's, by default
    after = paragraph.paragraph_format.space_after
    after = after.pt if after is not None else 10
    return lines(paragraph.text, size, width) * size * LINE * spacing * POINT + after * POINT


def row_height(row) -> float:
    tallest = 0.0
    for cell in {id(c._tc): c for c in row.cells}.values():
        run = cell.paragraphs[0].runs[0] if cell.paragraphs[0].runs else None
        size = run.font.size.pt if run and run.font.size else 11
        bold = bool(run and run.bold)
        count = lines(cell.text, size, cell.width.mm - 2 * CELL_PADDING_MM, bold)
        tallest = max(tallest, count * size * LINE * POINT)
    return tallest + 0.5  # the rule


def test_the_html_document_has_grouped_headers_and_the_whole_plans_totals(report, thurrock):
    parsed = Tables(render(report, "html").content.decode())

    [table] = parsed.tables
    groups, columns = table[0], table[1]
    assert [c.attrs["scope"] for c in groups] == ["col", "colgroup", "colgroup"]
    assert [c.text for c in columns][:7] == list(report.action_labels)
    total = table[-1]
    summary = delivery_summary(delivery_plan(thurrock))
    assert (total[0].attrs["scope"], total[0].text) == ("row", "Whole plan")
    assert [int(c.text) for c in total[1:9]] == expected_action_counts(summary) + [
        summary["actions"]
    ]
    assert [int(c.text) for c in total[9:13]] == report.tally.rag_counts


def test_the_json_has_every_aim_and_objective(report):
    data = json.loads(render(report, "json").content)

    assert [a["number"] for a in data["aims"]] == [a.number for a in report.aims]
    assert data["plan"]["actions"]["total"] == report.tally.total_actions
    assert data["plan"]["actions"]["completed"] == report.tally.actions["completed"]


def test_the_page(client, thurrock):
    page = client.get("/thurrock/2014-15/report/plan/")

    assert page.status_code == 200
    html = page.content.decode()
    assert "Whole plan" in html
    assert "plan.xlsx" in html


def test_the_command_writes_the_plan_as_a_workbook(thurrock, tmp_path, capsys):
    path = tmp_path / "plan.xlsx"
    call_command(
        "report",
        "plan",
        "--year",
        "2014/15",
        "--partnership",
        "thurrock",
        "--format",
        "xlsx",
        "--output",
        str(path),
    )

    sheet = load_workbook(path)["Plan on a page"]
    last = [c.value for c in sheet[sheet.max_row]]
    summary = delivery_summary(delivery_plan(thurrock))
    assert last[:2] == ["All aims", "Whole plan"]
    assert last[2:10] == expected_action_counts(summary) + [summary["actions"]]
    assert "plan on a page 2014/15 to" in capsys.readouterr().out


def test_the_plan_is_built_in_a_fixed_number_of_queries(thurrock, django_assert_max_num_queries):
    plan = delivery_plan(thurrock)

    # A dozen objectives and dozens of indicators: a query for each would far exceed this.
    with django_assert_max_num_queries(15):
        plan_on_a_page(plan)
