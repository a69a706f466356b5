"""A report's sentence on a target already met at baseline: not met, not due, the plan."""

import datetime as dt

from goldenthread.indicators.importers.values import import_values
from goldenthread.indicators.models import Period
from goldenthread.indicators.tests.test_milestones import judged, milestone, neet  # noqa: F401
from goldenthread.indicators.tests.world import row, write_values
from goldenthread.lib.periods import Period as PeriodValue
from goldenthread.reports.findings import target_sentence


def test_it_says_the_target_was_met_at_baseline(neet, partnership, tmp_path):  # noqa: F811
    baseline = Period.stored(PeriodValue.financial_year(2012))  # 6.5%, lower is better
    milestone(partnership, neet, value=6.5, baseline=baseline)
    import_values(
        write_values(tmp_path / "later.csv", [row("neet", period="2015/16", value="5.8")])
    )

    e = judged(partnership, as_of=dt.date(2016, 3, 31))

    assert target_sentence(e, "Thurrock") == (
        "The milestone of 6.5% by March 2016: already met at baseline, so it is not judged "
        "(check the plan)."
    )
