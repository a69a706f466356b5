"""A target its baseline already meets is the plan's fault, never a green: neither met
nor on course, whatever its date, and said so in words (the plan check reports it)."""

import datetime as dt

import pytest

from goldenthread.indicators.evaluation import as_dict
from goldenthread.indicators.importers.values import import_values
from goldenthread.indicators.models import Period, Polarity, Target
from goldenthread.indicators.targets import BETTER, SAME, WORSE, against_baseline, met_at_baseline
from goldenthread.lib.periods import Period as PeriodValue

from .test_milestones import MARCH_2015, MARCH_2016, judged, milestone, neet  # noqa: F401
from .world import row, write_values

CHECK_THE_PLAN = "Target already met at baseline (check the plan)"


@pytest.mark.parametrize(
    ("polarity", "value", "baseline", "expected"),
    [
        (Polarity.LOW_IS_GOOD, 5.0, 6.5, BETTER),
        (Polarity.LOW_IS_GOOD, 6.5, 6.5, SAME),
        (Polarity.LOW_IS_GOOD, 7.0, 6.5, WORSE),  # "reduce" where lower is better, upwards
        (Polarity.HIGH_IS_GOOD, 15.5, 16.8, WORSE),
        (Polarity.HIGH_IS_GOOD, 90, 85, BETTER),
        (Polarity.NO_JUDGEMENT, 90, 85, ""),  # no better way to point
        (Polarity.HIGH_IS_GOOD, 90, None, ""),  # no baseline
    ],
)
def test_what_a_target_asks_for_beside_its_baseline(polarity, value, baseline, expected):
    target = Target(value=value)
    assert against_baseline(target, polarity, baseline) == expected
    assert met_at_baseline(target, polarity, baseline) == (expected in (SAME, WORSE))


def test_a_rule_follows_the_data_and_is_never_met_at_baseline():
    target = Target(rule="at_or_better_than_england", value=None)
    assert against_baseline(target, Polarity.HIGH_IS_GOOD, 85) == ""


def from_2012_13(partnership, indicator, value: float) -> Target:
    """A milestone for March 2016 with 2012/13 (6.5%) as its recorded baseline."""
    baseline = Period.stored(PeriodValue.financial_year(2012))
    return milestone(partnership, indicator, value=value, baseline=baseline)


def test_once_due_a_target_met_at_baseline_is_not_green(neet, partnership, tmp_path):  # noqa: F811
    from_2012_13(partnership, neet, value=6.5)
    import_values(
        write_values(tmp_path / "later.csv", [row("neet", period="2015/16", value="5.8")])
    )

    e = judged(partnership, as_of=MARCH_2016)

    # 5.8% would meet 6.5%, but so did the baseline: nothing to call met.
    assert (e.rag, e.on_course, e.expected) == ("", None, None)
    assert e.not_judged == CHECK_THE_PLAN
    assert as_dict(e)["timing"] == "already met at baseline"
    assert as_dict(e)["rag"] is None


def test_before_its_date_a_target_pointing_the_wrong_way_is_not_on_course(neet, partnership):  # noqa: F811
    from_2012_13(partnership, neet, value=7.0)

    e = judged(partnership, as_of=MARCH_2015)

    # 5.4% in 2014/15 is "better" than a line from 6.5% up to 7.0%: said nowhere.
    assert (e.course, e.on_course) == ("", None)
    assert e.not_judged == CHECK_THE_PLAN


def test_a_target_better_than_its_baseline_is_judged_as_ever(neet, partnership):  # noqa: F811
    from_2012_13(partnership, neet, value=5.0)

    e = judged(partnership, as_of=MARCH_2015)

    assert (e.course, e.on_course) == ("on course", True)
    assert e.timing == "not yet due"


def test_without_a_recorded_baseline_the_date_decides(neet, partnership):  # noqa: F811
    milestone(partnership, neet, value=7.0, due=dt.date(2016, 3, 31))

    assert judged(partnership, as_of=MARCH_2015).not_judged == "Not yet due (March 2016)"
