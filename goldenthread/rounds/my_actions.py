"""A lead's own actions, and updating them all in one sitting."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from goldenthread.people.models import Person
from goldenthread.plans.models import Action, ActionUpdate, DeliveryPlan
from goldenthread.plans.services import add_update

from .forms import ActionUpdateRow
from .models import CLOSED_STATUSES, UpdateRound


def my_actions(
    person: Person, delivery_plan: DeliveryPlan | None, update_round: UpdateRound | None
):
    """The person's actions in the round, or else the delivery plan's still open ones,
    each with ``last_update_on`` and (in a round) ``updated_in_round``."""
    if update_round is not None:
        actions = update_round.round_actions()
    elif delivery_plan is not None:
        actions = (
            delivery_plan.actions.exclude(status__in=CLOSED_STATUSES)
            .annotate(last_update_on=Max("updates__date"))
            .order_by("sort_key")
        )
    else:
        return Action.objects.none()
    return actions.led_by(person).select_related(
        "lead_person", "lead_organisation", "delivery_plan"
    )


class NothingToSave(ValueError):
    """Every row was left blank."""


def save_updates(rows: list[ActionUpdateRow], *, by) -> list[ActionUpdate]:
    """Add an update for every filled-in row, all or none.

    Each is checked against the version the person opened, so if any action changed
    meanwhile ``EditConflict`` is raised and nothing is saved.
    """
    filled = [row for row in rows if not row.is_blank]
    if not filled:
        raise NothingToSave("Enter an update for at least one of your actions.")
    with transaction.atomic():
        return [
            add_update(
                row.action,
                by=by,
                status=row.cleaned_data["status"],
                confidence=row.cleaned_data["confidence"],
                commentary=row.cleaned_data["commentary"].strip(),
                evidence_url=row.cleaned_data["evidence_url"],
                expected_version=row.cleaned_data["version"],
            )
            for row in filled
        ]
