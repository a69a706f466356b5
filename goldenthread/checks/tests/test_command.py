"""``goldenthread check_plan``: readable text, JSON, and an exit status a script can use."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from goldenthread.partnerships.tests.factories import PartnershipFactory
from goldenthread.plans.models import Action, DeliveryPlan

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("check_plan", *args, stdout=out)
    except SystemExit as exit:
        return exit.code, out.getvalue()
    return 0, out.getvalue()


def test_a_clean_plan_exits_0(clean):
    status, out = run()
    assert status == 0
    assert "delivery plan 2014/15" in out
    assert "Nothing to send back" in out


def test_findings_are_grouped_by_rule_and_exit_1(clean):
    Action.objects.filter(pk=clean.action.pk).update(measure="", lead="")
    status, out = run("--partnership", "thurrock", "--year", "2014/15")
    assert status == 1
    assert "2 findings: 2 to put right, 0 to consider." in out
    assert "Actions with no measure (error, 1)\n  - Action 1.11 (objective 1.1)\n" in out
    assert "Actions with no lead (error, 1)" in out
    assert "    “Increase take up of places for two year olds”" in out


def test_json_is_a_list_of_findings(clean):
    Action.objects.filter(pk=clean.action.pk).update(measure="")
    status, out = run("--json")
    assert status == 1
    assert json.loads(out) == [
        {
            "rule": "action-without-measure",
            "title": "Actions with no measure",
            "severity": "error",
            "where": "Action 1.11 (objective 1.1)",
            "words": "Increase take up of places for two year olds",
            "why": "The action has no measure.",
            "url": f"/thurrock/actions/{clean.action.pk}/",
            "line": None,
        }
    ]


def test_json_of_a_clean_plan_is_an_empty_list(clean):
    status, out = run("--json")
    assert (status, json.loads(out)) == (0, [])


def test_an_unknown_partnership_is_refused(clean):
    with pytest.raises(
        CommandError, match="No partnership 'nowhere'. Known partnerships: thurrock"
    ):
        run("--partnership", "nowhere")


@pytest.mark.parametrize(
    ("year", "message"),
    [("2015/16", "has no delivery plan for 2015/16"), ("2014", "is not a financial year")],
)
def test_an_unknown_or_malformed_year_is_refused(clean, year, message):
    with pytest.raises(CommandError, match=message):
        run("--year", year)


def test_several_partnerships_need_one_chosen(clean):
    PartnershipFactory(slug="elsewhere")
    with pytest.raises(CommandError, match="choose one with --partnership"):
        run()


def test_without_a_year_it_checks_the_latest_plan_even_a_draft(clean):
    DeliveryPlan.objects.create(plan=clean.aim.plan, year_start=2015, is_draft=True)
    status, out = run()
    assert out.startswith(f"Plan quality check: {clean.aim.plan}, delivery plan 2015/16")
    assert "Aims with no actions this year (warning, 1)" in out
    assert status == 1
