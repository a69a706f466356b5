"""Several app servers share their files through S3-compatible object storage: an
upload previewed on one is confirmed on another, published reports download whole,
chart images are drawn once for all, and a backup holds the bucket's files.

Against moto's S3 server, started in this process for the module on a free port and
stopped after it; every storage is pointed at its bucket (settings.s3_storages, as
S3_BUCKET does). Marked with the tests that start a process: a server of its own, and
some seconds of requests, too many for ``make test-fast``; ``make test`` runs them."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from moto.server import ThreadedMotoServer
from pypdf import PdfReader

from goldenthread import charts
from goldenthread.backups.archive import BackupError, backup, restore
from goldenthread.indicators.models import DataPoint
from goldenthread.indicators.tests.world import row, write_values
from goldenthread.indicators.uploads import clear_abandoned, uploads
from goldenthread.lib.periods import FinancialYear
from goldenthread.plans.models import DeliveryPlan
from goldenthread.reports.archive import publish
from goldenthread.reports.models import PublishedReport
from goldenthread.settings import s3_storages

pytestmark = pytest.mark.subprocess

BUCKET = "goldenthread-test"
REGION = "eu-west-2"
KEYS = {"access_key": "testing", "secret_key": "testing"}  # moto takes any


@pytest.fixture(scope="module")
def s3_server() -> Iterator[str]:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not a line per request
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name=REGION, **_aws(KEYS))
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    yield endpoint
    server.stop()


def _aws(keys: dict) -> dict:
    return {"aws_access_key_id": keys["access_key"], "aws_secret_access_key": keys["secret_key"]}


@pytest.fixture
def bucket(s3_server, settings):
    """Every storage in the bucket, as a site with S3_BUCKET set has them; emptied after."""
    settings.STORAGES = settings.STORAGES | s3_storages(
        BUCKET, endpoint_url=s3_server, region_name=REGION, **KEYS
    )  # the setting_changed signal makes Django forget the storages it had made
    settings.CHART_CACHE_MAX_ENTRIES = 0
    client = boto3.client("s3", endpoint_url=s3_server, region_name=REGION, **_aws(KEYS))
    yield client
    for kept in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=kept["Key"])


def keys(client, prefix: str) -> list[str]:
    listed = client.list_objects_v2(Bucket=BUCKET, Prefix=prefix).get("Contents", [])
    return sorted(kept["Key"] for kept in listed)


def another_server() -> None:
    """As if the next request reached another app server: no storage made yet."""
    storages._storages = {}


def test_an_upload_previewed_on_one_server_is_imported_on_another(
    bucket, client, manager, ks2, areas, tmp_path
):
    client.force_login(manager)
    url = reverse("indicators:upload", args=["thurrock"])
    path = write_values(tmp_path / "ks2.csv", [row(value="77"), row(period="2012/13", value="72")])

    preview = client.post(url, {"file": SimpleUploadedFile("ks2.csv", path.read_bytes())})

    assert "Check before importing" in preview.content.decode()
    [waiting] = keys(bucket, "uploads/")
    assert waiting.endswith("/ks2.csv") and not DataPoint.objects.exists()
    another_server()

    imported = client.post(url, {"step": "import"})

    assert imported.status_code == 302
    assert sorted(DataPoint.objects.values_list("value", flat=True)) == [72, 77]
    assert keys(bucket, "uploads/") == []


def test_an_abandoned_upload_goes_from_the_bucket(bucket, settings):
    uploads().save("a-preview-token-nobody-confirmed/ks2.csv", ContentFile(b"indicator\n"))
    clear_abandoned()
    assert keys(bucket, "uploads/") == ["uploads/a-preview-token-nobody-confirmed/ks2.csv"]

    settings.UPLOAD_PREVIEW_MAX_AGE = -1  # as if the hour had passed
    clear_abandoned()

    assert keys(bucket, "uploads/") == []


@pytest.fixture
def published(bucket, seeded, manager) -> PublishedReport:
    delivery_plan = DeliveryPlan.objects.for_year(seeded, FinancialYear(2014))
    return publish(delivery_plan, "annual", by=manager)


def test_a_published_report_downloads_whole_from_the_bucket(published, bucket, client, viewer):
    stored = {f.format: f.file.name for f in published.files.all()}
    assert keys(bucket, "media/reports/") == sorted(f"media/{name}" for name in stored.values())
    another_server()
    client.force_login(viewer)

    def download(fmt: str) -> bytes:
        url = reverse("reports:published_file", args=["thurrock", published.pk, fmt])
        return b"".join(client.get(url).streaming_content)

    word = Document(io.BytesIO(download("docx")))
    assert any("82 actions" in p.text for p in word.paragraphs)
    pdf = PdfReader(io.BytesIO(download("pdf")))
    assert "Plan 2013–2016: annual" in pdf.pages[0].extract_text()


def test_a_chart_is_drawn_once_for_every_server(bucket, monkeypatch):
    drawn = []
    original = charts.Chart._draw_svg
    monkeypatch.setattr(charts.Chart, "_draw_svg", lambda self: drawn.append(1) or original(self))

    def chart() -> charts.Chart:
        return charts.stacked_bar(
            ["Aim 1", "Aim 2"],
            {"On track": [3, 4], "Behind": [1, 0]},
            title="Actions by aim",
            colours={"On track": "#00703c", "Behind": "#d4351c"},
            summary="Seven actions on track, one behind.",
        )

    first = chart().svg()
    another_server()
    again = chart().svg()

    assert drawn == [1] and again == first and first.startswith("<svg")
    assert [key.removeprefix("charts/") for key in keys(bucket, "charts/")] == [
        f"{chart().key}.svg"
    ]
    charts.clear_cache()
    assert keys(bucket, "charts/") == []


def test_a_backup_holds_the_buckets_reports_and_restores_them(published, bucket, tmp_path):
    pdf = published.files.get(format="pdf")
    with pdf.file.open("rb") as file:
        original = file.read()

    manifest = backup(tmp_path / "backup.zip")

    with zipfile.ZipFile(tmp_path / "backup.zip") as archive:
        assert archive.read(f"media/{pdf.file.name}") == original
    assert manifest.files == published.files.count()
    storages["default"].delete(pdf.file.name)
    storages["default"].save("stray.html", ContentFile(b"<script>"))
    PublishedReport.objects.all().delete()

    restore(tmp_path / "backup.zip")

    restored = PublishedReport.objects.get().files.get(format="pdf")
    with restored.file.open("rb") as file:
        assert file.read() == original
    assert "media/stray.html" not in keys(bucket, "media/")


def test_a_restore_stopped_while_writing_to_the_bucket_says_so_and_can_be_run_again(
    published, bucket, tmp_path, monkeypatch
):
    backup(tmp_path / "backup.zip")
    names = sorted(f"media/{f.file.name}" for f in published.files.all())
    store = storages["default"]
    for name in names:
        store.delete(name.removeprefix("media/"))
    real_save = type(store).save
    written = []

    def lost_connection(self, name, content, max_length=None):
        if len(written) == 2:
            raise ConnectionError("the connection to the bucket was lost")
        written.append(name)
        return real_save(self, name, content, max_length)

    monkeypatch.setattr(type(store), "save", lost_connection)
    with pytest.raises(BackupError, match="records were restored, but not all of its uploaded"):
        restore(tmp_path / "backup.zip")
    assert len(keys(bucket, "media/")) == 2
    monkeypatch.undo()

    restore(tmp_path / "backup.zip")

    assert keys(bucket, "media/") == names


STORAGES_OF = (
    "import json; from django.core.files.storage import storages as s; "
    "print(json.dumps({alias: [type(s[alias]).__name__, str(s[alias].location), "
    "getattr(s[alias], 'bucket_name', None), getattr(s[alias], 'endpoint_url', None)] "
    "for alias in ('default', 'uploads', 'charts')}))"
)


def storages_configured(**env: str) -> dict:
    """The storages a fresh process makes from the environment given."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("S3_", "AWS_"))}
    environment |= {"DJANGO_SETTINGS_MODULE": "goldenthread.settings", **env}
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {STORAGES_OF}"],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_s3_bucket_puts_every_kind_of_file_in_the_bucket_under_its_own_prefix(tmp_path):
    configured = storages_configured(
        S3_BUCKET="council-plans", S3_ENDPOINT_URL="https://s3.example.net", S3_REGION=REGION
    )
    endpoint = "https://s3.example.net"
    assert configured == {
        "default": ["S3Storage", "media", "council-plans", endpoint],
        "uploads": ["S3Storage", "uploads", "council-plans", endpoint],
        "charts": ["S3Storage", "charts", "council-plans", endpoint],
    }

    local = storages_configured(MEDIA_ROOT=str(tmp_path), CHART_CACHE=str(tmp_path / "charts"))
    assert local == {
        "default": ["FileSystemStorage", str(tmp_path), None, None],
        "uploads": ["LocalFolderStorage", str(tmp_path / "uploads"), None, None],
        "charts": ["LocalFolderStorage", str(tmp_path / "charts"), None, None],
    }
