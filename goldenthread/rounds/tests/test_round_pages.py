"""The round page: who has and has not updated, overdue after the deadline, emails sent."""

import datetime as dt

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from goldenthread.people.models import Person
from goldenthread.plans.services import add_update
from goldenthread.plans.tests.factories import ActionFactory
from goldenthread.rounds.emails import send_emails
from goldenthread.rounds.models import EmailKind, UpdateRound
from goldenthread.rounds.services import open_round

from .conftest import OPENED


def round_url(update_round):
    return reverse("rounds:round", args=[update_round.partnership.slug, update_round.pk])


def lead_row(response, name):
    return next(lead for lead in response.context["leads"] if lead.name == name)


def test_it_shows_each_lead_n_of_m_updated_and_their_last_update(
    client, contributor, world, update_round
):
    add_update(world.a1, by=None, commentary="Half way.", date=dt.date(2015, 1, 6))
    client.force_login(contributor)

    response = client.get(round_url(update_round))

    assert response.status_code == 200
    alice = lead_row(response, "Alice Lee")
    assert (len(alice.updated), len(alice.actions), alice.last_update_on) == (
        1,
        3,
        dt.date(2015, 1, 6),
    )
    assert [a.code for a in alice.outstanding] == ["8.12", "8.15"]
    assert (response.context["updated_count"], response.context["action_count"]) == (1, 4)
    assert "1 of 3" in response.content.decode()


def test_after_the_deadline_outstanding_actions_are_flagged_overdue(
    client, contributor, world, update_round
):
    """The fixture's deadline, 15 January 2015, has passed."""
    add_update(world.b1, by=None, commentary="Done.", date=dt.date(2015, 1, 6))
    client.force_login(contributor)

    response = client.get(round_url(update_round))

    assert [a.code for a in lead_row(response, "Alice Lee").overdue] == ["8.11", "8.12", "8.15"]
    assert lead_row(response, "Bob Stone").overdue == []
    # Alice's three: her two, and 8.15, which her organisation leads.
    assert response.content.decode().count(">Overdue</strong>") == 3


def test_before_the_deadline_nothing_is_overdue(
    client, contributor, world, delivery_plan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        update_round = open_round(
            delivery_plan,
            title="Q4 updates",
            quarter="Q4 2014/15",
            deadline=dt.date.today() + dt.timedelta(days=30),
        )
    client.force_login(contributor)

    response = client.get(round_url(update_round))

    assert all(lead.overdue == [] for lead in response.context["leads"])
    assert "Overdue</strong>" not in response.content.decode()


def test_it_lists_the_emails_sent(client, contributor, world, update_round):
    send_emails(update_round, EmailKind.INVITATION)
    client.force_login(contributor)

    page = client.get(round_url(update_round)).content.decode()

    assert "Alice Lee (alice.lee@example.org)" in page and "Invitation" in page


def test_actions_led_by_nobody_are_shown_as_such(client, contributor, world, update_round):
    update_round.actions.add(ActionFactory(objective=world.a1.objective, code="8.16"))
    client.force_login(contributor)
    response = client.get(round_url(update_round))
    nobody = lead_row(response, "")
    assert [a.code for a in nobody.actions] == ["8.16"]
    assert "No lead person" in response.content.decode()


def test_the_round_page_takes_the_same_queries_for_many_leads(
    client, contributor, world, update_round, django_assert_max_num_queries
):
    for n in range(15):
        person = Person.objects.create(
            partnership=world.partnership, name=f"Lead {n}", email=f"l{n}@example.org"
        )
        update_round.actions.add(
            ActionFactory(objective=world.a1.objective, code=f"9.{n + 1}", lead_person=person)
        )
    send_emails(update_round, EmailKind.INVITATION)
    client.force_login(contributor)

    with django_assert_max_num_queries(10):
        response = client.get(round_url(update_round))
    # Alice (with her organisation's 8.15), Bob and the fifteen.
    assert len(response.context["leads"]) == 17


@pytest.mark.parametrize("name", ["rounds", "round"])
def test_a_viewer_cannot_open_rounds(client, viewer, update_round, name):
    client.force_login(viewer)
    args = [update_round.partnership.slug] + ([update_round.pk] if name == "round" else [])
    assert client.get(reverse(f"rounds:{name}", args=args)).status_code == 403


def test_the_list_shows_rounds_and_only_a_manager_the_open_button(
    client, contributor, manager, update_round
):
    url = reverse("rounds:rounds", args=[update_round.partnership.slug])
    client.force_login(contributor)
    page = client.get(url).content.decode()
    assert "Q3 2014/15 updates" in page and "Open an update round" not in page
    client.force_login(manager)
    assert "Open an update round" in client.get(url).content.decode()


def test_a_manager_opens_a_round_from_the_form(
    client, manager, world, delivery_plan, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    deadline = dt.date.today() + dt.timedelta(days=20)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("rounds:open_round", args=[world.partnership.slug]),
            {
                "delivery_plan": delivery_plan.pk,
                "quarter": "q3 2014-15",
                "deadline": deadline.strftime("%d/%m/%Y"),
                "remind_days_before": "3",
            },
        )

    update_round = UpdateRound.objects.get()
    assert response.status_code == 302 and response.url == round_url(update_round)
    assert (update_round.title, update_round.quarter, update_round.deadline) == (
        "Q3 2014/15 updates",
        "Q3 2014/15",
        deadline,
    )
    assert DBTaskResult.objects.count() == 2  # the invitations, and the reminder


def test_a_quarter_of_another_year_is_an_error_on_the_field(client, manager, world, delivery_plan):
    client.force_login(manager)
    response = client.post(
        reverse("rounds:open_round", args=[world.partnership.slug]),
        {
            "delivery_plan": delivery_plan.pk,
            "quarter": "Q3 2015/16",
            "deadline": "15/01/2030",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["quarter"] == [
        "Choose a quarter of 2014/15, such as Q3 2014/15"
    ]
    assert 'href="#id_quarter"' in response.content.decode()
    assert not UpdateRound.objects.exists()


def test_a_round_opened_twice_is_refused_the_second_time_with_why(
    client, manager, world, delivery_plan, update_round
):
    client.force_login(manager)
    response = client.post(
        reverse("rounds:open_round", args=[world.partnership.slug]),
        {"delivery_plan": delivery_plan.pk, "quarter": "Q3 2014/15", "deadline": "15/01/2030"},
    )
    assert response.status_code == 200
    assert "2014/15 already has a round called &#x27;Q3 2014/15 updates&#x27;." in (
        response.content.decode()
    )
    assert list(UpdateRound.objects.all()) == [update_round]


def test_a_contributor_cannot_open_a_round(client, contributor, world):
    client.force_login(contributor)
    assert (
        client.get(reverse("rounds:open_round", args=[world.partnership.slug])).status_code == 403
    )


def test_a_manager_sends_reminders_now_through_the_worker(
    client, manager, world, update_round, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    url = reverse("rounds:send_reminders", args=[world.partnership.slug, update_round.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)

    # The deadline has passed, so this is the overdue reminder, for both leads.
    assert "An overdue reminder is being sent to 2 leads." in response.content.decode()
    [queued] = DBTaskResult.objects.all()
    assert queued.args_kwargs["args"] == [update_round.pk, "overdue"]


def test_a_reminder_before_the_deadline_is_announced_with_a_not_an(
    client, manager, world, update_round, django_capture_on_commit_callbacks
):
    UpdateRound.objects.filter(pk=update_round.pk).update(deadline=dt.date(2099, 1, 15))
    client.force_login(manager)
    url = reverse("rounds:send_reminders", args=[world.partnership.slug, update_round.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)

    assert "A reminder is being sent to 2 leads." in response.content.decode()


def test_a_manager_closes_the_round(client, manager, world, update_round):
    client.force_login(manager)
    client.post(reverse("rounds:close_round", args=[world.partnership.slug, update_round.pk]))
    update_round.refresh_from_db()
    assert update_round.closed_by == manager and not update_round.is_open


def test_a_contributor_cannot_close_a_round(client, contributor, world, update_round):
    client.force_login(contributor)
    url = reverse("rounds:close_round", args=[world.partnership.slug, update_round.pk])
    assert client.post(url).status_code == 403


def test_the_round_opened_on_is_when_updates_start_counting(update_round):
    assert update_round.opened_on == OPENED
