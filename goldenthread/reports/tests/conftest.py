import pytest

from goldenthread.areas.models import Area
from goldenthread.indicators.importers.definitions import import_definitions
from goldenthread.indicators.importers.values import import_values
from goldenthread.lib.periods import FinancialYear
from goldenthread.plans.models import DeliveryPlan
from goldenthread.reports.annual import annual_report
from goldenthread.testing.corpus import DEFINITIONS, VALUES


@pytest.fixture
def thurrock(seeded):
    """The seed report's plan, with the demo's indicator data for its area."""
    import_definitions(DEFINITIONS[0])
    seeded.area = Area.objects.get(code="E06000034")
    seeded.save()
    for path in DEFINITIONS[1:]:
        import_definitions(path, seeded)
    import_values(VALUES)
    return seeded


@pytest.fixture
def report(thurrock):
    return annual_report(DeliveryPlan.objects.for_year(thurrock, FinancialYear(2014)))
