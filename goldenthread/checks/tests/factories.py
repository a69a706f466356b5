"""A clean plan, built in code, that every rule passes; tests spoil one thing at a time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import factory
from django.utils import timezone

from goldenthread.indicators.models import DataPoint, Indicator, Period, Target
from goldenthread.lib.periods import Period as PeriodValue
from goldenthread.partnerships.models import Partnership
from goldenthread.plans.models import Action, Aim, DeliveryPlan, Objective
from goldenthread.plans.tests.factories import ActionFactory, AimFactory, ObjectiveFactory
from goldenthread.strategy.models import Commitment, Milestone, PlanDocument, Section


class PlanDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanDocument

    vision = "Resourceful and resilient people in resourceful and resilient communities"
    version = "1.0"
    approving_body = "Health and Wellbeing Board"
    # Due for review a year from whenever the test runs: not yet passed.
    review_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=365))
    review_label = factory.LazyAttribute(lambda o: f"{o.review_on:%B %Y}")
    equality_impact_assessment = "EIA 2013/07"


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    order = factory.Sequence(lambda n: n)
    heading = "Helping families to help themselves"
    text = "Families must be offered help, and the help must not come too late."
    line = factory.Sequence(lambda n: 100 + n)


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    order = factory.Sequence(lambda n: n)
    text = "Increase our capacity to provide early education to two year olds"
    where_now = "70 places are offered to eligible families from targeted groups."
    where_to_be = "Sufficient numbers of high quality places available."
    milestones_text = "400 places by September 2013  800 places by September 2014"
    line = factory.Sequence(lambda n: 200 + n)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    objective = factory.LazyAttribute(lambda o: o.commitment.objective)
    commitment = factory.SubFactory(CommitmentFactory)
    text = "800 places by September 2014"
    due = dt.date(2014, 9, 30)
    due_label = "September 2014"
    value = 800
    line = factory.LazyAttribute(lambda o: o.commitment.line)


@dataclass
class CleanPlan:
    partnership: Partnership
    delivery_plan: DeliveryPlan
    aim: Aim
    objective: Objective
    action: Action
    indicator: Indicator
    target: Target
    document: PlanDocument
    commitment: Commitment
    milestone: Milestone


def clean_plan(partnership: Partnership) -> CleanPlan:
    """One aim, objective and action, measured, led, with a target that has a baseline,
    and a plan document whose words are finished: nothing for a reviewer to send back."""
    aim = AimFactory(plan__partnership=partnership, number=1, title="Everyone succeeding")
    objective = ObjectiveFactory(aim=aim, code="1.1", title="Increase early education places")
    action = ActionFactory(
        objective=objective,
        code="1.11",
        text="Increase take up of places for two year olds",
        measure="800 places",
        lead="Head of Early Years",
    )
    indicator = Indicator.objects.create(
        code="two-year-old-places",
        title="Places for two year olds",
        unit="count",
        polarity="high_is_good",
        period_type="academic_year",
        decimals=0,
    )
    indicator.objectives.add(objective)
    value(indicator, partnership, "2012/13", 70)
    target = Target.objects.create(
        partnership=partnership,
        indicator=indicator,
        value=800,
        due=dt.date(2014, 9, 30),
        due_label="September 2014",
        text="800 places by September 2014",
    )
    document = PlanDocumentFactory(plan=aim.plan)
    SectionFactory(document=document)
    commitment = CommitmentFactory(objective=objective)
    milestone = MilestoneFactory(commitment=commitment, indicator=indicator, target=target)
    return CleanPlan(
        partnership,
        action.delivery_plan,
        aim,
        objective,
        action,
        indicator,
        target,
        document,
        commitment,
        milestone,
    )


def value(indicator: Indicator, partnership: Partnership, period: str, number: float) -> DataPoint:
    """A value of the indicator for the partnership's area in an academic year."""
    return DataPoint.objects.create(
        indicator=indicator,
        area=partnership.area,
        period=Period.stored(PeriodValue.parse(period, "academic_year")),
        value=number,
    )
