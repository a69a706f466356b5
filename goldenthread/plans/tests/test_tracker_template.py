"""The delivery-plan tracker template in docs/templates/, as a council would download it."""

import csv
import io

import pytest
from django.conf import settings
from openpyxl import load_workbook

from goldenthread.lib.due_dates import due_date_of
from goldenthread.lib.headers import Column, meanings_of
from goldenthread.lib.periods import FinancialYear
from goldenthread.plans import tracker
from goldenthread.plans.models import Status

TEMPLATES = settings.BASE_DIR.parent / "docs" / "templates"
REGENERATE = (
    "the template differs from what goldenthread/plans/tracker.py writes: run "
    'DEBUG=1 .venv/bin/goldenthread shell -c "from goldenthread.plans.tracker import '
    "write_templates; write_templates('docs/templates')\""
)
IN_ORDER = [
    Column.AIM,
    Column.OBJECTIVE,
    Column.CODE,
    Column.ACTION,
    Column.MEASURE,
    Column.LEAD,
    Column.DUE,
    Column.STATUS,
    Column.COMMENT,
]


@pytest.fixture(scope="module")
def workbook():
    return load_workbook(TEMPLATES / "delivery-plan-tracker.xlsx")


def contents(book):
    """What a reader sees: each sheet's values, and the lists to choose from."""
    return {
        sheet.title: (
            list(sheet.iter_rows(values_only=True)),
            [(v.formula1, str(v.sqref)) for v in sheet.data_validations.dataValidation],
        )
        for sheet in book.worksheets
    }


def test_the_templates_are_what_the_generator_writes(workbook, tmp_path):
    written_csv, written_xlsx = tracker.write_templates(tmp_path)
    assert (TEMPLATES / written_csv.name).read_text() == written_csv.read_text(), REGENERATE
    assert contents(workbook) == contents(load_workbook(written_xlsx)), REGENERATE


def test_each_header_means_its_column_to_an_importer(workbook):
    headers = next(workbook.active.iter_rows(max_row=1, values_only=True))
    assert list(meanings_of(headers).items()) == list(enumerate(IN_ORDER))
    with open(TEMPLATES / "delivery-plan-tracker.csv", encoding="utf-8") as f:
        assert next(csv.reader(f)) == list(headers) == tracker.HEADERS


def test_the_status_column_has_a_list_of_every_status(workbook):
    sheet = workbook.active
    (validation,) = sheet.data_validations.dataValidation
    headers = [cell.value for cell in sheet[1]]
    letter = "ABCDEFGHI"[headers.index("Status")]
    assert validation.type == "list"
    assert str(validation.sqref) == f"{letter}2:{letter}1048576"
    assert validation.formula1.strip('"').split(",") == [*Status.labels, "Not known"]
    examples = [
        row[headers.index("Status")] for row in sheet.iter_rows(min_row=2, values_only=True)
    ]
    assert examples and all(status in Status.labels for status in examples)


def test_the_notes_sheet_explains_every_column(workbook):
    notes = list(workbook["Notes"].iter_rows(values_only=True))
    assert notes[0] == ("Column", "What it holds")
    assert [row[0] for row in notes[1:]] == tracker.HEADERS
    assert all(len(row[1]) > 10 for row in notes[1:])


def test_the_examples_due_dates_are_read_as_days(workbook):
    sheet = workbook.active
    due_column = tracker.HEADERS.index("Due date")
    dues = [row[due_column] for row in sheet.iter_rows(min_row=2, values_only=True)]
    with open(TEMPLATES / "delivery-plan-tracker.csv", encoding="utf-8") as f:
        dues += [row["Due date"] for row in csv.DictReader(io.StringIO(f.read()))]
    year = FinancialYear(2015)
    assert all(due_date_of(due, year) for due in dues)
