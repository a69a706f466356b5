"""Places for tests."""

import factory

from goldenthread.areas.models import Area


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"E06{n:06d}")
    name = factory.Sequence(lambda n: f"Borough {n}")
    kind = Area.Kind.LOCAL_AUTHORITY
