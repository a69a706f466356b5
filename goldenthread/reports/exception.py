"""The exception report for the accountable board: only what is off track.

Actions not completed by their due date; at and after the year's end, every action
still unfinished (not started, in progress or not known); actions carried forward,
deferred or withdrawn; indicators red against a target that is due, significantly worsening, or significantly
worse than England.
Each with why it is listed, its latest commentary or findings, and who leads or owns it:
an indicator's owner in the partnership, and its story behind the curve for the period
judged (``commentary``), as the annual report gives it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from goldenthread.indicators.owners import owners_of
from goldenthread.indicators.scorecard import scorecard
from goldenthread.lib.periods import FinancialYear
from goldenthread.partnerships.logo import logo_of
from goldenthread.plans.models import Action, DeliveryPlan, Status

from .annual import SectionCommentary, commentary_of_sections, data_as_of, year_has_ended
from .findings import findings

OFF_TRACK_STATUSES = {
    Status.CARRIED_FORWARD: "carried forward",
    Status.DEFERRED: "deferred",
    Status.WITHDRAWN: "withdrawn",
}


@dataclass(frozen=True)
class ActionException:
    code: str
    text: str
    lead: str
    status: str
    reasons: list[str]
    commentary: str
    confidence: str = ""  # the lead's latest, beside the status (``Action.confidence_label``)


@dataclass(frozen=True)
class IndicatorException:
    code: str
    title: str
    owner: str
    reasons: list[str]
    sentences: list[str]
    commentary: SectionCommentary | None = None

    def as_dict(self) -> dict:
        commentary = self.commentary.as_dict() if self.commentary else None
        return {**vars(self), "commentary": commentary}


@dataclass(frozen=True)
class ExceptionReportContext:
    partnership: str
    area: str
    plan: str
    year: str
    generated_at: dt.datetime
    data_as_of: dt.date | None
    actions: list[ActionException]
    indicators: list[IndicatorException]
    # The partnership's logo, which heads the documents; not part of the data.
    logo: bytes | None = field(default=None, repr=False)

    kind = "exception"

    @property
    def title(self) -> str:
        return f"{self.plan}: exception report {self.year}"

    def as_dict(self) -> dict:
        return {
            "report": "exception",
            "title": self.title,
            "partnership": self.partnership,
            "year": self.year,
            "generated_at": self.generated_at.isoformat(),
            "data_as_of": self.data_as_of.isoformat() if self.data_as_of else None,
            "actions": [vars(a) for a in self.actions],
            "indicators": [i.as_dict() for i in self.indicators],
        }


def exception_report(
    delivery_plan: DeliveryPlan, *, today: dt.date | None = None
) -> ExceptionReportContext:
    partnership = delivery_plan.plan.partnership
    return ExceptionReportContext(
        partnership=partnership.name,
        area=partnership.area.name,
        plan=delivery_plan.plan.title,
        year=str(delivery_plan.year),
        generated_at=timezone.now(),
        data_as_of=data_as_of(delivery_plan),
        logo=logo_of(partnership),
        actions=off_track_actions(delivery_plan, today or timezone.localdate()),
        indicators=off_track_indicators(partnership, delivery_plan.year.last_day),
    )


def off_track_actions(delivery_plan: DeliveryPlan, today: dt.date) -> list[ActionException]:
    """Actions past their due date and not completed, those unfinished at the year's end
    once it has come, and those carried forward, deferred or withdrawn, in plan order."""
    listed = []
    year_end = delivery_plan.year if year_has_ended(delivery_plan, today) else None
    for action in Action.objects.for_delivery_plan(delivery_plan).with_leads().in_plan_order():
        reasons = action_reasons(action, today, ended=year_end)
        if reasons:
            listed.append(
                ActionException(
                    action.code,
                    action.text,
                    action.lead_in_full,
                    action.status_label,
                    reasons,
                    action.latest_commentary,
                    confidence=action.confidence_label,
                )
            )
    return listed


def action_reasons(
    action: Action, today: dt.date, *, ended: FinancialYear | None = None
) -> list[str]:
    """Why the action is off track, if it is; ``ended``: its year, once that has ended."""
    reasons = []
    if ended is not None and action.is_unfinished:
        reasons.append(f"unfinished at the end of {ended} ({action.status_label.lower()})")
    elif action.is_overdue(today):  # the one rule; said once, as unfinished, at year end
        reasons.append(f"overdue: not finished by {action.falls_due:%-d %B %Y}")
    if action.status in OFF_TRACK_STATUSES:
        reasons.append(OFF_TRACK_STATUSES[action.status])
    return reasons


def off_track_indicators(partnership, as_of: dt.date | None = None) -> list[IndicatorException]:
    """Indicators off track with targets judged as at ``as_of``, the year's end: a
    milestone not yet due by then, or whose latest value is older than its date, is
    never listed as not met."""
    off_track = [
        (row.evaluation, reasons)
        for row in scorecard(partnership, as_of=as_of)
        if (reasons := indicator_reasons(row.evaluation))
    ]
    indicators = [e.indicator for e, _ in off_track]
    owners = owners_of(partnership, indicators)
    commentary = commentary_of_sections(partnership, [e for e, _ in off_track])
    return [
        IndicatorException(
            e.indicator.code,
            e.indicator.title,
            owners[e.indicator.pk].name if e.indicator.pk in owners else e.indicator.owner,
            reasons,
            findings(e, partnership.area.name),
            commentary.get(e.indicator.pk),
        )
        for e, reasons in off_track
    ]


def indicator_reasons(e) -> list[str]:
    if e.out_of_date:  # stale data is never a reason to act (indicators/evaluation.py)
        return []
    reasons = []
    if e.rag == "red":
        reasons.append("red against its target")
    if e.direction == "worsening":  # only a significant change is called worsening
        reasons.append(f"worsening since {e.previous_period}: {e.direction_why}")
    if e.significance.startswith("Worse"):
        reasons.append("significantly worse than England")
    return reasons
