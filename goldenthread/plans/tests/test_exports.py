import csv
import datetime as dt
import io

from django.urls import reverse
from openpyxl import load_workbook

from goldenthread.plans.exports import HEADERS
from goldenthread.plans.models import Action


def export(client, fmt):
    return client.get(reverse("plans:export", args=["thurrock", "2014-15", fmt]))


def test_the_excel_file_has_one_row_per_action_in_plan_order(client, seeded):
    Action.objects.filter(code="8.11").update(due_date=dt.date(2014, 9, 30), lead="LSCB")
    response = export(client, "xlsx")
    assert response["Content-Disposition"] == (
        'attachment; filename="thurrock-delivery-plan-2014-15.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert len(rows) == 1 + 82
    by_code = {row[4]: dict(zip(HEADERS, row, strict=True)) for row in rows[1:]}
    assert [row[4] for row in rows[1:]].index("8.20") == [row[4] for row in rows[1:]].index(
        "8.19"
    ) + 1
    mash = by_code["8.11"]
    assert mash["Aim"] == 4
    assert mash["Objective"] == "8.1"
    assert mash["Action"] == "Implementation of Multi Agency Safeguarding Hub (MASH)"
    assert mash["Status"] == "Completed"
    assert mash["Status source"] == "Inferred"
    assert mash["Due date"] == dt.datetime(2014, 9, 30)
    assert mash["Lead"] == "LSCB"
    assert sheet.freeze_panes == "A2"


def test_the_csv_file_reads_back_the_same(client, seeded):
    response = export(client, "csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 82
    not_known = [row["Action code"] for row in rows if row["Status"] == "Not known"]
    assert not_known == list(
        Action.objects.with_status("not_known").in_plan_order().values_list("code", flat=True)
    )
    assert rows[0]["Latest commentary"] == Action.objects.get(code="1.11").latest_commentary


def test_each_row_names_the_lead_person_and_organisation_in_a_fixed_number_of_queries(
    client, seeded, lead, nhs, django_assert_max_num_queries
):
    """The lead by the one rule (person, else organisation, else the plan's words), and
    the lead organisation beside it for sorting and filtering."""
    Action.objects.in_aim(1).update(lead_person=lead, lead_organisation=nhs)
    Action.objects.in_aim(2).update(lead_organisation=nhs)
    Action.objects.filter(code="8.11").update(lead="LSCB")

    with django_assert_max_num_queries(8):
        response = export(client, "csv")

    rows = {
        row["Action code"]: row for row in csv.DictReader(io.StringIO(response.content.decode()))
    }
    lead_of = {code: (row["Lead"], row["Lead organisation"]) for code, row in rows.items()}
    first_of = {aim: Action.objects.in_aim(aim).in_plan_order().first().code for aim in (1, 2)}
    assert lead_of[first_of[1]] == ("Nina Patel", "CCG")
    assert lead_of[first_of[2]] == ("CCG", "CCG")
    assert lead_of["8.11"] == ("LSCB", "")
