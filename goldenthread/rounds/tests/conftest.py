"""A small named world for the update cycle.

Alice (signs in as the contributor "connor") leads 8.11 and 8.12; Bob leads 8.13;
8.14 is completed, so no round asks about it; 8.15 is led by Alice's organisation
with no lead person named, so it is Alice's too (the one lead rule, plans.models).
"""

import datetime as dt
from types import SimpleNamespace

import pytest

from goldenthread.people.models import Organisation, Person, Sector
from goldenthread.plans.models import Status
from goldenthread.plans.tests.factories import ActionFactory, ObjectiveFactory
from goldenthread.rounds.services import open_round

OPENED = dt.date(2015, 1, 2)
DEADLINE = dt.date(2015, 1, 15)


@pytest.fixture
def world(plan, contributor):
    partnership = plan.partnership
    council = Organisation.objects.create(
        partnership=partnership, name="Children's Services", sector=Sector.COUNCIL
    )
    alice = Person.objects.create(
        partnership=partnership, name="Alice Lee", email="alice.lee@example.org", user=contributor
    )
    alice.organisations.add(council)
    bob = Person.objects.create(partnership=partnership, name="Bob Stone", email="bob@example.org")
    objective = ObjectiveFactory(aim__plan=plan, code="8.1")

    def action(code, lead=None, **fields):
        return ActionFactory(objective=objective, code=code, lead_person=lead, **fields)

    return SimpleNamespace(
        partnership=partnership,
        council=council,
        alice=alice,
        bob=bob,
        a1=action("8.11", alice, status=Status.IN_PROGRESS),
        a2=action("8.12", alice, status=Status.NOT_STARTED),
        b1=action("8.13", bob, status=Status.IN_PROGRESS),
        done=action("8.14", alice, status=Status.COMPLETED),
        team=action("8.15", None, lead_organisation=council),
    )


@pytest.fixture
def delivery_plan(world):
    return world.a1.delivery_plan


@pytest.fixture
def update_round(world, delivery_plan, manager, django_capture_on_commit_callbacks):
    """Q3 2014/15, opened on 2 January 2015, due on the 15th; its emails not yet sent."""
    with django_capture_on_commit_callbacks():
        return open_round(
            delivery_plan,
            title="Q3 2014/15 updates",
            quarter="Q3 2014/15",
            deadline=DEADLINE,
            by=manager,
            remind_days_before=3,
            overdue_days_after=2,
            today=OPENED,
        )
