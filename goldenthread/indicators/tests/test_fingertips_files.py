"""Fingertips exports written here, small, for what the shared ones do not show: every
period spelling, names with line breaks, breakdowns with values, Better and Worse, and
every kind of bad input, which is named by file, row and column and writes nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from goldenthread.areas.models import (
    DFE_STATISTICAL_NEIGHBOURS,
    Area,
    Neighbour,
    NeighbourSet,
)
from goldenthread.conftest import THURROCK
from goldenthread.indicators.fingertips.columns import HEADINGS
from goldenthread.indicators.fingertips.importing import import_fingertips, is_export
from goldenthread.indicators.fingertips.metadata import IndicatorMetadata
from goldenthread.indicators.importers.tables import TableError
from goldenthread.indicators.models import (
    TOTAL,
    Comparison,
    DataPoint,
    Indicator,
    Polarity,
    Unit,
)
from goldenthread.indicators.standings import refresh_standings
from goldenthread.lib.periods import PeriodKind
from goldenthread.partnerships.models import Role
from goldenthread.partnerships.tests.factories import PartnershipFactory, member

HEADER = [h for name, h in HEADINGS.items() if name != "period_range"]


def limits(lower: object, upper: object) -> dict[str, str]:
    return {"Lower CI 95.0 limit": str(lower), "Upper CI 95.0 limit": str(upper)}


def export_row(**cells: object) -> dict[str, str]:
    """A row of an export: England's, unless told otherwise."""
    row = {
        "Indicator ID": "93000",
        "Indicator Name": "Children in care: rate per 10,000",
        "Parent Code": "",
        "Parent Name": "",
        "Area Code": "E92000001",
        "Area Name": "England",
        "Area Type": "England",
        "Sex": "Persons",
        "Age": "<18 yrs",
        "Time period": "2015/16",
        "Value": "60",
        "Lower CI 95.0 limit": "59",
        "Upper CI 95.0 limit": "61",
        "Count": "60000",
        "Denominator": "10000000",
    }
    return row | {key.replace("_", " "): str(value) for key, value in cells.items()}


def authority(code: str = "E06000034", name: str = "Thurrock", **cells) -> dict[str, str]:
    return export_row(
        **{
            "Parent Code": "E12000006",
            "Parent Name": "East of England region",
            "Area Code": code,
            "Area Name": name,
            "Area Type": "County & UA",
        }
        | cells
    )


def region(**cells) -> dict[str, str]:
    return export_row(
        **{
            "Parent Code": "E92000001",
            "Parent Name": "England",
            "Area Code": "E12000006",
            "Area Name": "East of England region",
            "Area Type": "Region",
        }
        | cells
    )


def write(path: Path, rows: list[dict], header: list[str] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, header, lineterminator="\r\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def nothing_written() -> bool:
    return not (
        DataPoint.objects.exists()
        or Indicator.objects.exists()
        or Area.objects.filter(code__in=["E92000001", "E06000034"]).exists()
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("written", "kind", "shown"),
    [
        ("2015", PeriodKind.CALENDAR_YEAR, "Jan to Dec 2015"),
        ("2015/16", PeriodKind.FINANCIAL_YEAR, "2015/16"),
        ("2013 - 15", PeriodKind.POOLED_YEARS, "2013 - 15"),
        ("2012/13 - 14/15", PeriodKind.POOLED_FINANCIAL, "2012/13 - 14/15"),
        ("2015/16 Q2", PeriodKind.QUARTER, "Q2 2015/16"),
        ("March 2016", PeriodKind.MONTH, "March 2016"),
    ],
)
def test_every_spelling_of_a_period_is_read(tmp_path, written, kind, shown):
    import_fingertips([write(tmp_path / "e.csv", [export_row(Time_period=written)])])
    point = DataPoint.objects.get()
    assert point.indicator.period_type == kind
    assert str(point.period.value) == shown


@pytest.mark.django_db
def test_an_academic_year_is_read_as_the_metadata_says(tmp_path):
    metadata = {"93000": IndicatorMetadata("93000", period_type=PeriodKind.ACADEMIC_YEAR)}
    import_fingertips([write(tmp_path / "e.csv", [export_row()])], metadata=metadata)
    period = DataPoint.objects.get().period
    assert (period.kind, period.start.month) == (PeriodKind.ACADEMIC_YEAR, 9)


@pytest.mark.django_db
def test_line_breaks_in_names_crlf_and_the_time_period_range_column(tmp_path):
    name = "Children in care:\r\nrate per 10,000"
    rows = [export_row(Indicator_Name=name, **{"Time period range": "1y"})]
    path = write(tmp_path / "e.csv", rows, [*HEADER, "Time period range"])
    assert b'"Children in care:\r\nrate per 10,000"' in path.read_bytes()
    assert is_export(path)
    import_fingertips([path])
    indicator = Indicator.objects.get()
    assert indicator.title == "Children in care: rate per 10,000"
    assert (indicator.unit, indicator.per, indicator.external_id) == (Unit.RATE, 10_000, "93000")


@pytest.mark.django_db
def test_sexes_ages_and_deciles_are_breakdowns(tmp_path):
    rows = [
        export_row(),
        export_row(
            Sex="Female", Value="55", Count="27500", Denominator="5000000", **limits(54, 56)
        ),
        export_row(Age="10-15 yrs", Value="50", **limits(49, 51)),
        export_row(
            Category_Type="County & UA deprivation deciles in England (IMD2019, 4/21 geography)",
            Category="Most deprived decile (IMD2019)",
            Value="90",
            **limits("", ""),
        ),
    ]
    import_fingertips([write(tmp_path / "e.csv", rows)])
    breakdowns = dict(DataPoint.objects.values_list("breakdown", "value"))
    assert breakdowns == {
        TOTAL: 60,
        "sex:female": 55,
        "age:10-15-yrs": 50,
        "deprivation:most-deprived-decile-imd2019": 90,
    }
    labels = Indicator.objects.get().breakdown_labels
    assert labels["sex:female"]["sex"] == "Female"


@pytest.mark.django_db
def test_better_or_worse_gives_the_indicator_its_polarity(tmp_path):
    rows = [
        export_row(),
        region(),
        authority(Value="70", Compared_to_England_value_or_percentiles="Worse", **limits(66, 74)),
    ]
    import_fingertips([write(tmp_path / "e.csv", rows)])
    indicator = Indicator.objects.get()
    assert indicator.polarity == Polarity.LOW_IS_GOOD
    assert indicator.comparison == Comparison.CI95


@pytest.mark.django_db
def test_similar_alone_leaves_the_polarity_unknown_until_a_definition_sets_it(tmp_path):
    rows = [export_row(), authority(Compared_to_England_value_or_percentiles="Similar")]
    import_fingertips([write(tmp_path / "e.csv", rows)])
    assert Indicator.objects.get().polarity == Polarity.UNKNOWN


@pytest.mark.django_db
def test_the_whole_set_is_areas_with_parents_even_when_a_parent_has_no_row(tmp_path):
    import_fingertips([write(tmp_path / "e.csv", [authority()])])
    thurrock = Area.objects.get(code="E06000034")
    assert (thurrock.parent.code, thurrock.parent.kind) == ("E12000006", Area.Kind.REGION)
    assert list(thurrock.boundary_sets.values_list("name", flat=True)) == ["County & UA"]


BAD = [
    (
        {"Value": "about 60"},
        "row 2, column Value: 'about 60' is not a number",
    ),
    (
        {"Time period": "2015 Q5"},
        "row 2, column Time period: '2015 Q5' is not a period: write 2015, 2015/16, 2013 - 15",
    ),
    (
        {"Lower CI 95.0 limit": "62", "Upper CI 95.0 limit": "58"},
        "row 2, column Lower CI 95.0 limit: the 95% limits 62 to 58 are in the wrong order",
    ),
    (
        {"Lower CI 95.0 limit": "", "Upper CI 95.0 limit": "61"},
        "row 2, column Lower CI 95.0 limit: give both 95% limits or neither",
    ),
    (
        {"Indicator ID": "fertility"},
        "row 2, column Indicator ID: 'fertility' is not a Fingertips indicator ID",
    ),
    (
        {"Time period Sortable": "20140000"},
        "row 2, column Time period Sortable: 20140000 says the period starts in 2014",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("cells", "message"), BAD)
def test_bad_cells_are_named_by_file_row_and_column_and_nothing_is_written(
    tmp_path, cells, message
):
    path = write(tmp_path / "bad.csv", [export_row() | cells, authority(**limits(58, 62))])
    with pytest.raises(TableError) as raised:
        import_fingertips([path])
    assert str(raised.value).startswith(f"bad.csv, {message}")
    assert nothing_written()


@pytest.mark.django_db
def test_a_file_that_lacks_a_column_says_which(tmp_path):
    header = [h for h in HEADER if h != "Lower CI 95.0 limit"]
    path = write(tmp_path / "short.csv", [export_row()], header)
    with pytest.raises(TableError) as raised:
        import_fingertips([path])
    assert "short.csv, row 1: looks like a Fingertips export but lacks the columns " in str(
        raised.value
    )
    assert "Lower CI 95.0 limit" in str(raised.value)
    assert nothing_written()


@pytest.mark.django_db
def test_an_area_whose_parent_contradicts_an_earlier_file_is_refused(tmp_path):
    first = write(tmp_path / "east.csv", [authority()])
    second = write(
        tmp_path / "london.csv",
        [authority(Parent_Code="E12000007", Parent_Name="London region", Value="61")],
    )
    with pytest.raises(TableError) as raised:
        import_fingertips([first, second])
    assert str(raised.value) == (
        "london.csv, row 2, column Parent Code: gives E06000034 the parent E12000007, "
        "but row 2 of east.csv gave it E12000006"
    )
    assert nothing_written()


@pytest.mark.django_db
def test_an_area_whose_parent_contradicts_what_is_stored_is_refused(tmp_path):
    import_fingertips([write(tmp_path / "east.csv", [authority()])])
    moved = authority(Parent_Code="E12000007", Parent_Name="London region", Value="61")
    with pytest.raises(TableError) as raised:
        import_fingertips([write(tmp_path / "london.csv", [moved])])
    assert "london.csv, row 2, column Parent Code: gives E06000034 the parent E12000007" in str(
        raised.value
    )
    assert DataPoint.objects.get().value == 60


@pytest.mark.django_db
def test_problems_in_several_files_are_all_listed(tmp_path):
    one = write(tmp_path / "one.csv", [export_row(Value="x")])
    two = write(tmp_path / "two.csv", [export_row(Count="many")])
    with pytest.raises(TableError) as raised:
        import_fingertips([one, two])
    assert str(raised.value).splitlines() == [
        "one.csv, row 2, column Value: 'x' is not a number",
        "two.csv, row 2, column Count: 'many' is not a number",
    ]


@pytest.mark.django_db
def test_import_data_tells_the_user_and_writes_nothing(tmp_path):
    path = write(tmp_path / "bad.csv", [export_row(Value="x")])
    with pytest.raises(CommandError) as raised:
        call_command("import_data", path)
    assert "Nothing was imported.\nbad.csv, row 2, column Value" in str(raised.value)
    assert nothing_written()


@pytest.mark.django_db
def test_the_web_upload_recognises_an_export(client, admin_user, partnership, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(admin_user)
    url = reverse("indicators:upload", args=[partnership.slug])
    rows = [export_row(), authority(**limits(58, 62))]
    data = write(tmp_path / "fingertips.csv", rows).read_bytes()
    response = client.post(url, {"file": SimpleUploadedFile("fingertips.csv", data)})
    page = response.content.decode()
    assert "Fingertips export" in page
    assert "1 new indicators" in page or "1 new indicator" in page
    assert not DataPoint.objects.exists()  # a preview writes nothing
    client.post(url, {"step": "import"})
    assert DataPoint.objects.count() == 2


@pytest.mark.django_db
def test_the_export_writes_our_judgements_in_fingertips_columns(tmp_path):
    rows = [
        export_row(),
        authority(Value="70", **limits(66, 74)),
        authority("E06000033", "Southend-on-Sea", Value="60.5", **limits(58, 63)),
    ]
    import_fingertips([write(tmp_path / "e.csv", rows)])
    out = tmp_path / "out.csv"
    call_command("export_data", out, "--shape", "fingertips", stdout=io.StringIO())
    written = list(csv.DictReader(out.open(newline="", encoding="utf-8")))
    judged = {r["Area Code"]: r["Compared to England value or percentiles"] for r in written}
    assert judged == {"E92000001": "Not compared", "E06000034": "Higher", "E06000033": "Similar"}
    assert {r["Time period"] for r in written} == {"2015/16"}
    assert {r["Time period Sortable"] for r in written} == {"20150000"}


@pytest.mark.django_db
def test_the_indicator_page_judges_against_the_region_and_the_neighbours_in_force(client, tmp_path):
    rows = [
        export_row(),
        region(Value="62", **limits(61, 63)),
        authority(Value="70", Compared_to_England_value_or_percentiles="Worse", **limits(66, 74)),
        authority("E06000033", "Southend-on-Sea", Value="65", **limits(63, 67)),
        authority("E06000035", "Medway", Value="75", **limits(73, 77)),
    ]
    import_fingertips([write(tmp_path / "e.csv", rows)])
    thurrock = Area.objects.get(code="E06000034")
    neighbours = NeighbourSet.objects.create(
        area=thurrock, model=DFE_STATISTICAL_NEIGHBOURS, in_force_from=dt.date(2014, 4, 1)
    )
    for rank, code in enumerate(["E06000033", "E06000035"], start=1):
        Neighbour.objects.create(
            neighbour_set=neighbours, area=Area.objects.get(code=code), rank=rank
        )
    refresh_standings(Indicator.objects.values_list("pk", flat=True))
    partnership = PartnershipFactory(**THURROCK, area=thurrock)
    indicator = Indicator.objects.get()

    page = client.get(reverse("indicators:indicator", args=[partnership.slug, indicator.code]))
    html = page.content.decode()
    assert "Compared with the region" in html
    assert "2nd of 3" in html  # lower is better: Southend 65, Thurrock 70, Medway 75
    assert "in force from 1 April 2014" in html

    download = client.get(
        reverse("indicators:fingertips_csv", args=[partnership.slug, indicator.code])
    )
    rows = list(csv.DictReader(io.StringIO(download.content.decode())))
    judged = {r["Area Code"]: r["Compared to Region value or percentiles"] for r in rows}
    assert judged["E06000034"] == "Worse"  # the region's 62 lies below Thurrock's limits
    assert judged["E12000006"] == "Not compared"


@pytest.mark.django_db
def test_a_manager_may_not_bring_in_new_indicators_or_areas(tmp_path, partnership):
    manager = member(partnership, Role.MANAGER, username="mandy")
    path = write(tmp_path / "e.csv", [authority(**limits(58, 62))])
    with pytest.raises(TableError) as raised:
        import_fingertips([path], user=manager)
    message = str(raised.value)
    assert "e.csv, row 2, column Indicator ID: 93000 is not yet an indicator here" in message
    assert "e.csv, row 2, column Area Code: E06000034 is not an area goldenthread knows" in message
    assert not DataPoint.objects.exists() and not Indicator.objects.exists()
    assert not Area.objects.filter(code="E06000034").exists()


@pytest.mark.django_db
def test_a_manager_adds_their_own_areas_values_to_a_known_indicator(tmp_path):
    import_fingertips(
        [write(tmp_path / "national.csv", [export_row(), authority(**limits(58, 62))])]
    )
    thurrock = PartnershipFactory(**THURROCK, area=Area.objects.get(code="E06000034"))
    manager = member(thurrock, Role.MANAGER, username="mandy")
    later = [authority(Time_period="2016/17", Value="61", **limits(59, 63))]
    result = import_fingertips([write(tmp_path / "ours.csv", later)], user=manager)
    assert result.added == 1
    england = [export_row(Time_period="2016/17")]
    with pytest.raises(TableError) as raised:
        import_fingertips([write(tmp_path / "england.csv", england)], user=manager)
    assert "england.csv, row 2, column Area Code: England is a country, whose values are " + (
        "national: they come from national files"
    ) in str(raised.value)


@pytest.mark.django_db
def test_breakdowns_are_named_by_the_whole_population_whichever_row_comes_first(tmp_path):
    rows = [
        export_row(Sex="Female", Value="55", **limits(54, 56)),
        export_row(),
        authority(**limits(58, 62)),
        authority(Sex="Female", Value="57", **limits(55, 59)),
    ]
    import_fingertips([write(tmp_path / "e.csv", rows)])
    indicator = Indicator.objects.get()
    assert (indicator.sex, indicator.age) == ("Persons", "<18 yrs")
    by_breakdown = sorted(DataPoint.objects.values_list("area__code", "breakdown", "value"))
    assert by_breakdown == [
        ("E06000034", "", 60),
        ("E06000034", "sex:female", 57),
        ("E92000001", "", 60),
        ("E92000001", "sex:female", 55),
    ]
    assert list(indicator.breakdown_labels) == ["sex:female"]
