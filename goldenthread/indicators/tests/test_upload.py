"""Uploading a file of values on the web: checked, previewed, then imported as
``goldenthread import_data`` would, and recorded in the audit trail."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from goldenthread.areas.models import Area
from goldenthread.audit.context import Source
from goldenthread.audit.models import AuditEntry
from goldenthread.indicators.models import DataPoint, DataRevision
from goldenthread.indicators.uploads import SESSION_KEY
from goldenthread.partnerships.models import Membership, Role
from goldenthread.partnerships.tests.factories import PartnershipFactory

from .world import VALUE_COLUMNS, row, write_values

URL = reverse("indicators:upload", args=["thurrock"])


@pytest.fixture(autouse=True)
def _media_of_its_own(settings, tmp_path):
    # So that what one test leaves waiting cannot be counted by another.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def signed_in(client, manager, ks2, areas):
    client.force_login(manager)
    return client


def a_csv(tmp_path: Path, name: str, rows: list[dict]) -> SimpleUploadedFile:
    path = write_values(tmp_path / name, rows)
    return SimpleUploadedFile(name, path.read_bytes(), content_type="text/csv")


def a_workbook(name: str, rows: list[list]) -> SimpleUploadedFile:
    workbook = Workbook()
    for cells in [VALUE_COLUMNS[:5], *rows]:
        workbook.active.append(cells)
    content = io.BytesIO()
    workbook.save(content)
    return SimpleUploadedFile(name, content.getvalue())


def a_ward_of_thurrock(areas) -> Area:
    return Area.objects.create(
        code="E05002227", name="Tilbury Riverside", kind="ward", parent=areas["thurrock"]
    )


def upload(client, file: SimpleUploadedFile):
    return client.post(URL, {"file": file})


def confirm(client):
    return client.post(URL, {"step": "import"})


def summary(key: str, value: str) -> str:
    """A row of the preview's summary list, as the page shows it."""
    return f'{key}</dt><dd class="govuk-summary-list__value">{value}'


def waiting_files() -> list[Path]:
    folder = Path(settings.MEDIA_ROOT) / "uploads"
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_a_csv_is_previewed_then_imported_and_recorded(signed_in, manager, tmp_path):
    file = a_csv(tmp_path, "ks2.csv", [row(value="77"), row(period="2012/13", value="72")])

    preview = upload(signed_in, file)

    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Check before importing" in html and "Import these values" in html
    assert "ks2.csv" in html
    assert summary("Values to add", "2</dd>") in html
    assert not DataPoint.objects.exists()  # a dry run
    assert not AuditEntry.objects.filter(object_pk="ks2.csv").exists()

    imported = confirm(signed_in)

    assert imported.status_code == 302
    assert imported["Location"] == reverse("indicators:scorecard", args=["thurrock"])
    assert sorted(DataPoint.objects.values_list("value", flat=True)) == [72, 77]
    entry = AuditEntry.objects.get(object_pk="ks2.csv")
    assert (entry.source, entry.actor) == (Source.WEB, manager)
    assert entry.changes["added"] == [None, 2]
    page = signed_in.get(imported["Location"]).content.decode()
    assert "Imported ks2.csv: 2 rows read; added 2 values" in page
    assert waiting_files() == []  # the kept file is deleted once imported
    assert SESSION_KEY not in signed_in.session


def test_an_excel_workbook_is_previewed_then_imported(signed_in, areas, tmp_path):
    upload(signed_in, a_csv(tmp_path, "old.csv", [row(value="70")]))
    confirm(signed_in)
    a_ward_of_thurrock(areas)
    file = a_workbook(
        "ks2.xlsx",
        [
            ["ks2-rwm", "E06000034", "2013/14", None, 77],
            ["ks2-rwm", "E05002227", "2013/14", None, 79],
        ],
    )

    html = upload(signed_in, file).content.decode()

    assert summary("Values to revise", "1<br>") in html  # with a word on revisions
    assert summary("Values to add", "1</dd>") in html
    confirm(signed_in)
    assert DataPoint.objects.get(area__code="E06000034").value == 77
    assert DataRevision.objects.get().replaced_from == "ks2.xlsx"
    assert AuditEntry.objects.get(object_pk="ks2.xlsx").changes["revised"] == [None, 1]


def test_a_bad_row_is_shown_by_file_row_and_column_and_nothing_is_written(signed_in, tmp_path):
    file = a_csv(tmp_path, "bad.csv", [row(value="77"), row(area="E06999999")])

    page = upload(signed_in, file)

    html = page.content.decode()
    assert "There is a problem" in html and "<title>Error:" in html
    assert "bad.csv has 1 problem: nothing was imported." in html
    assert '<td class="govuk-table__cell">bad.csv</td>' in html
    assert '<td class="govuk-table__cell">3</td>' in html
    assert '<td class="govuk-table__cell">area</td>' in html
    assert "no area has the code &#x27;E06999999&#x27;: add the area first" in html
    assert "Import these values" not in html
    assert not DataPoint.objects.exists()
    assert waiting_files() == []
    # Nothing is waiting to be confirmed either.
    assert confirm(signed_in).status_code == 302
    assert not DataPoint.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        (
            "page.csv",
            b"<!DOCTYPE html>\n<html><body>Sign in</body></html>",
            "page.csv is a web page (HTML or XML), not a CSV file",
        ),
        (
            "logo.xlsx",
            b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
            "logo.xlsx is a PNG image, not an Excel workbook (.xlsx).",
        ),
        ("empty.csv", b"", "empty.csv is empty: it needs a header row"),
        (
            "latin.csv",
            "indicator,area,period,value,note\nks2-rwm,E06000034,2013/14,77,café\n".encode(
                "latin-1"
            ),
            "latin.csv is not UTF-8 text",
        ),
        (
            "nul.csv",
            b"indicator,area\x00,period,value\n",
            "nul.csv is not a CSV file: it holds bytes no text file has (NUL).",
        ),
        (
            "notes.xlsx",
            b"indicator,area,period,value\n",
            "notes.xlsx is not an Excel workbook (.xlsx): it cannot be opened.",
        ),
        (
            "book.csv",
            b"PK\x03\x04" + b"\x00" * 64,
            "book.csv is a zip file (perhaps an Excel workbook: name it .xlsx), not a CSV file.",
        ),
        (
            "values.txt",
            b"indicator,area,period,value\n",
            "values.txt is a .txt file: upload a CSV (.csv) or Excel workbook (.xlsx).",
        ),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused_by_name(signed_in, name, content, why):
    page = upload(signed_in, SimpleUploadedFile(name, content))

    html = page.content.decode()
    assert page.status_code == 200
    assert f'<li><a href="#id_file">{why}' in html  # in the error summary, linked to the field
    assert "govuk-form-group--error" in html
    assert not DataPoint.objects.exists()
    assert waiting_files() == []


def test_a_zip_that_is_not_a_workbook_is_refused(signed_in):
    content = io.BytesIO()
    with zipfile.ZipFile(content, "w") as archive:
        archive.writestr("readme.txt", "hello")

    html = upload(signed_in, SimpleUploadedFile("v.xlsx", content.getvalue())).content.decode()

    assert "v.xlsx is a zip file, not an Excel workbook (.xlsx)." in html


def test_a_file_over_the_limit_is_refused(signed_in, settings, tmp_path):
    settings.IMPORT_UPLOAD_MAX_BYTES = 100
    file = a_csv(tmp_path, "big.csv", [row(period=f"20{n:02}/{n + 1:02}") for n in range(10)])

    html = upload(signed_in, file).content.decode()

    assert "big.csv is" in html and "a file uploaded here may be at most 100\xa0bytes" in html
    assert not DataPoint.objects.exists()
    assert waiting_files() == []


def test_no_file_chosen_says_so(signed_in):
    html = signed_in.post(URL, {}).content.decode()

    assert '<a href="#id_file">Choose a CSV or Excel file of indicator values</a>' in html


def test_managers_find_the_page_from_the_scorecard(client, manager, contributor, areas):
    scorecard = reverse("indicators:scorecard", args=["thurrock"])
    assert URL not in client.get(scorecard).content.decode()
    client.force_login(contributor)
    assert URL not in client.get(scorecard).content.decode()
    client.force_login(manager)
    assert URL in client.get(scorecard).content.decode()


def test_a_contributor_is_refused(client, contributor, ks2, areas, tmp_path):
    client.force_login(contributor)

    assert client.get(URL).status_code == 403
    assert upload(client, a_csv(tmp_path, "ks2.csv", [row()])).status_code == 403
    assert confirm(client).status_code == 403
    assert not DataPoint.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, partnership, ks2, areas, tmp_path):
    page = client.get(URL)

    assert page.status_code == 302 and "/accounts/sign-in/" in page["Location"]
    assert upload(client, a_csv(tmp_path, "ks2.csv", [row()])).status_code == 302
    assert not DataPoint.objects.exists()
    assert waiting_files() == []


def test_a_file_that_no_longer_fits_the_data_when_confirmed_writes_nothing(
    signed_in, areas, tmp_path
):
    ward = a_ward_of_thurrock(areas)
    upload(signed_in, a_csv(tmp_path, "ks2.csv", [row(), row(area=ward.code)]))
    ward.delete()  # between the preview and the import

    html = confirm(signed_in).content.decode()

    assert "ks2.csv has 1 problem: nothing was imported." in html
    assert "no area has the code &#x27;E05002227&#x27;" in html
    assert not DataPoint.objects.exists()
    assert waiting_files() == []


def test_confirming_without_a_file_waiting_asks_for_it_again(signed_in):
    page = confirm(signed_in)

    assert page["Location"] == URL
    assert "There is no file waiting to be imported" in signed_in.get(URL).content.decode()
    assert not DataPoint.objects.exists()


def test_a_file_is_imported_only_from_the_partnership_it_was_uploaded_to(
    signed_in, manager, tmp_path
):
    other = PartnershipFactory(slug="elsewhere")
    Membership.objects.create(user=manager, partnership=other, role=Role.MANAGER)
    upload(signed_in, a_csv(tmp_path, "ks2.csv", [row()]))

    there = signed_in.post(reverse("indicators:upload", args=["elsewhere"]), {"step": "import"})

    assert there["Location"] == reverse("indicators:upload", args=["elsewhere"])
    assert not DataPoint.objects.exists()
    assert [p.name for p in waiting_files()] == ["ks2.csv"]  # kept under its own name
    confirm(signed_in)
    assert DataPoint.objects.count() == 1
