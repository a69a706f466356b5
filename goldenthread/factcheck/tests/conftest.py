import pytest

from goldenthread.conftest import built_once
from goldenthread.indicators.tests.world import load_demo_indicators
from goldenthread.partnerships.models import Partnership


@pytest.fixture(scope="module")
def thurrock_world(seed_world, django_db_blocker):
    """The seed report's plan with the demo's indicator data for its area (goldenthread/
    conftest.py tells how a world is built once per module)."""

    def build() -> int:
        load_demo_indicators(Partnership.objects.get(pk=seed_world))
        return seed_world

    yield from built_once(django_db_blocker, build)


@pytest.fixture
def thurrock(thurrock_world, db):
    """The demo partnership: the seed report's plan, the demo's indicator data."""
    return Partnership.objects.get(pk=thurrock_world)
