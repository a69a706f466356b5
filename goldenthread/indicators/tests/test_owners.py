"""Naming each of the plan's indicators' owners, and owners named by definitions."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from goldenthread.audit.models import AuditEntry
from goldenthread.indicators.models import IndicatorOwner
from goldenthread.indicators.owners import (
    OwnerChoice,
    OwnerConflict,
    link_named_owners,
    plan_indicators,
    set_owners,
)
from goldenthread.indicators.tests.world import make_indicator
from goldenthread.partnerships.tests.factories import PartnershipFactory
from goldenthread.people.models import Person
from goldenthread.plans.tests.factories import ActionFactory


@pytest.fixture
def linked(plan):
    action = ActionFactory(objective__aim__plan=plan, code="8.11")
    by_objective = make_indicator(code="ks2", title="KS2 attainment")
    by_objective.objectives.add(action.objective)
    by_action = make_indicator(code="neet", title="Young people not in education")
    by_action.actions.add(action)
    make_indicator(code="other", title="Not in the plan")
    alice = Person.objects.create(
        partnership=plan.partnership, name="Alice Lee", email="alice@example.org"
    )
    bob = Person.objects.create(partnership=plan.partnership, name="Bob Stone", email="b@x.org")
    return action.delivery_plan, by_objective, by_action, alice, bob


def owners_url(partnership) -> str:
    return reverse("indicators:owners", args=[partnership.slug])


def test_the_plans_indicators_are_those_linked_to_its_objectives_or_actions(linked):
    delivery_plan, ks2, neet, *_ = linked
    assert list(plan_indicators(delivery_plan)) == [ks2, neet]


def test_a_manager_names_owners_and_the_trail_records_it(client, linked, manager, partnership):
    _, ks2, neet, alice, bob = linked
    client.force_login(manager)
    page = client.get(owners_url(partnership)).content.decode()
    assert "Owner of KS2 attainment" in page and "Not in the plan" not in page
    data = {f"owner-{ks2.pk}": alice.pk, f"was-{ks2.pk}": "", f"owner-{neet.pk}": ""}
    response = client.post(owners_url(partnership), data | {f"was-{neet.pk}": ""}, follow=True)
    assert "1 owner changed" in response.content.decode()
    owner = IndicatorOwner.objects.get(partnership=partnership, indicator=ks2)
    assert owner.person == alice
    kind = ContentType.objects.get_for_model(IndicatorOwner)
    [entry] = AuditEntry.objects.filter(content_type=kind, object_pk=str(owner.pk))
    assert entry.actor == manager

    # Replaced, then removed: each recorded.
    data = {f"owner-{ks2.pk}": bob.pk, f"was-{ks2.pk}": alice.pk}
    client.post(owners_url(partnership), data | {f"owner-{neet.pk}": "", f"was-{neet.pk}": ""})
    assert IndicatorOwner.objects.get(indicator=ks2).person == bob
    data = {f"owner-{ks2.pk}": "", f"was-{ks2.pk}": bob.pk}
    client.post(owners_url(partnership), data | {f"owner-{neet.pk}": "", f"was-{neet.pk}": ""})
    assert not IndicatorOwner.objects.filter(indicator=ks2).exists()
    assert AuditEntry.objects.filter(content_type=kind).count() == 3


def test_an_owner_changed_meanwhile_is_not_overwritten(linked, partnership):
    _, ks2, neet, alice, bob = linked
    set_owners(partnership, [OwnerChoice(ks2, alice, None)])
    with pytest.raises(OwnerConflict, match="KS2 attainment .* it is now Alice Lee"):
        set_owners(partnership, [OwnerChoice(neet, bob, None), OwnerChoice(ks2, bob, None)])
    assert IndicatorOwner.objects.get(indicator=ks2).person == alice
    assert not IndicatorOwner.objects.filter(indicator=neet).exists()  # all or none


def test_someone_from_another_partnership_cannot_be_chosen(client, linked, manager, partnership):
    _, ks2, neet, *_ = linked
    stranger = Person.objects.create(
        partnership=PartnershipFactory(slug="elsewhere"), name="Sam", email="sam@example.org"
    )
    client.force_login(manager)
    data = {f"owner-{ks2.pk}": stranger.pk, f"owner-{neet.pk}": ""}
    response = client.post(owners_url(partnership), data)
    assert "Choose the owner of KS2 attainment from the list" in response.content.decode()
    assert not IndicatorOwner.objects.exists()


def test_the_page_reads_in_a_fixed_number_of_queries(
    client, linked, manager, partnership, django_assert_max_num_queries
):
    _delivery_plan, ks2, *_ = linked
    for number in range(8):
        make_indicator(code=f"extra-{number}").objectives.add(ks2.objectives.first())
    client.force_login(manager)
    with django_assert_max_num_queries(12):
        client.get(owners_url(partnership))


def test_owners_named_in_definitions_are_linked_where_they_name_one_person(linked, partnership):
    _, ks2, neet, alice, _bob = linked
    ks2.owner = "alice lee"
    ks2.save()
    neet.owner = "Head of Participation"  # a post, not a person: left to a manager
    neet.save()
    [owner] = link_named_owners(partnership)
    assert (owner.indicator, owner.person) == (ks2, alice)
    assert link_named_owners(partnership) == []  # once only
