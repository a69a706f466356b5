"""Rolling a delivery plan over keeps what each carried action measures."""

from goldenthread.indicators.models import Indicator
from goldenthread.lib.periods import FinancialYear
from goldenthread.plans.models import DeliveryPlan, Status
from goldenthread.plans.rollover import roll_over
from goldenthread.plans.tests.factories import ActionFactory


def test_a_carried_action_keeps_its_indicators(plan, manager):
    old = ActionFactory(objective__aim__plan=plan, code="8.13", status=Status.CARRIED_FORWARD)
    old.indicators.add(Indicator.objects.create(code="CP", title="Child protection plans"))

    roll_over(plan, FinancialYear(2014), FinancialYear(2015), by=manager)

    new = DeliveryPlan.objects.get(plan=plan, year_start=2015).actions.get(code=old.code)
    assert list(new.indicators.values_list("code", flat=True)) == ["CP"]
