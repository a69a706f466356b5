"""Fetching from Fingertips (``goldenthread fetch_fingertips``) and the monthly refresh.

No test reaches the internet: FINGERTIPS_API_URL is empty in tests
(``goldenthread/testing``), and those that fetch point it at ``fingertips``, a server on
loopback that answers with the real API's URLs and shapes. Its data are a real
all-data export (``../shared/real-data/fingertips/gsscogs_family_disability``: England,
the East Midlands and its nine counties and unitary authorities, area type 102), the
rows of the indicators asked for; its metadata are written here as the API publishes
them (see ``fingertips/api.py`` for where each field is documented).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from goldenthread.audit.models import AuditEntry
from goldenthread.indicators.fingertips.api import (
    AreaType,
    FingertipsClient,
    FingertipsError,
    area_type_ids,
    metadata_from_api,
)
from goldenthread.indicators.models import (
    DataPoint,
    DataRevision,
    FingertipsSubscription,
    Indicator,
    one_month_before,
)
from goldenthread.indicators.tasks import (
    refresh_due,
    refresh_fingertips,
    schedule_fingertips_refresh,
    tomorrow_morning,
)
from goldenthread.testing.corpus import shared_file

EXPORT = "real-data/fingertips/gsscogs_family_disability/indicators-CountyUApre419.data.csv"
COUNTIES_PRE_2019 = 102  # the export's "County & UA (pre 4/19)"
LOW_INCOME, LEAVING_CARE = "10101", "90402"  # 11 rows each: England, region, 9 authorities
DERBY = "E06000015"

# GET indicator_metadata/by_indicator_id, in the API's shape (PholioObjects/IndicatorMetadata.cs).
METADATA = {
    LOW_INCOME: {
        "IID": 10101,
        "Descriptive": {"Name": "Children in low income families (under 16s)", "Definition": "…"},
        "Unit": {"Id": 5, "Value": 100.0, "Label": "%"},
        "ValueType": {"Id": 5, "Name": "Proportion"},
        "YearType": {"Id": 1, "Name": "Calendar"},
        "ConfidenceIntervalMethod": {"Id": 6, "Name": "Wilson Score"},
    },
    LEAVING_CARE: {
        "IID": 90402,
        "Descriptive": {"Name": "Children leaving care: rate per 10,000 children aged under 18"},
        "Unit": {"Id": 9, "Value": 10000.0, "Label": "per 10,000"},
        "ValueType": {"Id": 3, "Name": "Crude rate"},
        "YearType": {"Id": 2, "Name": "Financial"},
    },
}
# The metadata CSV's Polarity column, padded as Fingertips pads some.
POLARITY = {LOW_INCOME: "Not applicable   ", LEAVING_CARE: "BOB - Blue orange blue"}
AREA_TYPES = [
    {"Id": 6, "Name": "Regions (statistical)", "Short": "Regions", "ParentAreaTypes": []},
    {
        "Id": 102,
        "Name": "Counties and Unitary Authorities (pre 4/19)",
        "Short": "County & UA (pre 4/19)",
    },
    {"Id": 502, "Name": "Upper tier local authorities (from Apr 2023)", "Short": "Upper tier LAs"},
]


@dataclass
class FakeFingertips:
    """What the loopback server serves, and what it was asked; reset for each test."""

    url: str
    rows: list[dict]
    header: list[str]
    changes: dict[tuple[str, str], str] = field(default_factory=dict)  # (ID, area): value
    answer_html: bool = False
    asked: list[str] = field(default_factory=list)

    def all_data(self, query: dict[str, str]) -> str:
        ids = query["indicator_ids"].split(",")
        out = io.StringIO()
        writer = csv.DictWriter(out, self.header, lineterminator="\r\n")
        writer.writeheader()
        if query["child_area_type_id"] == str(COUNTIES_PRE_2019):
            for row in self.rows:
                if row["Indicator ID"] in ids:
                    key = (row["Indicator ID"], row["Area Code"])
                    writer.writerow(row | {"Value": self.changes.get(key, row["Value"])})
        return out.getvalue()


class Handler(BaseHTTPRequestHandler):
    server: ThreadingHTTPServer

    def do_GET(self) -> None:
        fake: FakeFingertips = self.server.fake  # type: ignore[attr-defined]
        url = urlsplit(self.path)
        fake.asked.append(url.path)
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        ids = query.get("indicator_ids", "").split(",")
        if url.path == "/api/all_data/csv/by_indicator_id":
            if "parent_area_type_id" not in query:  # required by the real API
                return self.answer(400, "text/plain", "parent_area_type_id is required")
            if fake.answer_html:
                return self.answer(200, "text/html", "<!DOCTYPE html><h1>Maintenance</h1>")
            return self.answer(200, "text/csv", fake.all_data(query))
        if url.path == "/api/indicator_metadata/by_indicator_id":
            found = {i: METADATA[i] for i in ids if i in METADATA}
            return self.answer(200, "application/json", json.dumps(found))
        if url.path == "/api/indicator_metadata/csv/by_indicator_id":
            out = io.StringIO()
            out.write("Indicator ID,Indicator,Unit,Value type,Year type,Polarity\r\n")
            for i in (i for i in ids if i in METADATA):
                out.write(f"{i},name,unit,type,year,{POLARITY[i]}\r\n")
            return self.answer(200, "text/csv", out.getvalue())
        if url.path == "/api/area_types":
            return self.answer(200, "application/json", json.dumps(AREA_TYPES))
        return self.answer(404, "text/html", "<h1>Not found</h1>")

    def answer(self, status: int, content_type: str, body: str) -> None:
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:  # quiet
        pass


@pytest.fixture(scope="module")
def fingertips_server():
    with shared_file(EXPORT).open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        rows, header = list(reader), list(reader.fieldnames or [])
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.fake = FakeFingertips(f"http://127.0.0.1:{server.server_port}/api", rows, header)  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.fake  # type: ignore[attr-defined]
    server.shutdown()
    server.server_close()


@pytest.fixture
def fingertips(fingertips_server, settings, db):
    """The loopback Fingertips, as FINGERTIPS_API_URL."""
    fingertips_server.changes.clear()
    fingertips_server.asked.clear()
    fingertips_server.answer_html = False
    settings.FINGERTIPS_API_URL = fingertips_server.url
    return fingertips_server


def fetch(*args: str) -> str:
    out = io.StringIO()
    call_command("fetch_fingertips", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def values_of(indicator_id: str) -> dict[str, float]:
    points = DataPoint.objects.filter(indicator__external_id=indicator_id)
    return {p.area.code: p.value for p in points.select_related("area")}


# The command


def test_it_fetches_and_imports(fingertips):
    fetch("--indicator-id", LOW_INCOME, "--indicator-id", LEAVING_CARE, "--area-type", "102")

    low_income = Indicator.objects.get(external_id=LOW_INCOME)
    leaving_care = Indicator.objects.get(external_id=LEAVING_CARE)
    assert low_income.title == "Children in low income families (under 16s)"
    assert (low_income.unit, low_income.polarity) == ("percentage", "not_applicable")
    assert (leaving_care.unit, leaving_care.per) == ("rate", 10_000)
    assert (leaving_care.period_type, leaving_care.polarity) == ("financial_year", "no_judgement")
    assert values_of(LOW_INCOME)[DERBY] == 21
    assert values_of(LEAVING_CARE)[DERBY] == pytest.approx(29.7356079657446)
    assert "/api/all_data/csv/by_indicator_id" in fingertips.asked


def test_it_takes_an_area_type_by_name(fingertips):
    fetch("--indicator-id", LOW_INCOME, "--area-type", "county & ua (pre 4/19)")

    assert values_of(LOW_INCOME)[DERBY] == 21


def test_fetching_again_changes_nothing(fingertips):
    fetch("--indicator-id", LOW_INCOME, "--area-type", "102")
    before = values_of(LOW_INCOME)

    fetch("--indicator-id", LOW_INCOME, "--area-type", "102")

    assert values_of(LOW_INCOME) == before
    assert not DataRevision.objects.exists()
    assert set(DataPoint.objects.values_list("revision", flat=True)) == {1}


def test_a_dry_run_writes_nothing(fingertips):
    fetch("--indicator-id", LOW_INCOME, "--area-type", "102", "--dry-run")

    assert not DataPoint.objects.exists()


def test_an_unreachable_server_is_a_clear_error_and_writes_nothing(fingertips, settings):
    with socket.socket() as unused:  # a port nothing listens on
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    settings.FINGERTIPS_API_URL = f"http://127.0.0.1:{port}/api"

    with pytest.raises(CommandError) as raised:
        fetch("--indicator-id", LOW_INCOME, "--area-type", "102")

    assert "Could not reach Fingertips" in str(raised.value)
    assert f"http://127.0.0.1:{port}/api/indicator_metadata/by_indicator_id" in str(raised.value)
    assert not Indicator.objects.filter(external_id=LOW_INCOME).exists()


def test_a_404_names_the_url_and_writes_nothing(fingertips, settings):
    settings.FINGERTIPS_API_URL = fingertips.url + "/v0"

    with pytest.raises(
        CommandError, match=r"answered 404 Not Found to http://127\.0\.0\.1:\d+/api/v0/"
    ):
        fetch("--indicator-id", LOW_INCOME, "--area-type", "102")

    assert not DataPoint.objects.exists()


def test_an_answer_that_is_not_the_csv_is_refused(fingertips):
    fingertips.answer_html = True

    with pytest.raises(CommandError, match="did not answer Fingertips' all-data CSV"):
        fetch("--indicator-id", LOW_INCOME, "--area-type", "102")

    assert not DataPoint.objects.exists()


def test_an_indicator_fingertips_does_not_know_is_an_error(fingertips):
    with pytest.raises(CommandError, match="Fingertips has no indicator 99999"):
        fetch("--indicator-id", LOW_INCOME, "--indicator-id", "99999", "--area-type", "102")

    assert not DataPoint.objects.exists()


def test_the_client_refuses_to_run_without_a_url(settings):
    settings.FINGERTIPS_API_URL = ""

    with pytest.raises(FingertipsError, match="FINGERTIPS_API_URL is empty"):
        FingertipsClient()


# The metadata, in our words


def test_the_metadata_is_read_in_our_words():
    entries = {i: METADATA[i] | {"Polarity": POLARITY[i]} for i in METADATA}

    metadata = metadata_from_api(entries)

    low_income, leaving_care = metadata[LOW_INCOME], metadata[LEAVING_CARE]
    assert (low_income.unit, low_income.per, low_income.period_type) == (
        "percentage",
        None,
        "calendar_year",
    )
    assert (leaving_care.unit, leaving_care.per, leaving_care.period_type) == (
        "rate",
        10_000,
        "financial_year",
    )
    assert (low_income.polarity, leaving_care.polarity) == ("not_applicable", "no_judgement")
    assert low_income.comparison == ""  # not in the indicator's metadata


@pytest.mark.parametrize(
    ("given", "polarity"),
    [
        ({"Polarity": "RAG - High is good"}, "high_is_good"),
        ({"Polarity": "RAG - Low is good   "}, "low_is_good"),
        ({"PolarityId": 99}, "no_judgement"),
        ({"PolarityId": -1}, "not_applicable"),
        ({"Polarity": "RAG - Middle is good"}, "unknown"),
        ({}, ""),
    ],
)
def test_polarities(given, polarity):
    assert metadata_from_api({"1": given})["1"].polarity == polarity


@pytest.mark.parametrize(
    ("given", "comparison"),
    [
        ({"ComparatorMethod": "Confidence intervals overlapping reference value (95.0)"}, "ci95"),
        (
            {
                "ComparatorMethod": {
                    "Name": "Confidence intervals overlapping reference value (99.8)"
                }
            },
            "ci998",
        ),
        ({"ComparatorMethod": "No comparison"}, "none"),
        ({"ComparatorMethodId": 1, "SigLevel": 99.8}, "ci998"),
        ({"ComparatorMethodId": 1, "SigLevel": 95.0}, "ci95"),
        ({"ComparatorMethodId": -1}, "none"),
        ({"ComparatorMethodId": 15}, ""),  # quintiles: left to the import
    ],
)
def test_comparator_methods(given, comparison):
    assert metadata_from_api({"1": given})["1"].comparison == comparison


def test_area_types_by_id_or_name_and_an_unknown_name_listed():
    known = [AreaType(102, "Counties and Unitary Authorities (pre 4/19)", "County & UA (pre 4/19)")]

    assert area_type_ids(["502", "County & UA (pre 4/19)", "102"], lambda: known) == [502, 102]
    with pytest.raises(FingertipsError, match="no area type 'Wards'.*102 Counties"):
        area_type_ids(["Wards"], lambda: known)


# The monthly refresh


NOW = dt.datetime(2026, 11, 20, 5, tzinfo=dt.UTC)


def subscribe(
    indicator_id: str, last_fetched_at: dt.datetime | None, period_type: str = "calendar_year"
) -> FingertipsSubscription:
    indicator, _ = Indicator.objects.get_or_create(
        external_id=indicator_id,
        defaults={
            "code": f"ft-{indicator_id}",
            "title": "Defined before it was fetched",
            "unit": "count",
            "polarity": "unknown",
            "period_type": period_type,
        },
    )
    return FingertipsSubscription.objects.create(
        indicator=indicator, area_types=[COUNTIES_PRE_2019], last_fetched_at=last_fetched_at
    )


def test_a_value_changed_next_month_is_recorded_as_a_revision(fingertips):
    fetch("--indicator-id", LOW_INCOME, "--area-type", "102")
    subscription = subscribe(LOW_INCOME, last_fetched_at=NOW - dt.timedelta(days=31))
    fingertips.changes[(LOW_INCOME, DERBY)] = "21.4"

    refresh_due(NOW)

    subscription.refresh_from_db()
    assert (subscription.last_added, subscription.last_revised) == (0, 1)
    assert subscription.last_unchanged == 10
    assert subscription.last_fetched_at == NOW and subscription.last_error == ""
    assert values_of(LOW_INCOME)[DERBY] == 21.4
    assert DataRevision.objects.get().value == 21
    refreshed = AuditEntry.objects.filter(object_pk="fingertips-10101-area-type-102.csv")
    assert refreshed.count() == 2  # the first fetch, and the refresh


def test_the_refresh_skips_subscriptions_not_yet_due(fingertips):
    subscribe(LOW_INCOME, last_fetched_at=NOW - dt.timedelta(days=20))

    assert refresh_due(NOW) == []
    assert fingertips.asked == []


def test_one_failure_does_not_stop_the_others(fingertips):
    unknown = subscribe("99999", last_fetched_at=None)
    known = subscribe(LEAVING_CARE, last_fetched_at=None, period_type="financial_year")

    refresh_due(NOW)

    unknown.refresh_from_db()
    known.refresh_from_db()
    assert "Fingertips has no indicator 99999" in unknown.last_error
    assert unknown.last_fetched_at is None and unknown.last_tried_at == NOW
    assert known.last_added == 11 and known.last_fetched_at == NOW
    assert values_of(LEAVING_CARE)[DERBY] == pytest.approx(29.7356079657446)


def test_a_month_before_keeps_to_the_month():
    assert one_month_before(dt.datetime(2026, 3, 31, 5)) == dt.datetime(2026, 2, 28, 5)
    assert one_month_before(dt.datetime(2026, 1, 15)) == dt.datetime(2025, 12, 15)


def test_the_worker_runs_it_daily_and_it_is_queued_once(db):
    assert tomorrow_morning(NOW).hour == 5

    schedule_fingertips_refresh()
    schedule_fingertips_refresh()
    assert DBTaskResult.objects.count() == 1

    assert refresh_fingertips.call(reschedule=False) == {}
