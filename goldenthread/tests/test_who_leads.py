"""Who leads an action, and so who may update or withdraw it: one rule (issue 18).

A contributor updates only the actions they lead: the ones naming them as lead person;
and, when an action names no lead person, those of their organisation. Someone who has
left (retired) leads nothing, and an organisation that has left leads nothing through
its people. "My actions", the update rounds' leads and emails, the action page and the
API all ask the same rule, ``ActionQuerySet._led_by`` and ``Action.leads``.
"""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from goldenthread.people.models import Person
from goldenthread.plans.models import Action, Status
from goldenthread.plans.permissions import can_update_action
from goldenthread.plans.tests.factories import ActionFactory
from goldenthread.rounds.models import UpdateRound
from goldenthread.rounds.my_actions import my_actions

LEFT = dt.date(2014, 1, 31)


@pytest.fixture
def connor(partnership, contributor, nhs):
    """The contributor's person, in the CCG."""
    person = Person.objects.create(
        partnership=partnership, name="Connor", email="connor@example.org", user=contributor
    )
    person.organisations.add(nhs)
    return person


def withdraw_on_the_web(client, action):
    return client.post(
        action.get_absolute_url(),
        {"status": Status.WITHDRAWN, "commentary": "No longer needed.", "version": action.version},
    )


def withdraw_by_api(user, action):
    api = APIClient()
    api.force_authenticate(user)
    return api.post(
        f"/api/v1/actions/{action.pk}/updates/",
        {
            "status": Status.WITHDRAWN,
            "commentary": "No longer needed.",
            "expected_version": action.version,
        },
        format="json",
    )


def test_someone_in_the_lead_organisation_may_not_withdraw_an_action_named_for_another(
    client, action, contributor, connor, lead, nhs
):
    Action.objects.filter(pk=action.pk).update(lead_person=lead, lead_organisation=nhs)
    action.refresh_from_db()
    client.force_login(contributor)

    assert withdraw_on_the_web(client, action).status_code == 403
    assert withdraw_by_api(contributor, action).status_code == 403
    assert list(my_actions(connor, action.delivery_plan, None)) == []
    action.refresh_from_db()
    assert (action.status, action.updates.count()) == ("", 0)


def test_an_action_naming_only_an_organisation_is_each_of_its_current_peoples(
    client, action, contributor, connor, lead, nhs
):
    Action.objects.filter(pk=action.pk).update(lead_organisation=nhs)
    action = Action.objects.get(pk=action.pk)

    assert {p.name for p in action.leads()} == {"Connor", "Nina Patel"}
    assert can_update_action(contributor, action)
    assert withdraw_by_api(contributor, action).status_code == 201


def test_a_lead_who_has_left_leads_nothing(client, action, contributor, connor):
    Action.objects.filter(pk=action.pk).update(lead_person=connor)
    Person.objects.filter(pk=connor.pk).update(retired_on=LEFT)
    action = Action.objects.get(pk=action.pk)
    connor.refresh_from_db()
    client.force_login(contributor)

    assert action.leads() == []
    assert not action.is_led_by(contributor)
    assert list(Action.objects.led_by(connor)) == []
    assert withdraw_on_the_web(client, action).status_code == 403
    assert withdraw_by_api(contributor, action).status_code == 403


def test_nobody_who_has_left_leads_through_the_organisation(action, contributor, connor, lead, nhs):
    """Connor has left the partnership; Nina stays. Then the CCG itself leaves."""
    Action.objects.filter(pk=action.pk).update(lead_organisation=nhs)
    Person.objects.filter(pk=connor.pk).update(retired_on=LEFT)
    action = Action.objects.get(pk=action.pk)

    assert action.leads() == [lead]
    assert not action.is_led_by(contributor)
    nhs.retired_on = LEFT
    nhs.save()
    action = Action.objects.get(pk=action.pk)
    assert action.leads() == []
    assert list(Action.objects.led_by(lead)) == []


def test_a_rounds_leads_are_the_same_rule_and_leave_out_who_has_left(action, connor, lead, nhs):
    named = ActionFactory(objective=action.objective, code="8.12", lead_person=lead)
    gone = ActionFactory(objective=action.objective, code="8.13", lead_person=connor)
    Action.objects.filter(pk=action.pk).update(lead_organisation=nhs)
    Person.objects.filter(pk=connor.pk).update(retired_on=LEFT)
    update_round = UpdateRound.objects.create(
        delivery_plan=action.delivery_plan,
        title="Q3 2014/15 updates",
        quarter="Q3 2014/15",
        opened_on=dt.date(2014, 10, 1),
        deadline=dt.date(2014, 10, 31),
    )
    update_round.actions.add(action, named, gone)

    progress = {
        p.name or "no one": sorted(a.code for a in p.actions)
        for p in update_round.leads_progress(dt.date(2014, 10, 2))
    }

    assert progress == {"Nina Patel": ["8.11", "8.12"], "no one": ["8.13"]}
    every = Action.objects.all()
    for person in (lead, connor):
        assert set(every.led_by(person)) == {a for a in every if person in a.leads()}
