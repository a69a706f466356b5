import json
import re

import pytest
from django.core.management import CommandError, call_command

from goldenthread.lib.periods import FinancialYear
from goldenthread.plans.importers.annual_report import import_report
from goldenthread.plans.models import Action, Status

from .seed import SEED


@pytest.fixture
def imported(plan):
    import_report(SEED, partnership=plan.partnership, year=FinancialYear(2014))
    return plan


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("summary", *args, stdout=out)
    return out.getvalue()


def test_it_prints_one_json_object_with_the_agreed_keys(imported):
    summary = json.loads(run("--year", "2014/15", "--json"))

    assert summary["year"] == "2014/15"
    assert summary["actions"] == Action.objects.count() == 82
    assert list(summary["by_status"]) == [s.value for s in Status]
    for status in Status:
        assert summary["by_status"][status.value] == Action.objects.filter(status=status).count()
    assert summary["statuses"]["8.18"] == "deferred"
    assert summary["statuses"]["9.18"] == "withdrawn"
    assert summary["statuses"]["3.16"] is None
    assert list(summary["statuses"])[8:11] == ["1.19", "2.11", "2.12"]
    assert summary["claimed"] == {"actions": 76, "completed": 55, "carried_forward": 5}
    assert len(summary["discrepancies"]) == 2


def test_codes_come_in_sequence_order(imported):
    codes = list(json.loads(run("--year", "2014/15", "--json"))["statuses"])
    assert codes.index("8.19") < codes.index("8.20") < codes.index("8.21") < codes.index("9.11")
    assert codes[-1] == "10.17"


def test_without_json_it_prints_a_readable_table(imported):
    out = run("--year", "2014/15", "--partnership", imported.partnership.slug)
    completed = Action.objects.filter(status=Status.COMPLETED).count()
    assert "Delivery plan 2014/15" in out
    assert re.search(rf"^Completed\s+{completed}\s+55$", out, re.MULTILINE)
    assert "Where the report disagrees with its tables:" in out
    assert "- The report says 76 actions formed the delivery programme; its tables list 82." in out


def test_a_year_without_a_delivery_plan_is_explained(imported):
    with pytest.raises(CommandError, match="has no delivery plan for 2015/16"):
        run("--year", "2015/16")


def test_the_json_names_each_actions_lead_and_due_date(imported, lead, nhs):
    """The lead by the one rule: the person, else the organisation, else the plan's
    words; null where none is named. The due date where one is given, else null (the
    action then falls due at the end of its year)."""
    Action.objects.filter(code="1.11").update(lead_person=lead, lead_organisation=nhs)
    Action.objects.filter(code="1.12").update(lead_organisation=nhs, lead="Commissioning")
    Action.objects.filter(code="8.11").update(lead="LSCB", due_date="2014-09-30")

    summary = json.loads(run("--year", "2014/15", "--json"))

    assert list(summary["leads"]) == list(summary["due"]) == list(summary["statuses"])
    assert summary["leads"]["1.11"] == "Nina Patel"
    assert summary["leads"]["1.12"] == "CCG"
    assert summary["leads"]["8.11"] == "LSCB"
    assert summary["leads"]["8.12"] is None
    assert summary["due"]["8.11"] == "2014-09-30"
    assert summary["due"]["8.12"] is None
    assert sum(lead is not None for lead in summary["leads"].values()) == 3
