"""Imports under strain (issue 18): a dry run or a preview holds no write lock while it
reads, so others write at once; a real import writes in one short transaction after
reading; one import writes at a time; a broken file is named, never a traceback; an
abandoned preview goes within the hour."""

from __future__ import annotations

import io
import os
import threading
import time
import zipfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.urls import reverse
from openpyxl import Workbook

from goldenthread.areas.models import Area
from goldenthread.indicators.importers import values as values_module
from goldenthread.indicators.importers.tables import TableError
from goldenthread.indicators.importing import ImportBusy, import_data_files, one_import_at_a_time
from goldenthread.indicators.models import DataPoint, Period
from goldenthread.indicators.uploads import clear_abandoned, uploads

from .world import row, write_values

URL = reverse("indicators:upload", args=["thurrock"])


@pytest.fixture(autouse=True)
def _media_of_its_own(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


class WhileReading:
    """Watches the importer as it reads each batch: is a transaction open (on SQLite,
    its write lock), and can another connection write and commit there and then?"""

    def __init__(self, monkeypatch) -> None:
        self.in_transaction: list[bool] = []
        self.others_wrote: list[bool] = []
        read = values_module.Reader.read

        def watched(reader, records):
            self.in_transaction.append(connection.in_atomic_block)
            self.others_wrote.append(_another_connection_writes())
            return read(reader, records)

        monkeypatch.setattr(values_module.Reader, "read", watched)


def _another_connection_writes() -> bool:
    wrote: list[bool] = []

    def write() -> None:
        try:
            other = connections["default"]
            with other.cursor() as cursor:
                cursor.execute("PRAGMA busy_timeout = 0") if other.vendor == "sqlite" else None
            Area.objects.create(code=f"X{time.monotonic_ns()}", name="Elsewhere", kind="ward")
            wrote.append(True)
        except Exception:  # noqa: BLE001 - whatever refused the write, it was refused
            wrote.append(False)
        finally:
            connections.close_all()

    thread = threading.Thread(target=write)
    thread.start()
    thread.join()
    return wrote == [True]


def _a_file_with_stored_and_new_values(ks2, areas, tmp_path) -> Path:
    stored = [row(value="70"), row(period="2012/13", value="71")]
    import_data_files([write_values(tmp_path / "before.csv", stored)])
    rows = [
        row(value="72"),  # revised
        row(period="2012/13", value="71"),  # unchanged
        row(period="2014/15", value="75"),  # a period never stored before: added
    ]
    return write_values(tmp_path / "ks2.csv", rows)


@pytest.mark.django_db(transaction=True)
def test_a_dry_run_reads_without_a_transaction_while_others_write(
    ks2, areas, tmp_path, monkeypatch
):
    path = _a_file_with_stored_and_new_values(ks2, areas, tmp_path)
    periods = Period.objects.count()
    watch = WhileReading(monkeypatch)

    [result] = import_data_files([path], dry_run=True)

    assert watch.in_transaction == [False]
    assert watch.others_wrote == [True]
    assert (result.added, result.revised, result.unchanged) == (1, 1, 1)
    assert result.headline() == "ks2.csv: 3 rows read; would add 1 values, revised 1, 1 unchanged."
    assert Period.objects.count() == periods  # nothing written, not even the new period
    assert DataPoint.objects.get(period__label="2013/14").value == 70


@pytest.mark.django_db(transaction=True)
def test_a_dry_run_finds_a_value_given_twice_in_different_batches(
    ks2, areas, tmp_path, monkeypatch
):
    monkeypatch.setattr(values_module, "BATCH", 2)
    path = _a_file_with_stored_and_new_values(ks2, areas, tmp_path)
    with path.open("a") as file:
        file.write("ks2-rwm,E06000034,2014/15,,76\n")

    with pytest.raises(TableError, match="row 5: gives ks2-rwm for E06000034 2014/15"):
        import_data_files([path], dry_run=True)


@pytest.mark.django_db(transaction=True)
def test_an_import_reads_without_a_transaction_then_writes_all(ks2, areas, tmp_path, monkeypatch):
    path = _a_file_with_stored_and_new_values(ks2, areas, tmp_path)
    watch = WhileReading(monkeypatch)

    [result] = import_data_files([path])

    assert watch.in_transaction == [False]
    assert watch.others_wrote == [True]
    assert (result.added, result.revised, result.unchanged) == (1, 1, 1)
    assert DataPoint.objects.get(area=areas["thurrock"], period__label="2014/15").value == 75


@pytest.mark.django_db(transaction=True)
def test_a_preview_reads_without_a_transaction_and_writes_nothing(
    client, manager, ks2, areas, tmp_path, monkeypatch
):
    path = _a_file_with_stored_and_new_values(ks2, areas, tmp_path)
    periods = Period.objects.count()
    client.force_login(manager)
    watch = WhileReading(monkeypatch)

    response = client.post(URL, {"file": SimpleUploadedFile("ks2.csv", path.read_bytes())})

    assert watch.in_transaction == [False]
    assert watch.others_wrote == [True]
    page = response.content.decode()
    assert "ks2.csv has been checked and nothing has been written yet" in page
    for key, value in [("Values to add", "1</dd>"), ("Values to revise", "1<br>")]:
        assert f'{key}</dt><dd class="govuk-summary-list__value">{value}' in page
    assert "75% (2014/15)" in page  # the judgement it would change, worked out all the same
    assert Period.objects.count() == periods
    assert DataPoint.objects.get(period__label="2013/14").value == 70


def test_a_second_import_while_one_writes_is_refused_at_once(ks2, areas, tmp_path):
    path = write_values(tmp_path / "ks2.csv", [row()])
    holding, release = threading.Event(), threading.Event()

    def first_import() -> None:
        with one_import_at_a_time():
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=first_import)
    thread.start()
    holding.wait(10)
    try:
        started = time.monotonic()
        with pytest.raises(CommandError) as refused:
            call_command("import_data", str(path))
        assert time.monotonic() - started < 5
        assert str(refused.value) == (
            "ks2.csv: another import is being written to this database: nothing was "
            "imported; try again when it has finished."
        )
        with pytest.raises(ImportBusy):
            import_data_files([path])
    finally:
        release.set()
        thread.join()
    assert not DataPoint.objects.exists()
    call_command("import_data", str(path))  # and once the first has finished, it goes
    assert DataPoint.objects.count() == 1


def _a_workbook_with_a_damaged_sheet(path: Path) -> Path:
    workbook = Workbook()
    workbook.active.title = "Indicators"  # the sheet import_definitions reads
    workbook.active.append(["indicator", "area", "period", "value"])
    workbook.active.append(["ks2-rwm", "E06000034", "2013/14", "77"])
    whole = io.BytesIO()
    workbook.save(whole)
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(path, "w") as damaged:
        for part in source.infolist():
            content = source.read(part.filename)
            if part.filename == "xl/worksheets/sheet1.xml":
                content = content[: len(content) // 2]
            damaged.writestr(part.filename, content)
    return path


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        (
            "damaged.xlsx",
            _a_workbook_with_a_damaged_sheet,
            "damaged.xlsx: is damaged: it cannot be read",
        ),
        (
            "noise.csv",
            lambda path: path.write_bytes(os.urandom(2000) + b"\xff\xfe") and path,
            "noise.csv: is not UTF-8 text",
        ),
        (
            "noise.xlsx",
            lambda path: path.write_bytes(b"PK\x03\x04" + os.urandom(2000)) and path,
            "noise.xlsx, row 1: is not an Excel workbook",
        ),
    ],
)
@pytest.mark.parametrize("command", ["import_data", "import_definitions"])
def test_a_broken_file_on_the_command_line_is_named_not_a_traceback(
    ks2, tmp_path, name, make, message, command
):
    path = tmp_path / name
    make(path)
    with pytest.raises(CommandError) as refused:
        call_command(command, str(path))
    # import_definitions names the file without a row
    assert message.replace(", row 1", "") in str(refused.value).replace(", row 1", "")


def test_an_abandoned_preview_goes_within_the_hour(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    for token in ("an-abandoned-preview-token", "a-preview-just-made-token"):
        uploads().save(f"{token}/ks2.csv", ContentFile(b"indicator,area,period,value\n"))
    waiting = tmp_path / "media" / "uploads" / "an-abandoned-preview-token"
    an_hour_ago = time.time() - 3601
    os.utime(waiting / "ks2.csv", (an_hour_ago, an_hour_ago))

    clear_abandoned()

    assert not waiting.exists()
    assert uploads().exists("a-preview-just-made-token/ks2.csv")


def test_an_upload_while_another_import_writes_says_so(client, manager, ks2, areas, tmp_path):
    path = write_values(tmp_path / "ks2.csv", [row(value="72")])
    import_data_files([write_values(tmp_path / "before.csv", [row(value="70")])])
    client.force_login(manager)
    holding, release = threading.Event(), threading.Event()

    def another_import() -> None:
        with one_import_at_a_time():
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=another_import)
    thread.start()
    holding.wait(10)
    try:
        response = client.post(URL, {"file": SimpleUploadedFile("ks2.csv", path.read_bytes())})
    finally:
        release.set()
        thread.join()
    assert response.status_code == 200
    assert (
        "ks2.csv was not checked: another import is being written to this database"
        in response.content.decode()
    )
    assert DataPoint.objects.get().value == 70
