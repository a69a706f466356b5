"""A small world for commentary: Thurrock with key stage 2 results for two years, an
owner of the indicator (Olive, a contributor), an aim and an objective of the 2014/15
delivery plan with a lead (Leo, a contributor)."""

from __future__ import annotations

import pytest

from goldenthread.indicators.models import IndicatorOwner, Period
from goldenthread.partnerships.models import Role
from goldenthread.partnerships.tests.factories import member
from goldenthread.people.models import Person
from goldenthread.plans.tests.factories import ActionFactory

from .world import give_values


@pytest.fixture
def periods(areas, ks2) -> list[Period]:
    """2012/13 and 2013/14 (academic years), each with a value for Thurrock."""
    return give_values(ks2, areas["thurrock"])


@pytest.fixture
def owner(partnership, ks2):
    """Olive, a contributor, who owns key stage 2 in Thurrock."""
    user = member(partnership, Role.CONTRIBUTOR, username="olive", first_name="Olive")
    person = Person.objects.create(
        partnership=partnership, name="Olive Owens", email="olive@example.org", user=user
    )
    IndicatorOwner.objects.create(partnership=partnership, indicator=ks2, person=person)
    return user


@pytest.fixture
def action_of_the_year(plan):
    return ActionFactory(objective__aim__plan=plan, objective__code="4.1", code="4.1.1")


@pytest.fixture
def objective(action_of_the_year):
    return action_of_the_year.objective


@pytest.fixture
def aim(objective):
    return objective.aim


@pytest.fixture
def delivery_plan(action_of_the_year):
    return action_of_the_year.delivery_plan


@pytest.fixture
def objective_lead(partnership, objective, aim):
    """Leo, a contributor, who leads the objective and its aim."""
    user = member(partnership, Role.CONTRIBUTOR, username="leo", first_name="Leo")
    person = Person.objects.create(
        partnership=partnership, name="Leo Lead", email="leo@example.org", user=user
    )
    objective.lead = person
    objective.save()
    aim.lead = person
    aim.save()
    return user
