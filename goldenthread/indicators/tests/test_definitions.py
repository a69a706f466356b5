import csv

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from goldenthread.areas.models import Area
from goldenthread.audit.models import AuditEntry
from goldenthread.indicators.exports import export_definitions
from goldenthread.indicators.importers.definitions import import_definitions
from goldenthread.indicators.importers.tables import TableError
from goldenthread.indicators.models import Indicator, Target
from goldenthread.plans.tests.factories import ActionFactory


def write(path, header, rows):
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


INDICATOR_HEADER = [
    "code",
    "title",
    "definition",
    "source",
    "owner",
    "unit",
    "per",
    "unit_label",
    "polarity",
    "period_type",
    "decimals",
    "tolerance",
    "objectives",
    "actions",
]
TARGET_HEADER = [
    "indicator",
    "breakdown",
    "kind",
    "value",
    "by",
    "rule",
    "amount",
    "baseline",
    "compare_breakdown",
    "text",
    "source",
]


@pytest.fixture
def neet_action(plan):
    return ActionFactory(objective__aim__plan=plan, objective__aim__number=3, code="3.13")


def test_indicators_are_defined_and_linked_to_the_plan(partnership, neet_action, tmp_path):
    path = write(
        tmp_path / "indicators.csv",
        INDICATOR_HEADER,
        [
            [
                "neet",
                "16-18 NEET",
                "Not in education, employment or training",
                "DfE NCCIS",
                "",
                "percentage",
                "",
                "",
                "low_is_good",
                "financial_year",
                "1",
                "",
                "3.1",
                "3.13",
            ],
            [
                "cp-rate",
                "Child protection plans",
                "",
                "DfE",
                "",
                "rate",
                "10000",
                "",
                "no_judgement",
                "snapshot",
                "0",
                "10",
                "",
                "",
            ],
        ],
    )

    assert import_definitions(path, partnership) == {"Indicators": 2}

    neet = Indicator.objects.get(code="neet")
    assert (neet.unit, neet.polarity, neet.decimals, neet.tolerance) == (
        "percentage",
        "low_is_good",
        1,
        5.0,
    )
    assert list(neet.actions.all()) == [neet_action]
    assert list(neet.objectives.values_list("code", flat=True)) == ["3.1"]
    assert neet_action.indicators.get() == neet  # shown on both sides
    assert Indicator.objects.get(code="cp-rate").format(75) == "75 per 10,000"
    # Importing again changes nothing, and writes no link and no audit entry.
    entries = AuditEntry.objects.count()
    with CaptureQueriesContext(connection) as queries:
        import_definitions(path, partnership)
    assert AuditEntry.objects.count() == entries
    assert Indicator.objects.count() == 2 and neet.actions.count() == 1
    links = [
        q["sql"]
        for q in queries
        if "indicator_actions" in q["sql"] or "indicator_objectives" in q["sql"]
    ]
    assert links and not [sql for sql in links if sql.startswith(("INSERT", "DELETE"))]


def test_bad_definitions_are_named_by_row_and_column(partnership, plan, tmp_path):
    path = write(
        tmp_path / "indicators.csv",
        INDICATOR_HEADER,
        [
            ["neet", "NEET", "", "", "", "percent", "", "", "lower", "year", "one", "", "9.9", ""],
            ["cp", "CP", "", "", "", "rate", "", "", "no_judgement", "snapshot", "0", "", "", ""],
        ],
    )

    with pytest.raises(TableError) as raised:
        import_definitions(path, partnership)

    message = str(raised.value)
    assert "indicators.csv, row 2, column unit: 'percent' is not one of percentage, rate" in message
    assert "row 2, column polarity: 'lower' is not one of high_is_good" in message
    assert "row 2, column period_type: 'year' is not one of financial_year" in message
    assert "row 2, column decimals: 'one' is not a whole number" in message
    assert "row 3, column per: a rate needs per: 1000, 10000 or 100000" in message
    assert not Indicator.objects.exists()


def test_targets_and_rules_are_read_with_their_dates(partnership, tmp_path):
    Indicator.objects.create(
        code="neet",
        title="NEET",
        unit="percentage",
        polarity="low_is_good",
        period_type="financial_year",
    )
    path = write(
        tmp_path / "targets.csv",
        TARGET_HEADER,
        [
            [
                "neet",
                "",
                "milestone",
                "5.7",
                "March 2014",
                "",
                "",
                "",
                "",
                "5.7% NEET by March 2014",
                "",
            ],
            [
                "neet",
                "",
                "trajectory",
                "",
                "",
                "reduce_by_points_until_england",
                "0.5",
                "2012/13",
                "",
                "0.5% reduction until performance is above national levels",
                "",
            ],
        ],
    )

    import_definitions(path, partnership)
    import_definitions(path, partnership)

    milestone, rule = Target.objects.order_by("rule")
    assert (milestone.value, milestone.due.isoformat()) == (5.7, "2014-03-31")
    assert (rule.rule, rule.amount, rule.baseline.label) == (
        "reduce_by_points_until_england",
        0.5,
        "2012/13",
    )
    assert Target.objects.count() == 2


def test_a_target_without_a_value_or_date_is_refused(partnership, tmp_path):
    Indicator.objects.create(
        code="neet",
        title="NEET",
        unit="percentage",
        polarity="low_is_good",
        period_type="financial_year",
    )
    path = write(
        tmp_path / "targets.csv",
        TARGET_HEADER,
        [
            ["neet", "", "milestone", "", "soon", "", "", "", "", "", ""],
            ["nope", "", "", "1", "March 2014", "", "", "", "", "", ""],
        ],
    )

    with pytest.raises(TableError) as raised:
        import_definitions(path, partnership)

    assert str(raised.value).splitlines() == [
        "targets.csv, row 2, column value: a target without a rule needs a value",
        (
            "targets.csv, row 2, column by: 'soon' is not a date or period: write 31 March 2014, "
            "March 2014 or 2014/15"
        ),
        "targets.csv, row 2, column by: a target without a rule needs a date or period it is due by",
        "targets.csv, row 3, column indicator: no indicator has the code 'nope'",
    ]


def test_areas_with_parents_and_a_group_of_neighbours(db, tmp_path):
    path = write(
        tmp_path / "areas.csv",
        ["code", "name", "kind", "parent", "members"],
        [
            ["E06000034", "Thurrock", "local_authority", "E12000006", ""],
            ["E12000006", "East of England", "region", "E92000001", ""],
            ["E92000001", "England", "country", "", ""],
            ["E06000033", "Southend-on-Sea", "local_authority", "E12000006", ""],
            ["SN-E06000034", "Thurrock's statistical neighbours", "group", "", "E06000033"],
        ],
    )

    import_definitions(path)

    thurrock = Area.objects.get(code="E06000034")
    assert [a.name for a in thurrock.ancestors()] == ["East of England", "England"]
    group = Area.objects.get(code="SN-E06000034")
    assert (group.comparator_for, [m.code for m in group.members.all()]) == (
        thurrock,
        ["E06000033"],
    )


def test_an_area_that_is_not_an_ons_code_is_refused(db, tmp_path):
    path = write(
        tmp_path / "areas.csv",
        ["code", "name", "kind"],
        [["Thurrock", "Thurrock", "local_authority"]],
    )

    with pytest.raises(TableError, match="row 2, column code: An ONS area code is a letter"):
        import_definitions(path)


def test_a_workbook_exported_imports_back_the_same(partnership, neet_action, tmp_path):
    areas = write(
        tmp_path / "areas.csv", ["code", "name", "kind"], [["E92000001", "England", "country"]]
    )
    import_definitions(areas)
    neet = Indicator.objects.create(
        code="neet",
        title="NEET",
        unit="percentage",
        polarity="low_is_good",
        period_type="financial_year",
        update_cycle=24,
        change_tolerance=1.5,
    )
    neet.actions.add(neet_action)
    Target.objects.create(
        partnership=partnership,
        indicator=neet,
        value=5.7,
        due_label="March 2014",
        due="2014-03-31",
        text="5.7% NEET by March 2014",
    )

    export_definitions(partnership, tmp_path / "definitions.xlsx")
    workbook = load_workbook(tmp_path / "definitions.xlsx")
    assert workbook.sheetnames == ["Areas", "Indicators", "Targets"]
    assert workbook["Indicators"]["A2"].value == "neet"
    assert workbook["Targets"]["E2"].value == "March 2014"

    Indicator.objects.all().delete()
    counts = import_definitions(tmp_path / "definitions.xlsx", partnership)

    # England and the partnership's own area.
    assert counts == {"Areas": 2, "Indicators": 1, "Targets": 1}
    assert Indicator.objects.get().actions.get() == neet_action
    assert Target.objects.get().value == 5.7
    read_back = Indicator.objects.get()
    assert (read_back.update_cycle, read_back.change_tolerance) == (24, 1.5)


def test_an_update_cycle_and_a_tolerance_of_change_are_read_and_checked(partnership, tmp_path):
    header = INDICATOR_HEADER[:12] + ["update_cycle", "change_tolerance"]
    indicator = ["neet", "NEET", "", "", "", "percentage", "", "", "low_is_good"]
    path = write(
        tmp_path / "indicators.csv",
        header,
        [
            [*indicator, "financial_year", "1", "", "24", "2"],
            ["cp", *indicator[1:], "financial_year", "1", "", "0", "-1"],
            ["ks2", *indicator[1:], "academic_year", "1", "", "", ""],
        ],
    )
    with pytest.raises(TableError) as raised:
        import_definitions(path, partnership)
    message = str(raised.value)
    assert "row 3, column update_cycle: give the months between values" in message
    assert "row 3, column change_tolerance: a tolerance of change cannot be negative" in message

    write(
        tmp_path / "indicators.csv",
        header,
        [
            [*indicator, "financial_year", "1", "", "24", "2"],
            ["ks2", *indicator[1:], "academic_year", "1", "", "", ""],
        ],
    )
    import_definitions(path, partnership)
    neet, ks2 = Indicator.objects.get(code="neet"), Indicator.objects.get(code="ks2")
    assert (neet.update_cycle, neet.cycle_months, neet.change_tolerance) == (24, 24, 2.0)
    # Blank: yearly by its period type, and only a significance test for change.
    assert (ks2.update_cycle, ks2.cycle_months, ks2.change_tolerance) == (None, 12, None)


def test_the_commands_import_and_export(partnership, tmp_path, capsys):
    path = write(
        tmp_path / "areas.csv", ["code", "name", "kind"], [["E92000001", "England", "country"]]
    )
    call_command("import_definitions", str(path))
    assert "areas.csv: read 1 areas." in capsys.readouterr().out

    call_command("export_definitions", str(tmp_path / "out.xlsx"), "--partnership", "thurrock")
    assert (tmp_path / "out.xlsx").exists()

    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_definitions", str(write(tmp_path / "x.csv", ["what"], [["x"]])))


def test_the_documented_templates_import_as_they_are(seeded, tmp_path):
    from django.conf import settings

    from goldenthread.indicators.importers.values import import_values

    templates = settings.BASE_DIR.parent / "docs" / "templates"
    for name in ("areas.csv", "indicators.csv", "targets.csv"):
        import_definitions(templates / name, seeded)
    result = import_values(templates / "indicator-values.csv")

    assert result.added == 4
    assert Indicator.objects.get(code="neet-16-18").actions.get().code == "3.13"
