"""Fixtures every app's tests share: a partnership, its plan, and people in each role."""

import pytest

from goldenthread.partnerships.models import Role, Visibility
from goldenthread.partnerships.tests.factories import PartnershipFactory, UserFactory, member
from goldenthread.plans.tests.factories import ActionFactory, PlanFactory


@pytest.fixture
def partnership(db):
    return PartnershipFactory(name="Thurrock", slug="thurrock", visibility=Visibility.PUBLIC)


@pytest.fixture
def private_partnership(db):
    return PartnershipFactory(name="Elsewhere", slug="elsewhere", visibility=Visibility.PARTNERS)


@pytest.fixture
def plan(partnership):
    return PlanFactory(partnership=partnership)


@pytest.fixture
def action(plan):
    return ActionFactory(objective__aim__plan=plan, code="8.11")


@pytest.fixture
def viewer(partnership):
    return member(partnership, Role.VIEWER, username="vera")


@pytest.fixture
def contributor(partnership):
    return member(partnership, Role.CONTRIBUTOR, username="connor")


@pytest.fixture
def manager(partnership):
    return member(partnership, Role.MANAGER, username="mandy")


@pytest.fixture
def administrator(partnership):
    return member(partnership, Role.ADMINISTRATOR, username="ada")


@pytest.fixture
def outsider(db):
    return UserFactory(username="oscar")


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def seeded(plan):
    """The demo partnership's plan with the seed report imported."""
    from goldenthread.lib.periods import FinancialYear
    from goldenthread.plans.importers.annual_report import import_report
    from goldenthread.plans.tests.seed import SEED

    import_report(SEED, partnership=plan.partnership, year=FinancialYear(2014))
    return plan.partnership
