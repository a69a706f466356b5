"""An indicator's trend chart and the page's table of it say the same, gaps included."""

from goldenthread.indicators.charts import trend_chart, with_gaps
from goldenthread.indicators.evaluation import Evaluation
from goldenthread.indicators.models import Indicator, Unit
from goldenthread.lib.periods import Period

FY = Period.financial_year


def history() -> list[Evaluation]:
    indicator = Indicator(code="ks2", title="KS2 maths", unit=Unit.PERCENTAGE)
    return [
        Evaluation(indicator, FY(2010), 80, lower=77, upper=83),
        Evaluation(indicator, FY(2012), 87, lower=84, upper=90, england=86),
        Evaluation(indicator, FY(2013), 90, lower=87, upper=93, england=91),
    ]


def test_the_pages_table_has_a_row_for_the_missing_year_as_the_chart_does():
    evaluations = history()
    chart = trend_chart(evaluations[0].indicator, "Thurrock", evaluations)

    rows = with_gaps(evaluations)
    years = ["2010/11", "2011/12", "2012/13", "2013/14"]
    assert [label for label, _ in rows] == chart.categories == years
    assert rows[1][1] is None and rows[2][1] is evaluations[1]
    assert chart.summary.endswith("No data for 2011/12.")
    assert chart.rows()[2] == ("2012/13", [87, 86, 84, 90])
