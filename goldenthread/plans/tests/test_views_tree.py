import re

import pytest
from django.urls import reverse

from goldenthread.plans.models import Action, Status

from .factories import ActionFactory, ObjectiveFactory


def codes_on(response) -> list[str]:
    return re.findall(r'/actions/\d+/">([\d.]+)</a>', response.content.decode())


def tree(client, **filters):
    return client.get(reverse("plans:tree", args=["thurrock", "2014-15"]), filters)


def test_it_shows_aims_objectives_and_actions_in_sequence_order(client, seeded):
    response = tree(client)
    codes = codes_on(response)
    assert len(codes) == 82
    assert codes.index("8.19") < codes.index("8.20") < codes.index("9.11") < codes.index("10.11")
    page = response.content.decode()
    assert "Aim 4: Protection when needed" in page
    assert "8.1 Provide outstanding services for children who have been or may be abused" in page


def test_counts_are_rolled_up_for_each_aim(client, seeded):
    page = tree(client).content.decode()
    aim4 = page.split('id="aim-4"', 1)[1].split("</p>", 1)[0]
    deferred = Action.objects.filter(objective__aim__number=4, status=Status.DEFERRED).count()
    assert f"{deferred} deferred" in aim4


def test_it_filters_by_status(client, seeded):
    assert codes_on(tree(client, status="deferred")) == ["8.18"]
    not_known = codes_on(tree(client, status="not_known"))
    assert not_known == list(
        Action.objects.with_status("not_known").in_plan_order().values_list("code", flat=True)
    )


def test_it_filters_by_aim_and_says_how_many_are_shown(client, seeded):
    response = tree(client, aim=3)
    assert {code.split(".")[0] for code in codes_on(response)} == {"6", "7"}
    assert "Showing 8 of 82 actions." in response.content.decode()


def test_it_searches_the_action_text(client, seeded):
    assert codes_on(tree(client, q="MASH")) == ["4.14", "4.15", "8.11"]
    assert codes_on(tree(client, q="mash strategy")) == ["4.14"]


def test_it_filters_by_lead(client, plan):
    ActionFactory(objective__aim__plan=plan, code="1.11", lead="Police")
    ActionFactory(objective__aim__plan=plan, code="2.11", lead="CCG")
    assert codes_on(tree(client, lead="Police")) == ["1.11"]


def test_inferred_statuses_are_flagged(client, seeded):
    page = tree(client, q="8.18").content.decode()
    assert "Deferred</strong> <span" in page
    assert "(inferred)" in page


@pytest.mark.parametrize("actions", [5, 50])
def test_the_number_of_queries_does_not_grow_with_the_plan(
    client, plan, actions, django_assert_max_num_queries
):
    for n in range(actions):
        aim_objective = ObjectiveFactory(aim__plan=plan, code=f"{n + 1}.1")
        ActionFactory(objective=aim_objective, code=f"{n + 1}.11")
    with django_assert_max_num_queries(9):
        assert tree(client).status_code == 200
