"""The delivery year's actions by status, per aim, as a chart and a sentence."""

from __future__ import annotations

from typing import Any

from goldenthread.charts import Chart, stacked_bar
from goldenthread.lib.wording import counted, listed

from .models import NOT_KNOWN_LABEL, Status

# GOV.UK palette colours, each at least 3:1 against white.
COLOURS = {
    Status.NOT_STARTED.label: "#505a5f",
    Status.IN_PROGRESS.label: "#1d70b8",
    Status.COMPLETED.label: "#00703c",
    Status.CARRIED_FORWARD.label: "#4c2c92",
    Status.DEFERRED.label: "#912b88",
    Status.WITHDRAWN.label: "#d4351c",
    NOT_KNOWN_LABEL: "#0b0c0c",
}
KEYS = [*Status.values, "not_known"]
LABELS = [*Status.labels, NOT_KNOWN_LABEL]


def status_sentence(counts: dict[str, int]) -> str:
    """ "Of 82 actions, 42 are completed, 12 in progress, …" in the order of the statuses."""
    total = sum(counts.values())
    parts = [
        f"{counts[key]} {label.lower()}"
        for key, label in zip(KEYS, LABELS, strict=True)
        if counts.get(key)
    ]
    if not parts:
        return "There are no actions."
    return f"Of {counted(total, 'action')}: {listed(parts)}."


def status_chart(table: list[dict[str, Any]], year: str) -> Chart:
    """A bar per aim from ``summary.status_table``, leaving out its total row."""
    aims = [row for row in table if row["aim"] is not None]
    series = {
        label: [row["counts"][key] for row in aims] for key, label in zip(KEYS, LABELS, strict=True)
    }
    return stacked_bar(
        [f"Aim {row['aim'].number}" for row in aims],
        series,
        title=f"Actions by status and aim, {year}",
        colours=COLOURS,
        summary=status_sentence(table[-1]["counts"]),
    )
