"""A partnership's manager importing a Fingertips export adds values for their own area,
but a national indicator's definition is shared by every partnership: their file leaves
a known indicator's comparison, polarity and population as they were. A site
administrator's (or the command line's) file still teaches them (issue 18)."""

from __future__ import annotations

import random

import pytest

from goldenthread.areas.models import Area
from goldenthread.indicators.fingertips.importing import import_fingertips
from goldenthread.indicators.models import Comparison, DataPoint, Indicator, Polarity
from goldenthread.indicators.tests.test_fingertips_quick_way import row, write
from goldenthread.partnerships.models import Role
from goldenthread.partnerships.tests.factories import PartnershipFactory, UserFactory, member

pytestmark = pytest.mark.django_db

ENGLAND = ("E92000001", "England", "", "England")
REGION = ("E12000001", "Region 1", "E92000001", "Region")
AUTHORITY = ("E06000001", "Authority 1", "E12000001", "County & UA")


def export(tmp_path, places, name="export.csv"):
    """Indicator 90002, a rate Fingertips judges Better or Worse than England."""
    rng = random.Random(2)
    rows = [row(rng, "90002", *place, year, "Persons") for place in places for year in (2013, 2014)]
    return write(tmp_path / name, rows)


@pytest.fixture
def known(tmp_path) -> Indicator:
    """The indicator as a national import made it, then defined otherwise by hand."""
    import_fingertips([export(tmp_path, [ENGLAND, REGION, AUTHORITY], "national.csv")])
    indicator = Indicator.objects.get(external_id="90002")
    indicator.comparison, indicator.polarity = Comparison.CI998, Polarity.NO_JUDGEMENT
    indicator.save()
    return indicator


@pytest.fixture
def authoritys_manager():
    return member(PartnershipFactory(area=Area.objects.get(code="E06000001")), Role.MANAGER)


def definition(indicator: Indicator) -> tuple:
    indicator.refresh_from_db()
    return indicator.comparison, indicator.polarity, indicator.sex, indicator.age


def test_a_managers_file_adds_values_but_leaves_the_definition(known, authoritys_manager, tmp_path):
    before = definition(known)
    DataPoint.objects.filter(area__code="E06000001").delete()

    import_fingertips([export(tmp_path, [AUTHORITY])], user=authoritys_manager)

    assert definition(known) == before
    assert DataPoint.objects.filter(indicator=known, area__code="E06000001").count() == 2


def test_a_site_administrators_file_still_teaches_it(known, tmp_path):
    administrator = UserFactory(is_superuser=True)

    import_fingertips([export(tmp_path, [ENGLAND, AUTHORITY])], user=administrator)

    assert definition(known)[0] == Comparison.CI95  # its judgements are against 95% limits
