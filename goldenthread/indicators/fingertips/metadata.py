"""What Fingertips publishes about an indicator beside its values (the API's indicator
metadata), in goldenthread's words. Anything left blank is learnt from the export."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IndicatorMetadata:
    indicator_id: str
    name: str = ""
    polarity: str = ""  # a models.Polarity value, or "" for not given
    comparison: str = ""  # a models.Comparison value (ci95, ci998, none), or ""
    unit: str = ""  # a models.Unit value, or ""
    per: int | None = None
    period_type: str = ""  # a PeriodKind value, or ""
