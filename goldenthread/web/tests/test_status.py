"""The status page: the worker's heartbeat, the tasks waiting and failed, and the email
that failed, for the site's administrators only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from goldenthread.mail.models import OutgoingEmail, WorkerBeat
from goldenthread.mail.outbox import deliver
from goldenthread.mail.tasks import deliver_email
from goldenthread.mail.tests import backends

pytestmark = pytest.mark.django_db

STATUS = reverse("status")


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user("ops", is_staff=True)


def test_only_staff_see_it(client, manager, staff):
    assert client.get(STATUS).status_code == 302  # to sign in
    client.force_login(manager)  # a partnership's manager is not the site's
    assert client.get(STATUS).status_code == 403
    client.force_login(staff)
    assert client.get(STATUS).status_code == 200


def test_staff_find_it_in_every_pages_footer(client, manager, staff):
    client.force_login(manager)
    assert STATUS not in client.get(reverse("account")).content.decode()
    client.force_login(staff)
    assert f'href="{STATUS}"' in client.get(reverse("account")).content.decode()


def test_a_worker_not_heard_from_is_not_running(client, staff):
    client.force_login(staff)
    assert "Never seen" in client.get(STATUS).content.decode()

    now = timezone.now()
    WorkerBeat.objects.create(worker_id="w1", started_at=now, beat_at=now - dt.timedelta(minutes=5))
    page = client.get(STATUS).content.decode()
    assert "Not running" in page and "Last seen" in page

    WorkerBeat.objects.create(worker_id="w2", started_at=now, beat_at=now)
    assert "Running" in client.get(STATUS).content.decode()


def test_a_worker_busy_with_a_long_task_is_running(client, staff):
    client.force_login(staff)
    now = timezone.now()
    last_beat = now - dt.timedelta(minutes=10)
    WorkerBeat.objects.create(worker_id="w1", started_at=last_beat, beat_at=last_beat)
    task = deliver_email.enqueue(1)
    DBTaskResult.objects.filter(pk=task.id).update(
        status=TaskResultStatus.RUNNING, started_at=last_beat + dt.timedelta(seconds=5)
    )
    page = client.get(STATUS).content.decode()
    assert "Not running" not in page and "Busy since" in page

    # A worker killed mid-task leaves the task running: after an hour it is not believed.
    DBTaskResult.objects.filter(pk=task.id).update(started_at=now - dt.timedelta(hours=2))
    WorkerBeat.objects.filter(worker_id="w1").update(beat_at=now - dt.timedelta(hours=2))
    assert "Not running" in client.get(STATUS).content.decode()


def test_it_counts_tasks_waiting_and_failed_and_lists_failed_email(
    client, staff, settings, django_assert_max_num_queries
):
    settings.EMAIL_MAX_ATTEMPTS = 1
    settings.EMAIL_BACKEND = "goldenthread.mail.tests.backends.RefusingBackend"
    backends.REFUSED.add("bad@example.org")
    try:
        for to in ("bad@example.org", "good@example.org"):
            deliver(OutgoingEmail.objects.create(to=to, subject="Hello", body="Words").pk)
    finally:
        backends.REFUSED.clear()
    deliver_email.enqueue(999)
    DBTaskResult.objects.update(status="FAILED")
    deliver_email.enqueue(998)

    client.force_login(staff)
    with django_assert_max_num_queries(12):
        page = client.get(STATUS).content.decode()
    for key, value in (("Tasks waiting", "1"), ("Tasks failed", "1"), ("Emails failed", "1")):
        assert f'{key}</dt>\n    <dd class="govuk-summary-list__value">{value}' in page
    assert "bad@example.org" in page and "No such mailbox" in page
    assert "good@example.org" not in page

    failed = OutgoingEmail.objects.get(to="bad@example.org")
    response = client.post(reverse("status_send_again", args=[failed.pk]), follow=True)
    assert "will be sent again" in response.content.decode()
    assert deliver(failed.pk) == "sent" and mail.outbox[-1].to == ["bad@example.org"]
