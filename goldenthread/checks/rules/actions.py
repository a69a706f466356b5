"""Rules on the year's delivery actions."""

from __future__ import annotations

from goldenthread.plans.models import Action, DeliveryPlan

from ..findings import Finding
from ..wording import unfinished_wording
from .places import about_action, same_text


def actions_without_measure(actions: list[Action], delivery_plan: DeliveryPlan) -> list[Finding]:
    """An action with no measure cannot be shown to be done."""
    return [
        about_action(
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
        about_action(
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
    for copies in same_text(actions, lambda action: action.text):
        first = copies[0]
        for action in copies[1:]:
            findings.append(
                about_action(
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
                about_action(
                    action,
                    delivery_plan,
                    "drafting-note",
                    spotted.words,
                    f"In the {field}: {spotted.kind}. {spotted.advice}",
                )
                for spotted in unfinished_wording(text, names=field == "action")
            ]
    return findings
