"""The final year of a plan rolls into the first year of the next one, on the web too;
an action with no objective to go under is listed for the manager to place, never lost."""

import html
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from goldenthread.lib.periods import FinancialYear
from goldenthread.plans.authoring import add_aim, add_objective, set_up_next_plan
from goldenthread.plans.models import Action, Objective, Status
from goldenthread.plans.rollover import Fate, NoNextPlan, roll_over
from goldenthread.plans.tests.factories import (
    ActionFactory,
    AimFactory,
    DeliveryPlanFactory,
    ObjectiveFactory,
)

Y2015, Y2016 = FinancialYear(2015), FinancialYear(2016)


@pytest.fixture
def final_year(plan):
    """2015/16, the last year of the 2013–2016 plan: 1.11 in progress, 1.12 completed
    (objective 1.1), 1.21 carried forward (1.2), 2.11 not started (2.1), 2.21 deferred (2.2)."""
    delivery_plan = DeliveryPlanFactory(plan=plan, year_start=2015)
    first, second = AimFactory(plan=plan, number=1), AimFactory(plan=plan, number=2)
    objectives = {
        "1.1": ObjectiveFactory(aim=first, code="1.1", title="Fewer children smoke"),
        "1.2": ObjectiveFactory(aim=first, code="1.2", title="More children swim"),
        "2.1": ObjectiveFactory(aim=second, code="2.1", title="Keep children safe online"),
        "2.2": ObjectiveFactory(aim=second, code="2.2", title="Fewer exclusions"),
    }
    for code, status in [
        ("1.11", Status.IN_PROGRESS),
        ("1.12", Status.COMPLETED),
        ("1.21", Status.CARRIED_FORWARD),
        ("2.11", Status.NOT_STARTED),
        ("2.21", Status.DEFERRED),
    ]:
        ActionFactory(
            delivery_plan=delivery_plan, objective=objectives[code[:3]], code=code, status=status
        )
    return objectives


@pytest.fixture
def next_plan(partnership, final_year):
    """2016–2019: 1.1 copied from the plan before; 1.2 made by hand with the same code;
    3.4 by hand with 2.1's title; nothing for 2.2."""
    plan = set_up_next_plan(
        partnership,
        title="Children and Young People's Plan 2016–2019",
        first_year=Y2016,
        last_year=FinancialYear(2018),
        visibility="public",
        objectives=[final_year["1.1"]],
    )
    add_objective(plan.aims.get(number=1), code="1.2", title="Every child learns to swim")
    add_objective(
        add_aim(plan, number=3, title="Safe"), code="3.4", title="Keep children safe online."
    )
    return plan


def by_code(result) -> dict[str, tuple[Fate, str, str]]:
    return {
        e.source.code: (e.fate, e.code, e.objective.code if e.objective else "")
        for e in result.entries
    }


def test_without_a_next_plan_the_final_year_is_refused(plan, final_year):
    with pytest.raises(NoNextPlan, match="2016/17 is outside .* set up the next plan first."):
        roll_over(plan, Y2015, Y2016)


def test_the_final_year_rolls_into_the_next_plan_objective_by_objective(
    plan, final_year, next_plan, manager
):
    result = roll_over(plan, Y2015, Y2016, by=manager)

    assert result.draft.plan == next_plan and result.draft.is_draft
    assert by_code(result) == {
        "1.11": (Fate.REVIEW, "1.11", "1.1"),  # the objective copied from its own
        "1.12": (Fate.STAYS, "", ""),
        "1.21": (Fate.CARRY, "1.21", "1.2"),  # the same code
        "2.11": (Fate.REVIEW, "3.41", "3.4"),  # the same title, renumbered to fit
        "2.21": (Fate.PLACE, "", ""),
    }
    (waiting,) = result.with_fate(Fate.PLACE)
    assert waiting.reason == f"objective 2.2 has no match in {next_plan.title}"
    carried = result.draft.actions.get(code="3.41")
    assert carried.objective.aim.plan == next_plan
    assert carried.carried_from.code == "2.11"
    assert "Waiting to be placed under an objective of 2016/17" in "\n".join(result.lines())


def test_the_command_says_where_to_place_what_waits(plan, final_year, next_plan):
    out = StringIO()
    call_command("rollover", "--from", "2015/16", "--to", "2016/17", stdout=out)

    assert "2.21: objective 2.2 has no match in" in out.getvalue()
    assert "Place the actions waiting for an objective at /thurrock/2015-16/rollover/" in (
        out.getvalue()
    )


def test_an_action_placed_by_the_manager_is_carried_on_a_later_run(plan, final_year, next_plan):
    roll_over(plan, Y2015, Y2016)
    swim = next_plan.aims.get(number=1).objectives.get(code="1.2")
    left = Action.objects.get(delivery_plan__year_start=2015, code="2.21")

    result = roll_over(plan, Y2015, Y2016, placements={left.pk: swim})

    assert [e.source.code for e in result.moving] == ["2.21"]
    placed = result.draft.actions.get(carried_from=left)
    assert (placed.code, placed.objective) == ("1.22", swim)  # 1.21 is taken under 1.2
    assert result.draft.actions.count() == 4


def test_an_action_under_a_retired_objective_is_listed_to_place_not_carried(plan):
    objective = ObjectiveFactory(aim__plan=plan, aim__number=8, code="8.1")
    ActionFactory(objective=objective, code="8.11", status=Status.IN_PROGRESS)
    Objective.objects.filter(pk=objective.pk).update(retired_on="2015-03-31")

    result = roll_over(plan, FinancialYear(2014), Y2015)

    (entry,) = result.entries
    assert (entry.fate, entry.reason) == (Fate.PLACE, "its objective 8.1 is retired")
    assert not result.draft.actions.exists()


def test_on_the_web_the_manager_is_offered_the_next_plan_then_rolls_into_it(
    client, partnership, plan, final_year, manager
):
    client.force_login(manager)
    address = reverse("plans:rollover", args=[partnership.slug, "2015-16"])

    refused = html.unescape(client.get(address).content.decode())
    assert "set up the next plan first." in refused
    assert reverse("plans:next_plan", args=[partnership.slug]) in refused

    client.post(
        reverse("plans:next_plan", args=[partnership.slug]),
        {
            "title": "Next plan",
            "first_year": "2016/17",
            "last_year": "2018/19",
            "visibility": "public",
            "objectives": [o.pk for o in final_year.values()],
        },
    )
    preview = html.unescape(client.get(address).content.decode())
    assert "4 of 5 actions would move to the 2016/17 draft delivery plan of Next plan." in preview
    assert not Action.objects.filter(delivery_plan__year_start=2016).exists()

    response = client.post(address, {})

    assert response["Location"] == reverse("plans:draft", args=[partnership.slug, "2016-17"])
    draft = html.unescape(client.get(response["Location"]).content.decode())
    assert "4 actions: 4 carried from 2015/16" in draft
    carried = Action.objects.get(delivery_plan__year_start=2016, code="1.11")
    assert carried.objective.continues == final_year["1.1"]
    assert carried.updates.get().author == manager


def test_on_the_web_an_unplaced_action_is_placed_by_choosing_its_objective(
    client, partnership, plan, final_year, next_plan, manager
):
    client.force_login(manager)
    address = reverse("plans:rollover", args=[partnership.slug, "2015-16"])
    left = Action.objects.get(code="2.21")
    safe = Objective.objects.get(aim__plan=next_plan, code="3.4")
    page = html.unescape(client.get(address).content.decode())
    assert f'name="place_{left.pk}"' in page and "Leave it behind for now" in page

    client.post(address, {f"place_{left.pk}": safe.pk})

    placed = Action.objects.get(carried_from=left)
    assert (placed.objective, placed.code) == (safe, "3.42")  # after 2.11, carried as 3.41
