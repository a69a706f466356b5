import datetime as dt

import pytest
from django.db import IntegrityError

from goldenthread.boards.models import BoardMember, MeetingStatus, MemberRole, long_date

from .factories import BoardMemberFactory, MeetingFactory, days_from_today

pytestmark = pytest.mark.django_db


def test_it_counts_members_who_had_joined_and_not_yet_left(hwbb):
    chair = BoardMemberFactory(board=hwbb, role=MemberRole.CHAIR, joined_on=dt.date(2014, 4, 1))
    left = BoardMemberFactory(
        board=hwbb, joined_on=dt.date(2013, 4, 1), left_on=dt.date(2014, 6, 30)
    )
    later = BoardMemberFactory(board=hwbb, joined_on=dt.date(2015, 1, 1))

    assert set(BoardMember.objects.active_on(dt.date(2014, 6, 30))) == {chair, left}
    assert set(BoardMember.objects.active_on(dt.date(2014, 7, 1))) == {chair}
    assert set(BoardMember.objects.active_on(dt.date(2015, 1, 1))) == {chair, later}


def test_it_lists_the_chair_before_members_and_officers(hwbb):
    officer = BoardMemberFactory(board=hwbb, role=MemberRole.OFFICER, person__name="Aaron")
    member = BoardMemberFactory(board=hwbb, role=MemberRole.MEMBER, person__name="Abby")
    chair = BoardMemberFactory(board=hwbb, role=MemberRole.CHAIR, person__name="Zoe")

    assert list(hwbb.members.in_role_order()) == [chair, member, officer]


def test_a_member_cannot_leave_before_joining(hwbb):
    with pytest.raises(IntegrityError):
        BoardMemberFactory(board=hwbb, joined_on=dt.date(2015, 1, 1), left_on=dt.date(2014, 1, 1))


def test_the_next_meeting_is_the_first_scheduled_one_from_the_day(hwbb):
    MeetingFactory(board=hwbb, date=dt.date(2014, 11, 13), status=MeetingStatus.HELD)
    MeetingFactory(board=hwbb, date=dt.date(2015, 1, 15), status=MeetingStatus.CANCELLED)
    march = MeetingFactory(board=hwbb, date=dt.date(2015, 3, 12))
    MeetingFactory(board=hwbb, date=dt.date(2015, 7, 9))

    assert hwbb.next_meeting(on=dt.date(2014, 12, 1)) == march
    assert hwbb.next_meeting(on=dt.date(2015, 3, 12)) == march
    assert hwbb.next_meeting(on=dt.date(2015, 7, 10)) is None


def test_next_meeting_defaults_to_today(hwbb):
    MeetingFactory(board=hwbb, date=days_from_today(-1))
    tomorrow = MeetingFactory(board=hwbb, date=days_from_today(1))

    assert hwbb.next_meeting() == tomorrow


def test_a_meeting_belongs_to_the_financial_year_it_falls_in(hwbb):
    assert str(MeetingFactory(board=hwbb, date=dt.date(2015, 3, 31)).financial_year) == "2014/15"
    assert str(MeetingFactory(board=hwbb, date=dt.date(2015, 4, 1)).financial_year) == "2015/16"


def test_a_meeting_is_named_by_its_board_and_its_date_as_papers_write_it(held_meeting):
    assert str(held_meeting) == "H&WBB, 13 November 2014"
    assert long_date(dt.date(2015, 3, 5)) == "5 March 2015"
