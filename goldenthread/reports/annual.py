"""The annual report for a delivery year, as one context every format renders.

Its introduction states the year's figures, computed from the actions and never typed;
at and after the year's end, every action still unfinished is listed with its lead;
each strategic aim has the seed report's table (Objective | Action | Measure | Comments
| Status), with each action's lead; then "Progress and what has been achieved" gives,
for each indicator with data, the findings in words beside its chart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from django.utils import timezone

from goldenthread.charts import Chart
from goldenthread.commentary.reading import commentary_for_periods, summaries_of
from goldenthread.indicators.breakdowns import breakdown_gaps_for
from goldenthread.indicators.charts import trend_chart
from goldenthread.indicators.evaluation import Evaluation, as_dict
from goldenthread.indicators.models import DataPoint
from goldenthread.indicators.scorecard import histories, scorecard
from goldenthread.lib.wording import counted
from goldenthread.partnerships.logo import logo_of
from goldenthread.partnerships.models import Partnership
from goldenthread.plans.models import Action, DeliveryPlan, Status
from goldenthread.plans.summary import delivery_summary

from .findings import findings, gap_sentence
from .sections import AuthoredSection, authored_sections, places_of, sections_at


@dataclass(frozen=True)
class ActionRow:
    objective: str
    code: str
    text: str
    measure: str
    comments: str
    status: str
    lead: str
    confidence: str = ""  # the lead's latest, beside the status (``Action.confidence_label``)


@dataclass(frozen=True)
class UnfinishedAction:
    """An action not completed, carried forward, deferred or withdrawn when its year ended."""

    code: str
    text: str
    status: str
    lead: str
    commentary: str
    confidence: str = ""  # the lead's latest, beside the status (``Action.confidence_label``)


@dataclass(frozen=True)
class ObjectiveSummary:
    """An objective's summary of the year, by its lead (``commentary.YearSummary``)."""

    objective: str
    text: str


@dataclass(frozen=True)
class AimSection:
    number: int
    title: str
    rows: list[ActionRow]
    # The lead's summary of the year ("" if none), and the objectives' that have one.
    summary: str = ""
    objective_summaries: list[ObjectiveSummary] = field(default_factory=list)


@dataclass(frozen=True)
class SectionCommentary:
    """The story behind the curve for the period the section reports (``commentary``):
    each part written, under its heading, in results-based accountability's order."""

    period: str
    parts: list[tuple[str, str]]

    def as_dict(self) -> dict:
        return {
            "period": self.period,
            "parts": [{"heading": heading, "text": text} for heading, text in self.parts],
        }


@dataclass(frozen=True)
class IndicatorSection:
    code: str
    title: str
    evaluation: Evaluation
    sentences: list[str]
    chart: Chart | None
    commentary: SectionCommentary | None = None

    def as_dict(self) -> dict:
        return {
            "indicator": self.code,
            "title": self.title,
            "findings": self.sentences,
            "evaluation": as_dict(self.evaluation),
            "commentary": self.commentary.as_dict() if self.commentary else None,
        }


@dataclass(frozen=True)
class AnnualReportContext:
    partnership: str
    area: str
    plan: str
    year: str
    next_year: str
    generated_at: dt.datetime
    data_as_of: dt.date | None
    introduction: list[str]
    aims: list[AimSection]
    indicators: list[IndicatorSection] = field(default_factory=list)
    # At and after the year's end, its unfinished actions; None while the year runs.
    unfinished: list[UnfinishedAction] | None = None
    # The partnership's logo, which heads the documents; not part of the data.
    logo: bytes | None = field(default=None, repr=False)
    # The sections its managers wrote, in the report's order (``sections.py``).
    sections: list[AuthoredSection] = field(default_factory=list)

    kind = "annual"

    @property
    def title(self) -> str:
        return f"{self.plan}: annual report {self.year}"

    @property
    def unfinished_sentence(self) -> str:
        """What the list of unfinished actions holds, said the same in every format."""
        if not self.unfinished:
            return "Every action was completed, carried forward, deferred or withdrawn."
        return (
            f"{counted(len(self.unfinished), 'action was', 'actions were')} not completed, "
            "carried forward, deferred or withdrawn when the year ended: not started, in "
            "progress, or with no status known. Each is listed with its lead."
        )

    def sections_at(self, place: str | int) -> list[AuthoredSection]:
        """The authored sections at one gap: start, introduction, an aim's number, end."""
        key = f"aim:{place}" if isinstance(place, int) else place
        return sections_at(self.sections, key, places_of([a.number for a in self.aims]))

    def as_dict(self) -> dict:
        return {
            "report": "annual",
            "title": self.title,
            "partnership": self.partnership,
            "area": self.area,
            "year": self.year,
            "generated_at": self.generated_at.isoformat(),
            "data_as_of": self.data_as_of.isoformat() if self.data_as_of else None,
            "introduction": self.introduction,
            "unfinished": (None if self.unfinished is None else [vars(a) for a in self.unfinished]),
            "aims": [
                {
                    "number": a.number,
                    "title": a.title,
                    "summary": a.summary or None,
                    "objective_summaries": [vars(o) for o in a.objective_summaries],
                    "actions": [vars(r) for r in a.rows],
                }
                for a in self.aims
            ],
            "progress": [section.as_dict() for section in self.indicators],
            "sections": [section.as_dict() for section in self.sections],
        }


def annual_report(
    delivery_plan: DeliveryPlan, *, today: dt.date | None = None
) -> AnnualReportContext:
    """The report as the data stand ``today``: the unfinished actions are listed once the
    year has ended by then."""
    partnership = delivery_plan.plan.partnership
    aims = aim_sections(delivery_plan)
    return AnnualReportContext(
        partnership=partnership.name,
        area=partnership.area.name,
        plan=delivery_plan.plan.title,
        year=str(delivery_plan.year),
        next_year=str(delivery_plan.year.next()),
        generated_at=timezone.now(),
        logo=logo_of(partnership),
        data_as_of=data_as_of(delivery_plan),
        introduction=introduction(delivery_plan),
        unfinished=unfinished_at_year_end(delivery_plan, today or timezone.localdate()),
        aims=with_summaries(delivery_plan, aims),
        indicators=with_commentary(
            partnership, _progress(partnership, delivery_plan.year.last_day)
        ),
        sections=authored_sections(delivery_plan, [a.number for a in aims]),
    )


def with_summaries(delivery_plan: DeliveryPlan, aims: list[AimSection]) -> list[AimSection]:
    """Each aim with its summary of the year and its objectives' (``commentary``)."""
    summaries = summaries_of(delivery_plan).values()
    of_aims = {s.aim.number: s.text for s in summaries if s.aim is not None}
    of_objectives = sorted(
        (s for s in summaries if s.objective is not None), key=lambda s: s.objective.sort_key
    )
    return [
        replace(
            aim,
            summary=of_aims.get(aim.number, ""),
            objective_summaries=[
                ObjectiveSummary(f"{s.objective.code} {s.objective.title}", s.text)
                for s in of_objectives
                if s.objective.aim.number == aim.number
            ],
        )
        for aim in aims
    ]


def with_commentary(
    partnership: Partnership, sections: list[IndicatorSection]
) -> list[IndicatorSection]:
    """Each indicator with its commentary for the period it reports, where written."""
    found = commentary_of_sections(partnership, [s.evaluation for s in sections])
    return [
        replace(section, commentary=found[section.evaluation.indicator.pk])
        if section.evaluation.indicator.pk in found
        else section
        for section in sections
    ]


def commentary_of_sections(
    partnership: Partnership, evaluations: list[Evaluation]
) -> dict[int, SectionCommentary]:
    """The commentary on each indicator for the period it is judged on, by indicator id,
    where written: one query for a report's indicators."""
    wanted = [(e.indicator.pk, e.period) for e in evaluations if e.period is not None]
    found = commentary_for_periods(partnership, wanted)
    return {
        indicator: SectionCommentary(str(period), list(row.texts.items()))
        for (indicator, period), row in found.items()
    }


def introduction(delivery_plan: DeliveryPlan) -> list[str]:
    """The year's figures in the seed report's words, counted from the actions."""
    summary = delivery_summary(delivery_plan)
    counts, year = summary["by_status"], delivery_plan.year
    total = summary["actions"]
    sentences = [
        f"A total of {total} actions formed the delivery programme for {year}.",
        (
            f"Of these {counts[Status.COMPLETED]} were completed "
            f"and {counts[Status.IN_PROGRESS]} were in progress at the end of the year."
        ),
    ]
    carried = counts[Status.CARRIED_FORWARD]
    if carried:
        sentences.append(
            f"{counted(carried, 'action was', 'actions were')} carried forward "
            f"into the {year.next()} plan."
        )
    others = [
        f"{counts[status]} {label.lower()}"
        for status, label in (
            (Status.NOT_STARTED, "not started"),
            (Status.DEFERRED, "deferred"),
            (Status.WITHDRAWN, "withdrawn"),
        )
        if counts[status]
    ]
    if summary["not_known"]:
        others.append(f"{len(summary['not_known'])} with no status known")
    if others:
        sentences.append("Of the rest, " + ", ".join(others) + ".")
    return sentences


def aim_sections(delivery_plan: DeliveryPlan) -> list[AimSection]:
    actions = (
        Action.objects.for_delivery_plan(delivery_plan)
        .select_related("objective__aim")
        .with_leads()
        .in_plan_order()
    )
    sections: dict[int, AimSection] = {}
    for action in actions:
        aim = action.objective.aim
        section = sections.setdefault(aim.pk, AimSection(aim.number, aim.title, []))
        section.rows.append(
            ActionRow(
                objective=f"{action.objective.code} {action.objective.title}",
                code=action.code,
                text=action.text,
                measure=action.measure,
                comments=action.latest_commentary,
                status=action.status_label,
                lead=action.lead_in_full,
                confidence=action.confidence_label,
            )
        )
    return sorted(sections.values(), key=lambda s: s.number)


def year_has_ended(delivery_plan: DeliveryPlan, today: dt.date) -> bool:
    """On its last day the year is at its end: what is not done by then is unfinished."""
    return today >= delivery_plan.year.last_day


def unfinished_at_year_end(
    delivery_plan: DeliveryPlan, today: dt.date
) -> list[UnfinishedAction] | None:
    """At and after the year's end, every action not completed, carried forward, deferred
    or withdrawn (``ActionQuerySet.unfinished``), with its lead, in plan order; None
    before then, while the year's work is still under way."""
    if not year_has_ended(delivery_plan, today):
        return None
    actions = Action.objects.for_delivery_plan(delivery_plan).unfinished()
    return [
        UnfinishedAction(
            code=action.code,
            text=action.text,
            status=action.status_label,
            lead=action.lead_in_full,
            commentary=action.latest_commentary,
            confidence=action.confidence_label,
        )
        for action in actions.with_leads().in_plan_order()
    ]


def _progress(partnership: Partnership, as_of: dt.date) -> list[IndicatorSection]:
    """Each indicator with data, in the scorecard's order: findings and chart, with
    targets judged as at the end of the report's year."""
    area = partnership.area.name
    rows = scorecard(partnership, as_of=as_of)
    evaluations = [row.evaluation for row in rows if row.evaluation.has_data]
    indicators = [e.indicator for e in evaluations]
    series_of = histories(partnership, indicators)
    gaps_of = breakdown_gaps_for(indicators, partnership.area)
    sections = []
    for e in evaluations:
        indicator = e.indicator
        sentences = findings(e, area)
        sentences += [s for gap in gaps_of[indicator.pk] if (s := gap_sentence(e, gap))]
        series = series_of[indicator.pk]
        # A chart of one period says no more than the sentences beside it.
        chart = trend_chart(indicator, area, series) if len(series) > 1 else None
        sections.append(IndicatorSection(indicator.code, indicator.title, e, sentences, chart))
    return sections


def data_as_of(delivery_plan: DeliveryPlan) -> dt.date | None:
    """When the data behind the report last changed: the latest update or value."""
    updated = (
        Action.objects.for_delivery_plan(delivery_plan)
        .exclude(latest_update_on=None)
        .order_by("-latest_update_on")
        .values_list("latest_update_on", flat=True)
        .first()
    )
    recorded = (
        DataPoint.objects.order_by("-recorded_at").values_list("recorded_at", flat=True).first()
    )
    dates = [updated, timezone.localdate(recorded) if recorded else None]
    return max((d for d in dates if d), default=None)
