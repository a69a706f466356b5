import re

import pytest
from django.urls import reverse

from goldenthread.people.models import Person
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


@pytest.fixture
def led(plan, partnership, lead, nhs):
    """1.11 led by Nina Patel of the CCG; 2.11 by the CCG with no one named (so by each of
    its people, Nina too); 3.11 by someone else of the CCG; 4.11 by the police, in words
    only."""
    ActionFactory(objective__aim__plan=plan, code="1.11", lead_person=lead, lead_organisation=nhs)
    ActionFactory(objective__aim__plan=plan, code="2.11", lead_organisation=nhs)
    someone = Person.objects.create(partnership=partnership, name="Ravi Shah", email="r@x.org")
    ActionFactory(
        objective__aim__plan=plan, code="3.11", lead_person=someone, lead_organisation=nhs
    )
    ActionFactory(objective__aim__plan=plan, code="4.11", lead="Police")
    return {"nina": lead, "ravi": someone, "ccg": nhs}


def test_each_action_shows_its_lead_person_and_organisation(client, led):
    page = tree(client).content.decode()
    # Each row's cell after the measure ("Progress report").
    cells = re.findall(r"Progress report</td>\s*<td class=\"govuk-table__cell\">([^<]*)</td>", page)

    assert cells == ["Nina Patel, CCG", "CCG", "Ravi Shah, CCG", "Police"]


def test_it_filters_by_lead_person_by_the_one_lead_rule(client, led):
    nina = f"person-{led['nina'].pk}"

    assert codes_on(tree(client, lead=nina)) == ["1.11", "2.11"]
    assert codes_on(tree(client, lead=f"person-{led['ravi'].pk}")) == ["3.11"]


def test_it_filters_by_lead_organisation_and_by_the_plans_words(client, led):
    assert codes_on(tree(client, lead=f"organisation-{led['ccg'].pk}")) == ["1.11", "2.11", "3.11"]
    assert codes_on(tree(client, lead="words-Police")) == ["4.11"]


def test_the_lead_filter_offers_the_plans_leads_grouped(client, led):
    page = tree(client).content.decode()
    select = page.split('name="lead"', 1)[1].split("</select>", 1)[0]

    assert '<optgroup label="People">' in select
    assert f'<option value="person-{led["nina"].pk}">Nina Patel</option>' in select
    assert f'<option value="organisation-{led["ccg"].pk}">CCG</option>' in select
    assert '<option value="words-Police">Police</option>' in select


def test_a_lead_not_of_this_plan_is_not_a_choice(client, led, private_partnership):
    stranger = Person.objects.create(partnership=private_partnership, name="X", email="x@x.org")
    response = tree(client, lead=f"person-{stranger.pk}")

    assert "Select a valid choice" in response.content.decode()


def test_it_searches_by_the_leads_name(client, led):
    assert codes_on(tree(client, q="nina")) == ["1.11"]
    assert codes_on(tree(client, q="ccg")) == ["1.11", "2.11", "3.11"]
    assert codes_on(tree(client, q="police")) == ["4.11"]


def test_inferred_statuses_are_flagged(client, seeded):
    page = tree(client, q="8.18").content.decode()
    assert "Deferred</strong> <span" in page
    assert "(inferred)" in page


@pytest.mark.parametrize("actions", [5, 50])
def test_the_number_of_queries_does_not_grow_with_the_plan(
    client, plan, actions, django_assert_max_num_queries, lead, nhs
):
    for n in range(actions):
        aim_objective = ObjectiveFactory(aim__plan=plan, code=f"{n + 1}.1")
        # Each with a lead person and organisation, shown in its row and offered as a filter.
        person = Person.objects.create(
            partnership=plan.partnership, name=f"Lead {n}", email=f"lead{n}@example.org"
        )
        ActionFactory(
            objective=aim_objective, code=f"{n + 1}.11", lead_person=person, lead_organisation=nhs
        )
    # The lead filter's people, organisations and words are a query each.
    with django_assert_max_num_queries(11):
        assert tree(client).status_code == 200
