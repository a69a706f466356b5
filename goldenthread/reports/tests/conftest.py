import pytest

from goldenthread.conftest import built_once, read_once
from goldenthread.indicators.tests.world import load_demo_indicators
from goldenthread.lib.periods import FinancialYear
from goldenthread.partnerships.models import Partnership
from goldenthread.people.models import Organisation, Person, Sector
from goldenthread.plans.models import Action, DeliveryPlan
from goldenthread.reports.annual import annual_report


@pytest.fixture(scope="module")
def thurrock_world(seed_world, django_db_blocker):
    """The seed report's plan with the demo's indicator data for its area (goldenthread/
    conftest.py tells how a world is built once per module)."""

    def build() -> int:
        partnership = Partnership.objects.get(pk=seed_world)
        load_demo_indicators(partnership)
        lead_some_actions(partnership)
        return seed_world

    yield from built_once(django_db_blocker, build)


def lead_some_actions(partnership: Partnership) -> None:
    """Leads as a manager sets them: Nina Patel of the CCG leads aim 1's actions, the CCG
    with no one named aim 2's; aims 3 and 4 name no lead. So the reports show a lead
    person with organisation, an organisation alone, and the one phrase for no lead."""
    ccg = Organisation.objects.create(partnership=partnership, name="CCG", sector=Sector.NHS)
    nina = Person.objects.create(partnership=partnership, name="Nina Patel", email="n@x.org")
    nina.organisations.add(ccg)
    actions = Action.objects.filter(delivery_plan__plan__partnership=partnership)
    actions.in_aim(1).update(lead_person=nina, lead_organisation=ccg)
    actions.in_aim(2).update(lead_organisation=ccg)


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
