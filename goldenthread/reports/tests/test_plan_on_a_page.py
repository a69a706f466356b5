"""The plan on a page in every format, opened and read back."""

import io
import json
from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models import Q
from docx import Document
from openpyxl import load_workbook

from goldenthread.indicators.models import Indicator
from goldenthread.indicators.scorecard import scorecard
from goldenthread.lib.periods import FinancialYear
from goldenthread.plans.models import Action, DeliveryPlan, Objective, Status
from goldenthread.plans.summary import delivery_summary, status_table
from goldenthread.reports.plan_on_a_page import plan_on_a_page
from goldenthread.reports.render import render
from goldenthread.reports.tests.conftest import read_report
from goldenthread.reports.tests.test_scorecard_report import Tables

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
