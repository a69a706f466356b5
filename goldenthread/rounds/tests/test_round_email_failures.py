"""One lead who cannot be emailed (a comma in the name, a mailbox that does not exist)
stops nobody else's email; the round's page tells the manager who and why, and sends
it again on request."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from goldenthread.mail.models import OutgoingEmail
from goldenthread.mail.testing import deliver_waiting
from goldenthread.people.models import Person
from goldenthread.plans.tests.factories import ActionFactory
from goldenthread.rounds.models import EmailKind, RoundEmail
from goldenthread.rounds.tasks import send_round_emails

pytestmark = pytest.mark.django_db


@pytest.fixture
def smith(world):
    """A lead with a comma in her name, between Alice and Bob in the order of sending."""
    smith = Person.objects.create(
        partnership=world.partnership, name="Smith, Jo", email="jo.smith@example.org"
    )
    ActionFactory(objective=world.a1.objective, code="8.17", lead_person=smith)
    return smith


def test_a_refused_address_stops_nobody_else(smith, update_round, refusing):
    refusing.add("jo.smith@example.org")

    assert send_round_emails.call(update_round.pk, EmailKind.INVITATION) == 3
    statuses = deliver_waiting()

    assert sorted(statuses) == ["retrying", "sent", "sent"]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "Alice Lee <alice.lee@example.org>",
        "Bob Stone <bob@example.org>",
    ]
    failed = RoundEmail.objects.get(person=smith)
    assert failed.email.to == '"Smith, Jo" <jo.smith@example.org>'
    assert "No such mailbox" in failed.email.last_error
    # Not sent twice to the others, and not queued twice for her, by a second run.
    assert send_round_emails.call(update_round.pk, EmailKind.INVITATION) == 0


def test_the_round_page_shows_the_manager_who_and_why_and_sends_it_again(
    client, world, smith, update_round, refusing, manager, contributor
):
    refusing.add("jo.smith@example.org")
    send_round_emails.call(update_round.pk, EmailKind.INVITATION)
    deliver_waiting()
    url = update_round.get_absolute_url()

    client.force_login(manager)
    page = client.get(url).content.decode()
    assert "1 email could not be sent" in page
    assert "Smith, Jo" in page and "No such mailbox" in page
    assert "Send again now" in page

    client.force_login(contributor)
    page = client.get(url).content.decode()
    assert "could not be sent" not in page and "Send again now" not in page
    record = RoundEmail.objects.get(person=smith)
    again = reverse("rounds:send_email_again", args=[world.partnership.slug, update_round.pk])
    assert client.post(again, {"email": record.pk}).status_code == 403

    refusing.clear()  # the mailbox is made
    client.force_login(manager)
    response = client.post(again, {"email": record.pk}, follow=True)
    assert "The email to Smith, Jo will be sent again." in response.content.decode()
    assert deliver_waiting() == ["sent"]
    assert mail.outbox[-1].to == ['"Smith, Jo" <jo.smith@example.org>']
    page = client.get(url).content.decode()
    assert "could not be sent" not in page


def test_another_rounds_email_cannot_be_sent_again_from_this_one(
    client, world, update_round, manager
):
    other = OutgoingEmail.objects.create(to="x@example.org", subject="S", body="B", status="failed")
    again = reverse("rounds:send_email_again", args=[world.partnership.slug, update_round.pk])
    client.force_login(manager)
    assert client.post(again, {"email": other.pk}).status_code == 404


def test_the_round_page_reads_the_emails_in_a_fixed_number_of_queries(
    client, smith, update_round, manager, refusing, django_assert_max_num_queries
):
    refusing.add("jo.smith@example.org")
    send_round_emails.call(update_round.pk, EmailKind.INVITATION)
    deliver_waiting()
    client.force_login(manager)
    with django_assert_max_num_queries(40):
        assert client.get(update_round.get_absolute_url()).status_code == 200


def test_an_email_that_cannot_even_be_written_stops_nobody_else(
    world, smith, update_round, monkeypatch
):
    """A fault in writing one person's email (not the server's) fails the task, visibly
    on the status page, after everyone else's is queued; the next run tries hers again."""
    from goldenthread.rounds import emails

    write = emails.message

    def faulty(update_round, recipient, kind):
        if recipient.person == smith:
            raise ValueError("a template fault")
        return write(update_round, recipient, kind)

    monkeypatch.setattr(emails, "message", faulty)
    with pytest.raises(emails.EmailsNotQueued, match="Smith, Jo: a template fault"):
        send_round_emails.call(update_round.pk, EmailKind.INVITATION)
    assert set(RoundEmail.objects.values_list("person__name", flat=True)) == {
        "Alice Lee",
        "Bob Stone",
    }

    monkeypatch.setattr(emails, "message", write)
    assert send_round_emails.call(update_round.pk, EmailKind.INVITATION) == 1
