import pytest

from goldenthread.conftest import built_once, read_once
from goldenthread.indicators.tests.world import load_demo_indicators
from goldenthread.lib.periods import FinancialYear
from goldenthread.partnerships.models import Partnership
from goldenthread.plans.models import DeliveryPlan
from goldenthread.reports.annual import annual_report


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
    """The seed report's plan, with the demo's indicator data for its area."""
    return Partnership.objects.get(pk=thurrock_world)


def read_report(django_db_blocker, partnership_pk: int, build, **options):
    """A report on the delivery plan 2014/15 from ``build`` (``annual_report``,
    ``scorecard_report``...), built in a module-scoped fixture for its tests to read."""
    with read_once(django_db_blocker):
        partnership = Partnership.objects.get(pk=partnership_pk)
        return build(DeliveryPlan.objects.for_year(partnership, FinancialYear(2014)), **options)


@pytest.fixture(scope="module")
def report(thurrock_world, django_db_blocker):
    """The annual report 2014/15, built once for the module's tests to read (a module
    about another kind of report has its own ``report``)."""
    return read_report(django_db_blocker, thurrock_world, annual_report)
