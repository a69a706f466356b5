"""The demo partnership: Thurrock's Children and Young People's Plan, 2014/15.

Loaded by ``make demo`` from the published annual report and the plan document kept in
``data/``, with the indicator data; then its boards, an open update round with
(fictional) leads, and the 2015/16 delivery plan rolled over as a draft. Loading it
again changes nothing, so ``make demo`` can be run as often as anyone likes.

It is dated as it was, shown as at a day just after 2014/15 ended (``calendar.py``);
its pages say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from goldenthread.areas.models import Area
from goldenthread.demo.boards import load_demo_boards
from goldenthread.demo.calendar import PLAN_YEAR
from goldenthread.demo.commentary import load_demo_commentary
from goldenthread.demo.models import NAME, SLUG, DemoPartnership
from goldenthread.demo.neighbours import load_demo_neighbours
from goldenthread.demo.rollover import demo_rollover
from goldenthread.demo.rounds import load_demo_round
from goldenthread.demo.sections import load_demo_foreword
from goldenthread.demo.strategy import load_plan_document
from goldenthread.indicators.fingertips.importing import (
    FingertipsImportResult,
    import_fingertips,
)
from goldenthread.indicators.importers.definitions import import_definitions
from goldenthread.indicators.importers.values import DataImportResult, import_values
from goldenthread.indicators.owners import link_named_owners
from goldenthread.partnerships.models import Membership, Role, Visibility
from goldenthread.plans.importers.annual_report import ImportResult, import_report
from goldenthread.plans.rollover import Rollover
from goldenthread.plans.setup import set_up_partnership
from goldenthread.rounds.models import UpdateRound
from goldenthread.strategy.importer import PlanImportResult

DATA = Path(__file__).parent / "data"
REPORT = DATA / "thurrock-cypp-annual-report-2014-15.txt"
# Areas first, then the indicators the values and targets refer to.
DEFINITIONS = [DATA / "areas.csv", DATA / "indicators.csv", DATA / "targets.csv"]
VALUES = DATA / "indicator-values.csv"
# A handful of real figures in Fingertips' own shape, so that the demo compares areas.
FINGERTIPS = DATA / "fingertips-east-of-england.csv"
YEAR = PLAN_YEAR
COMPARATORS = [
    ("E92000001", "England", Area.Kind.COUNTRY),
    ("E12000006", "East of England", Area.Kind.REGION),
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str  # "superuser" or a Role value


# Passwords for a demonstration on one's own machine only; printed by load_demo.
LOGINS = [
    DemoLogin("admin", "goldenthread-admin", "superuser"),
    DemoLogin("administrator", "goldenthread-administrator", Role.ADMINISTRATOR),
    DemoLogin("manager", "goldenthread-manager", Role.MANAGER),
    DemoLogin("contributor", "goldenthread-contributor", Role.CONTRIBUTOR),
    DemoLogin("viewer", "goldenthread-viewer", Role.VIEWER),
]


@dataclass(frozen=True)
class DemoLoad:
    report: ImportResult
    definitions: list[dict[str, int]]
    data: DataImportResult
    national: FingertipsImportResult
    plan_document: PlanImportResult
    boards: int
    update_round: UpdateRound
    rollover: Rollover | None

    def lines(self) -> list[str]:
        read = [
            f"{n} {sheet.lower()}" for counts in self.definitions for sheet, n in counts.items()
        ]
        return [
            *self.report.lines(),
            f"Definitions read: {', '.join(read)}.",
            self.data.headline(),
            self.national.headline(),
            *self.plan_document.lines(),
            f"Boards: {self.boards}. Update round open: {self.update_round.title}.",
            *(self.rollover.lines()[:2] if self.rollover else []),
        ]


@transaction.atomic
def load_demo() -> DemoLoad:
    for code, name, kind in COMPARATORS:
        Area.objects.get_or_create(code=code, defaults={"name": name, "kind": kind})
    partnership, _ = set_up_partnership(
        name=NAME,
        slug=SLUG,
        area_code="E06000034",
        area_name="Thurrock",
        plan_title="Children and Young People's Plan 2013–2016",
        plan_start_year=2013,
        plan_end_year=2016,
        visibility=Visibility.PUBLIC,
    )
    DemoPartnership.objects.get_or_create(partnership=partnership)
    for login in LOGINS:
        _ensure_user(login, partnership)
    report = import_report(REPORT, partnership=partnership, year=YEAR)
    definitions = [import_definitions(path, partnership) for path in DEFINITIONS]
    load_demo_neighbours()  # after areas.csv, which makes Thurrock's comparator group
    data = import_values(VALUES)
    national = import_fingertips([FINGERTIPS])
    # The plan document after the targets, so that its milestones link to them.
    plan_document = load_plan_document(partnership)
    boards = load_demo_boards(partnership)
    load_demo_foreword(partnership)
    update_round = load_demo_round(partnership)
    # Where a definition names as owner one of the partnership's people, they own it.
    link_named_owners(partnership)
    load_demo_commentary(partnership)  # after the round, whose leads own and summarise
    # Last: the new year's draft is made from 2014/15 as everything above left it.
    rollover = demo_rollover(partnership)
    return DemoLoad(
        report, definitions, data, national, plan_document, len(boards), update_round, rollover
    )


def _ensure_user(login: DemoLogin, partnership) -> None:
    user, created = get_user_model().objects.get_or_create(
        username=login.username,
        defaults={
            "first_name": login.username.capitalize(),
            "last_name": "(demo)",
            "is_staff": login.role == "superuser",
            "is_superuser": login.role == "superuser",
        },
    )
    if created:
        user.set_password(login.password)
        user.save()
    if login.role != "superuser":
        Membership.objects.get_or_create(
            user=user, partnership=partnership, defaults={"role": login.role}
        )
