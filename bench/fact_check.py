"""The fact check's reading of claims measured on a labelled set of sentences.

The set is goldenthread/factcheck/tests/data/claims.csv: short sentences in the style of
councils' annual and performance reports (paraphrased from published reports, not
copied), each labelled with the kinds of claim it makes (``actions``: counts of actions
by status; ``value``: an area's value; ``comparison``: against England, the region or
neighbours; ``points``: a change or gap) and whether a finding is expected without any
indicator data: a count of actions the year's figures below do not bear out, or a change
or gap between percentages written in per cent. Split into the rows the rules were
developed on ("dev"), rows written afterwards and not tuned on ("held-out"), and rows a
second engineer wrote to probe the finished rules ("probe"; docs/fact-check.md says what
its first run found).

Indicator values need a partnership's data, which the tests check against the demo
(goldenthread/factcheck/tests); here the readers are measured: is each kind of claim
found (precision and recall per kind), and are the findings that need no data right.

    .venv/bin/python bench/fact_check.py [--write]

With --write the figures replace those in docs/fact-check.md between this script's
markers.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "goldenthread" / "factcheck" / "tests" / "data" / "claims.csv"
DOC = ROOT / "docs" / "fact-check.md"
KINDS = ["actions", "value", "comparison", "points"]
# The year the action counts are checked against.
SUMMARY = {
    "year": "2015/16",
    "actions": 80,
    "by_status": {
        "completed": 60,
        "in_progress": 12,
        "not_started": 3,
        "carried_forward": 5,
        "deferred": 0,
        "withdrawn": 0,
    },
    "not_known": [],
}


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goldenthread.settings")
    os.environ.update(DEBUG="1", SECRET_KEY=os.environ.get("SECRET_KEY", "bench"))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def rows() -> list[dict[str, str]]:
    with DATA.open(newline="") as f:
        return list(csv.DictReader(f))


def read(row: dict[str, str]) -> tuple[set[str], bool]:
    """The kinds of claim the readers find in the row's sentence, and whether a
    finding that needs no indicator data is made."""
    from goldenthread.factcheck.actions import action_counts, action_findings
    from goldenthread.factcheck.claims import Role, quantities
    from goldenthread.factcheck.points import points_findings
    from goldenthread.factcheck.sentences import Sentence
    from goldenthread.factcheck.values import STANDING

    context = (row["context"],) if row["context"] else ()
    sentence = Sentence(1, row["text"], context)
    found = quantities(sentence.text)
    kinds = set()
    if action_counts(sentence):
        kinds.add("actions")
    if any(q.role == Role.LEVEL for q in found):
        kinds.add("value")
    if any(q.role in (Role.COMPARATOR, Role.GAP) for q in found) or STANDING.search(sentence.text):
        kinds.add("comparison")
    if any(q.role in (Role.CHANGE, Role.GAP) for q in found):
        kinds.add("points")
    finding = bool(action_findings(sentence, SUMMARY) or points_findings(sentence))
    return kinds, finding


def ratio(hit: int, total: int) -> str:
    return f"{hit / total:.0%} ({hit}/{total})" if total else "–"


def measure(part: list[dict[str, str]]) -> list[str]:
    counts = {kind: [0, 0, 0] for kind in [*KINDS, "finding"]}  # true, false +, false -
    for row in part:
        kinds, finding = read(row)
        wanted = set(row["kinds"].split())
        for kind in KINDS:
            _count(counts[kind], kind in kinds, kind in wanted)
        _count(counts["finding"], finding, row["finding"] == "yes")
    lines = ["| claim | precision | recall |", "|---|---|---|"]
    for kind, (true, false_pos, false_neg) in counts.items():
        label = "finding (no data needed)" if kind == "finding" else kind
        lines.append(
            f"| {label} | {ratio(true, true + false_pos)} | {ratio(true, true + false_neg)} |"
        )
    return lines


def _count(tally: list[int], found: bool, wanted: bool) -> None:
    if found and wanted:
        tally[0] += 1
    elif found:
        tally[1] += 1
    elif wanted:
        tally[2] += 1


def report() -> list[str]:
    every = rows()
    lines = []
    for split in ("dev", "held-out", "probe"):
        part = [r for r in every if r["split"] == split]
        lines += [f"{split} ({len(part)} sentences):", "", *measure(part), ""]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="write the figures into the docs")
    args = parser.parse_args()
    setup()
    lines = report()
    print("\n".join(lines))
    if args.write:
        start, end = "<!-- bench/fact_check.py -->", "<!-- end bench/fact_check.py -->"
        doc = DOC.read_text()
        before, rest = doc.split(start)
        _, after = rest.split(end)
        DOC.write_text(f"{before}{start}\n" + "\n".join(lines) + f"\n{end}{after}")


if __name__ == "__main__":
    main()
