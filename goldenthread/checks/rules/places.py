"""Where a finding is, in words and links, and the small text helpers the rules share."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TypeVar

from django.urls import reverse

from goldenthread.indicators.models import Target
from goldenthread.plans.models import Action, DeliveryPlan, Objective
from goldenthread.strategy.models import Commitment, Milestone, PlanDocument

from ..findings import Finding
from ..wording import Spotted, normalised

_SHORT = 60
T = TypeVar("T")


def about_action(
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


def about_milestone(milestone: Milestone, rule: str, why: str, words: str = "") -> Finding:
    if milestone.commitment is not None:
        where = commitment_where(milestone.commitment, milestone.objective)
    else:
        where = f"Objective {milestone.objective.code}"
    slug = milestone.objective.aim.plan.partnership.slug
    url = reverse("strategy:document", args=[slug]) + f"#objective-{milestone.objective.code}"
    return Finding(
        rule, f"{where}, key milestone", words or milestone.text, why, url=url, line=milestone.line
    )


def drafting(where: str, spotted: Spotted, line: int | None, place: str, url: str = "") -> Finding:
    return Finding(
        "drafting-note",
        where,
        spotted.words,
        f"In {place}: {spotted.kind}. {spotted.advice}",
        url=url,
        line=line,
    )


def objective_where(objective: Objective) -> str:
    return f"Aim {objective.aim.number}, objective {objective.code}"


def commitment_where(commitment: Commitment, objective: Objective | None = None) -> str:
    objective = objective or commitment.objective
    return f"Objective {objective.code}, “We will {short(commitment.text)}”"


def target_where(target: Target) -> str:
    due = f" for {due_words(target)}" if due_words(target) else ""
    group = f" ({target.breakdown})" if target.breakdown else ""
    return f"Target on “{target.indicator.title}”{group}{due}"


def target_words(target: Target) -> str:
    if target.text:
        return target.text
    if target.value is not None:
        return f"{target.indicator.format(target.value)} by {due_words(target)}"
    return target.get_rule_display()


def due_words(target: Target) -> str:
    """When a target is due, as the plan writes it where it does: "September 2014"."""
    if target.due_label:
        return target.due_label
    return f"{target.due:%-d %B %Y}" if target.due else ""


def tree_url(delivery_plan: DeliveryPlan, aim_number: int) -> str:
    slug = delivery_plan.plan.partnership.slug
    return reverse("plans:tree", args=[slug, delivery_plan.year.slug]) + f"#aim-{aim_number}"


def document_url(document: PlanDocument, anchor: str = "") -> str:
    """The plan document's page, at one of its parts ("document-control", "section-3")."""
    url = reverse("strategy:document", args=[document.plan.partnership.slug])
    return f"{url}#{anchor}" if anchor else url


def same_text(items: list[T], text_of: Callable[[T], str]) -> list[list[T]]:
    """Groups of two or more items whose words are the same, in the order given."""
    groups: dict[str, list[T]] = defaultdict(list)
    for item in items:
        if key := normalised(text_of(item)):
            groups[key].append(item)
    return [group for group in groups.values() if len(group) > 1]


def short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHORT else text[: _SHORT - 1].rstrip() + "…"


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]
