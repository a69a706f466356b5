"""An owner's indicators in a round, and entering all their values in one sitting."""

from __future__ import annotations

from django.db import transaction

from goldenthread.people.models import Person

from .forms import ValueRow
from .models import RoundValue, UpdateRound
from .my_actions import NothingToSave
from .values import commentary_for, enter_value, save_commentary


def my_values(person: Person, update_round: UpdateRound) -> list[RoundValue]:
    """The values the round asks of this person, in indicator order."""
    return list(
        update_round.values.filter(owner=person).select_related(
            "indicator", "period", "update_round__delivery_plan__plan__partnership"
        )
    )


def value_rows(values: list[RoundValue], data) -> list[ValueRow]:
    commentary = commentary_for(values)
    return [ValueRow(data, asked=v, commentary=commentary.get(v.pk)) for v in values]


def save_values(rows: list[ValueRow], *, by) -> list[RoundValue]:
    """Enter every filled-in row's value and save its commentary, all or none; return
    the values entered. ``EditConflict`` if any changed since the page was read."""
    filled = [row for row in rows if not row.is_blank]
    if not filled:
        raise NothingToSave("Enter the value of at least one of your indicators.")
    entered = []
    with transaction.atomic():
        for row in filled:
            data = row.cleaned_data
            if row.has_value:
                entered.append(
                    enter_value(
                        row.asked,
                        value=data["value"],
                        numerator=data.get("numerator"),
                        denominator=data.get("denominator"),
                        by=by,
                        expected_version=data["version"],
                    )
                )
            save_commentary(
                row.asked, row.texts(), by=by, expected_version=data["commentary_version"]
            )
    return entered
