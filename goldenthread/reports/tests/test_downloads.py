"""Every report in every format, from its page's download menu and from the command."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from goldenthread.reports.render import FORMATS, KINDS

# Slow, so make test-fast leaves it out: every format of every report, written whole.
pytestmark = pytest.mark.slow

OPEN = {
    "docx": lambda content: Document(io.BytesIO(content)).core_properties.title,
    "pdf": lambda content: PdfReader(io.BytesIO(content)).metadata.title,
    "xlsx": lambda content: load_workbook(io.BytesIO(content)).properties.title,
    "json": lambda content: json.loads(content)["title"],
    "html": lambda content: content.decode().split("<title>")[1].split("</title>")[0],
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_page_offers_every_format_and_each_opens_with_the_reports_title(
    client, thurrock, kind
):
    page = client.get(reverse("reports:report", args=["thurrock", "2014-15", kind]))
    assert page.status_code == 200
    title = page.context["report"].title
    for fmt, chosen in FORMATS.items():
        url = reverse("reports:file", args=["thurrock", "2014-15", kind, fmt])
        assert f'href="{url}"' in page.content.decode() and chosen.label in page.content.decode()
        response = client.get(url)
        assert response["Content-Type"] == chosen.content_type
        assert OPEN[fmt](response.content).replace("&#x27;", "'") == title, (kind, fmt)


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_the_report_command_writes_pdf_and_excel(thurrock, tmp_path, fmt):
    output = tmp_path / f"plan.{fmt}"
    call_command(
        "report",
        "plan",
        "--year",
        "2014/15",
        "--partnership",
        "thurrock",
        "--format",
        fmt,
        "--output",
        str(output),
        stdout=io.StringIO(),
    )
    assert OPEN[fmt](output.read_bytes()).startswith("Children and Young People's Plan")
