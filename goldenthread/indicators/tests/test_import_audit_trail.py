"""An import's entry is in the trail of the partnerships whose values it changed, and
no other; an import of no partnership's values is in the site administrators' only."""

from __future__ import annotations

import io

from django.core.management import call_command

from goldenthread.audit.models import AuditEntry
from goldenthread.indicators.models import DataPoint, Period
from goldenthread.indicators.tests.world import build_areas, make_indicator, row, write_values
from goldenthread.lib.periods import Period as PeriodValue
from goldenthread.partnerships.tests.factories import PartnershipFactory


def imported(name: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(object_pk=name).order_by("partnership_id"))


def test_an_import_is_in_the_trails_of_the_partnerships_whose_values_it_changed(
    partnership, tmp_path
):
    areas = build_areas()
    partnership.area = areas["thurrock"]
    partnership.save()
    neighbour = PartnershipFactory(name="Neighbour", slug="neighbour", area=areas["E08000001"])
    regional = PartnershipFactory(name="Region", slug="region", area=areas["region"])
    elsewhere = PartnershipFactory(name="Elsewhere", slug="elsewhere")
    make_indicator()

    values = write_values(tmp_path / "thurrock.csv", [row(), row(period="2014/15")])
    call_command("import_data", str(values), stdout=io.StringIO(), stderr=io.StringIO())

    entries = imported("thurrock.csv")
    # Thurrock's values are Thurrock's news, and the region's that Thurrock lies in.
    assert {e.partnership_id for e in entries} == {partnership.pk, regional.pk}
    assert all(e.changes["added"] == [None, 2] for e in entries)
    for trail_of, sees in [(partnership, True), (regional, True), (neighbour, False)]:
        trail = AuditEntry.objects.for_partnership(trail_of).filter(object_pk="thurrock.csv")
        assert trail.exists() == sees, trail_of
    assert not AuditEntry.objects.for_partnership(elsewhere).filter(object_pk="thurrock.csv")

    england = write_values(tmp_path / "england.csv", [row(area="E92000001")])
    call_command("import_data", str(england), stdout=io.StringIO(), stderr=io.StringIO())
    [entry] = imported("england.csv")
    assert entry.partnership_id is None  # the site administrators' trail
    for trail_of in [partnership, neighbour, regional, elsewhere]:
        assert not AuditEntry.objects.for_partnership(trail_of).filter(object_pk="england.csv")


def test_shared_statistics_changed_one_by_one_are_still_in_every_trail(partnership, areas, ks2):
    point = DataPoint.objects.create(
        indicator=ks2,
        area=areas["england"],
        period=Period.stored(PeriodValue.financial_year(2014)),
        value=70,
    )
    assert AuditEntry.objects.for_partnership(partnership).filter(object_pk=str(point.pk))
    other = PartnershipFactory(name="Elsewhere", slug="elsewhere")
    assert AuditEntry.objects.for_partnership(other).filter(object_pk=str(point.pk))
