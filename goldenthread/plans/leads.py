"""Filtering a delivery plan's actions by who leads them, for the plan tree.

A choice names a lead person, a lead organisation, or a lead as the plan writes it
(for actions imported with words and no one linked yet); each is a value of the one
select, such as ``person-12``. A person's actions are those ``ActionQuerySet.led_by``
gives (their own, and their organisations' with no lead person named), the same rule as
"my actions"; an organisation's are those it is named on as lead organisation.

A lead an import reads in words is linked to the person or organisation it names by one
rule, ``LeadsByName``.
"""

from __future__ import annotations

from goldenthread.people.models import Organisation, Person

from .models import Action, ActionQuerySet

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


def _plain(words: str) -> str:
    return " ".join(words.split()).casefold()


def names_the_lead_of(words: str, action: Action) -> bool:
    """Whether the words name the action's lead as it stands: as the plan writes it, or as
    ``lead_name`` and ``lead_in_full`` show it (an export's words). Read ``with_leads()``."""
    if not action.names_a_lead:
        return False
    return _plain(words) in {
        _plain(action.lead),
        _plain(action.lead_name),
        _plain(action.lead_in_full),
    }


class LeadsByName:
    """A partnership's people and organisations by name, read once, to link a lead that a
    plan, report or tracker writes in words.

    Words name a lead when they are, ignoring case and spacing, the name of exactly one
    person or organisation of the partnership; or a person's name and an organisation's
    with a comma between ("Nina Patel, CCG", as ``Action.lead_in_full`` writes them). A
    name that two people (or a person and an organisation) share names no one in
    particular, so nothing is linked.
    """

    def __init__(self, partnership) -> None:
        self.people: dict[str, list[Person]] = {}
        self.organisations: dict[str, list[Organisation]] = {}
        for person in Person.objects.filter(partnership=partnership):
            self.people.setdefault(_plain(person.name), []).append(person)
        for organisation in Organisation.objects.filter(partnership=partnership):
            self.organisations.setdefault(_plain(organisation.name), []).append(organisation)

    def lead_named(self, words: str) -> tuple[Person | None, Organisation | None]:
        """The person and organisation the words name, each None where they name none."""
        plain = _plain(words)
        people, organisations = self.people.get(plain, []), self.organisations.get(plain, [])
        if len(people) + len(organisations) == 1:
            return (people or [None])[0], (organisations or [None])[0]
        name, comma, rest = plain.rpartition(",")
        if people or organisations or not comma:
            return None, None
        people, organisations = (
            self.people.get(name.strip(), []),
            self.organisations.get(rest.strip(), []),
        )
        if len(people) == 1 and len(organisations) == 1:
            return people[0], organisations[0]
        return None, None

    def how_many_named(self, words: str) -> int:
        """How many people and organisations bear exactly this name: more than one is worth
        saying, since then nothing is linked."""
        plain = _plain(words)
        return len(self.people.get(plain, [])) + len(self.organisations.get(plain, []))
