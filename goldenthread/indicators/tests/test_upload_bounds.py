"""Uploads and imports are bounded (issue 18): a small file crafted to inflate is refused
before it is parsed; a table too wide or too long is refused with one problem; no
answer lists more than a thousand problems or quotes a whole cell. The crafted files are
built here, each a few kilobytes."""

from __future__ import annotations

import functools
import io
import time
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from goldenthread.indicators.importers.tables import MAX_LISTED, TableError
from goldenthread.indicators.importing import import_data_files
from goldenthread.indicators.models import DataPoint
from goldenthread.plans.importers.report_files import read_report_file
from goldenthread.plans.importers.report_model import ReportError

URL = reverse("indicators:upload", args=["thurrock"])
INFLATED = 200 * 1024 * 1024  # what the cell unpacks to: 200 MB of one letter


@pytest.fixture(autouse=True)
def _media_of_its_own(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


# Slow, so make test-fast leaves them out: each compresses 200 MB to make its file.
inflates = pytest.mark.slow


@functools.cache  # compressing 200 MB takes half a second: once a module
def a_workbook_that_inflates(size: int = INFLATED, part: str = "xl/sharedStrings.xml") -> bytes:
    """A real workbook, with one part replaced by ``size`` bytes that deflate to almost
    nothing (written in pieces, so the test never holds them)."""
    workbook = Workbook()
    workbook.active.append(["indicator", "area", "period", "value"])
    source = io.BytesIO()
    workbook.save(source)
    crafted = io.BytesIO()
    with (
        zipfile.ZipFile(source) as original,
        zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in original.infolist():
            if item.filename != part:
                out.writestr(item.filename, original.read(item.filename))
        with out.open(part, "w", force_zip64=True) as big:
            piece = b"A" * (1024 * 1024)
            for _ in range(size // len(piece)):
                big.write(piece)
    return crafted.getvalue()


@inflates
def test_a_workbook_that_inflates_is_refused_on_upload_before_it_is_opened(
    client, manager, ks2, areas
):
    content = a_workbook_that_inflates()
    assert len(content) < 400_000  # a small file on disk
    client.force_login(manager)
    started = time.monotonic()

    response = client.post(URL, {"file": SimpleUploadedFile("big.xlsx", content)})

    assert time.monotonic() - started < 3
    page = response.content.decode()
    assert "big.xlsx unpacks to 210 MB" in page or "big.xlsx has a part" in page
    assert len(page) < 100_000


@inflates
@pytest.mark.parametrize("part", ["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"])
def test_a_workbook_that_inflates_is_refused_on_the_command_line(db, tmp_path, part, settings):
    settings.ZIP_MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024  # so that the ratio speaks
    path = tmp_path / "big.xlsx"
    path.write_bytes(a_workbook_that_inflates(part=part))

    with pytest.raises(TableError) as refused:
        import_data_files([path])
    assert str(refused.value).startswith(f"big.xlsx: has a part ({part}) that unpacks to 210 MB")
    assert "more than 100 times" in str(refused.value)


def test_a_workbook_larger_than_the_bound_unpacked_is_refused(db, tmp_path, settings):
    settings.ZIP_MAX_UNCOMPRESSED_BYTES = 10 * 1024 * 1024
    path = tmp_path / "big.xlsx"
    path.write_bytes(a_workbook_that_inflates(size=20 * 1024 * 1024))

    with pytest.raises(TableError, match=r"big.xlsx: unpacks to 21 MB, more than the 10 MB"):
        import_data_files([path])


@inflates
def test_a_plan_report_that_inflates_is_refused(tmp_path):
    path = tmp_path / "report.xlsx"
    path.write_bytes(a_workbook_that_inflates())

    with pytest.raises(ReportError, match=r"this file (unpacks to|has a part)"):
        read_report_file(path)


def test_a_cell_longer_than_the_bound_is_refused_and_not_quoted(ks2, tmp_path, settings):
    settings.TABLE_MAX_CELL_CHARS = 1000  # by default, as long as Excel lets a cell be
    workbook = Workbook()
    workbook.active.append(["indicator", "area", "period", "value"])
    workbook.active.append(["ks2-rwm", "E06000034", "2013/14", "7" * 5000])
    path = tmp_path / "long.xlsx"
    workbook.save(path)

    with pytest.raises(TableError) as refused:
        import_data_files([path])
    message = str(refused.value)
    assert message.startswith("long.xlsx: cell D2 holds 5,000 characters, more than a cell")
    assert len(message) < 400


def test_a_header_of_200000_columns_is_one_problem(client, manager, ks2, areas):
    header = ",".join(["indicator", "area", "period", "value"] + [f"c{n}" for n in range(200_000)])
    content = f"{header}\nks2-rwm,E06000034,2013/14,77\n".encode()
    client.force_login(manager)

    response = client.post(URL, {"file": SimpleUploadedFile("wide.csv", content)})

    page = response.content.decode()
    assert "wide.csv has 1 problem" in page
    assert "has 200,004 columns: a table read here may have at most 500" in page
    assert len(page) < 100_000


def test_a_row_wider_than_the_bound_is_named(ks2, tmp_path, settings):
    settings.TABLE_MAX_COLUMNS = 20
    path = tmp_path / "wide.csv"
    path.write_text("indicator,area,period,value\nks2-rwm,E06000034,2013/14,77" + ",x" * 30 + "\n")

    with pytest.raises(TableError, match=r"wide.csv, row 2: has 34 columns: .* at most 20"):
        import_data_files([path])


def test_a_file_longer_than_the_bound_is_refused(ks2, areas, tmp_path, settings):
    settings.TABLE_MAX_ROWS = 3
    path = tmp_path / "long.csv"
    rows = "".join(f"ks2-rwm,E06000034,{y}/{(y + 1) % 100:02d},77\n" for y in range(2008, 2013))
    path.write_text("indicator,area,period,value\n" + rows)

    with pytest.raises(TableError, match=r"long.csv: has more than 3 rows: import it in parts"):
        import_data_files([path])
    assert not DataPoint.objects.exists()


def test_problems_listed_are_capped_and_never_quote_a_whole_cell(ks2, areas, tmp_path):
    long_code = "Z" * 5000
    path = tmp_path / "bad.csv"
    rows = "".join(f"{long_code},E06000034,2013/14,77\n" for _ in range(MAX_LISTED + 250))
    path.write_text("indicator,area,period,value\n" + rows)

    with pytest.raises(TableError) as refused:
        import_data_files([path])
    error = refused.value
    assert (len(error.problems), error.more) == (MAX_LISTED, 250)
    assert str(error).endswith("bad.csv: and 250 more problems.")
    first = error.problems[0].message
    assert first.startswith("no indicator has the code 'ZZZZ")
    assert "… (5,000 characters)" in first
    assert len(first) < 200


def test_a_header_with_many_unknown_columns_lists_at_most_a_thousand(ks2, tmp_path, settings):
    settings.TABLE_MAX_COLUMNS = 5000
    header = ",".join(["indicator", "area", "period", "value"] + [f"c{n}" for n in range(1500)])
    path = Path(tmp_path / "wide.csv")
    path.write_text(f"{header}\n")

    with pytest.raises(TableError) as refused:
        import_data_files([path])
    assert (len(refused.value.problems), refused.value.more) == (MAX_LISTED, 500)
