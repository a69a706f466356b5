"""Partnerships and people with roles in them, for every app's tests."""

import factory
from django.contrib.auth import get_user_model

from goldenthread.areas.tests.factories import AreaFactory
from goldenthread.partnerships.models import Membership, Partnership, Role, Visibility


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Partnership {n}")
    slug = factory.Sequence(lambda n: f"partnership-{n}")
    area = factory.SubFactory(AreaFactory)
    visibility = Visibility.PARTNERS


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"Person{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    # Hashed before the one save, not set and saved again: half the writes and audit
    # entries of every account a test makes.
    password = factory.django.Password("correct horse battery")


def member(partnership, role: str = Role.VIEWER, **user_fields):
    """A user with a role in the partnership."""
    user = UserFactory(**user_fields)
    Membership.objects.create(user=user, partnership=partnership, role=role)
    return user
