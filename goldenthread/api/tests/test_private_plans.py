"""A public partnership's private plan stays private through the API's evaluations: the
aims an indicator counts under are read through the same rule as the pages."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from goldenthread.indicators.tests.world import make_indicator
from goldenthread.partnerships.models import Role, Visibility
from goldenthread.partnerships.tests.factories import PartnershipFactory, member
from goldenthread.plans.tests.factories import ActionFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_plan_indicator():
    partnership = PartnershipFactory(slug="grays", visibility=Visibility.PUBLIC)
    plan = PlanFactory(partnership=partnership, visibility=Visibility.PRIVATE)
    action = ActionFactory(objective__aim__plan=plan)
    make_indicator(code="private-aim-indicator").objectives.add(action.objective)
    return partnership, action.objective.aim


def evaluated(client: APIClient, partnership, aim) -> list[str]:
    url = f"/api/v1/partnerships/{partnership.slug}/evaluations/"
    answer = client.get(url, {"aim": aim.number})
    assert answer.status_code == 200, answer.content
    return [row["indicator"] for row in answer.json()["results"]]


def test_an_aim_of_a_private_plan_gives_strangers_no_indicators(private_plan_indicator):
    partnership, aim = private_plan_indicator

    assert evaluated(APIClient(), partnership, aim) == []


def test_its_managers_see_the_indicators_under_it(private_plan_indicator):
    partnership, aim = private_plan_indicator
    client = APIClient()
    client.force_authenticate(member(partnership, Role.MANAGER))

    assert evaluated(client, partnership, aim) == ["private-aim-indicator"]
