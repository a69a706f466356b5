"""The data version: every recorded change moves it on, in the change's transaction."""

from __future__ import annotations

import pytest
from django.db import transaction

from goldenthread.audit.data_versions import data_version
from goldenthread.indicators.models import DataPoint, Period
from goldenthread.partnerships.models import Partnership, Visibility
from goldenthread.partnerships.tests.factories import PartnershipFactory


@pytest.fixture
def elsewhere(db):
    return PartnershipFactory(name="Elsewhere", slug="elsewhere")


def test_a_change_to_a_partnerships_plan_moves_its_version_and_no_other(action, elsewhere):
    partnership = action.delivery_plan.plan.partnership
    before, theirs = data_version(partnership), data_version(elsewhere)
    action.text = "Renamed"
    action.save()
    assert data_version(partnership) != before
    assert data_version(elsewhere) == theirs


def test_every_change_gives_a_new_version_even_within_one_transaction(action):
    partnership = action.delivery_plan.plan.partnership
    seen = {data_version(partnership)}
    with transaction.atomic():
        for title in ("One", "Two", "Three"):
            action.text = title
            action.save()
            seen.add(data_version(partnership))
    assert len(seen) == 4


def test_a_value_moves_every_partnerships_version(ks2, areas, partnership, elsewhere):
    before = data_version(partnership), data_version(elsewhere)
    period = Period.stored(ks2.parse_period("2014/15"))
    DataPoint.objects.create(indicator=ks2, area=areas["england"], period=period, value=61)
    after = data_version(partnership), data_version(elsewhere)
    assert after[0] != before[0] and after[1] != before[1]


def test_visibility_is_a_change_of_the_partnership(partnership, elsewhere):
    before, theirs = data_version(partnership), data_version(elsewhere)
    partnership.visibility = Visibility.PARTNERS
    partnership.save()
    assert data_version(partnership) != before
    assert data_version(elsewhere) == theirs


def test_a_change_rolled_back_leaves_the_version(action):
    partnership = action.delivery_plan.plan.partnership
    before = data_version(partnership)
    with pytest.raises(RuntimeError), transaction.atomic():
        action.text = "Never saved"
        action.save()
        raise RuntimeError
    assert data_version(Partnership.objects.get(pk=partnership.pk)) == before
