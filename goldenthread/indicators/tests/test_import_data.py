import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from goldenthread.indicators.importers import values as values_module
from goldenthread.indicators.importers.tables import TableError
from goldenthread.indicators.importers.values import import_values
from goldenthread.indicators.models import DataPoint, DataRevision, Standing

from .world import VALUE_COLUMNS, make_indicator, row, write_values


def test_a_tidy_file_is_imported_one_value_a_row(ks2, areas, tmp_path):
    path = write_values(
        tmp_path / "ks2.csv",
        [
            row(value="77", note="Thurrock achieved 77% compared to 79% nationally."),
            row(area="E92000001", value="79", status="provisional"),
            row(period="2012/13", value="72"),
            row(breakdown="fsm:eligible", value="62"),
        ],
    )

    result = import_values(path)

    assert result.headline() == "ks2.csv: 4 rows read; added 4 values, revised 0, 0 unchanged."
    latest = DataPoint.objects.get(area=areas["thurrock"], period__label="2013/14", breakdown="")
    assert latest.value == 77
    assert latest.period.start.isoformat() == "2013-09-01"  # an academic year
    assert latest.note == "Thurrock achieved 77% compared to 79% nationally."
    assert DataPoint.objects.get(area=areas["england"]).is_provisional
    assert DataPoint.objects.filter(breakdown="fsm:eligible").count() == 1


def test_an_excel_workbook_is_read_as_well(ks2, areas, tmp_path):
    workbook = Workbook()
    workbook.active.append(VALUE_COLUMNS[:5])
    workbook.active.append(["ks2-rwm", "E06000034", "2013/14", None, 77])
    workbook.save(tmp_path / "ks2.xlsx")

    assert import_values(tmp_path / "ks2.xlsx").added == 1
    assert DataPoint.objects.get().value == 77


def test_every_problem_is_named_by_row_and_column_and_nothing_is_written(ks2, areas, tmp_path):
    path = write_values(
        tmp_path / "bad.csv",
        [
            row(value="77"),
            row(indicator="ks9", value="1"),
            row(area="E06999999"),
            row(period="2014"),
            row(value="seventy"),
            row(value="104"),
            row(numerator="30", denominator="20", period="2011/12"),
            row(status="guessed", period="2010/11"),
            row(breakdown="Free school meals", period="2009/10"),
            row(value="", period="2008/09"),
            row(lower="80", upper="90", period="2007/08"),
        ],
    )

    with pytest.raises(TableError) as raised:
        import_values(path)

    assert str(raised.value).splitlines() == [
        "bad.csv, row 3, column indicator: no indicator has the code 'ks9': import its definition first",
        "bad.csv, row 4, column area: no area has the code 'E06999999': add the area first",
        "bad.csv, row 5, column period: '2014' is not a period: write an academic year as 2013/14.",
        "bad.csv, row 6, column value: 'seventy' is not a number",
        "bad.csv, row 7, column value: 104 is not a percentage between 0 and 100",
        "bad.csv, row 8, column numerator: 30 is more than the denominator 20",
        "bad.csv, row 9, column status: 'guessed' is not a status: write final or provisional",
        "bad.csv, row 10, column breakdown: 'free school meals' is not a breakdown: write it as sex:boys or fsm:eligible",
        "bad.csv, row 11, column value: is empty: leave out a row that has no value",
        "bad.csv, row 12, column lower: the limits 80 to 90 do not contain the value 77",
    ]
    assert not DataPoint.objects.exists()


def test_a_number_beyond_any_statistic_is_refused_as_the_api_refuses_it(ks2, areas, tmp_path):
    path = write_values(
        tmp_path / "huge.csv",
        [row(value="77", numerator="2e16", denominator="3e16"), row(value="78", period="2012/13")],
    )

    with pytest.raises(TableError) as raised:
        import_values(path)

    beyond = "is beyond ±1,000,000,000,000,000, larger than any statistic"
    assert str(raised.value).splitlines() == [
        f"huge.csv, row 2, column numerator: 2e16 {beyond}",
        f"huge.csv, row 2, column denominator: 3e16 {beyond}",
    ]
    assert not DataPoint.objects.exists()


def test_a_missing_or_unknown_column_is_named_before_any_row_is_read(ks2, tmp_path):
    path = write_values(tmp_path / "cols.csv", [row()], ["indicator", "area", "period", "valeu"])

    with pytest.raises(TableError) as raised:
        import_values(path)

    message = str(raised.value)
    assert "cols.csv, row 1, column value: is required" in message
    assert "cols.csv, row 1, column valeu: is not a column this file can have" in message


def test_a_failed_import_loses_nothing_already_saved(ks2, areas, tmp_path):
    import_values(write_values(tmp_path / "first.csv", [row(value="77")]))

    with pytest.raises(TableError):
        import_values(write_values(tmp_path / "second.csv", [row(value="78"), row(area="nowhere")]))

    assert DataPoint.objects.get().value == 77
    assert not DataRevision.objects.exists()


def test_importing_again_writes_nothing_and_a_revised_value_keeps_the_earlier(ks2, areas, tmp_path):
    rows = [row(value="77"), row(area="E92000001", value="79")]
    import_values(write_values(tmp_path / "v1.csv", rows))

    again = import_values(write_values(tmp_path / "v1.csv", rows))
    assert (again.added, again.revised, again.unchanged) == (0, 0, 2)

    rows[0] = row(value="78", note="Revised in the final statistical release.")
    revised = import_values(write_values(tmp_path / "v2.csv", rows))

    assert (revised.added, revised.revised, revised.unchanged) == (0, 1, 1)
    point = DataPoint.objects.get(area=areas["thurrock"])
    assert (point.value, point.revision) == (78, 2)
    earlier = point.revisions.get()
    assert (earlier.value, earlier.revision, earlier.replaced_from) == (77, 1, "v2.csv")


@pytest.mark.parametrize("batch", [2, 5000])
def test_a_value_given_twice_is_named_wherever_it_falls(ks2, areas, tmp_path, monkeypatch, batch):
    monkeypatch.setattr(values_module, "BATCH", batch)
    rows = [row(value="77"), row(period="2012/13"), row(period="2011/12"), row(value="78")]

    with pytest.raises(TableError) as raised:
        import_values(write_values(tmp_path / "twice.csv", rows))

    assert str(raised.value) == (
        "twice.csv, row 5: gives ks2-rwm for E06000034 2013/14 a second time"
    )
    assert not DataPoint.objects.exists()


def test_confidence_limits_are_computed_from_counts_by_the_indicators_method(areas, tmp_path):
    make_indicator("neet", unit="percentage", polarity="low_is_good", period_type="financial_year")
    make_indicator(
        "fte", unit="rate", per=100_000, polarity="low_is_good", period_type="financial_year"
    )
    import_values(
        write_values(
            tmp_path / "counts.csv",
            [
                row("neet", period="2014/15", value="5.4", numerator="270", denominator="5000"),
                row("fte", period="2014/15", value="157", numerator="31", denominator="19745"),
            ],
        )
    )

    neet = DataPoint.objects.get(indicator__code="neet")
    fte = DataPoint.objects.get(indicator__code="fte")
    from goldenthread.indicators import stats

    expected = stats.proportion(270, 5000, multiplier=100)
    assert (neet.lower, neet.upper) == pytest.approx((expected.lower, expected.upper))
    assert neet.lower < 5.4 < neet.upper and neet.lower998 < neet.lower
    assert fte.lower == pytest.approx(stats.rate(31, 19745).lower)


def test_a_dry_run_checks_and_counts_but_writes_nothing(ks2, areas, tmp_path):
    result = import_values(write_values(tmp_path / "ks2.csv", [row()]), dry_run=True)

    assert result.added == 1
    assert result.headline().startswith("ks2.csv: 1 rows read; would add 1 values")
    assert not DataPoint.objects.exists()


def test_standings_are_worked_out_after_an_import(ks2, areas, tmp_path):
    import_values(
        write_values(tmp_path / "ks2.csv", [row(value="77"), row(area="E92000001", value="79")])
    )

    standing = Standing.objects.get(area=areas["thurrock"])
    assert (standing.value, standing.england) == (77, 79)


def test_the_command_reports_progress_and_problems(ks2, areas, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(values_module, "BATCH", 2)
    monkeypatch.setattr(values_module, "PROGRESS_EVERY", 2)
    rows = [row(period=f"{year}/{(year + 1) % 100:02d}") for year in range(2009, 2014)]
    call_command("import_data", str(write_values(tmp_path / "ks2.csv", rows)))

    output = capsys.readouterr()
    assert "added 5 values" in output.out
    assert output.err.splitlines() == ["… 2 rows read", "… 4 rows read"]

    with pytest.raises(CommandError, match=r"Nothing was imported.\nbad.csv, row 2, column area"):
        call_command("import_data", str(write_values(tmp_path / "bad.csv", [row(area="x")])))


@pytest.mark.parametrize(
    ("bad", "column"),
    [
        ({"value": "104"}, "value"),
        ({"value": "nan"}, "value"),
        ({"value": "inf"}, "value"),
        ({"value": ""}, "value"),
        ({"lower": "80", "upper": "90"}, "lower"),
        ({"lower": "70"}, "upper"),
        ({"status": "guessed"}, "status"),
        ({"breakdown": "boys"}, "breakdown"),
        ({"period": "Q3 2014/15"}, "period"),
        ({"numerator": "30", "denominator": "20"}, "numerator"),
    ],
)
def test_a_bad_row_among_clean_ones_is_never_let_through(ks2, areas, tmp_path, bad, column):
    """Clean batches take a short path; one bad row must still be found and named."""
    make_indicator("fte", unit="rate", per=100_000, period_type="financial_year")
    clean = [row(area=code, lower="70", upper="80") for code in ["E92000001", "E12000006"]]
    rows = [*clean, row(**({"lower": "", "upper": ""} | bad)), row("fte", "E06000034", "2014/15")]

    with pytest.raises(TableError, match=rf"row 4, column {column}: "):
        import_values(write_values(tmp_path / "one-bad.csv", rows))
    assert not DataPoint.objects.exists()


def test_a_negative_rate_among_clean_ones_is_named(areas, tmp_path):
    make_indicator("fte", unit="rate", per=100_000, period_type="financial_year")
    rows = [row("fte", code, "2014/15", "157") for code in ["E92000001", "E12000006"]]
    rows.append(row("fte", "E06000034", "2014/15", "-1"))

    with pytest.raises(
        TableError, match="row 4, column value: -1 is negative, but a rate cannot be"
    ):
        import_values(write_values(tmp_path / "negative.csv", rows))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "latin1.csv",
            "indicator,area,period,value\nks2-rwm,E06000034,2013/14,77 \xe9t\xe9\n".encode(
                "latin-1"
            ),
            "latin1.csv: is not UTF-8 text: save it from Excel as “CSV UTF-8”",
        ),
        (
            "broken.xlsx",
            b"PK\x03\x04 not really a workbook",
            "broken.xlsx, row 1: is not an Excel workbook",
        ),
        ("empty.csv", b"", "empty.csv, row 1: the file is empty: it needs a header row"),
    ],
)
def test_a_file_that_is_not_a_readable_table_is_refused(ks2, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(TableError, match=message):
        import_values(path)
    assert not DataPoint.objects.exists()


def test_a_missing_file_is_named(db, tmp_path):
    with pytest.raises(TableError, match=r"nowhere.csv, row 1: cannot be opened \(No such file"):
        import_values(tmp_path / "nowhere.csv")


@pytest.mark.parametrize(
    ("bad", "column"),
    [
        ({"value": "104"}, "value"),
        ({"value": "nan"}, "value"),
        ({"value": ""}, "value"),
        ({"lower": "80", "upper": "90"}, "lower"),
        ({"lower": "0"}, "upper"),  # 0 is a limit given, though any() says not
        ({"upper": "0"}, "lower"),
        ({"numerator": "0", "denominator": "0"}, "denominator"),
        ({"numerator": "-1", "denominator": "20"}, "numerator"),
        ({"numerator": "30", "denominator": "20"}, "numerator"),
        ({"status": "guessed"}, "status"),
        ({"breakdown": "boys"}, "breakdown"),
    ],
)
def test_a_bad_row_in_a_batch_read_the_short_way_is_named(
    ks2, areas, tmp_path, monkeypatch, bad, column
):
    """A file's first batch is read carefully; later batches the short way, column by column,
    when every rule finds them plainly valid. One bad row must send its batch back."""
    monkeypatch.setattr(values_module, "BATCH", 3)
    first = [row(area=code) for code in ["E92000001", "E12000006", "E08000001"]]
    later = [row(), row(area="E08000002"), row(area="E08000003", **bad)]

    with pytest.raises(TableError) as raised:
        import_values(write_values(tmp_path / "later.csv", first + later))

    assert str(raised.value).startswith(f"later.csv, row 7, column {column}: ")
    assert not DataPoint.objects.exists()
