"""What an import saves of each action's lead and due date, and what it says of the rest.

The input is built as a reader hands it over (``ParsedReport``): reading Word and Excel
files is tested with the readers.
"""

import datetime as dt

import pytest
from django.db import transaction

from goldenthread.audit.context import Source
from goldenthread.audit.models import AuditEntry
from goldenthread.lib.periods import FinancialYear
from goldenthread.people.models import Organisation, Person
from goldenthread.plans import exports
from goldenthread.plans.importers.annual_report import ReportError, _Import, import_report
from goldenthread.plans.importers.report_text import (
    ParsedAction,
    ParsedAim,
    ParsedObjective,
    ParsedReport,
)
from goldenthread.plans.models import Action, ActionChange, ActionUpdate, AnnualReport, Status
from goldenthread.plans.services import add_update, set_lead

YEAR = FinancialYear(2015)


def parsed_action(code, *, lead="", due="", stated="", comment="", text="") -> ParsedAction:
    return ParsedAction(
        code=code,
        text=text or f"Action {code}",
        measure="",
        comment=comment,
        line=int(code.replace(".", "")),
        objective_code="1.1",
        lead=lead,
        due=due,
        stated_status=stated,
    )


def report(*actions: ParsedAction) -> ParsedReport:
    return ParsedReport(
        source_name="tracker.xlsx",
        aims=[ParsedAim(1, "Children are safe", 1)],
        objectives=[ParsedObjective("1.1", "Fewer children come into care", 1, 2)],
        actions=list(actions),
    )


def run(parsed: ParsedReport, plan, year: FinancialYear = YEAR):
    with transaction.atomic():
        return _Import(parsed, plan, year, None, False).run(checksum=str(hash(repr(parsed))))


def saved(code: str, year: FinancialYear = YEAR) -> Action:
    return Action.objects.with_leads().get(code=code, delivery_plan__year_start=year.start)


@pytest.fixture
def namesakes(partnership):
    for email in ("sam.jones@example.org", "s.jones@example.org"):
        Person.objects.create(partnership=partnership, name="Sam Jones", email=email)


def test_a_lead_is_kept_as_written_and_linked_to_the_one_person_or_organisation_it_names(
    plan, lead, nhs, namesakes
):
    result = run(
        report(
            parsed_action("1.11", lead="Nina Patel"),
            parsed_action("1.12", lead="  ccg "),
            parsed_action("1.13", lead="Nina Patel, CCG"),
            parsed_action("1.14", lead="Head of Early Help"),
            parsed_action("1.15", lead="Sam Jones"),
            parsed_action("1.16"),
        ),
        plan,
    )

    linked = {
        code: (a.lead, a.lead_person, a.lead_organisation, a.lead_in_full)
        for code in ("1.11", "1.12", "1.13", "1.14", "1.15", "1.16")
        for a in [saved(code)]
    }
    assert linked == {
        "1.11": ("Nina Patel", lead, None, "Nina Patel"),
        "1.12": ("ccg", None, nhs, "CCG"),
        "1.13": ("Nina Patel, CCG", lead, nhs, "Nina Patel, CCG"),
        "1.14": ("Head of Early Help", None, None, "Head of Early Help"),
        "1.15": ("Sam Jones", None, None, "Sam Jones"),
        "1.16": ("", None, None, "No lead named"),
    }
    assert result.notes == [
        (
            "1.15: lead 'Sam Jones' is the name of 2 people or organisations; kept as "
            "written, linked to no one."
        )
    ]
    # Hers, and her organisation's with no lead person (the one rule of who leads).
    led = ["1.11", "1.12", "1.13"]
    assert list(Action.objects.led_by(lead).values_list("code", flat=True)) == led


def test_a_due_date_is_read_from_what_the_file_writes_and_a_due_naming_no_day_is_listed(plan):
    result = run(
        report(
            parsed_action("1.11", due="30/09/2015"),
            parsed_action("1.12", due="March 2016"),
            parsed_action("1.13", due="Q3"),
            parsed_action("1.14", due="Ongoing"),
            parsed_action("1.15"),
            parsed_action("1.16", due="2015-06-30 00:00:00"),  # a spreadsheet's date cell
        ),
        plan,
    )

    due = dict(Action.objects.values_list("code", "due_date"))
    assert due == {
        "1.11": dt.date(2015, 9, 30),
        "1.12": dt.date(2016, 3, 31),
        "1.13": dt.date(2015, 12, 31),  # Q3 of the year imported
        "1.14": None,
        "1.15": None,
        "1.16": dt.date(2015, 6, 30),
    }
    assert result.notes == ["1.14: due 'Ongoing' names no date; none set."]
    assert "Read but not saved as written:" in result.lines()
    assert "  1.14: due 'Ongoing' names no date; none set." in result.lines()
    assert saved("1.14").falls_due == YEAR.last_day


def test_a_new_version_records_each_changed_lead_and_due_date_in_the_trail(plan, lead, nhs):
    run(report(parsed_action("1.11", lead="Nina Patel", due="Q2")), plan)
    before = ActionUpdate.objects.count()

    result = run(report(parsed_action("1.11", lead="Head of Early Help", due="Q4")), plan)

    action = saved("1.11")
    assert (action.lead, action.lead_person, action.due_date) == (
        "Head of Early Help",
        None,
        dt.date(2016, 3, 31),
    )
    changes = {
        c.field: (c.old_value, c.new_value, c.via)
        for c in ActionChange.objects.filter(action=action)
    }
    assert changes == {
        "lead": ("Nina Patel", "Head of Early Help", Source.IMPORT),
        "lead_person": ("Nina Patel", "", Source.IMPORT),
        "due_date": ("2015-09-30", "2016-03-31", Source.IMPORT),
    }
    assert "1.11 due_date: '2015-09-30' → '2016-03-31'" in result.changes
    assert "1.11 lead: 'Nina Patel' → 'Head of Early Help'" in result.changes
    entry = AuditEntry.objects.get_for_object(action).latest("timestamp")
    assert {"lead", "lead_person", "due_date"} <= set(entry.changes_dict)
    assert ActionUpdate.objects.count() == before


def test_a_file_that_leaves_the_lead_or_due_date_empty_or_dateless_keeps_them(plan, lead):
    run(report(parsed_action("1.11", lead="Nina Patel", due="30/09/2015")), plan)

    result = run(report(parsed_action("1.11"), parsed_action("1.12", due="TBC")), plan)
    result_again = run(report(parsed_action("1.11", due="Ongoing")), plan)

    action = saved("1.11")
    assert (action.lead_person, action.due_date) == (lead, dt.date(2015, 9, 30))
    assert not ActionChange.objects.filter(action=action).exists()
    assert result.notes == ["1.12: due 'TBC' names no date; none set."]
    assert result_again.notes == ["1.11: due 'Ongoing' names no date; 2015-09-30 kept."]


def test_the_lead_as_lists_show_it_is_the_same_lead(plan, lead, nhs):
    """A lead linked on the web, the file naming them as an export does: nothing changes."""
    run(report(parsed_action("1.11", lead="Head of Early Help")), plan)
    action = saved("1.11")
    set_lead(action, person=lead, organisation=nhs, by=None, expected_version=None)

    result = run(report(parsed_action("1.11", lead="Nina Patel, CCG")), plan)
    run(report(parsed_action("1.11", lead="head of early help")), plan)

    assert not result.changed
    action = saved("1.11")
    assert (action.lead, action.lead_person, action.lead_organisation) == (
        "Head of Early Help",
        lead,
        nhs,
    )


def test_a_lead_too_long_to_keep_is_refused_with_its_line_and_nothing_written(plan):
    too_long = "Head of Service " * 13

    with pytest.raises(ReportError) as refused:
        run(report(parsed_action("1.11"), parsed_action("1.12", lead=too_long)), plan)

    assert str(refused.value) == (
        "tracker.xlsx, line 112: action 1.12: 207 characters, more than the 200 "
        "a lead may have; name the lead, and put the rest in the commentary."
    )
    assert not Action.objects.exists()


def test_the_same_words_are_linked_to_someone_added_since_the_last_import(plan, nhs):
    run(report(parsed_action("1.11", lead="CCG Commissioning")), plan)
    commissioning = Organisation.objects.create(
        partnership=plan.partnership, name="CCG commissioning", sector=nhs.sector
    )

    result = run(report(parsed_action("1.11", lead="CCG Commissioning")), plan)

    action = saved("1.11")
    assert (action.lead, action.lead_organisation) == ("CCG Commissioning", commissioning)
    assert result.changes == ["1.11 lead_organisation: '' → 'CCG commissioning'"]


def test_a_stated_status_is_listed_where_it_is_not_the_one_kept(plan):
    ongoing = "This is an ongoing piece of work"
    result = run(
        report(
            parsed_action("1.11", stated="Completed", comment=ongoing),
            parsed_action("1.12", stated="in progress", comment=ongoing),
            parsed_action("1.13", stated="Amber", comment=ongoing),
            parsed_action("1.14", stated="Not known", comment=ongoing),
        ),
        plan,
    )

    # The column was weighed with the comment; only a reported status would be listed.
    assert result.notes == []


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_an_exported_plan_imports_back_unchanged(seeded, lead, nhs, manager, tmp_path, extension):
    """The export, saved as a file and imported as a tracker, changes nothing: not a
    lead, a due date, a status, an update or the report's claim."""
    year = FinancialYear(2014)
    partnership = seeded.plans.get().partnership
    delivery_plan = seeded.plans.get().delivery_plans.get()
    Action.objects.in_aim(1).update(lead_person=lead, lead_organisation=nhs)
    Action.objects.in_aim(2).update(lead_organisation=nhs, lead="Commissioning")
    Action.objects.filter(code="8.11").update(lead="LSCB", due_date=dt.date(2014, 9, 30))
    add_update(Action.objects.get(code="8.12"), by=manager, commentary="Met with the LSCB")
    # Words a spreadsheet would run as a formula: quoted in the CSV, unquoted on import.
    add_update(Action.objects.get(code="8.13"), by=manager, commentary="-2 points; @LSCB to act")
    Action.objects.filter(code="8.14").update(text='=HYPERLINK("https://evil.example","x")')
    before = _actions_as_kept()
    counts = (ActionUpdate.objects.count(), ActionChange.objects.count())
    claim = AnnualReport.objects.values_list("claim_text", "claimed_completed").get()
    path = tmp_path / exports.filename(delivery_plan, extension)
    if extension == "csv":
        path.write_text(exports.as_csv(delivery_plan), encoding="utf-8")
    else:
        path.write_bytes(exports.as_xlsx(delivery_plan))

    result = import_report(path, partnership=partnership, year=year)

    assert (result.changes, result.notes, result.missing) == ([], [], [])
    assert (ActionUpdate.objects.count(), ActionChange.objects.count()) == counts
    assert _actions_as_kept() == before
    assert AnnualReport.objects.values_list("claim_text", "claimed_completed").get() == claim


def test_a_status_column_counts_with_the_comment(plan):
    run(
        report(
            parsed_action("1.11", stated="Blue", comment=""),
            parsed_action("1.12", stated="Amber", comment="The service was launched in May"),
            parsed_action("1.13", stated="Not started - carried forward"),
        ),
        plan,
    )

    assert [saved(code).status for code in ("1.11", "1.12", "1.13")] == [
        Status.COMPLETED,
        Status.COMPLETED,
        Status.CARRIED_FORWARD,
    ]


def _actions_as_kept() -> dict:
    return {
        a.code: (a.lead, a.lead_person_id, a.lead_organisation_id, a.due_date, a.status)
        for a in Action.objects.all()
    }
