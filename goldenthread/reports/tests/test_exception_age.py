"""The exception report on the age of the data and the tolerance of change."""

import datetime as dt

from goldenthread.indicators.importers.values import import_values
from goldenthread.indicators.models import Indicator
from goldenthread.indicators.tests.world import make_indicator, row, write_values
from goldenthread.reports.exception import off_track_indicators


def test_the_exception_report_lists_a_change_beyond_the_tolerance_and_nothing_out_of_date(
    areas, partnership, tmp_path
):
    make_indicator("neet", polarity="low_is_good", period_type="financial_year", decimals=1)
    Indicator.objects.filter(code="neet").update(change_tolerance=1)
    values = [row("neet", period=p, value=v) for p, v in (("2012/13", "5.0"), ("2013/14", "6.5"))]
    import_values(write_values(tmp_path / "neet.csv", values))

    [listed] = off_track_indicators(partnership, dt.date(2014, 3, 31))
    assert listed.reasons == ["worsening since 2012/13: beyond the 1 percentage point tolerance"]
    # Two years on, the 2013/14 value is out of date: it is not a reason to act.
    assert off_track_indicators(partnership, dt.date(2016, 4, 1)) == []
