"""Reading the words beside the numbers: which periods an indicator may have commentary
for, the commentary and summaries a page or report shows, their history from the audit
trail, and every part of a delivery year's narrative for the fact check."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from goldenthread.audit.models import AuditEntry
from goldenthread.audit.trail import changes
from goldenthread.indicators.models import TOTAL, Indicator, Period
from goldenthread.lib.periods import Period as PeriodValue
from goldenthread.partnerships.models import Partnership
from goldenthread.plans.models import Aim, DeliveryPlan, Objective

from .models import IndicatorCommentary, YearSummary, heading


def periods_with_values(partnership: Partnership, indicator: Indicator) -> list[Period]:
    """The periods the indicator has a value for in the partnership's area, newest
    first: the periods its commentary may be written for."""
    return list(
        Period.objects.filter(
            data__indicator=indicator, data__area=partnership.area_id, data__breakdown=TOTAL
        )
        .distinct()
        .order_by("-end", "start")
    )


def commentary_of(partnership: Partnership, indicator: Indicator) -> list[IndicatorCommentary]:
    """The indicator's commentary in the partnership, newest period first, leaving out
    any whose every part has been cleared, and any on a value not yet published."""
    rows = (
        IndicatorCommentary.objects.filter(partnership=partnership, indicator=indicator)
        .beside_published_values()
        .shown()
        .order_by("-period__end")
    )
    return [row for row in rows if not row.is_empty]


def commentary_for_periods(
    partnership: Partnership, wanted: list[tuple[int, PeriodValue]]
) -> dict[tuple[int, PeriodValue], IndicatorCommentary]:
    """Commentary by (indicator id, period), for a report's indicators: one query."""
    indicator_ids = {indicator for indicator, _ in wanted}
    rows = IndicatorCommentary.objects.filter(
        partnership=partnership, indicator__in=indicator_ids
    ).shown()
    found = {(row.indicator_id, row.period.value): row for row in rows}
    return {key: found[key] for key in wanted if key in found and not found[key].is_empty}


def summaries_of(delivery_plan: DeliveryPlan) -> dict[tuple[str, int], YearSummary]:
    """The year's summaries by ("aim", id) or ("objective", id), read once for a page
    however many aims and objectives it shows."""
    cached = delivery_plan.__dict__.get("_summaries")
    if cached is None:
        rows = YearSummary.objects.filter(delivery_plan=delivery_plan).select_related(
            "aim", "objective__aim", "written_by"
        )
        cached = {subject_key(row.subject): row for row in rows}
        delivery_plan.__dict__["_summaries"] = cached
    return cached


def subject_key(subject: Aim | Objective) -> tuple[str, int]:
    return ("aim" if isinstance(subject, Aim) else "objective", subject.pk)


def narrative_of(delivery_plan: DeliveryPlan) -> list[tuple[str, str]]:
    """Every part of the delivery year's commentary and summaries as (where, text): the
    indicators' commentary for periods ending in the year, then the aims' and the
    objectives' summaries of it. For the fact check before the report is published."""
    year = delivery_plan.year
    commentary = (
        IndicatorCommentary.objects.filter(partnership=delivery_plan.plan.partnership_id)
        .ending_in(year)
        .shown()
        .order_by("indicator__code", "period__end")
    )
    narrative = [
        (f"Commentary on {row.indicator.title}, {row.period}: {part}", text)
        for row in commentary
        for part, text in row.texts.items()
    ]
    summaries = sorted(
        summaries_of(delivery_plan).values(), key=lambda s: _summary_order(s.subject)
    )
    narrative += [(f"Summary of {s.subject_name}, {year}", s.text) for s in summaries]
    return narrative


def _summary_order(subject: Aim | Objective) -> tuple:
    if isinstance(subject, Aim):
        return (0, subject.number, "")
    return (1, 0, subject.sort_key)


@dataclass(frozen=True)
class Revision:
    """One change to a commentary or summary, as its history shows it."""

    who: str
    when: dt.datetime
    action: str  # written or changed
    words: list[tuple[str, str, str]]  # (part, old, new)


def history(record: IndicatorCommentary | YearSummary) -> list[Revision]:
    """What was written and changed, by whom and when, newest first: from the audit
    trail, which keeps the old and new words of every change."""
    entries = AuditEntry.objects.get_for_object(record).select_related("actor", "content_type")
    texts = {str(heading(part)) for part in IndicatorCommentary.PARTS} | {
        str(YearSummary._meta.get_field("text").verbose_name).capitalize()
    }
    revisions = []
    for entry in entries.order_by("-timestamp", "-pk"):
        words = [
            (c.field, c.old, c.new) for c in changes(entry) if c.field in texts and c.old != c.new
        ]
        if not words:
            continue
        actor = entry.actor
        who = (actor.get_full_name() or actor.get_username()) if actor else "goldenthread"
        action = "Written" if entry.action == AuditEntry.Action.CREATE else "Changed"
        revisions.append(Revision(who, entry.timestamp, action, words))
    return revisions
