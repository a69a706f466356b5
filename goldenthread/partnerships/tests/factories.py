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
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"Person{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def member(partnership, role: str = Role.VIEWER, **user_fields):
    """A user with a role in the partnership."""
    user = UserFactory(**user_fields)
    Membership.objects.create(user=user, partnership=partnership, role=role)
    return user
