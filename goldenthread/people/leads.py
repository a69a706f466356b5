"""Who leads an action, and which actions a person leads."""

from __future__ import annotations

from django.db.models import Q

from goldenthread.plans.models import Action, ActionQuerySet, Via
from goldenthread.plans.services import apply_changes

from .models import Organisation, Person


def set_lead(
    action: Action,
    *,
    person: Person | None,
    organisation: Organisation | None,
    by,
    expected_version: int | None,
    via: str = Via.WEB,
) -> list:
    """Set an action's lead person and organisation, recorded like any change to it."""
    partnership = action.delivery_plan.plan.partnership
    for lead in (person, organisation):
        if lead is not None and lead.partnership_id != partnership.pk:
            raise ValueError(f"{lead} is not in {partnership}.")
    return apply_changes(
        action,
        {"lead_person": person, "lead_organisation": organisation},
        by=by,
        via=via,
        expected_version=expected_version,
    )


def actions_led_by(person: Person, actions: ActionQuerySet | None = None) -> ActionQuerySet:
    """Actions the person leads, or their organisation leads with no lead person named."""
    actions = actions if actions is not None else Action.objects.all()
    return actions.filter(
        Q(lead_person=person)
        | Q(lead_person__isnull=True, lead_organisation__in=person.organisations.all())
    )


def leads_action(user, action: Action) -> bool:
    """Does the user lead the action, in person or through one of their organisations?"""
    if not user.is_authenticated:
        return False
    if action.lead_person_id is not None and action.lead_person.user_id == user.pk:
        return True
    return (
        action.lead_organisation_id is not None
        and Person.objects.filter(user=user, organisations=action.lead_organisation_id).exists()
    )


def actions_updatable_by(user, partnership, actions: ActionQuerySet) -> ActionQuerySet:
    """The actions a contributor may update: those they or their organisations lead."""
    people = Person.objects.filter(user=user, partnership=partnership)
    return actions.filter(
        Q(lead_person__in=people) | Q(lead_organisation__people__in=people)
    ).distinct()


def person_for(user, partnership) -> Person | None:
    """The Person a signed-in user is in this partnership, if a manager linked them."""
    if not user.is_authenticated:
        return None
    return Person.objects.filter(user=user, partnership=partnership).first()
