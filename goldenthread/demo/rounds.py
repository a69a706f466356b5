"""The demo's update cycle: partner organisations, action leads, and an open round.

``load_demo_round(partnership)`` runs after the demo plan is loaded. It is idempotent:
people and organisations are found by name and email, leads already set are left,
and the round is found by its title. Names are fictional; addresses are at example.org.

The round is dated in the demo's calendar (``calendar.py``): opened once 2014/15 had
ended, the day after its year-end updates, and open as at the demo's day. Its
invitations are recorded as sent when it opened; it sets no reminders, which the worker
would otherwise send the moment it starts, years after their day.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from goldenthread.audit.context import Source
from goldenthread.demo.calendar import PLAN_YEAR
from goldenthread.people.models import Organisation, Person, Sector
from goldenthread.plans.models import DeliveryPlan
from goldenthread.plans.services import set_lead
from goldenthread.rounds.emails import recipients_due
from goldenthread.rounds.models import CLOSED_STATUSES, EmailKind, RoundEmail, UpdateRound
from goldenthread.rounds.services import open_round

YEAR = PLAN_YEAR
TITLE = "Q4 2014/15 updates"
OPENED_ON = dt.date(2015, 4, 1)  # after the year-end updates of 31 March, or they would count
DEADLINE = dt.date(2015, 4, 24)
INVITED_AT = dt.time(9, 0)

ORGANISATIONS = [
    ("Children's Services", Sector.COUNCIL),
    ("Clinical Commissioning Group", Sector.NHS),
    ("Police Community Safety Unit", Sector.POLICE),
    ("Schools Partnership", Sector.SCHOOLS),
    ("Voluntary Action Network", Sector.VOLUNTARY),
]

# (name, job title, organisation, the aim whose open actions they lead, which share
# of them: "all", "odd" or "even", and the demo user who is this person)
LEADS = [
    ("Tom Ellis", "Head of Commissioning", "Clinical Commissioning Group", 1, "all", None),
    ("Sam Reid", "Family Support Manager", "Voluntary Action Network", 2, "all", "contributor"),
    ("Grace Okafor", "Head of School Improvement", "Schools Partnership", 3, "all", None),
    ("Priya Shah", "Head of Children's Social Care", "Children's Services", 4, "odd", None),
    (
        "Dan Morgan",
        "Detective Inspector, Child Protection",
        "Police Community Safety Unit",
        4,
        "even",
        None,
    ),
]


@transaction.atomic
def load_demo_round(partnership) -> UpdateRound:
    """Leads for the 2014/15 actions still open, and the round "Q4 2014/15 updates"."""
    delivery_plan = DeliveryPlan.objects.for_year(partnership, YEAR)
    organisations = {
        name: Organisation.objects.get_or_create(
            partnership=partnership, name=name, defaults={"sector": sector}
        )[0]
        for name, sector in ORGANISATIONS
    }
    for row in LEADS:
        _lead(partnership, organisations, *row)
    update_round = UpdateRound.objects.filter(delivery_plan=delivery_plan, title=TITLE).first()
    if update_round is None:
        update_round = open_round(
            delivery_plan, title=TITLE, quarter="Q4 2014/15", today=OPENED_ON, deadline=DEADLINE
        )
    _invitations_sent(update_round)
    # No progress is made up for the leads: the 2014/15 actions keep the words and
    # statuses of the published annual report, which the demo's reports reproduce.
    return update_round


def _invitations_sent(update_round: UpdateRound) -> None:
    """Record the invitations as sent the morning the round opened (by the one rule of
    who is invited), so that the worker, finding them sent, sends none today."""
    sent_at = timezone.make_aware(dt.datetime.combine(update_round.opened_on, INVITED_AT))
    for lead in recipients_due(update_round, EmailKind.INVITATION):
        RoundEmail.objects.create(
            update_round=update_round,
            person=lead.person,
            kind=EmailKind.INVITATION,
            to_address=lead.person.email,
            action_codes=", ".join(action.code for action in lead.actions)[:500],
            sent_at=sent_at,
        )


def _lead(partnership, organisations, name, job_title, organisation, aim, share, username):
    email = name.lower().replace(" ", ".") + "@example.org"
    person, _ = Person.objects.get_or_create(
        partnership=partnership, email=email, defaults={"name": name, "job_title": job_title}
    )
    person.organisations.add(organisations[organisation])
    if username and person.user_id is None:
        person.user = get_user_model().objects.filter(username=username).first()
        person.save(update_fields=["user"])
    actions = (
        DeliveryPlan.objects.for_year(partnership, YEAR)
        .actions.filter(objective__aim__number=aim)
        .exclude(status__in=CLOSED_STATUSES)
        .in_plan_order()
    )
    for index, action in enumerate(actions):
        theirs = share == "all" or (index % 2 == 0) == (share == "odd")
        # A lead already set (by a manager, or an earlier load) is left as it is.
        if theirs and action.lead_person_id is None:
            set_lead(
                action,
                person=person,
                organisation=organisations[organisation],
                by=None,
                expected_version=None,
                via=Source.COMMAND,
            )
    return person
