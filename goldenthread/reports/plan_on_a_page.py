"""The plan on a page: each aim and objective, with where its actions and indicators stand.

For each objective, the year's actions counted by status and its linked indicators
counted by RAG; for each aim and for the whole plan, the totals. An indicator is
linked to an objective directly or through one of the objective's actions this year.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from goldenthread.indicators.models import Indicator
from goldenthread.indicators.scorecard import scorecard
from goldenthread.partnerships.logo import logo_of
from goldenthread.plans.models import NOT_KNOWN_LABEL, Action, Aim, DeliveryPlan, Status

from .annual import data_as_of

# In the order a board reads them: done, under way, not begun, then the rest.
ACTION_COLUMNS: list[tuple[str, str]] = [
    (Status.COMPLETED.value, "Completed"),
    (Status.IN_PROGRESS.value, "In progress"),
    (Status.NOT_STARTED.value, "Not started"),
    (Status.CARRIED_FORWARD.value, "Carried forward"),
    (Status.DEFERRED.value, "Deferred"),
    (Status.WITHDRAWN.value, "Withdrawn"),
    ("not_known", NOT_KNOWN_LABEL),
]
RAG_COLUMNS: list[tuple[str, str]] = [
    ("green", "Green"),
    ("amber", "Amber"),
    ("red", "Red"),
    ("not_judged", "Not judged"),
]

# Where the RAG columns start in a document's table: after the objective, the
# statuses and their total.
FIRST_RAG_COLUMN = 1 + len(ACTION_COLUMNS) + 1

# A document's column widths in centimetres: 26 cm between landscape A4's margins.
# Each count's column is wide enough for the longest word of its heading ("Withdrawn").
WIDTHS = [8.0] + [2.1] * (len(ACTION_COLUMNS) + 1 + len(RAG_COLUMNS) + 1)


@dataclass(frozen=True)
class Tally:
    """Actions by status and indicators by RAG, every column present, zeros included."""

    actions: dict[str, int]
    indicators: dict[str, int]

    @property
    def action_counts(self) -> list[int]:
        return [self.actions[key] for key, _ in ACTION_COLUMNS]

    @property
    def rag_counts(self) -> list[int]:
        return [self.indicators[key] for key, _ in RAG_COLUMNS]

    @property
    def rag_cells(self) -> list[tuple[str, int]]:
        """Each RAG's key with its count, for a page to shade the counts by RAG."""
        return [(key, self.indicators[key]) for key, _ in RAG_COLUMNS]

    @property
    def total_actions(self) -> int:
        return sum(self.actions.values())

    @property
    def total_indicators(self) -> int:
        return sum(self.indicators.values())

    @property
    def cells(self) -> list[int]:
        """In `PlanOnAPageContext.columns` order, after the objective."""
        return [*self.action_counts, self.total_actions, *self.rag_counts, self.total_indicators]

    def as_dict(self) -> dict:
        return {
            "actions": self.actions | {"total": self.total_actions},
            "indicators": self.indicators | {"total": self.total_indicators},
        }


@dataclass(frozen=True)
class ObjectiveLine:
    code: str
    title: str
    tally: Tally


@dataclass(frozen=True)
class AimBlock:
    number: int
    title: str
    objectives: list[ObjectiveLine]
    tally: Tally


@dataclass(frozen=True)
class PlanOnAPageContext:
    partnership: str
    area: str
    plan: str
    year: str
    generated_at: dt.datetime
    data_as_of: dt.date | None
    aims: list[AimBlock]
    tally: Tally
    # The partnership's logo, which heads the documents; not part of the data.
    logo: bytes | None = field(default=None, repr=False)

    kind = "plan"
    action_labels = tuple(label for _, label in ACTION_COLUMNS)
    rag_labels = tuple(label for _, label in RAG_COLUMNS)
    rag_columns = tuple(RAG_COLUMNS)
    # The objective, each status and their total, each RAG and their total.
    width = 1 + len(ACTION_COLUMNS) + 1 + len(RAG_COLUMNS) + 1

    @property
    def title(self) -> str:
        return f"{self.plan}: plan on a page {self.year}"

    @property
    def columns(self) -> list[str]:
        """A document's columns: in one table, each RAG says it counts indicators."""
        rags = [f"Indicators {label.lower()}" for label in self.rag_labels]
        return ["Objective", *self.action_labels, "All actions", *rags, "All indicators"]

    def lines(self) -> Iterator[tuple[str, list[str]]]:
        """The one table's rows for a document, each with what it is: an aim's heading,
        an objective, or a total."""
        blank = [""] * (len(self.columns) - 1)
        for aim in self.aims:
            yield "aim", [f"Aim {aim.number}: {aim.title}", *blank]
            for o in aim.objectives:
                yield "objective", [f"{o.code} {o.title}", *map(str, o.tally.cells)]
            yield "total", [f"All of aim {aim.number}", *map(str, aim.tally.cells)]
        yield "total", ["Whole plan", *map(str, self.tally.cells)]

    def as_dict(self) -> dict:
        return {
            "report": "plan",
            "title": self.title,
            "partnership": self.partnership,
            "area": self.area,
            "year": self.year,
            "generated_at": self.generated_at.isoformat(),
            "data_as_of": self.data_as_of.isoformat() if self.data_as_of else None,
            "aims": [
                {
                    "number": a.number,
                    "title": a.title,
                    **a.tally.as_dict(),
                    "objectives": [
                        {"code": o.code, "title": o.title, **o.tally.as_dict()}
                        for o in a.objectives
                    ],
                }
                for a in self.aims
            ],
            "plan": self.tally.as_dict(),
        }


def plan_on_a_page(delivery_plan: DeliveryPlan) -> PlanOnAPageContext:
    partnership = delivery_plan.plan.partnership
    # As the data stood at the year's end, as the year's other reports read it.
    rows = scorecard(partnership, as_of=delivery_plan.year.last_day)
    rags = {row.indicator.pk: row.evaluation.rag or "not_judged" for row in rows}
    statuses = _statuses_by_objective(delivery_plan)
    linked = _indicators_by_objective(delivery_plan)
    aims = [
        _aim_block(aim, statuses, linked, rags)
        for aim in Aim.objects.filter(plan=delivery_plan.plan).prefetch_related("objectives")
    ]
    every_action = sum(statuses.values(), Counter())
    return PlanOnAPageContext(
        partnership=partnership.name,
        area=partnership.area.name,
        plan=delivery_plan.plan.title,
        year=str(delivery_plan.year),
        generated_at=timezone.now(),
        data_as_of=data_as_of(delivery_plan),
        aims=aims,
        tally=_tally(every_action, set().union(*linked.values()), rags),
        logo=logo_of(partnership),
    )


def _aim_block(aim: Aim, statuses, linked, rags) -> AimBlock:
    objectives = list(aim.objectives.all())
    lines = [
        ObjectiveLine(o.code, o.title, _tally(statuses[o.pk], linked[o.pk], rags))
        for o in objectives
    ]
    # Counted once per aim: an indicator serving two of its objectives is one indicator.
    indicators = set().union(*(linked[o.pk] for o in objectives))
    aim_statuses = sum((statuses[o.pk] for o in objectives), Counter())
    return AimBlock(aim.number, aim.title, lines, _tally(aim_statuses, indicators, rags))


def _tally(statuses: Counter, indicators: set[int], rags: dict[int, str]) -> Tally:
    # A linked indicator the scorecard does not know has no RAG: it is not judged.
    judged = Counter(rags.get(pk, "not_judged") for pk in indicators)
    return Tally(
        actions={key: statuses[key] for key, _ in ACTION_COLUMNS},
        indicators={key: judged[key] for key, _ in RAG_COLUMNS},
    )


def _statuses_by_objective(delivery_plan: DeliveryPlan) -> dict[int, Counter]:
    counts: dict[int, Counter] = defaultdict(Counter)
    grouped = (
        Action.objects.for_delivery_plan(delivery_plan)
        .order_by()
        .values_list("objective_id", "status")
        .annotate(n=Count("id"))
    )
    for objective_id, status, n in grouped:
        counts[objective_id][status or "not_known"] += n
    return counts


def _indicators_by_objective(delivery_plan: DeliveryPlan) -> dict[int, set[int]]:
    """Indicators linked to each objective, or to one of its actions this year."""
    linked: dict[int, set[int]] = defaultdict(set)
    direct = Indicator.objectives.through.objects.filter(objective__aim__plan=delivery_plan.plan)
    for objective_id, indicator_id in direct.values_list("objective_id", "indicator_id"):
        linked[objective_id].add(indicator_id)
    through_actions = Indicator.actions.through.objects.filter(action__delivery_plan=delivery_plan)
    for objective_id, indicator_id in through_actions.values_list(
        "action__objective_id", "indicator_id"
    ):
        linked[objective_id].add(indicator_id)
    return linked
