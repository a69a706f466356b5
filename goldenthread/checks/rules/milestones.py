"""Rules on the plan document's key milestones."""

from __future__ import annotations

from collections import defaultdict

from goldenthread.lib.periods import FinancialYear
from goldenthread.plans.models import Plan
from goldenthread.strategy.models import Milestone

from ..findings import Finding
from ..wording import has_figure_or_date, placeholders
from .places import about_milestone, capital, same_text


def unfinished_milestones(milestones: list[Milestone]) -> list[Finding]:
    """Milestones with a placeholder where the figure should be, or with neither a
    figure nor a date to check them against."""
    findings = []
    for milestone in milestones:
        spotted = placeholders(milestone.text)
        if spotted:
            why = "; ".join(capital(s.kind) for s in spotted)
            findings.append(
                about_milestone(
                    milestone, "milestone-without-number-or-date", f"{why}. {spotted[0].advice}"
                )
            )
        elif not _has_figure_or_date(milestone):
            findings.append(
                about_milestone(
                    milestone,
                    "milestone-without-number-or-date",
                    "It has neither a figure nor a date, so nobody can say when it is met.",
                )
            )
    return findings


def duplicated_milestones(milestones: list[Milestone]) -> list[Finding]:
    """The same milestone twice under one commitment (or one objective, without one)."""
    under: dict[tuple[int, int | None], list[Milestone]] = defaultdict(list)
    for milestone in milestones:
        under[(milestone.objective_id, milestone.commitment_id)].append(milestone)
    findings = []
    for siblings in under.values():
        for copies in same_text(siblings, lambda milestone: milestone.text):
            findings += [
                about_milestone(
                    milestone, "duplicated-milestone", "The same milestone is written twice here."
                )
                for milestone in copies[1:]
            ]
    return findings


def milestones_before_the_plan(milestones: list[Milestone], plan: Plan) -> list[Finding]:
    """A milestone due before the plan's first day: met or missed before the plan could
    do anything about it, so it is history, or a date written wrong."""
    starts = FinancialYear(plan.start_year).first_day
    return [
        about_milestone(
            milestone,
            "milestone-before-plan",
            f"It is due by {milestone.due_label or f'{milestone.due:%-d %B %Y}'}, before the "
            f"plan starts on {starts:%-d %B %Y}.",
        )
        for milestone in milestones
        if milestone.due is not None and milestone.due < starts
    ]


def _has_figure_or_date(milestone: Milestone) -> bool:
    if milestone.due is not None or milestone.value is not None:
        return True
    return has_figure_or_date(milestone.text)
