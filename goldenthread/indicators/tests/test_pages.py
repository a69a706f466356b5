import datetime as dt

import pytest
from django.urls import reverse

from goldenthread.indicators.importers.values import import_values
from goldenthread.indicators.models import Target
from goldenthread.plans.tests.factories import ActionFactory

from .world import make_indicator, row, write_values


@pytest.fixture
def ks2_data(ks2, areas, plan, partnership, tmp_path):
    import_values(
        write_values(
            tmp_path / "ks2.csv",
            [
                row(value="77", note="Thurrock achieved 77% compared to 79% nationally."),
                row(period="2012/13", value="72"),
                row(area="E92000001", value="79"),
                row(area="E92000001", period="2012/13", value="75"),
                row(breakdown="fsm:eligible", value="62"),
                row(breakdown="fsm:not-eligible", value="80"),
                row(breakdown="fsm:eligible", period="2012/13", value="59"),
                row(breakdown="fsm:not-eligible", period="2012/13", value="75"),
            ],
        )
    )
    Target.objects.create(
        partnership=partnership,
        indicator=ks2,
        value=80,
        # Due by the end of the value's own year, so that the value is judged against it.
        due=dt.date(2014, 8, 31),
        due_label="2013/14",
        text="80% by 2013/14",
    )
    action = ActionFactory(objective__aim__plan=plan, objective__aim__number=1, code="1.3")
    ks2.actions.add(action)
    return action


def test_the_scorecard_page_shows_each_indicator_with_its_rag_in_words(client, ks2_data):
    page = client.get(reverse("indicators:scorecard", args=["thurrock"]))

    html = page.content.decode()
    assert page.status_code == 200
    assert "Pupils at level 4 or above in reading, writing and maths" in html
    assert "<strong>77%</strong>" in html
    assert "Amber: close" in html  # 77 is within 5% of the 80% target
    # Without 95% limits, a rise of 5 points is not called an improvement.
    assert "Change not tested" in html and "+5 percentage points since 2012/13" in html
    assert "2 percentage points below" in html  # 77% against England's 79%
    assert 'role="img" aria-label="Trend: 2012/13 72%, 2013/14 77%"' in html


def test_the_scorecard_says_one_percentage_point_in_the_singular(client, ks2, plan, tmp_path):
    rows = [row(value="78"), row(period="2012/13", value="77"), row(area="E92000001", value="79")]
    import_values(write_values(tmp_path / "ks2.csv", rows))

    html = client.get(reverse("indicators:scorecard", args=["thurrock"])).content.decode()

    assert "+1 percentage point since 2012/13" in html
    assert "1 percentage point below" in html
    assert "1 percentage points" not in html


def test_the_scorecard_filters_by_rag(client, ks2_data):
    url = reverse("indicators:scorecard", args=["thurrock"])

    assert "77%" not in client.get(url, {"rag": "green"}).content.decode()
    assert "77%" in client.get(url, {"rag": "amber"}).content.decode()


def test_the_scorecard_page_reads_a_fixed_number_of_queries(client, ks2_data, tmp_path):
    url = reverse("indicators:scorecard", args=["thurrock"])
    client.get(url)
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()  # the page evaluated afresh, not the whole page from the cache
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(5):
        make_indicator(f"more-{n}").actions.add(ks2_data)
    import_values(write_values(tmp_path / "more.csv", [row(f"more-{n}") for n in range(5)]))
    cache.clear()
    with CaptureQueriesContext(connection) as six:
        client.get(url)

    assert len(six) == len(one)


def test_the_indicator_page_is_captioned_with_its_scorecard_not_its_code(client, ks2_data):
    page = client.get(reverse("indicators:indicator", args=["thurrock", "ks2-rwm"]))

    html = page.content.decode()
    assert "Indicator ks2-rwm" not in html
    assert '<span class="govuk-caption-l">Thurrock scorecard</span>' in html


def test_the_indicator_page_has_its_chart_with_a_text_alternative_and_its_data(client, ks2_data):
    page = client.get(reverse("indicators:indicator", args=["thurrock", "ks2-rwm"]))

    html = page.content.decode()
    assert page.status_code == 200
    assert "Thurrock: 77% in 2013/14, against 79% for England; 72% in 2012/13." in html
    assert "<svg" in html and 'role="img"' in html
    assert "Values by period" in html
    assert "Thurrock achieved 77% compared to 79% nationally." in html
    assert "By free school meal eligibility" in html
    assert "The gap between eligible and not eligible was 18 percentage points in 2013/14" in html
    assert "Action 1.3" in html


def test_the_action_page_lists_the_indicators_it_is_measured_by(client, ks2_data):
    page = client.get(reverse("plans:action", args=["thurrock", ks2_data.pk]))

    assert "Pupils at level 4 or above in reading, writing and maths" in page.content.decode()


def test_a_private_partnerships_indicators_need_a_sign_in(client, private_partnership, ks2):
    for url in (
        reverse("indicators:scorecard", args=["elsewhere"]),
        reverse("indicators:indicator", args=["elsewhere", "ks2-rwm"]),
    ):
        assert client.get(url).status_code == 302


def test_an_unknown_indicator_is_not_found(client, partnership):
    assert client.get(reverse("indicators:indicator", args=["thurrock", "nope"])).status_code == 404
