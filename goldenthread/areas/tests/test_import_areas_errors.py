"""Bad input: a clear error naming the file, row and column, and nothing written. The
files are small ones written here, so these tests need nothing from ../shared."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from goldenthread.areas.importers import TableError, import_area_files
from goldenthread.areas.importers.dfe_authorities import LAS
from goldenthread.areas.importers.neighbours import WORKBOOK
from goldenthread.areas.models import Area, NeighbourSet

pytestmark = pytest.mark.django_db

THURROCK = "E06000034,Thurrock,01/01/2009,,E12000006,E06,Unitary Authorities,live,883"
MEDWAY = "E06000035,Medway Towns,01/01/2009,,E12000008,E06,Unitary Authorities,live,887"


def write(tmp_path, name: str, *lines: str):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def las(tmp_path, *rows: str):
    return write(tmp_path, "las.csv", ",".join(LAS), *rows)


def neighbours_workbook(tmp_path, rows: list[list]):
    """The benchmarking tool's layout: two rows of column labels, the header in row 3."""
    book = Workbook()
    sheet = book.active
    sheet.title = "LA SN Groups"
    sheet.append(["A", "B"])
    sheet.append([1, 2])
    header = WORKBOOK[:5] + [c for n in range(1, 11) for c in (f"SN{n}", "SNP")]
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    path = tmp_path / "neighbours.xlsx"
    book.save(path)
    return path


def test_a_missing_column_is_named_and_nothing_is_written(tmp_path):
    path = write(tmp_path, "las.csv", ",".join(c for c in LAS if c != "old_la_code"), THURROCK)
    with pytest.raises(TableError) as error:
        import_area_files([path])
    # Recognised by its columns, so a file short of one is no file it knows.
    assert "las.csv" in str(error.value) and "is not a file import_areas knows" in str(error.value)
    assert not Area.objects.exists()


def test_text_in_a_number_column_names_the_row_and_column(tmp_path):
    path = las(tmp_path, THURROCK, MEDWAY.replace(",887", ",eight"))
    with pytest.raises(TableError) as error:
        import_area_files([path])
    assert str(error.value) == (
        "las.csv, row 3, column old_la_code: 'eight' is not a DfE LA number "
        "(three digits, such as 883)"
    )
    assert not Area.objects.exists()  # Thurrock, on row 2, is not written either


def test_a_parent_that_contradicts_the_stored_one_is_refused(tmp_path):
    import_area_files([las(tmp_path, THURROCK)])
    moved = THURROCK.replace("E12000006", "E12000008")
    with pytest.raises(TableError) as error:
        import_area_files([las(tmp_path, moved)])
    assert "las.csv, row 2, column parent_geography_code: puts Thurrock" in str(error.value)
    assert "stored in E12000006" in str(error.value)  # the region is named by its code
    assert Area.objects.get(code="E06000034").parent.code == "E12000006"


def test_an_unknown_la_number_in_a_neighbour_workbook_names_row_and_column(tmp_path):
    import_area_files([las(tmp_path, THURROCK, MEDWAY)])
    path = neighbours_workbook(tmp_path, [[883, "Thurrock", 883, 6, "East", 887, "Close", 999]])
    with pytest.raises(TableError) as error:
        import_area_files([path], in_force_from=dt.date(2021, 4, 1))
    lines = str(error.value).splitlines()
    assert lines[0] == (
        "neighbours.xlsx, row 4, column sn2: no authority has LA number 999 "
        "(import DfE's las.csv first?)"
    )
    assert not NeighbourSet.objects.exists()


def test_a_workbook_that_does_not_say_its_date_needs_one(tmp_path):
    import_area_files([las(tmp_path, THURROCK, MEDWAY)])
    path = neighbours_workbook(tmp_path, [[883, "Thurrock", 883, 6, "East", 887, "Close"]])
    with pytest.raises(TableError, match="give --in-force-from YYYY-MM-DD"):
        import_area_files([path])


def test_a_neighbour_set_from_a_small_workbook(tmp_path):
    import_area_files([las(tmp_path, THURROCK, MEDWAY)])
    empty = ["-"] * 20
    path = neighbours_workbook(
        tmp_path,
        [
            [883, "Thurrock", 883, 6, "East", 887, "Very Close"] + [None] * 18,
            [887, "Medway Towns", 887, 8, "South East", *empty],
        ],
    )
    (summary,) = import_area_files([path], in_force_from=dt.date(2021, 4, 1))
    assert "1 neighbour set (1 added)" in summary.line()
    assert "no neighbours given for Medway Towns" in summary.line()
    thurrock = Area.objects.get(code="E06000034")
    chosen = NeighbourSet.objects.in_force(thurrock, dt.date(2021, 4, 1)).neighbour_set
    assert chosen.member_ids() == [Area.objects.get(code="E06000035").pk]
    group = Area.objects.get(code="SN-E06000034")
    assert group.name == "Thurrock statistical neighbours"


def test_the_command_says_nothing_was_imported(tmp_path):
    path = write(tmp_path, "notes.csv", "what,ever", "a,b")
    with pytest.raises(CommandError, match="Nothing was imported.\nnotes.csv: is not a file"):
        call_command("import_areas", str(path))
