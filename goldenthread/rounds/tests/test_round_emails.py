"""Opening a round emails every lead once; reminders go only to those still outstanding."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django_tasks_db.models import DBTaskResult

from goldenthread.mail.models import OutgoingEmail
from goldenthread.mail.testing import deliver_waiting
from goldenthread.people.models import Person
from goldenthread.plans.models import Status
from goldenthread.plans.services import add_update
from goldenthread.plans.tests.factories import ActionFactory
from goldenthread.rounds.models import EmailKind, RoundEmail, UpdateRound, quarter_label
from goldenthread.rounds.services import RoundError, close_round, open_round
from goldenthread.rounds.tasks import send_round_emails

from .conftest import DEADLINE, OPENED


def send(update_round, kind):
    """What the worker does with the queued task, and then with the emails it queued."""
    queued = send_round_emails.call(update_round.pk, kind)
    deliver_waiting()
    return queued


def email_to(address):
    [message] = [m for m in mail.outbox if any(address in to for to in m.to)]
    return message


def test_it_emails_each_lead_once_with_their_actions_and_a_link(world, update_round, settings):
    settings.SITE_URL = "https://plans.example.org"

    assert send(update_round, EmailKind.INVITATION) == 2

    assert len(mail.outbox) == 2
    alice = email_to("alice.lee@example.org")
    assert "Q3 2014/15 updates" in alice.subject and "15 January 2015" in alice.subject
    assert "8.11" in alice.body and "8.12" in alice.body
    assert "8.13" not in alice.body  # Bob's
    assert "8.14" not in alice.body  # completed before the round opened
    link = (
        f"https://plans.example.org/{world.partnership.slug}/rounds/{update_round.pk}/my-actions/"
    )
    assert link in alice.body
    html, mimetype = alice.alternatives[0]
    assert mimetype == "text/html" and f'href="{link}"' in html
    assert "8.13" in email_to("bob@example.org").body


def test_opening_queues_the_invitations_and_each_reminder_for_its_morning(
    delivery_plan, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        update_round = open_round(
            delivery_plan,
            title="Q3 2014/15 updates",
            quarter="Q3 2014/15",
            deadline=DEADLINE,
            remind_days_before=3,
            overdue_days_after=2,
            today=OPENED,
        )

    queued = {
        tuple(r.args_kwargs["args"]): r.run_after
        for r in DBTaskResult.objects.filter(task_path=send_round_emails.module_path)
    }
    assert set(queued) == {
        (update_round.pk, "invitation"),
        (update_round.pk, "reminder"),
        (update_round.pk, "overdue"),
    }
    assert queued[(update_round.pk, "reminder")].date() == dt.date(2015, 1, 12)
    assert queued[(update_round.pk, "overdue")].date() == dt.date(2015, 1, 17)


def test_a_round_rolled_back_sends_nothing(
    delivery_plan, world, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        open_round(
            delivery_plan,
            title="Q3 2014/15 updates",
            quarter="Q3 2014/15",
            deadline=DEADLINE,
            today=OPENED,
        )
        raise RuntimeError("something later failed")

    assert not UpdateRound.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_a_reminder_goes_only_to_leads_who_have_not_updated_everything(world, update_round):
    add_update(world.b1, by=None, commentary="Done the review.", date=dt.date(2015, 1, 5))
    add_update(world.a1, by=None, commentary="Half way.", date=dt.date(2015, 1, 6))

    send(update_round, EmailKind.REMINDER)

    [reminder] = mail.outbox
    assert reminder.to == ["Alice Lee <alice.lee@example.org>"]
    assert "8.12" in reminder.body and "8.11" not in reminder.body  # only what is still due


def test_an_update_before_the_round_opened_does_not_count(world, update_round):
    add_update(world.b1, by=None, commentary="Old news.", date=OPENED - dt.timedelta(days=1))

    send(update_round, EmailKind.REMINDER)

    assert {m.to[0] for m in mail.outbox} == {
        "Alice Lee <alice.lee@example.org>",
        "Bob Stone <bob@example.org>",
    }


@pytest.mark.parametrize("kind", [EmailKind.INVITATION, EmailKind.REMINDER, EmailKind.OVERDUE])
def test_running_a_task_again_sends_nothing_twice(world, update_round, kind):
    send(update_round, kind)
    sent = len(mail.outbox)

    assert send(update_round, kind) == 0
    assert len(mail.outbox) == sent == 2
    assert RoundEmail.objects.filter(kind=kind).count() == 2


def test_each_email_is_recorded(world, update_round):
    send(update_round, EmailKind.INVITATION)

    record = RoundEmail.objects.get(person=world.alice)
    assert (record.kind, record.to_address, record.action_codes) == (
        "invitation",
        "alice.lee@example.org",
        "8.11, 8.12, 8.15",
    )


def test_the_overdue_reminder_says_the_deadline_has_passed(world, update_round):
    send(update_round, EmailKind.OVERDUE)

    assert "Overdue" in email_to("bob@example.org").subject
    assert "was 15 January 2015" in email_to("bob@example.org").body


def test_a_closed_round_sends_no_more_reminders(world, update_round, manager):
    close_round(update_round, by=manager)

    assert send(update_round, EmailKind.REMINDER) == 0
    assert mail.outbox == []


def test_a_lead_whose_actions_are_all_completed_or_withdrawn_is_not_emailed(
    world, delivery_plan, django_capture_on_commit_callbacks
):
    carol = Person.objects.create(
        partnership=world.partnership, name="Carol", email="c@example.org"
    )
    ActionFactory(
        objective=world.a1.objective, code="8.16", lead_person=carol, status=Status.WITHDRAWN
    )
    with django_capture_on_commit_callbacks():
        update_round = open_round(
            delivery_plan,
            title="Q3 2014/15 updates",
            quarter="Q3 2014/15",
            deadline=DEADLINE,
            today=OPENED,
        )

    send(update_round, EmailKind.INVITATION)

    assert len(mail.outbox) == 2
    assert all("c@example.org" not in m.to[0] for m in mail.outbox)


def test_a_deadline_already_passed_is_refused(delivery_plan, world):
    with pytest.raises(RoundError, match="has passed"):
        open_round(
            delivery_plan,
            title="Late",
            quarter="Q3 2014/15",
            deadline=dt.date(2015, 1, 1),
            today=OPENED,
        )


def test_the_same_title_twice_is_refused(delivery_plan, update_round):
    with pytest.raises(RoundError, match="already has a round"):
        open_round(
            delivery_plan,
            title="Q3 2014/15 updates",
            quarter="Q3 2014/15",
            deadline=DEADLINE,
            today=OPENED,
        )


def test_a_task_for_a_deleted_round_does_nothing(db):
    assert send_round_emails.call(999, "invitation") == 0


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_the_invitations(world, delivery_plan):
    """The same path as production: opening commits, then the database worker runs the
    queued task. Transactional, because the worker closes its connection between tasks."""
    open_round(
        delivery_plan,
        title="Q3 2014/15 updates",
        quarter="Q3 2014/15",
        deadline=DEADLINE,
        today=OPENED,
    )

    call_command("db_worker", batch=True, interval=0, verbosity=0)

    assert sorted(m.to[0] for m in mail.outbox) == [
        "Alice Lee <alice.lee@example.org>",
        "Bob Stone <bob@example.org>",
    ]


def test_a_draft_delivery_plan_cannot_have_a_round(delivery_plan, world):
    delivery_plan.is_draft = True
    delivery_plan.save()
    with pytest.raises(RoundError, match="is a draft"):
        open_round(delivery_plan, title="Q3", quarter="Q3 2014/15", deadline=DEADLINE, today=OPENED)


@pytest.mark.parametrize("typed", ["Q3 2014/15", "q3 2014-15", "Q3 14/15", " Q3  2014/2015 "])
def test_a_quarter_is_written_as_users_write_it(typed):
    assert quarter_label(typed) == "Q3 2014/15"


@pytest.mark.parametrize("typed", ["Q5 2014/15", "2014/15", "Q3 2014", "third quarter"])
def test_anything_else_is_not_a_quarter(typed):
    with pytest.raises(ValueError):
        quarter_label(typed)


def test_a_quarter_of_another_year_is_refused(delivery_plan, world):
    with pytest.raises(RoundError, match="Q1 2015/16 is not a quarter of 2014/15"):
        open_round(delivery_plan, title="Q1", quarter="q1 2015/16", deadline=DEADLINE, today=OPENED)


def test_an_organisations_action_with_no_lead_person_reaches_each_of_its_people(
    world, update_round
):
    """8.15 names Alice's organisation and no lead person: it is in her invitation, as
    it is in her "my actions"."""
    send(update_round, EmailKind.INVITATION)

    [alice] = [m for m in mail.outbox if m.to == ["Alice Lee <alice.lee@example.org>"]]
    assert "8.15" in alice.body


def test_the_mail_server_is_spoken_to_outside_any_transaction(world, update_round, monkeypatch):
    """Sending inside a transaction would hold SQLite's write lock for the whole SMTP
    conversation: the round's task only queues the emails, with their claims; the
    worker sends each one after, outside any transaction."""
    depth = len(connection.atomic_blocks)
    seen = []

    def send_messages(self, messages):
        seen.append(len(connection.atomic_blocks))
        return len(messages)

    monkeypatch.setattr(
        "django.core.mail.backends.locmem.EmailBackend.send_messages", send_messages
    )
    send_round_emails.call(update_round.pk, EmailKind.INVITATION)

    assert seen == []  # queued, not sent
    assert RoundEmail.objects.filter(email__status="queued").count() == 2
    deliver_waiting()
    assert seen == [depth, depth]
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"sent"}
