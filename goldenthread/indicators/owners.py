"""Who owns each indicator in a partnership: names them, and reads them.

An owner answers for an indicator: enters its values when an update round asks, and
writes its commentary. Indicators are shared, so each partnership names its own
(``IndicatorOwner``). Every change is saved through the model, so the audit trail records
who was named, replaced or removed, by whom; a change made against an owner that someone
else has changed since the page was read is refused, and nothing is saved.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet

from goldenthread.partnerships.models import Partnership
from goldenthread.people.models import Person
from goldenthread.plans.models import DeliveryPlan

from .models import Indicator, IndicatorOwner


class OwnerConflict(ValueError):
    """An owner changed after the manager read them: ``indicator`` names which."""

    def __init__(self, indicator: Indicator, now: Person | None) -> None:
        self.indicator = indicator
        who = now.name if now else "nobody"
        super().__init__(
            f"The owner of {indicator.title} was changed by someone else after you opened "
            f"the page: it is now {who}. Nothing was saved: check the owners shown and save again."
        )


def plan_indicators(delivery_plan: DeliveryPlan) -> QuerySet[Indicator]:
    """The indicators linked to a delivery plan: to its plan's objectives or to the
    year's actions; those retired before the year began are left out."""
    linked = Q(objectives__aim__plan=delivery_plan.plan_id) | Q(
        actions__delivery_plan=delivery_plan
    )
    return (
        Indicator.objects.filter(linked)
        .in_use_on(delivery_plan.year.first_day)
        .distinct()
        .order_by("code")
    )


def owners_of(partnership: Partnership, indicators) -> dict[int, Person]:
    """Each indicator's owner in the partnership, by indicator id (none: left out)."""
    return {
        owner.indicator_id: owner.person
        for owner in IndicatorOwner.objects.filter(
            partnership=partnership, indicator__in=indicators
        ).select_related("person")
    }


@dataclass(frozen=True)
class OwnerChoice:
    """A manager's choice of owner for one indicator, and the owner they saw when they
    chose (so that a change made meanwhile is not silently overwritten)."""

    indicator: Indicator
    person: Person | None
    was: int | None  # the id of the owner the page showed; None for no owner


def set_owners(partnership: Partnership, choices: list[OwnerChoice]) -> int:
    """Name, replace or remove owners, all or none; return how many changed.

    Raises OwnerConflict if any owner is no longer the one the manager saw, and
    ValueError if a person is not the partnership's.
    """
    changed = 0
    with transaction.atomic():
        current = {
            owner.indicator_id: owner
            for owner in IndicatorOwner.objects.select_for_update().filter(
                partnership=partnership, indicator__in=[c.indicator for c in choices]
            )
        }
        for choice in choices:
            owner = current.get(choice.indicator.pk)
            now = owner.person_id if owner else None
            chosen = choice.person.pk if choice.person else None
            if chosen == now:
                continue
            if now != choice.was:
                raise OwnerConflict(choice.indicator, owner.person if owner else None)
            if choice.person is not None and choice.person.partnership_id != partnership.pk:
                raise ValueError(f"{choice.person.name} is not in {partnership.name}.")
            _save(partnership, choice, owner)
            changed += 1
    return changed


def _save(partnership: Partnership, choice: OwnerChoice, owner: IndicatorOwner | None) -> None:
    # Through save() and delete(): the audit trail records each change.
    if choice.person is None:
        assert owner is not None
        owner.delete()
    elif owner is None:
        IndicatorOwner.objects.create(
            partnership=partnership, indicator=choice.indicator, person=choice.person
        )
    else:
        owner.person = choice.person
        owner.save()


def link_named_owners(partnership: Partnership) -> list[IndicatorOwner]:
    """Name as owner the person an indicator's definition gives as its owner (its
    ``owner`` text), where that is the name or email address of exactly one current
    person in the partnership and no owner is named yet. Other words (a team, a post)
    are left for a manager to resolve."""
    people: dict[str, list[Person]] = {}
    for person in Person.objects.filter(partnership=partnership).current():
        for key in {person.name.casefold().strip(), person.email.casefold().strip()}:
            people.setdefault(key, []).append(person)
    owned = set(
        IndicatorOwner.objects.filter(partnership=partnership).values_list(
            "indicator_id", flat=True
        )
    )
    linked = []
    with transaction.atomic():
        for indicator in Indicator.objects.exclude(owner="").exclude(pk__in=owned):
            found = people.get(" ".join(indicator.owner.split()).casefold(), [])
            if len(found) == 1:
                linked.append(
                    IndicatorOwner.objects.create(
                        partnership=partnership, indicator=indicator, person=found[0]
                    )
                )
    return linked
