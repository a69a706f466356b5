import datetime as dt

import pytest
from django.utils import timezone

from goldenthread.reports.models import PublishedReport

from .factories import BoardFactory, MeetingFactory


@pytest.fixture
def hwbb(partnership):
    return BoardFactory(partnership=partnership)


@pytest.fixture
def held_meeting(hwbb):
    """A meeting on 13 November 2014, its minutes not yet written up."""
    return MeetingFactory(board=hwbb, date=dt.date(2014, 11, 13))


@pytest.fixture
def exception_report(action):
    delivery_plan = action.delivery_plan
    return PublishedReport.objects.create(
        partnership=delivery_plan.plan.partnership,
        delivery_plan=delivery_plan,
        kind="exception",
        version=1,
        title="Exception report 2014/15",
        context={},
        published_at=timezone.now(),
    )
