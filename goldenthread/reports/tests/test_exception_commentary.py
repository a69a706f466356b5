"""The exception report gives an off-track indicator's owner in the partnership and its
story behind the curve for the period judged, as the annual report does, in every format."""

import datetime as dt
import io
import json

import pytest
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from goldenthread.commentary.models import IndicatorCommentary
from goldenthread.indicators.models import Indicator, IndicatorOwner, Period, Target
from goldenthread.lib.periods import FinancialYear
from goldenthread.people.models import Person
from goldenthread.plans.models import DeliveryPlan
from goldenthread.reports.exception import exception_report
from goldenthread.reports.render import render

# Slow, so make test-fast leaves it out: the exception report written in every format.
pytestmark = pytest.mark.slow

STORY = "Fewer places were offered after the college in Tilbury closed."


def test_an_off_track_indicator_comes_with_its_owner_and_its_story(thurrock):
    delivery_plan = DeliveryPlan.objects.for_year(thurrock, FinancialYear(2014))
    neet = Indicator.objects.get(code="neet-16-18")  # 5.4% in 2014/15, lower is better
    Target.objects.create(
        partnership=thurrock, indicator=neet, value=3.0, due=dt.date(2015, 3, 31), text="3%"
    )
    owner = Person.objects.create(partnership=thurrock, name="Ruth Okafor", email="r@x.org")
    IndicatorOwner.objects.create(partnership=thurrock, indicator=neet, person=owner)
    IndicatorCommentary.objects.create(
        partnership=thurrock,
        indicator=neet,
        period=Period.objects.get(data__indicator=neet, label="2014/15", data__breakdown=""),
        story=STORY,
        written_at=timezone.now(),
    )

    report = exception_report(delivery_plan, today=dt.date(2015, 6, 1))

    (listed,) = [i for i in report.indicators if i.code == neet.code]
    assert listed.owner == "Ruth Okafor"
    assert listed.commentary.parts == [("The story behind the curve", STORY)]
    data = json.loads(render(report, "json").content)
    (as_json,) = [i for i in data["indicators"] if i["code"] == neet.code]
    assert as_json["owner"] == "Ruth Okafor"
    assert as_json["commentary"]["parts"] == [
        {"heading": "The story behind the curve", "text": STORY}
    ]
    assert STORY in render(report, "html").content.decode().replace("&#x27;", "'")
    word = Document(io.BytesIO(render(report, "docx").content))
    assert any(STORY in p.text for p in word.paragraphs)
    pdf = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(render(report, "pdf").content)).pages
    )
    assert "Tilbury closed" in " ".join(pdf.split())
