"""Fetching from Fingertips' public API, for servers that can reach it: the same "all
data" CSV a person downloads, read by the same import (``importing.import_fingertips``),
with the indicators' metadata that a downloaded file lacks.

What is asked of the API, and the fields read, as Fingertips' own source publishes them
(ukhsa-collaboration/fingertips-open, ``PholioVisualisationWS``) and its clients call them
(fingertips_py ``retrieve_data.py`` and ``metadata.py``; fingertipsR ``R/``):

- ``all_data/csv/by_indicator_id?indicator_ids=90813,92796&child_area_type_id=502&
  parent_area_type_id=6``: the "all data" CSV (``DataController.cs``). At most 100
  indicators a request, and ``parent_area_type_id`` is required: 6, regions, fills the
  "Compared to Region" column; 15 would give England.
- ``indicator_metadata/by_indicator_id?indicator_ids=…``: JSON, an object keyed by
  indicator ID (``IndicatorMetadataController.cs``, ``PholioObjects/IndicatorMetadata.cs``):
  ``IID``; ``Descriptive.Name``; ``Unit`` {``Value``: 100, 1000 …; ``Label``: "%",
  "per 10,000"}; ``ValueType.Name`` ("Proportion", "Crude rate" …); ``YearType.Name``
  ("Financial", "Academic", "Calendar" …).
- ``indicator_metadata/csv/by_indicator_id?indicator_ids=…``: the same metadata as CSV,
  whose last column, ``Polarity``, is the only place an indicator's polarity is published
  apart from a profile (``Export/MultipleIndicatorMetadataFileWriter.cs``): its name,
  "RAG - High is good", "RAG - Low is good", "BOB - Blue orange blue" or "Not
  applicable" (``ProfileManager/MainUI/js/PageIndicatorEdit.js``, ids 1, 0, 99, -1 in
  ``PholioObjects/Constants.cs`` ``PolarityIds``).
- ``area_types``: [{``Id``, ``Name``, ``Short`` …}] (``AreasController.cs``).

The comparator method is set per profile (a grouping's ``ComparatorMethodId`` and
``SigLevel``, ``PholioObjects/Grouping.cs``), not per indicator, so the indicator metadata
has none; ``metadata_from_api`` reads it when an entry carries it, and otherwise leaves it
to the import.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
from django.conf import settings

from goldenthread.indicators.fingertips.importing import (
    FingertipsImportResult,
    import_fingertips,
)
from goldenthread.indicators.fingertips.metadata import IndicatorMetadata
from goldenthread.indicators.models import RATE_MULTIPLIERS, Comparison, Polarity, Unit
from goldenthread.lib.periods import PeriodKind

# Counties and unitary authorities as Fingertips draws them from April 2023, the area
# type fingertipsR's examples call "county and unitary authority geography".
UPPER_TIER = 502
REGIONS = 6
MOST_INDICATORS_A_REQUEST = 100  # DataController.cs: "Maximum 100"
# Seconds to connect, and to wait between bytes: a national extract streams for a while,
# but a server that says nothing for two minutes is not going to.
TIMEOUT = (10, 120)
CHUNK = 64 * 1024

POLARITY_NAMES = {
    "rag - high is good": Polarity.HIGH_IS_GOOD,
    "rag - low is good": Polarity.LOW_IS_GOOD,
    "bob - blue orange blue": Polarity.NO_JUDGEMENT,
    "not applicable": Polarity.NOT_APPLICABLE,
    # Beside quintiles the same ids are named without "RAG" (PageIndicatorEdit.js).
    "high is good": Polarity.HIGH_IS_GOOD,
    "low is good": Polarity.LOW_IS_GOOD,
    "no judgement": Polarity.NO_JUDGEMENT,
}
POLARITY_IDS = {
    1: Polarity.HIGH_IS_GOOD,
    0: Polarity.LOW_IS_GOOD,
    99: Polarity.NO_JUDGEMENT,
    -1: Polarity.NOT_APPLICABLE,
}
COMPARATOR_NAMES = {
    "confidence intervals overlapping reference value (95.0)": Comparison.CI95,
    "confidence intervals overlapping reference value (99.8)": Comparison.CI998,
    "confidence intervals overlapping reference value (95.0 & 99.8)": Comparison.LIMITS,
    "no comparison": Comparison.NONE,
}
NO_COMPARISON, ONE_LEVEL, TWO_LEVELS = -1, 1, 17  # Constants.cs ComparatorMethodIds
YEAR_TYPES = {
    "calendar": PeriodKind.CALENDAR_YEAR,
    "financial": PeriodKind.FINANCIAL_YEAR,
    "academic": PeriodKind.ACADEMIC_YEAR,
}
PER = {value for value, _ in RATE_MULTIPLIERS}


class FingertipsError(Exception):
    """Fingertips could not be asked, or did not answer as it should; names the URL."""


@dataclass(frozen=True)
class AreaType:
    id: int
    name: str
    short: str = ""


class FingertipsClient:
    """Plain HTTP requests to Fingertips' API at ``base_url`` (the setting
    ``FINGERTIPS_API_URL`` unless given)."""

    def __init__(self, base_url: str | None = None, timeout: tuple[float, float] = TIMEOUT):
        base_url = settings.FINGERTIPS_API_URL if base_url is None else base_url
        if not base_url:
            raise FingertipsError("Fetching from Fingertips is off: FINGERTIPS_API_URL is empty.")
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def all_data_csv(
        self,
        indicator_ids: Sequence[str],
        child_area_type_id: int,
        parent_area_type_id: int | None = None,
        folder: Path | None = None,
    ) -> Path:
        """The "all data" CSV for the indicators at an area type, streamed to a file in
        ``folder`` (a new temporary file otherwise, which the caller deletes)."""
        ids = _joined(indicator_ids)
        params = {
            "indicator_ids": ids,
            "child_area_type_id": child_area_type_id,
            "parent_area_type_id": REGIONS if parent_area_type_id is None else parent_area_type_id,
        }
        name = f"fingertips-{ids.replace(',', '-')}-area-type-{child_area_type_id}.csv"
        path = Path(folder or tempfile.mkdtemp(prefix="goldenthread-fingertips-")) / name
        with self._get("all_data/csv/by_indicator_id", params, stream=True) as response:
            try:
                _stream_to(path, response)
            except requests.RequestException as error:
                raise FingertipsError(f"Fingertips broke off {response.url}: {error}") from None
        return path

    def metadata(self, indicator_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Each indicator's metadata as the API's JSON has it, with the ``Polarity`` of
        its metadata CSV added; an indicator Fingertips does not know is an error."""
        params = {"indicator_ids": _joined(indicator_ids)}
        response = self._get("indicator_metadata/by_indicator_id", params)
        entries = _json_object(response)
        missing = [i for i in indicator_ids if str(i) not in entries]
        if missing:
            raise FingertipsError(
                f"Fingertips has no indicator {', '.join(missing)} ({response.url})."
            )
        polarities = self._polarities(params)
        return {
            str(i): {**entries[str(i)], "Polarity": polarities.get(str(i), "")}
            for i in indicator_ids
        }

    def area_types(self) -> list[AreaType]:
        response = self._get("area_types", {})
        try:
            return [AreaType(int(t["Id"]), t["Name"], t.get("Short", "")) for t in response.json()]
        except (ValueError, TypeError, KeyError) as error:
            raise FingertipsError(f"{response.url} did not list area types: {error}") from None

    def _polarities(self, params: Mapping[str, str]) -> dict[str, str]:
        response = self._get("indicator_metadata/csv/by_indicator_id", params)
        rows = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
        if "Polarity" not in (rows.fieldnames or []):
            raise FingertipsError(f"{response.url} is not Fingertips' indicator metadata CSV.")
        # Fingertips pads some polarity names with spaces ("RAG - Low is good   ").
        return {row["Indicator ID"]: (row["Polarity"] or "").strip() for row in rows}

    def _get(self, path: str, params: Mapping[str, Any], stream: bool = False) -> requests.Response:
        url = f"{self.base_url}/{path}"
        try:
            response = requests.get(url, params=params, timeout=self.timeout, stream=stream)
        except requests.ConnectionError as error:
            raise FingertipsError(f"Could not reach Fingertips at {url}: {error}") from None
        except requests.Timeout:
            raise FingertipsError(f"Fingertips did not answer in time at {url}.") from None
        if response.status_code != 200:
            response.close()
            raise FingertipsError(
                f"Fingertips answered {response.status_code} {response.reason} to {response.url}."
            )
        return response


def metadata_from_api(entries: Mapping[str, Mapping[str, Any]]) -> dict[str, IndicatorMetadata]:
    """Our words for what Fingertips publishes about each indicator, by indicator ID: a
    field it does not give, or gives in words we do not know, is left "" (not given)."""
    return {str(key): _one_indicator(str(key), entry) for key, entry in entries.items()}


def _one_indicator(key: str, entry: Mapping[str, Any]) -> IndicatorMetadata:
    unit, per = unit_from(entry.get("Unit") or {}, entry.get("ValueType") or {})
    return IndicatorMetadata(
        indicator_id=str(entry.get("IID", key)),
        name=(entry.get("Descriptive") or {}).get("Name", "").strip(),
        polarity=polarity_from(entry),
        comparison=comparison_from(entry),
        unit=unit,
        per=per,
        period_type=YEAR_TYPES.get(_named(entry.get("YearType")), ""),
    )


def polarity_from(entry: Mapping[str, Any]) -> str:
    """By name (the metadata CSV's ``Polarity``) or by id (a grouping's ``PolarityId``);
    a name we do not know is an unknown polarity, nothing said is not given."""
    name = _named(entry.get("Polarity"))
    if name:
        return POLARITY_NAMES.get(name, Polarity.UNKNOWN)
    if entry.get("PolarityId") is not None:
        return POLARITY_IDS.get(int(entry["PolarityId"]), Polarity.UNKNOWN)
    return ""


def comparison_from(entry: Mapping[str, Any]) -> str:
    """By a comparator method's name, or by a grouping's ``ComparatorMethodId`` with its
    ``SigLevel`` (95 or 99.8). Quintiles and the other methods we do not judge by are left
    to the import's default."""
    name = _named(entry.get("ComparatorMethod"))
    if name:
        return COMPARATOR_NAMES.get(name, "")
    method = entry.get("ComparatorMethodId")
    if method is None:
        return ""
    if int(method) == NO_COMPARISON:
        return Comparison.NONE
    if int(method) == TWO_LEVELS:
        return Comparison.LIMITS
    if int(method) == ONE_LEVEL:
        level = float(entry.get("SigLevel") or 0)
        return {95.0: Comparison.CI95, 99.8: Comparison.CI998}.get(level, "")
    return ""


def unit_from(unit: Mapping[str, Any], value_type: Mapping[str, Any]) -> tuple[str, int | None]:
    """Our unit, and what a rate is per: "%" is a percentage; a rate per 1,000, 10,000
    or 100,000 says so in ``Unit.Value``; otherwise the value type decides."""
    label = (unit.get("Label") or "").strip()
    multiplier = int(float(unit.get("Value") or 0))
    kind = _named(value_type)
    if label == "%":
        return Unit.PERCENTAGE, None
    if multiplier in PER:
        return Unit.RATE, multiplier
    if kind == "proportion" and multiplier == 100:
        return Unit.PERCENTAGE, None
    if "rate" in kind:
        return Unit.RATE, None
    return {"count": Unit.COUNT, "mean": Unit.MEAN, "score": Unit.SCORE}.get(kind, ""), None


def area_type_ids(given: Iterable[str], known: Callable[[], list[AreaType]]) -> list[int]:
    """Area types as ids: a number is taken as it is; a name or short name is looked up
    in ``known()`` (asked only if a name is given), ignoring case."""
    ids: list[str] = []
    names: list[str] = []
    for value in given:
        (ids if value.strip().isdigit() else names).append(value.strip())
    found = [int(i) for i in ids]
    if names:
        types = known()
        by_name = {n.lower(): t.id for t in types for n in (t.name, t.short) if n}
        unknown = [n for n in names if n.lower() not in by_name]
        if unknown:
            raise FingertipsError(
                f"Fingertips has no area type {', '.join(map(repr, unknown))}; "
                f"give its id or one of: {'; '.join(f'{t.id} {t.name}' for t in types)}."
            )
        found += [by_name[n.lower()] for n in names]
    return list(dict.fromkeys(found))


def fetch_indicators(
    indicator_ids: Sequence[str],
    area_types: Sequence[int] = (UPPER_TIER,),
    *,
    user: Any = None,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    client: FingertipsClient | None = None,
) -> FingertipsImportResult:
    """Download the indicators' data at each area type and their metadata, then import
    them as one set, as a downloaded file would be; return the import's result. Nothing
    is written unless every download succeeds."""
    client = client or FingertipsClient()
    ids = list(dict.fromkeys(str(i).strip() for i in indicator_ids))
    with tempfile.TemporaryDirectory(prefix="goldenthread-fingertips-") as folder:
        metadata = metadata_from_api(client.metadata(ids))
        paths = [
            client.all_data_csv(batch, area_type, folder=Path(folder))
            for area_type in area_types
            for batch in _batches(ids, MOST_INDICATORS_A_REQUEST)
        ]
        return import_fingertips(
            paths, user=user, dry_run=dry_run, progress=progress, metadata=metadata
        )


def _joined(indicator_ids: Sequence[str]) -> str:
    if not indicator_ids:
        raise FingertipsError("Give at least one Fingertips indicator ID.")
    bad = [i for i in indicator_ids if not str(i).strip().isdigit()]
    if bad:
        raise FingertipsError(f"A Fingertips indicator ID is a number, not {', '.join(bad)}.")
    return ",".join(str(i).strip() for i in indicator_ids)


def _batches(items: list[str], size: int) -> list[list[str]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def _named(value: Any) -> str:
    """A lookup's name in lower case, whether given as {"Name": …} or as the text."""
    if isinstance(value, Mapping):
        value = value.get("Name")
    return (value or "").strip().lower() if isinstance(value, str) else ""


def _json_object(response: requests.Response) -> dict[str, Any]:
    try:
        entries = response.json()
    except ValueError:
        raise FingertipsError(f"{response.url} did not answer JSON.") from None
    if not isinstance(entries, dict):
        raise FingertipsError(f"{response.url} did not answer indicator metadata.")
    return entries


def _stream_to(path: Path, response: requests.Response) -> None:
    chunks = response.iter_content(CHUNK)
    first = next(chunks, b"")
    _check_is_all_data(first, response.url)
    with path.open("wb") as file:
        file.write(first)
        for chunk in chunks:
            file.write(chunk)


def _check_is_all_data(first: bytes, url: str) -> None:
    """An "all data" CSV starts with its header, ``Indicator ID,Indicator Name,…``: an
    empty answer, an HTML error page or JSON is not one."""
    header = first.decode("utf-8-sig", errors="replace").lstrip().split("\n", 1)[0]
    if not header.replace(" ", "").replace("_", "").lower().startswith("indicatorid,"):
        raise FingertipsError(
            f"{url} did not answer Fingertips' all-data CSV; it began {header[:80]!r}."
        )
