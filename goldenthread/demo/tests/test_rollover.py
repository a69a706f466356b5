"""The demo's 2015/16: the seed year rolled over into a draft."""

from goldenthread.demo.rollover import demo_rollover
from goldenthread.lib.periods import FinancialYear
from goldenthread.plans.models import DeliveryPlan, Status
from goldenthread.plans.rollover import Fate

Y2015 = FinancialYear(2015)


def test_the_seed_years_rollover_matches_the_annual_report(seeded):
    report = DeliveryPlan.objects.get(year_start=2014).annual_report

    result = demo_rollover(seeded)

    carried = [e for e in result.with_fate(Fate.CARRY) if e.source.status == Status.CARRIED_FORWARD]
    assert len(carried) == report.claimed_carried_forward
    assert {e.source.code for e in carried} == {"4.16", "5.12", "8.19", "9.11", "9.13"}
    assert [e.source.code for e in result.with_fate(Fate.CARRY) if e not in carried] == ["8.18"]
    assert (
        "The 2014/15 annual report says 5 actions were included in the 2015/16 plan; "
        "5 are marked carried forward."
    ) in result.lines()
    draft = DeliveryPlan.objects.for_year(seeded, Y2015)
    assert draft is None  # hidden from everyone but managers: still a draft
    assert DeliveryPlan.objects.get(year_start=2015).actions.count() == len(result.moving)
    assert demo_rollover(seeded).moving == []  # idempotent
