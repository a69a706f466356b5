"""The plan's CSV and Excel files: the delivery-plan tracker's shape, then goldenthread's own
columns; read back by what their headers mean, as an importer reads them."""

import csv
import datetime as dt
import io

from django.urls import reverse
from openpyxl import load_workbook

from goldenthread.lib.headers import Column, meaning_of, meanings_of
from goldenthread.plans import tracker
from goldenthread.plans.exports import HEADERS
from goldenthread.plans.models import Action


def export(client, fmt):
    return client.get(reverse("plans:export", args=["thurrock", "2014-15", fmt]))


def by_meaning(header_row, row) -> dict[Column, object]:
    return {meaning: row[index] for index, meaning in meanings_of(header_row).items()}


def test_the_headers_are_the_trackers_then_ones_an_importer_passes_over():
    assert HEADERS[: len(tracker.HEADERS)] == tracker.HEADERS
    assert list(meanings_of(HEADERS).values()) == [c.meaning for c in tracker.COLUMNS]
    assert [meaning_of(c.header) for c in tracker.EXPORT_COLUMNS] == [None] * len(
        tracker.EXPORT_COLUMNS
    )


def test_the_excel_file_has_one_row_per_action_in_plan_order(client, seeded):
    Action.objects.filter(code="8.11").update(due_date=dt.date(2014, 9, 30), lead="LSCB")
    response = export(client, "xlsx")
    assert response["Content-Disposition"] == (
        'attachment; filename="thurrock-delivery-plan-2014-15.xlsx"'
    )
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert len(rows) == 1 + 82
    codes = [by_meaning(rows[0], row)[Column.CODE] for row in rows[1:]]
    assert codes.index("8.20") == codes.index("8.19") + 1
    mash = by_meaning(rows[0], rows[1 + codes.index("8.11")])
    action = Action.objects.get(code="8.11")
    assert mash == {
        Column.AIM: f"4 {action.objective.aim.title}",
        Column.OBJECTIVE: f"8.1 {action.objective.title}",
        Column.CODE: "8.11",
        Column.ACTION: "Implementation of Multi Agency Safeguarding Hub (MASH)",
        Column.MEASURE: action.measure or None,
        Column.LEAD: "LSCB",
        Column.DUE: dt.datetime(2014, 9, 30),
        Column.STATUS: "Completed",
        Column.COMMENT: action.latest_commentary,
    }
    assert (
        dict(zip(HEADERS, rows[1 + codes.index("8.11")], strict=True))["Reported or inferred"]
        == "Inferred"
    )
    assert sheet.freeze_panes == "A2"
    assert workbook.sheetnames == ["Delivery plan 2014-15", "Notes"]


def test_the_excel_file_offers_the_status_list_and_notes_on_every_column(client, seeded):
    workbook = load_workbook(io.BytesIO(export(client, "xlsx").content))
    (validation,) = workbook.active.data_validations.dataValidation
    assert validation.type == "list"
    assert "Carried forward" in validation.formula1
    assert str(validation.sqref).startswith("H2:H")  # the Status column
    notes = list(workbook["Notes"].iter_rows(min_row=2, values_only=True))
    assert [header for header, _ in notes] == HEADERS
    assert all(note for _, note in notes)


def test_text_that_looks_like_a_formula_stays_text(client, seeded):
    Action.objects.filter(code="1.11").update(text='=HYPERLINK("http://x.example","y")')
    sheet = load_workbook(io.BytesIO(export(client, "xlsx").content)).active
    (cell,) = [row[3] for row in sheet.iter_rows(min_row=2) if row[2].value == "1.11"]
    assert (cell.data_type, cell.value) == ("s", '=HYPERLINK("http://x.example","y")')


def test_the_csv_file_reads_back_the_same(client, seeded):
    response = export(client, "csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 82
    not_known = [row["Code"] for row in rows if row["Status"] == "Not known"]
    assert not_known == list(
        Action.objects.with_status("not_known").in_plan_order().values_list("code", flat=True)
    )
    assert rows[0]["Commentary"] == Action.objects.get(code="1.11").latest_commentary
    assert rows[0]["Due date"] == ""  # none given: it falls due at the year's end
    assert rows[0]["Overdue after"] == "2015-03-31"


def test_each_row_names_the_lead_person_and_organisation_in_a_fixed_number_of_queries(
    client, seeded, lead, nhs, django_assert_max_num_queries
):
    """The lead by the one rule, in full (the person and their organisation, else the
    organisation, else the plan's words), and the lead organisation apart for sorting."""
    Action.objects.in_aim(1).update(lead_person=lead, lead_organisation=nhs)
    Action.objects.in_aim(2).update(lead_organisation=nhs)
    Action.objects.filter(code="8.11").update(lead="LSCB")
    Action.objects.filter(code="8.12").update(lead="")

    with django_assert_max_num_queries(8):
        response = export(client, "csv")

    rows = {row["Code"]: row for row in csv.DictReader(io.StringIO(response.content.decode()))}
    lead_of = {code: (row["Lead"], row["Organisation"]) for code, row in rows.items()}
    first_of = {aim: Action.objects.in_aim(aim).in_plan_order().first().code for aim in (1, 2)}
    assert lead_of[first_of[1]] == ("Nina Patel, CCG", "CCG")
    assert lead_of[first_of[2]] == ("CCG", "CCG")
    assert lead_of["8.11"] == ("LSCB", "")
    assert lead_of["8.12"] == ("", "")  # never "No lead named": an import would keep that
