"""Commentary's world, as plain functions: the fixtures of ``conftest.py`` use them, and
so does the annual report's test, which builds it once for its module."""

from __future__ import annotations

from django.utils import timezone

from goldenthread.commentary.models import IndicatorCommentary, YearSummary
from goldenthread.indicators.models import DataPoint, Indicator, Period
from goldenthread.indicators.standings import refresh_standings
from goldenthread.plans.models import Action

# Key stage 2 results for Thurrock: academic years, the later one ending in August 2014,
# within the 2014/15 financial year.
KS2_VALUES = (("2012/13", 74.0), ("2013/14", 77.0))

STORY = "Results rose by 3 percentage points as the phonics programme reached every school."
PARTNERS = "Schools, the virtual school and the library service."
SUMMARY_OF_AIM = "Most of the aim's actions were completed; two were carried forward."
SUMMARY_OF_OBJECTIVE = "Every school now has a reading lead."


def give_values(indicator: Indicator, area) -> list[Period]:
    stored = []
    for label, value in KS2_VALUES:
        period = Period.stored(indicator.parse_period(label))
        DataPoint.objects.create(indicator=indicator, area=area, period=period, value=value)
        stored.append(period)
    refresh_standings([indicator.pk])
    return stored


def write_the_year(action: Action, indicator: Indicator, period: Period, by) -> None:
    """Commentary on the indicator for the period, and summaries of the action's aim and
    objective for its year, written straight to the tables (not what is tested here)."""
    partnership = action.delivery_plan.plan.partnership
    now = timezone.now()
    IndicatorCommentary.objects.create(
        partnership=partnership,
        indicator=indicator,
        period=period,
        story=STORY,
        partners=PARTNERS,
        written_by=by,
        written_at=now,
    )
    for subject, text in (
        ({"aim": action.objective.aim}, SUMMARY_OF_AIM),
        ({"objective": action.objective}, SUMMARY_OF_OBJECTIVE),
    ):
        YearSummary.objects.create(
            delivery_plan=action.delivery_plan, text=text, written_by=by, written_at=now, **subject
        )
