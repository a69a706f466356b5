"""The annual report's authored sections, read back from every format: in their places
among the generated sections, with their headings, lists, quotes, tables and images."""

from __future__ import annotations

import io
import json
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document
from PIL import Image
from pypdf import PdfReader

from goldenthread.conftest import built_once, read_once
from goldenthread.lib.periods import FinancialYear
from goldenthread.partnerships.models import Partnership
from goldenthread.plans.models import Aim, DeliveryPlan
from goldenthread.reports.annual import annual_report
from goldenthread.reports.models import Place, ReportSection
from goldenthread.reports.render import render
from goldenthread.reports.sections import add_image

# Slow, so make test-fast leaves it out: the annual report written in every format.
pytestmark = pytest.mark.slow

FOREWORD = """Welcome to our **annual report** for *2014/15*.

# Our priorities

- Keeping children safe
- Early help
  - for families

1. Listen
2. Act

> I feel listened to now.

| Service | Children |
| --- | --- |
| Early help | 120 |

![](forum.png)

Read more on [our website](https://example.org/plan) <script>alert(1)</script>
"""


def png(width: int = 64, height: int = 48, colour: str = "navy") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


def write(delivery_plan, title, body, place, aim=None, position=0) -> ReportSection:
    return ReportSection.objects.create(
        delivery_plan=delivery_plan,
        title=title,
        body=body,
        place=place,
        aim=aim,
        position=position,
        written_at=timezone.now(),
    )


@pytest.fixture(scope="module")
def sections_world(thurrock_world, django_db_blocker):
    """The seed's report with a foreword (and its image) first, a case study after aim
    2 and what children told us at the end."""

    def build() -> int:
        partnership = Partnership.objects.get(pk=thurrock_world)
        delivery_plan = DeliveryPlan.objects.for_year(partnership, FinancialYear(2014))
        foreword = write(delivery_plan, "Foreword", FOREWORD, Place.START)
        add_image(
            foreword,
            SimpleUploadedFile("Forum.PNG", png(), "image/png"),
            alt_text="Young people at the youth forum",
        )
        aim = Aim.objects.get(plan=delivery_plan.plan, number=2)
        write(delivery_plan, "Case study: early help", "A family's story.", Place.AIM, aim)
        write(
            delivery_plan,
            "What children told us",
            "> We want to be heard.\n\n1. Be heard\n2. Be safe",
            Place.END,
        )
        return thurrock_world

    yield from built_once(django_db_blocker, build)


@pytest.fixture(scope="module")
def files(sections_world, django_db_blocker):
    with read_once(django_db_blocker):
        partnership = Partnership.objects.get(pk=sections_world)
        report = annual_report(DeliveryPlan.objects.for_year(partnership, FinancialYear(2014)))
        return report, {fmt: render(report, fmt).content for fmt in ("html", "docx", "pdf", "json")}


def test_the_sections_stand_in_their_places_in_the_report(files):
    report, _ = files
    assert [s.title for s in report.sections] == [
        "Foreword",
        "Case study: early help",
        "What children told us",
    ]
    assert [s.title for s in report.sections_at("start")] == ["Foreword"]
    assert [s.title for s in report.sections_at(2)] == ["Case study: early help"]
    assert [s.title for s in report.sections_at("end")] == ["What children told us"]


def headings_in_order(html: str) -> list[str]:
    found: list[str] = []

    class Reader(HTMLParser):
        inside = False

        def handle_starttag(self, tag, attrs):
            self.inside = tag == "h2"
            if self.inside:
                found.append("")

        def handle_endtag(self, tag):
            self.inside = self.inside and tag != "h2"

        def handle_data(self, data):
            if self.inside:
                found[-1] += data

    Reader().feed(html)
    return [text.strip() for text in found]


def test_the_html_document_has_them_in_order_styled_and_safe(files):
    _, out = files
    html = out["html"].decode()
    headings = headings_in_order(html)
    assert headings.index("Foreword") < headings.index("Introduction")
    after_aim_2 = headings.index("Case study: early help")
    assert headings[after_aim_2 - 1].startswith("Strategic aim 2")
    assert headings[-1] == "What children told us"
    assert '<h3 class="govuk-heading-m">Our priorities</h3>' in html
    assert '<blockquote class="govuk-inset-text gt-quote">' in html
    assert 'alt="Young people at the youth forum"' in html
    assert 'src="data:image/png;base64,' in html  # the standalone file carries its image
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_word_has_real_headings_list_styles_runs_quotes_a_table_and_the_picture(files):
    _, out = files
    document = Document(io.BytesIO(out["docx"]))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    titles = [text for style, text in paragraphs if style == "Heading 1"]
    assert titles.index("Foreword") < titles.index("Introduction")
    assert (
        titles.index("Case study: early help")
        == titles.index(next(t for t in titles if t.startswith("Strategic aim 2"))) + 1
    )
    assert titles[-1] == "What children told us"
    assert ("Heading 2", "Our priorities") in paragraphs
    assert ("List Bullet", "Keeping children safe") in paragraphs
    assert ("List Bullet 2", "for families") in paragraphs
    assert ("List Number", "Act") in paragraphs
    assert ("Quote", "I feel listened to now.") in paragraphs
    welcome = next(p for p in document.paragraphs if p.text.startswith("Welcome"))
    assert [(r.text, r.bold, r.italic) for r in welcome.runs][:4] == [
        ("Welcome to our ", None, None),
        ("annual report", True, None),
        (" for ", None, None),
        ("2014/15", None, True),
    ]
    # Each numbered list counts from its own start, not on from the one before.
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert [p.text for p in numbered] == ["Listen", "Act", "Be heard", "Be safe"]
    lists = [p._p.pPr.numPr.numId.val for p in numbered]
    assert lists[0] == lists[1] != lists[2] == lists[3]
    tables = [t for t in document.tables if t.rows[0].cells[0].text == "Service"]
    assert [c.text for c in tables[0].rows[1].cells] == ["Early help", "120"]
    described = [s._inline.docPr.get("descr") for s in document.inline_shapes]
    assert "Young people at the youth forum" in described
    links = document.part.rels.values()
    assert any(
        r.reltype.endswith("/hyperlink") and r.target_ref == "https://example.org/plan"
        for r in links
    )


def test_the_pdf_has_the_sections_text_in_order_and_the_picture(files):
    _, out = files
    reader = PdfReader(io.BytesIO(out["pdf"]))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert text.index("Foreword") < text.index("Introduction")
    assert text.index("Strategic aim 2") < text.index("Case study: early help")
    assert text.index("Case study: early help") < text.index("Strategic aim 3")
    assert text.index("Progress and what has been achieved") < text.index("We want to be heard.")
    assert "Keeping children safe" in text and "I feel listened to now." in text
    assert "Early help 120" in text
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Foreword" in outline
    pictures = [image for page in reader.pages[:3] for image in page.images]
    assert any(image.image.size == (64, 48) for image in pictures)


def test_json_gives_the_markdown_and_the_sanitised_html_and_names_the_images(files):
    _, out = files
    data = json.loads(out["json"])
    foreword = data["sections"][0]
    assert foreword["title"] == "Foreword" and foreword["place"] == "start"
    assert foreword["markdown"] == FOREWORD
    assert "<strong>annual report</strong>" in foreword["html"]
    assert "<script>" not in foreword["html"]
    assert 'src="1-forum.png"' in foreword["html"]
    assert foreword["images"][0] | {"sha256": ""} == {
        "file": "1-forum.png",
        "name": "forum.png",
        "alt_text": "Young people at the youth forum",
        "width": 64,
        "height": 48,
        "sha256": "",
    }
    assert data["sections"][1]["place"] == "aim:2"
