"""The plan quality check: what a reviewer would send back before a plan is approved.

Each rule reads one delivery plan (and the plan and plan document above it) as stored
and returns findings; ``check_plan`` runs them all. Every rule runs a fixed number of
queries, however large the plan, so the check and its page stay quick.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Exists, Min, OuterRef
from django.urls import reverse

from goldenthread.indicators.models import TOTAL, DataPoint, Indicator, Target
from goldenthread.lib.periods import FinancialYear
from goldenthread.plans.models import Action, Aim, DeliveryPlan, Objective
from goldenthread.strategy.models import Commitment, Milestone, PlanDocument, Section

from .findings import Finding
from .wording import (
    Spotted,
    drafting_notes,
    has_figure_or_date,
    normalised,
    placeholders,
    unfinished_wording,
)

_SHORT = 60


def check_plan(delivery_plan: DeliveryPlan) -> list[Finding]:
    """Every finding on a delivery plan and the plan it belongs to, rule by rule."""
    actions = _actions(delivery_plan)
    document = PlanDocument.objects.filter(plan=delivery_plan.plan).first()
    findings = [
        *actions_without_measure(actions, delivery_plan),
        *actions_without_lead(actions, delivery_plan),
        *duplicated_actions(actions, delivery_plan),
        *aims_without_actions(delivery_plan),
        *objectives_without_indicator(delivery_plan),
        *targets_without_baseline(delivery_plan),
        *drafting_notes_in_actions(actions, delivery_plan),
        *drafting_notes_in_objectives(delivery_plan),
    ]
    if document is None:
        findings.append(_no_document(delivery_plan))
        return findings
    milestones = _milestones(delivery_plan)
    return [
        *findings,
        *objectives_without_milestone(delivery_plan),
        *unfinished_milestones(milestones),
        *duplicated_milestones(milestones),
        *drafting_notes_in_document(document, milestones),
    ]


# Actions of the year


def actions_without_measure(actions: list[Action], delivery_plan: DeliveryPlan) -> list[Finding]:
    """An action with no measure cannot be shown to be done."""
    return [
        _about_action(
            action,
            delivery_plan,
            "action-without-measure",
            action.text,
            "The action has no measure.",
        )
        for action in actions
        if not action.measure.strip()
    ]


def actions_without_lead(actions: list[Action], delivery_plan: DeliveryPlan) -> list[Finding]:
    """An action needs someone to answer for it: lead text, a person or an organisation."""
    return [
        _about_action(
            action,
            delivery_plan,
            "action-without-lead",
            action.text,
            "No lead is named: no person, organisation or lead text.",
        )
        for action in actions
        if not action.lead.strip()
        and action.lead_person_id is None
        and action.lead_organisation_id is None
    ]


def duplicated_actions(actions: list[Action], delivery_plan: DeliveryPlan) -> list[Finding]:
    """The same action twice in one delivery plan (case, punctuation and spacing aside)."""
    findings = []
    for copies in _same_text(actions, lambda action: action.text):
        first = copies[0]
        for action in copies[1:]:
            findings.append(
                _about_action(
                    action,
                    delivery_plan,
                    "duplicated-action",
                    action.text,
                    f"The same words as action {first.code}.",
                )
            )
    return findings


def drafting_notes_in_actions(actions: list[Action], delivery_plan: DeliveryPlan) -> list[Finding]:
    findings = []
    for action in actions:
        for field, text in (("action", action.text), ("measure", action.measure)):
            findings += [
                _about_action(
                    action,
                    delivery_plan,
                    "drafting-note",
                    spotted.words,
                    f"In the {field}: {spotted.kind}. {spotted.advice}",
                )
                for spotted in unfinished_wording(text, names=field == "action")
            ]
    return findings


# Aims and objectives


def aims_without_actions(delivery_plan: DeliveryPlan) -> list[Finding]:
    """An aim the year's delivery plan does nothing for."""
    this_year = Action.objects.filter(delivery_plan=delivery_plan, objective__aim=OuterRef("pk"))
    aims = Aim.objects.filter(plan=delivery_plan.plan).exclude(Exists(this_year))
    return [
        Finding(
            "aim-without-actions",
            f"Aim {aim.number}: {aim.title}",
            aim.title,
            f"The delivery plan for {delivery_plan.year} has no action under this aim.",
        )
        for aim in aims
    ]


def objectives_without_indicator(delivery_plan: DeliveryPlan) -> list[Finding]:
    """An objective nothing measures: no indicator of its own, none on its actions."""
    own = Indicator.objects.filter(objectives=OuterRef("pk"))
    through_actions = Indicator.objects.filter(
        actions__objective=OuterRef("pk"), actions__delivery_plan=delivery_plan
    )
    objectives = _objectives(delivery_plan).exclude(Exists(own)).exclude(Exists(through_actions))
    return [
        Finding(
            "objective-without-indicator",
            _objective_where(objective),
            objective.title,
            "No indicator is linked to the objective or to any of its actions this year.",
            url=_tree_url(delivery_plan, objective.aim.number),
        )
        for objective in objectives
    ]


def objectives_without_milestone(delivery_plan: DeliveryPlan) -> list[Finding]:
    """An objective whose table in the plan gives no key milestone."""
    milestones = Milestone.objects.filter(objective=OuterRef("pk"))
    objectives = _objectives(delivery_plan).exclude(Exists(milestones))
    return [
        Finding(
            "objective-without-milestone",
            _objective_where(objective),
            objective.title,
            "The plan gives no key milestone for this objective.",
            url=_tree_url(delivery_plan, objective.aim.number),
        )
        for objective in objectives
    ]


def drafting_notes_in_objectives(delivery_plan: DeliveryPlan) -> list[Finding]:
    return [
        Finding(
            "drafting-note",
            _objective_where(objective),
            spotted.words,
            f"In the objective: {spotted.kind}. {spotted.advice}",
            url=_tree_url(delivery_plan, objective.aim.number),
        )
        for objective in _objectives(delivery_plan)
        for spotted in unfinished_wording(objective.title, names=True)
    ]


# Targets


def targets_without_baseline(delivery_plan: DeliveryPlan) -> list[Finding]:
    """A target with nothing to measure progress from: no baseline period recorded, and
    no value for the partnership's area before the date it is due (any value at all,
    for a target with no date)."""
    partnership = delivery_plan.plan.partnership
    targets = list(
        Target.objects.filter(partnership=partnership, baseline__isnull=True)
        .select_related("indicator")
        .order_by("indicator__code", "due", "pk")
    )
    earliest = _earliest_values(partnership.area_id, {t.indicator_id for t in targets})
    findings = []
    for target in targets:
        first = earliest.get((target.indicator_id, target.breakdown or TOTAL))
        if first is not None and (target.due is None or first < target.due):
            continue
        before = f" before {target.due_label or target.due}" if target.due else ""
        findings.append(
            Finding(
                "target-without-baseline",
                _target_where(target),
                _target_words(target),
                f"No baseline is recorded and there is no value for {partnership.area.name}{before}.",
                url=target.indicator.url_for(partnership),
            )
        )
    return findings


def _earliest_values(area_id: int, indicator_ids: set[int]) -> dict[tuple[int, str], object]:
    """The end of the earliest period with a value, by indicator and breakdown."""
    rows = (
        DataPoint.objects.filter(area_id=area_id, indicator_id__in=indicator_ids)
        .values("indicator_id", "breakdown")
        .annotate(first=Min("period__end"))
    )
    return {(row["indicator_id"], row["breakdown"]): row["first"] for row in rows}


# The plan document


def unfinished_milestones(milestones: list[Milestone]) -> list[Finding]:
    """Milestones with a placeholder where the figure should be, or with neither a
    figure nor a date to check them against."""
    findings = []
    for milestone in milestones:
        spotted = placeholders(milestone.text)
        if spotted:
            why = "; ".join(_capital(s.kind) for s in spotted)
            findings.append(
                _about_milestone(
                    milestone, "milestone-without-number-or-date", f"{why}. {spotted[0].advice}"
                )
            )
        elif not _has_figure_or_date(milestone):
            findings.append(
                _about_milestone(
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
        for copies in _same_text(siblings, lambda milestone: milestone.text):
            findings += [
                _about_milestone(
                    milestone, "duplicated-milestone", "The same milestone is written twice here."
                )
                for milestone in copies[1:]
            ]
    return findings


def drafting_notes_in_document(
    document: PlanDocument, milestones: list[Milestone]
) -> list[Finding]:
    """Notes to colleagues in the vision, the sections, the commitments and their
    tables, and the milestones (whose placeholders are the milestone rule's)."""
    findings = [
        _drafting("Vision", spotted, None, "the vision")
        for spotted in unfinished_wording(document.vision)
    ]
    for section in Section.objects.filter(document=document).order_by("order"):
        where = f"Section “{_short(section.heading)}”"
        findings += [
            _drafting(where, s, section.line, "the heading")
            for s in unfinished_wording(section.heading)
        ]
        findings += [
            _drafting(where, s, section.line, "the text") for s in unfinished_wording(section.text)
        ]
    with_milestones = {m.commitment_id for m in milestones}
    for commitment in _commitments(document):
        findings += _commitment_notes(commitment, commitment.pk not in with_milestones)
    for milestone in milestones:
        findings += [
            _about_milestone(
                milestone, "drafting-note", f"{_capital(s.kind)}. {s.advice}", words=s.words
            )
            for s in drafting_notes(milestone.text)
        ]
    return findings


def _commitment_notes(commitment: Commitment, milestones_unsplit: bool) -> list[Finding]:
    where = _commitment_where(commitment)
    columns = [
        ("the commitment", commitment.text, True),
        ("“Where are we now?”", commitment.where_now, False),
        ("“Where do we want to be?”", commitment.where_to_be, False),
    ]
    if milestones_unsplit:
        # Milestones kept only as the table's words: read them here.
        columns.append(("“Key milestones”", commitment.milestones_text, False))
    return [
        _drafting(where, spotted, commitment.line, column)
        for column, text, names in columns
        for spotted in unfinished_wording(text, names=names)
    ]


def _drafting(where: str, spotted: Spotted, line: int | None, place: str) -> Finding:
    return Finding(
        "drafting-note",
        where,
        spotted.words,
        f"In {place}: {spotted.kind}. {spotted.advice}",
        line=line,
    )


def _no_document(delivery_plan: DeliveryPlan) -> Finding:
    return Finding(
        "no-plan-document",
        str(delivery_plan.plan),
        str(delivery_plan.plan),
        "Without the plan document, its milestones, commitments and sections are not checked.",
    )


# Reading the plan: one query each


def _actions(delivery_plan: DeliveryPlan) -> list[Action]:
    return list(
        Action.objects.filter(delivery_plan=delivery_plan)
        .select_related("objective__aim")
        .in_plan_order()
    )


def _objectives(delivery_plan: DeliveryPlan):
    return (
        Objective.objects.filter(aim__plan=delivery_plan.plan)
        .select_related("aim")
        .order_by("aim__number", "sort_key")
    )


def _milestones(delivery_plan: DeliveryPlan) -> list[Milestone]:
    return list(
        Milestone.objects.filter(objective__aim__plan=delivery_plan.plan)
        .select_related("objective", "commitment")
        .order_by("objective__sort_key", "line", "pk")
    )


def _commitments(document: PlanDocument) -> Iterable[Commitment]:
    return (
        Commitment.objects.filter(objective__aim__plan=document.plan)
        .select_related("objective")
        .order_by("objective__sort_key", "order")
    )


# Where things are, in words and links


def _about_action(
    action: Action, delivery_plan: DeliveryPlan, rule: str, words: str, why: str
) -> Finding:
    slug = delivery_plan.plan.partnership.slug
    return Finding(
        rule,
        f"Action {action.code} (objective {action.objective.code})",
        words,
        why,
        url=reverse("plans:action", args=[slug, action.pk]),
    )


def _about_milestone(milestone: Milestone, rule: str, why: str, words: str = "") -> Finding:
    if milestone.commitment is not None:
        where = _commitment_where(milestone.commitment, milestone.objective)
    else:
        where = f"Objective {milestone.objective.code}"
    return Finding(
        rule, f"{where}, key milestone", words or milestone.text, why, line=milestone.line
    )


def _objective_where(objective: Objective) -> str:
    return f"Aim {objective.aim.number}, objective {objective.code}"


def _commitment_where(commitment: Commitment, objective: Objective | None = None) -> str:
    objective = objective or commitment.objective
    return f"Objective {objective.code}, “We will {_short(commitment.text)}”"


def _target_where(target: Target) -> str:
    due = f" for {target.due_label or target.due}" if (target.due_label or target.due) else ""
    group = f" ({target.breakdown})" if target.breakdown else ""
    return f"Target on “{target.indicator.title}”{group}{due}"


def _target_words(target: Target) -> str:
    if target.text:
        return target.text
    if target.value is not None:
        return f"{target.indicator.format(target.value)} by {target.due_label or target.due}"
    return target.get_rule_display()


def _tree_url(delivery_plan: DeliveryPlan, aim_number: int) -> str:
    slug = delivery_plan.plan.partnership.slug
    return reverse("plans:tree", args=[slug, delivery_plan.year.slug]) + f"#aim-{aim_number}"


def _has_figure_or_date(milestone: Milestone) -> bool:
    if milestone.due is not None or milestone.value is not None:
        return True
    return has_figure_or_date(milestone.text)


def _same_text(items: list, text_of) -> list[list]:
    """Groups of two or more items whose words are the same, in the order given."""
    groups: dict[str, list] = defaultdict(list)
    for item in items:
        if key := normalised(text_of(item)):
            groups[key].append(item)
    return [group for group in groups.values() if len(group) > 1]


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHORT else text[: _SHORT - 1].rstrip() + "…"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def delivery_plan_to_check(partnership, year: FinancialYear | None = None) -> DeliveryPlan | None:
    """The partnership's delivery plan for a year, or its latest, drafts included: a
    draft is exactly what is checked before it is approved and published."""
    plans = DeliveryPlan.objects.filter(plan__partnership=partnership).select_related(
        "plan__partnership__area"
    )
    if year is not None:
        plans = plans.filter(year_start=year.start)
    return plans.order_by("-year_start").first()
