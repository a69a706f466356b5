"""Boards and meetings for tests, built in code."""

import datetime as dt

import factory
from django.utils import timezone

from goldenthread.boards.models import AgendaItem, Board, BoardMember, Cycle, Meeting
from goldenthread.partnerships.tests.factories import PartnershipFactory
from goldenthread.people.models import Person


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board

    partnership = factory.SubFactory(PartnershipFactory)
    name = "Health and Wellbeing Board"
    short_name = "H&WBB"
    slug = "hwbb"
    purpose = "Leads the health and wellbeing strategy."
    cycle = Cycle.QUARTERLY


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Member {n}")
    email = factory.Sequence(lambda n: f"member{n}@example.org")


class BoardMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardMember

    board = factory.SubFactory(BoardFactory)
    person = factory.SubFactory(
        PersonFactory, partnership=factory.SelfAttribute("..board.partnership")
    )
    joined_on = dt.date(2014, 4, 1)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    board = factory.SubFactory(BoardFactory)
    date = dt.date(2014, 11, 13)
    time = dt.time(14, 0)
    place = "Council Chamber"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Report {n}")
    lead = "Director of Public Health"


def days_from_today(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)
