"""Filtering a delivery plan's actions by who leads them, for the plan tree.

A choice names a lead person, a lead organisation, or a lead as the plan writes it
(for actions imported with words and no one linked yet); each is a value of the one
select, such as ``person-12``. A person's actions are those ``ActionQuerySet.led_by``
gives (their own, and their organisations' with no lead person named), the same rule as
"my actions"; an organisation's are those it is named on as lead organisation.
"""

from __future__ import annotations

from goldenthread.people.models import Organisation, Person

from .models import ActionQuerySet

PERSON, ORGANISATION, WORDS = "person", "organisation", "words"

Choices = list[tuple[str, str] | tuple[str, list[tuple[str, str]]]]


def lead_choices(actions: ActionQuerySet) -> Choices:
    """The leads of these actions, grouped: people, organisations, then words."""
    people = Person.objects.filter(led_actions__in=actions).distinct().order_by("name")
    organisations = Organisation.objects.filter(led_actions__in=actions).distinct().order_by("name")
    words = (
        actions.filter(lead_person=None, lead_organisation=None)
        .exclude(lead="")
        .order_by("lead")
        .values_list("lead", flat=True)
        .distinct()
    )
    groups = [
        ("People", [(f"{PERSON}-{p.pk}", p.name) for p in people]),
        ("Organisations", [(f"{ORGANISATION}-{o.pk}", o.name) for o in organisations]),
        ("As the plan writes it", [(f"{WORDS}-{lead}", lead) for lead in words]),
    ]
    return [(label, options) for label, options in groups if options]


def led_by_choice(actions: ActionQuerySet, choice: str) -> ActionQuerySet:
    """The actions led by the chosen lead; none for a choice that names no one."""
    kind, _, value = choice.partition("-")
    if kind == WORDS:
        return actions.with_lead_named(value)
    if not value.isdigit():
        return actions.none()
    if kind == PERSON:
        person = Person.objects.filter(pk=value).first()
        return actions.led_by(person) if person else actions.none()
    if kind == ORGANISATION:
        return actions.filter(lead_organisation_id=value)
    return actions.none()
