"""A small named world for tests: build plan trees in code, not fixtures."""

import factory

from goldenthread.partnerships.tests.factories import PartnershipFactory
from goldenthread.plans.models import Action, Aim, DeliveryPlan, Objective, Plan


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    partnership = factory.SubFactory(PartnershipFactory)
    title = "Children and Young People's Plan 2013–2016"
    start_year = 2013
    end_year = 2016
    visibility = factory.SelfAttribute("partnership.visibility")


class AimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aim

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Aim {n + 1}")


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    aim = factory.SubFactory(AimFactory)
    code = factory.LazyAttribute(lambda o: f"{o.aim.number}.1")
    title = "Provide outstanding services"


class DeliveryPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeliveryPlan

    plan = factory.SubFactory(PlanFactory)
    year_start = 2014


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    objective = factory.SubFactory(ObjectiveFactory)
    delivery_plan = factory.LazyAttribute(
        lambda o: DeliveryPlan.objects.get_or_create(plan=o.objective.aim.plan, year_start=2014)[0]
    )
    code = factory.Sequence(lambda n: f"1.{11 + n}")
    text = factory.Sequence(lambda n: f"Receive a report on service {n}")
    measure = "Progress report"
    lead = "Head of Children's Social Care"


def make_lead(action: Action, user, *, organisation=None) -> Action:
    """Make ``user`` the action's lead in person (or through ``organisation``), as a
    manager would on the People page; the action's version is left as it was."""
    from goldenthread.people.models import Organisation, Person, Sector

    partnership = action.delivery_plan.plan.partnership
    person, _ = Person.objects.get_or_create(
        partnership=partnership,
        user=user,
        defaults={
            "name": user.get_full_name() or user.username,
            "email": f"{user.username}@example.org",
        },
    )
    if organisation is not None:
        organisation, _ = Organisation.objects.get_or_create(
            partnership=partnership, name=organisation, defaults={"sector": Sector.COUNCIL}
        )
        person.organisations.add(organisation)
        Action.objects.filter(pk=action.pk).update(lead_organisation=organisation)
    else:
        Action.objects.filter(pk=action.pk).update(lead_person=person)
    action.refresh_from_db()
    return action
