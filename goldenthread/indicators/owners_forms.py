"""The form a manager names each of a plan's indicators' owners on: one select each."""

from __future__ import annotations

from django import forms

from goldenthread.people.models import Person

from .models import Indicator
from .owners import OwnerChoice

NO_OWNER = ""


class OwnersForm(forms.Form):
    """A select of the partnership's current people for each indicator, and, hidden,
    the owner the page showed (to refuse saving over someone else's change)."""

    def __init__(
        self,
        *args,
        indicators: list[Indicator],
        people: list[Person],
        owners: dict[int, Person],
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.indicators, self.people = indicators, {p.pk: p for p in people}
        choices = [(NO_OWNER, "No owner yet"), *((p.pk, _label(p)) for p in people)]
        for indicator in indicators:
            owner = owners.get(indicator.pk)
            if owner is not None and owner.pk not in self.people:  # left the partnership
                self.people[owner.pk] = owner
                choices.append((owner.pk, f"{_label(owner)} (left)"))
            self.fields[f"owner-{indicator.pk}"] = forms.TypedChoiceField(
                label=f"Owner of {indicator.title}",
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=owner.pk if owner else NO_OWNER,
                error_messages={
                    "invalid_choice": f"Choose the owner of {indicator.title} from the list"
                },
            )
            self.fields[f"was-{indicator.pk}"] = forms.TypedChoiceField(
                choices=[(NO_OWNER, ""), *((pk, "") for pk in self.people)],
                coerce=int,
                empty_value=None,
                required=False,
                initial=owner.pk if owner else NO_OWNER,
                widget=forms.HiddenInput,
            )

    def rows(self) -> list[tuple[Indicator, forms.BoundField, forms.BoundField]]:
        return [(i, self[f"owner-{i.pk}"], self[f"was-{i.pk}"]) for i in self.indicators]

    def choices(self) -> list[OwnerChoice]:
        data = self.cleaned_data
        return [
            OwnerChoice(
                indicator=i,
                person=self.people.get(data[f"owner-{i.pk}"]),
                was=data[f"was-{i.pk}"],
            )
            for i in self.indicators
        ]


def _label(person: Person) -> str:
    return f"{person.name}, {person.job_title}" if person.job_title else person.name
