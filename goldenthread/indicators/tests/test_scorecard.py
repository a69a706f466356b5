import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from goldenthread.indicators.importers.values import import_values
from goldenthread.indicators.models import Indicator, Period, Rule, Target
from goldenthread.indicators.scorecard import history, scorecard
from goldenthread.lib.periods import Period as PeriodValue
from goldenthread.plans.tests.factories import ObjectiveFactory

from .world import OTHER_AUTHORITIES, make_indicator, row, write_values


@pytest.fixture
def neet(areas, partnership, plan, tmp_path):
    """NEET, low is good, with a milestone of 5.7% and counts for significance."""
    indicator = make_indicator(
        "neet",
        title="16 to 18 year olds not in education, employment or training",
        polarity="low_is_good",
        period_type="financial_year",
        decimals=1,
    )
    rows = [
        row("neet", period="2014/15", value="5.4", numerator="270", denominator="5000"),
        row("neet", period="2013/14", value="6.1"),
        row("neet", area="E92000001", period="2014/15", value="4.7"),
    ]
    rows += [
        row("neet", area=code, period="2014/15", value=str(4 + n / 2))
        for n, code in enumerate(OTHER_AUTHORITIES)
    ]
    import_values(write_values(tmp_path / "neet.csv", rows))
    Target.objects.create(
        partnership=partnership,
        indicator=indicator,
        value=5.7,
        due=dt.date(2014, 3, 31),
        due_label="March 2014",
        text="5.7% NEET by March 2014",
    )
    indicator.objectives.add(ObjectiveFactory(aim__plan=plan, aim__number=3, code="3.1"))
    return indicator


def test_the_scorecard_evaluates_each_indicator_at_its_latest_value(neet, partnership):
    [row_] = scorecard(partnership)
    e = row_.evaluation

    assert (str(e.period), e.value, e.previous_value) == ("2014/15", 5.4, 6.1)
    assert e.change == pytest.approx(-0.7)
    # 2013/14's 6.1% has no counts, so no limits: the fall is not tested.
    assert (e.change_unit, e.direction) == ("percentage points", "change not tested")
    assert e.england == 4.7
    # England's 4.7% lies below the 95% interval around 5.4% but inside the 99.8% one.
    assert e.significance == "Worse 95%"
    assert (e.target.value, e.rag) == (5.7, "green")
    assert (e.rank, e.ranked, e.quartile_band) == (4, 8, "B")
    assert row_.aims == (3,)


def test_filters_by_aim_and_by_rag(neet, partnership):
    assert len(scorecard(partnership, aim=3)) == 1
    assert scorecard(partnership, aim=1) == []
    assert len(scorecard(partnership, rag="green")) == 1
    assert scorecard(partnership, rag="red") == []


def test_an_indicator_in_the_plan_without_data_is_shown_as_missing_not_zero(
    neet, partnership, plan
):
    empty = make_indicator("cp-rate", unit="rate", per=10_000, polarity="no_judgement")
    empty.objectives.add(neet.objectives.get())

    missing = next(r.evaluation for r in scorecard(partnership) if r.indicator == empty)

    assert (missing.value, missing.period, missing.rag, missing.has_data) == (None, None, "", False)


def test_a_rule_gives_the_value_it_expects_from_its_baseline(neet, partnership):
    Target.objects.filter(indicator=neet).delete()
    Target.objects.create(
        partnership=partnership,
        indicator=neet,
        kind="trajectory",
        rule=Rule.REDUCE_BY_POINTS_UNTIL_ENGLAND,
        amount=0.5,
        baseline=Period.stored(PeriodValue.parse("2013/14", "financial_year")),
        text="0.5% reduction until performance is above national levels",
    )

    e = scorecard(partnership)[0].evaluation

    assert e.expected == pytest.approx(5.6)  # 6.1 in 2013/14, less 0.5
    assert (e.rag, e.on_course) == ("green", True)
    assert [x.expected for x in history(partnership, neet)] == pytest.approx([6.1, 5.6])


def test_a_gap_rule_reads_the_two_groups(neet, partnership, tmp_path):
    import_values(
        write_values(
            tmp_path / "fsm.csv",
            [
                row("neet", period=p, breakdown=b, value=v)
                for p, b, v in [
                    ("2013/14", "fsm:eligible", "9"),
                    ("2013/14", "fsm:not-eligible", "5"),
                    ("2014/15", "fsm:eligible", "8"),
                    ("2014/15", "fsm:not-eligible", "5"),
                ]
            ],
        )
    )
    Target.objects.filter(indicator=neet).delete()
    Target.objects.create(
        partnership=partnership,
        indicator=neet,
        breakdown="fsm:eligible",
        compare_breakdown="fsm:not-eligible",
        rule=Rule.GAP_NARROWED,
        text="Narrow the gap",
    )

    e = scorecard(partnership)[0].evaluation

    assert (e.gap, e.previous_gap, e.rag) == (3, 4, "green")


def test_the_scorecard_reads_in_a_fixed_number_of_queries(neet, partnership, tmp_path):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            scorecard(partnership)
        return len(captured)

    few = queries()
    for n in range(10):
        make_indicator(f"extra-{n}", polarity="high_is_good", period_type="financial_year")
    import_values(
        write_values(
            tmp_path / "more.csv",
            [
                row(f"extra-{n}", period=p, value=str(50 + n), area=a)
                for n in range(10)
                for p in ("2013/14", "2014/15")
                for a in ("E06000034", "E92000001")
            ],
        )
    )
    for indicator in Indicator.objects.filter(code__startswith="extra"):
        Target.objects.create(
            partnership=partnership, indicator=indicator, value=60, due=dt.date(2015, 3, 31)
        )

    assert len(scorecard(partnership)) == 11
    assert queries() == few


def test_the_command_prints_the_evaluation_as_json(neet, partnership, capsys):
    call_command("scorecard", "--partnership", "thurrock", "--json")

    data = json.loads(capsys.readouterr().out)
    [indicator] = data["indicators"]
    assert indicator["indicator"] == "neet"
    assert indicator["shown"] == "5.4%"
    assert indicator["change_unit"] == "percentage points"
    assert indicator["vs_england"] == "Worse 95%"
    assert indicator["rag"] == "green"
    assert indicator["target"]["by"] == "March 2014"
