import datetime as dt

import pytest
from django.template import Context, Template
from django.urls import reverse

from goldenthread.boards.models import MeetingStatus, MemberRole
from goldenthread.partnerships.tests.factories import member
from goldenthread.plans.models import Status
from goldenthread.plans.tests.factories import ActionFactory

from .factories import (
    AgendaItemFactory,
    BoardFactory,
    BoardMemberFactory,
    MeetingFactory,
    days_from_today,
)

pytestmark = pytest.mark.django_db


def _urls(board, meeting):
    slug = board.partnership.slug
    return [
        reverse("boards:boards", args=[slug]),
        reverse("boards:board", args=[slug, board.slug]),
        reverse("boards:meeting", args=[slug, board.slug, meeting.pk]),
        reverse("boards:forward_plan", args=[slug]),
    ]


def test_readers_of_a_public_partnership_see_every_page(client, held_meeting):
    for url in _urls(held_meeting.board, held_meeting):
        assert client.get(url).status_code == 200, url


def test_a_private_partnerships_boards_are_hidden_from_strangers(
    client, private_partnership, outsider
):
    board = BoardFactory(partnership=private_partnership)
    meeting = MeetingFactory(board=board)
    urls = _urls(board, meeting)
    for url in urls:
        assert client.get(url).status_code == 302, url
    client.force_login(outsider)
    for url in urls:
        assert client.get(url).status_code == 403, url
    client.force_login(member(private_partnership, username="reader"))
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_the_board_page_shows_what_it_is_for_and_its_current_members(client, hwbb):
    BoardMemberFactory(board=hwbb, role=MemberRole.CHAIR, person__name="Cllr Alex Morgan")
    BoardMemberFactory(board=hwbb, person__name="Former Member", left_on=dt.date(2014, 6, 30))
    partnership_board = BoardFactory(
        partnership=hwbb.partnership,
        name="Partnership Board",
        short_name="CYPP Board",
        slug="cypp-board",
        accountable_to=hwbb,
    )

    page = client.get(partnership_board.get_absolute_url()).content.decode()
    assert "Accountable to" in page and hwbb.get_absolute_url() in page
    page = client.get(hwbb.get_absolute_url()).content.decode()
    assert "Leads the health and wellbeing strategy." in page
    assert "Cllr Alex Morgan" in page and "Former Member" not in page
    assert "Boards accountable to it" in page and partnership_board.get_absolute_url() in page


def test_the_board_page_separates_coming_and_past_meetings(client, hwbb):
    MeetingFactory(board=hwbb, date=dt.date(2014, 11, 13), status=MeetingStatus.HELD)
    MeetingFactory(board=hwbb, date=days_from_today(14))

    page = client.get(hwbb.get_absolute_url()).content.decode()

    coming, past = page.split("Past meetings")
    assert days_from_today(14).strftime("%B") in coming.split("Coming meetings")[1]
    assert "13 November 2014" in past and "2014/15" in past


def test_the_board_page_links_the_exception_reports_presented_to_it(
    client, held_meeting, exception_report
):
    AgendaItemFactory(meeting=held_meeting, published_report=exception_report, title="Off track")
    other_board = BoardFactory(
        partnership=held_meeting.board.partnership, short_name="LSCB", slug="lscb"
    )

    page = client.get(held_meeting.board.get_absolute_url()).content.decode()

    url = reverse(
        "reports:published", args=[exception_report.partnership.slug, exception_report.pk]
    )
    assert f'href="{url}"' in page
    assert "Exception report 2014/15, version 1" in page
    assert url not in client.get(other_board.get_absolute_url()).content.decode()


def test_a_manager_records_a_report_presented_and_the_action_links_back(
    client, held_meeting, action, manager
):
    item = AgendaItemFactory(meeting=held_meeting, action=action, title="CAMHS progress")
    client.force_login(manager)
    present_url = reverse("boards:present", args=["thurrock", "hwbb", held_meeting.pk, item.pk])

    response = client.post(present_url, follow=True)

    assert "Action 8.11 is completed." in response.content.decode()
    action.refresh_from_db()
    assert action.status == Status.COMPLETED
    assert action.get_absolute_url() in response.content.decode()
    shown = Template('{% include "boards/includes/action_meetings.html" %}').render(
        Context({"action": action})
    )
    assert held_meeting.get_absolute_url() in shown
    assert "H&amp;WBB, 13 November 2014" in shown and "(presented)" in shown
    # A second press (a double click, or a colleague) completes nothing more.
    response = client.post(present_url, follow=True)
    assert "already recorded as presented" in response.content.decode()
    assert action.updates.count() == 1


def test_only_managers_record_reports_presented(client, held_meeting, contributor):
    item = AgendaItemFactory(meeting=held_meeting)
    client.force_login(contributor)

    url = reverse("boards:present", args=["thurrock", "hwbb", held_meeting.pk, item.pk])
    assert client.post(url).status_code == 403
    assert client.get(url).status_code == 405
    item.refresh_from_db()
    assert not item.is_presented


def test_a_manager_adds_a_meeting_and_an_agenda_item(client, hwbb, action, manager):
    client.force_login(manager)

    response = client.post(
        reverse("boards:add_meeting", args=["thurrock", "hwbb"]),
        {"date": "13/11/2014", "time": "14:00", "place": "Civic Offices"},
    )
    meeting = hwbb.meetings.get()
    assert response.url == meeting.get_absolute_url()
    response = client.post(
        reverse("boards:add_item", args=["thurrock", "hwbb", meeting.pk]),
        {"title": "CAMHS progress", "lead": "CCG", "action": action.pk},
    )
    assert response.url == meeting.get_absolute_url()
    item = meeting.items.get()
    assert (item.title, item.action, item.position) == ("CAMHS progress", action, 1)


def test_adding_a_second_meeting_on_the_same_day_is_refused(client, held_meeting, manager):
    client.force_login(manager)

    response = client.post(
        reverse("boards:add_meeting", args=["thurrock", "hwbb"]), {"date": "13/11/2014"}
    )

    assert "H&amp;WBB already has a meeting on that day" in response.content.decode()
    assert 'class="govuk-error-summary"' in response.content.decode()


def test_the_forward_plan_shows_reports_due_and_actions_waiting(client, hwbb, plan, action):
    waiting = type(action).objects.create(
        delivery_plan=action.delivery_plan,
        objective=action.objective,
        code="8.12",
        text="Receive a report on the voice of the child",
    )
    meeting = MeetingFactory(board=hwbb, date=days_from_today(21))
    AgendaItemFactory(meeting=meeting, action=action, title="CAMHS progress")

    page = client.get(reverse("boards:forward_plan", args=["thurrock"])).content.decode()

    due, no_meeting = page.split("Reports with no meeting yet")
    assert "CAMHS progress" in due and meeting.get_absolute_url() in due
    assert waiting.get_absolute_url() in no_meeting and action.get_absolute_url() not in no_meeting


def test_the_forward_plan_names_each_actions_lead_person_and_organisation(
    client, hwbb, plan, action, lead, nhs, django_assert_max_num_queries
):
    """In one query however many actions and items there are: 12 of each here."""
    type(action).objects.filter(pk=action.pk).update(lead_person=lead, lead_organisation=nhs)
    for n in range(12):
        waiting = ActionFactory(
            objective=action.objective,
            code=f"8.{20 + n}",
            text=f"Receive a report on service {n}",
            lead_organisation=nhs,
        )
        meeting = MeetingFactory(board=hwbb, date=days_from_today(5 + n))
        AgendaItemFactory(meeting=meeting, action=action)
    with django_assert_max_num_queries(13):
        page = client.get(reverse("boards:forward_plan", args=["thurrock"])).content.decode()

    due, no_meeting = page.split("Reports with no meeting yet")
    assert due.count('<td class="govuk-table__cell">Nina Patel, CCG</td>') == 12
    assert no_meeting.count('<td class="govuk-table__cell">CCG</td>') == 12
    assert waiting.get_absolute_url() in no_meeting


def test_the_board_and_forward_plan_pages_query_a_fixed_number_of_times(
    client, hwbb, plan, django_assert_max_num_queries
):
    for n in range(4):
        meeting = MeetingFactory(board=hwbb, date=days_from_today(10 + n))
        AgendaItemFactory.create_batch(3, meeting=meeting)
        MeetingFactory(board=hwbb, date=dt.date(2014, 5 + n, 1), status=MeetingStatus.HELD)
        BoardMemberFactory(board=hwbb)
    for n in range(4):
        BoardFactory(partnership=hwbb.partnership, short_name=f"B{n}", slug=f"b{n}")

    for url in [
        hwbb.get_absolute_url(),
        reverse("boards:forward_plan", args=["thurrock"]),
        reverse("boards:boards", args=["thurrock"]),
    ]:
        with django_assert_max_num_queries(13):
            assert client.get(url).status_code == 200
