"""The demo's round: leads for the seed plan's open actions, none of them updated yet."""

from goldenthread.demo.calendar import AS_AT
from goldenthread.demo.rounds import load_demo_round
from goldenthread.partnerships.tests.factories import UserFactory
from goldenthread.people.models import Organisation, Person
from goldenthread.plans.models import ActionChange, ActionUpdate
from goldenthread.rounds.emails import recipients_due
from goldenthread.rounds.models import EmailKind, RoundEmail, UpdateRound


def test_the_demo_round_is_open_and_waits_for_every_lead(
    seeded, django_capture_on_commit_callbacks
):
    contributor = UserFactory(username="contributor")
    with django_capture_on_commit_callbacks():
        update_round = load_demo_round(seeded)

    assert update_round.title == "Q4 2014/15 updates" and update_round.is_open
    assert update_round.opened_on <= AS_AT <= update_round.deadline
    # Every lead is recorded as invited when it opened, so the worker invites nobody now.
    invited = RoundEmail.objects.filter(update_round=update_round, kind=EmailKind.INVITATION)
    assert {e.person for e in invited} == {
        lead.person for lead in update_round.leads_progress(AS_AT)
    }
    assert {e.sent_at.date() for e in invited} == {update_round.opened_on}
    assert recipients_due(update_round, EmailKind.INVITATION) == []
    leads = update_round.leads_progress(update_round.opened_on)
    assert leads and not any(lead.updated for lead in leads)
    # The seed's words and statuses stay as the annual report published them.
    assert not ActionUpdate.objects.filter(date__gte=update_round.opened_on).exists()
    assert all(lead.person for lead in leads)  # every open action has a lead person
    linked = Person.objects.get(user=contributor)
    assert update_round.actions.filter(lead_person=linked).exists()
    assert all(p.email.endswith("@example.org") for p in Person.objects.all())


def test_loading_it_again_changes_nothing(seeded, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        load_demo_round(seeded)
    counts = [
        m.objects.count()
        for m in (Organisation, Person, UpdateRound, RoundEmail, ActionUpdate, ActionChange)
    ]

    with django_capture_on_commit_callbacks():
        load_demo_round(seeded)

    assert [
        m.objects.count()
        for m in (Organisation, Person, UpdateRound, RoundEmail, ActionUpdate, ActionChange)
    ] == counts
