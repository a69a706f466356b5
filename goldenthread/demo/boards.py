"""The demo partnership's boards: who sits on them, when they met and what they received.

``load_demo_boards(partnership)`` is called after the seed annual report is imported.
Meetings the annual report names are on the days it gives ("Report presented to H&WBB
on 13.11.14"); where it gives only a month ("in July 2014"), or nothing, the day is
made up, as are every member (``@example.org``) and every place. The seed's report
actions are linked to the meetings that received them but their statuses are left as
the import set them: the demo records history, it does not re-enact it.

Every meeting is in the demo's calendar (``calendar.py``): those before its day were
held and their items presented; those after it are scheduled, with the reports the
annual report says are "still pending" due at them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from goldenthread.boards.models import (
    EXCEPTION_REPORT,
    AgendaItem,
    Board,
    BoardMember,
    Cycle,
    Meeting,
    MeetingStatus,
    MemberRole,
)
from goldenthread.demo.calendar import AS_AT, PLAN_YEAR, has_happened
from goldenthread.partnerships.models import Partnership
from goldenthread.people.models import Person
from goldenthread.plans.models import Action, DeliveryPlan
from goldenthread.reports.models import PublishedReport

TOWN_HALL = "Council Chamber, Civic Offices"  # fictional


@dataclass(frozen=True)
class DemoBoard:
    slug: str
    short_name: str
    name: str
    cycle: str
    purpose: str
    accountable_to: str = ""  # slug of another demo board


BOARDS = [
    DemoBoard(
        "hwbb",
        "H&WBB",
        "Health and Wellbeing Board",
        Cycle.QUARTERLY,
        "Leads the borough's health and wellbeing strategy. The partnership is accountable "
        "to it and sends it exception reports: only what is off track.",
    ),
    DemoBoard(
        "cypp-board",
        "CYPP Board",
        "Children and Young People's Partnership Board",
        Cycle.TERMLY,
        "Owns the Children and Young People's Plan. Autumn: context, assets and needs; "
        "spring: set the strategic aims; summer: review performance.",
        accountable_to="hwbb",
    ),
    DemoBoard(
        "cypp-executive",
        "CYPP Exec",
        "Children and Young People's Partnership Executive",
        Cycle.SIX_WEEKLY,
        "Monitors the delivery plan on the partnership board's behalf and commissions "
        "services against it.",
        accountable_to="cypp-board",
    ),
    DemoBoard(
        "lscb",
        "LSCB",
        "Local Safeguarding Children Board",
        Cycle.QUARTERLY,
        "Holds agencies to account for how well they keep children safe.",
    ),
    DemoBoard(
        "overview-scrutiny",
        "O&S",
        "Children's Services Overview and Scrutiny Committee",
        Cycle.SIX_WEEKLY,
        "Councillors who scrutinise children's services and receive reports on them.",
    ),
]

# (board, email, name, job title, role). Everyone here is made up.
MEMBERS = [
    (
        "hwbb",
        "chair.hwbb@example.org",
        "Cllr Alex Morgan",
        "Portfolio Holder for Health",
        MemberRole.CHAIR,
    ),
    ("hwbb", "dph@example.org", "Dr Priya Shah", "Director of Public Health", MemberRole.MEMBER),
    (
        "hwbb",
        "dcs@example.org",
        "Jordan Ellis",
        "Director of Children's Services",
        MemberRole.MEMBER,
    ),
    (
        "cypp-board",
        "dcs@example.org",
        "Jordan Ellis",
        "Director of Children's Services",
        MemberRole.CHAIR,
    ),
    (
        "cypp-board",
        "ccg.lead@example.org",
        "Sam Okafor",
        "Head of Children's Commissioning, CCG",
        MemberRole.VICE_CHAIR,
    ),
    (
        "cypp-board",
        "police.lead@example.org",
        "Ch Insp Robin Hale",
        "District Commander, Police",
        MemberRole.MEMBER,
    ),
    (
        "cypp-board",
        "performance@example.org",
        "Casey Lund",
        "Performance and Partnership Officer",
        MemberRole.OFFICER,
    ),
    (
        "cypp-executive",
        "head.csc@example.org",
        "Morgan Reid",
        "Head of Children's Social Care",
        MemberRole.CHAIR,
    ),
    (
        "cypp-executive",
        "performance@example.org",
        "Casey Lund",
        "Performance and Partnership Officer",
        MemberRole.OFFICER,
    ),
    ("lscb", "lscb.chair@example.org", "Pat Quinn", "Independent Chair", MemberRole.CHAIR),
    (
        "lscb",
        "head.csc@example.org",
        "Morgan Reid",
        "Head of Children's Social Care",
        MemberRole.MEMBER,
    ),
    (
        "overview-scrutiny",
        "os.chair@example.org",
        "Cllr Jamie Fox",
        "Chair of the committee",
        MemberRole.CHAIR,
    ),
]
MEMBERS_JOINED = dt.date(2014, 4, 1)

# Meetings: (board, date, [(item title, action code or "")]). Days marked "seed" are
# the annual report's; the others are made up. Those after the demo's day are to come.
MEETINGS = [
    (
        "hwbb",
        dt.date(2014, 7, 10),
        [  # seed: "in July 2014"
            ("Risky behaviours: drugs and alcohol, tobacco control and sexual health", "2.14"),
        ],
    ),
    (
        "cypp-board",
        dt.date(2014, 10, 2),
        [  # seed
            ("Healthy weight strategy 2014–2017 and delivery plan: update", "2.11"),
        ],
    ),
    (
        "hwbb",
        dt.date(2014, 11, 13),
        [  # seed
            ("Revised CAMHS service provision: progress", "2.12"),
        ],
    ),
    (
        "overview-scrutiny",
        dt.date(2014, 11, 18),
        [  # seed: "in November 2014"
            ("Narrowing the gap between boys and girls at all key stages", "1.15"),
            ("Responses to the Jay Report and the CSE action plan", ""),
        ],
    ),
    ("cypp-executive", dt.date(2015, 1, 22), [("Q3 2014/15 delivery plan progress", "")]),
    ("lscb", dt.date(2015, 2, 5), [("Revised threshold document: take-up", "")]),
    ("hwbb", dt.date(2015, 3, 12), []),
    (
        "overview-scrutiny",
        dt.date(2015, 3, 17),
        [  # seed: "in March 2015"
            ("CSE action plan: update", ""),
        ],
    ),
    # The reports the annual report says are "still pending", due at the next meetings.
    (
        "lscb",
        dt.date(2015, 5, 7),
        [("Integrating parent groups in decisions for disabled children", "9.14")],
    ),
    (
        "cypp-board",
        dt.date(2015, 6, 25),
        [
            ("Annual report 2014/15", ""),
            ("The voice of the child in developing care services", "10.15"),
        ],
    ),
    ("hwbb", dt.date(2015, 7, 9), []),
    ("cypp-board", dt.date(2015, 10, 1), []),
    ("hwbb", dt.date(2015, 11, 12), []),
]


@transaction.atomic
def load_demo_boards(partnership: Partnership) -> list[Board]:
    """Create the five boards, their members and meetings; running it again changes nothing."""
    boards = _boards(partnership)
    _members(partnership, boards)
    actions = _seed_actions(partnership)
    for slug, day, items in MEETINGS:
        held = has_happened(day)
        meeting = _meeting(
            boards[slug], day, MeetingStatus.HELD if held else MeetingStatus.SCHEDULED
        )
        for title, code in items:
            _item(meeting, title, actions.get(code), presented=held)
    _exception_report(partnership, boards["hwbb"])
    return list(boards.values())


def _boards(partnership: Partnership) -> dict[str, Board]:
    boards = {}
    for demo in BOARDS:
        boards[demo.slug], _ = Board.objects.get_or_create(
            partnership=partnership,
            slug=demo.slug,
            defaults={
                "short_name": demo.short_name,
                "name": demo.name,
                "cycle": demo.cycle,
                "purpose": demo.purpose,
                "accountable_to": boards.get(demo.accountable_to),
            },
        )
    return boards


def _members(partnership: Partnership, boards: dict[str, Board]) -> None:
    for slug, email, name, job_title, role in MEMBERS:
        person, _ = Person.objects.get_or_create(
            partnership=partnership, email=email, defaults={"name": name, "job_title": job_title}
        )
        BoardMember.objects.get_or_create(
            board=boards[slug], person=person, defaults={"role": role, "joined_on": MEMBERS_JOINED}
        )


def _seed_actions(partnership: Partnership) -> dict[str, Action]:
    delivery_plan = DeliveryPlan.objects.for_year(partnership, PLAN_YEAR)
    if delivery_plan is None:
        return {}
    return {action.code: action for action in delivery_plan.actions.all()}


def _meeting(board: Board, day: dt.date, status: str) -> Meeting:
    meeting, _ = Meeting.objects.get_or_create(
        board=board,
        date=day,
        defaults={"time": dt.time(14, 0), "place": TOWN_HALL, "status": status},
    )
    return meeting


def _item(meeting: Meeting, title: str, action: Action | None, *, presented: bool) -> None:
    # Set directly, not through present_item: these actions were completed by the
    # import, and the demo must not add updates or change their statuses.
    presented_at = (
        timezone.make_aware(dt.datetime.combine(meeting.date, meeting.time or dt.time(12)))
        if presented
        else None
    )
    AgendaItem.objects.get_or_create(
        meeting=meeting,
        title=title,
        defaults={
            "position": meeting.items.count() + 1,
            "action": action,
            "lead": action.lead if action else "",
            "presented_at": presented_at,
        },
    )


def _exception_report(partnership: Partnership, hwbb: Board) -> None:
    """Put the latest archived exception report, if there is one, to the H&WBB's next
    meeting after the demo's day."""
    report = PublishedReport.objects.filter(partnership=partnership, kind=EXCEPTION_REPORT).first()
    if report is None or AgendaItem.objects.filter(published_report=report).exists():
        return
    meeting = hwbb.next_meeting(AS_AT)
    if meeting is None:
        return
    AgendaItem.objects.create(
        meeting=meeting,
        position=meeting.items.count() + 1,
        title=f"Exception report {report.delivery_plan.year}: what is off track",
        lead="Performance and Partnership Officer",
        published_report=report,
    )
