"""The scorecard as a report: every indicator as its data stood at the end of the
report's year (its latest value for a period ending by then), grouped by aim.

The rows are the scorecard page's own (`indicators.scorecard`), so the report and the
page agree; the summary at the top is counted from those rows, so it can never say
other than the table beneath it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from goldenthread.indicators.evaluation import Evaluation, as_dict
from goldenthread.indicators.scorecard import Row, scorecard, year_end
from goldenthread.indicators.templatetags.indicator_tags import change_text, gap_words, rag_label
from goldenthread.lib.wording import counted
from goldenthread.partnerships.logo import logo_of
from goldenthread.plans.models import DeliveryPlan

from .annual import data_as_of

RAGS = ("green", "amber", "red", "not_judged")
DIRECTIONS = ("improving", "worsening", "no change", "no significant change", "change not tested")
UNLINKED = "Not linked to an aim"


@dataclass(frozen=True)
class AimGroup:
    number: int | None
    title: str
    rows: list[Row]

    @property
    def heading(self) -> str:
        if self.number is None:
            return UNLINKED
        return f"Aim {self.number}: {self.title}" if self.title else f"Aim {self.number}"


@dataclass(frozen=True)
class ScorecardReportContext:
    partnership: str
    area: str
    plan: str
    year: str
    generated_at: dt.datetime
    data_as_of: dt.date | None
    groups: list[AimGroup]
    values_at: dt.date | None = None  # the day the data is read as at: the year's end
    # The partnership's logo, which heads the documents; not part of the data.
    logo: bytes | None = field(default=None, repr=False)

    kind = "scorecard"

    @property
    def title(self) -> str:
        return f"{self.plan}: scorecard {self.year}"

    @property
    def rows(self) -> list[Row]:
        return [row for group in self.groups for row in group.rows]

    @property
    def rag_counts(self) -> dict[str, int]:
        counts = Counter(row.evaluation.rag or "not_judged" for row in self.rows)
        return {rag: counts[rag] for rag in RAGS}

    @property
    def direction_counts(self) -> dict[str, int]:
        counts = Counter(row.evaluation.direction for row in self.rows)
        return {direction: counts[direction] for direction in DIRECTIONS}

    @property
    def summary(self) -> list[str]:
        dated = [data_date_sentence(self.values_at, self.rows)] if self.values_at else []
        return dated + summary_sentences(self.rows, self.rag_counts, self.direction_counts)

    def as_dict(self) -> dict:
        return {
            "report": "scorecard",
            "title": self.title,
            "partnership": self.partnership,
            "area": self.area,
            "year": self.year,
            "generated_at": self.generated_at.isoformat(),
            "data_as_of": self.data_as_of.isoformat() if self.data_as_of else None,
            "values_at": self.values_at.isoformat() if self.values_at else None,
            "summary": self.summary,
            "rag": self.rag_counts,
            "direction": self.direction_counts,
            "aims": [
                {
                    "number": g.number,
                    "title": g.heading,
                    "indicators": [as_dict(r.evaluation) | {"aims": list(r.aims)} for r in g.rows],
                }
                for g in self.groups
            ],
        }


def scorecard_report(delivery_plan: DeliveryPlan) -> ScorecardReportContext:
    partnership = delivery_plan.plan.partnership
    return ScorecardReportContext(
        partnership=partnership.name,
        area=partnership.area.name,
        plan=delivery_plan.plan.title,
        year=str(delivery_plan.year),
        generated_at=timezone.now(),
        data_as_of=data_as_of(delivery_plan),
        values_at=delivery_plan.year.last_day,
        groups=aim_groups(delivery_plan, scorecard(partnership, as_of=delivery_plan.year.last_day)),
        logo=logo_of(partnership),
    )


def aim_groups(delivery_plan: DeliveryPlan, rows: list[Row]) -> list[AimGroup]:
    """Every aim of the plan with its indicators, then those linked to no aim.

    An indicator serving several aims is listed once, under the first, so that the
    summary's counts add up to the rows a reader sees.
    """
    titles = dict(delivery_plan.plan.aims.values_list("number", "title"))
    grouped: dict[int | None, list[Row]] = defaultdict(list)
    for number in titles:
        grouped[number] = []
    for row in rows:
        grouped[row.aims[0] if row.aims else None].append(row)
    order = sorted(grouped, key=lambda number: (number is None, number or 0))
    return [AimGroup(number, titles.get(number, ""), grouped[number]) for number in order]


def as_it_stood(year: str) -> str:
    """The data date of a report of a year: its indicators as their data stood then."""
    last_day = year_end(year)
    return (
        f"Indicators as their data stood at the end of {year}: the latest value of each for "
        f"a period ending by {last_day:%-d %B %Y}, judged as at that day."
    )


def data_date_sentence(values_at: dt.date, rows: list[Row]) -> str:
    """The data date: a report of a past year reads the data as it stood then."""
    ends = [row.evaluation.period.end for row in rows if row.evaluation.period]
    latest = f" (the latest ending {max(ends):%-d %B %Y})" if ends else ""
    stale = sum(row.evaluation.out_of_date for row in rows)
    sentence = (
        f"Data as it stood at {values_at:%-d %B %Y}: the latest value of each indicator for a "
        f"period ending by then{latest}."
    )
    if stale:
        sentence += (
            f" {counted(stale, 'value is', 'values are')} out of date by then and not judged."
        )
    return sentence


def summary_sentences(
    rows: list[Row], rags: dict[str, int], directions: dict[str, int]
) -> list[str]:
    with_data = sum(row.evaluation.has_data for row in rows)
    missing = len(rows) - with_data
    sentences = [
        f"{counted(len(rows), 'indicator')}: {with_data} with a value"
        + (f", {missing} with no data yet." if missing else ".")
    ]
    sentences.append(
        f"Against their targets: {rags['green']} green (met), {rags['amber']} amber (close), "
        f"{rags['red']} red (not met) and {rags['not_judged']} not judged (no target, no value, "
        "a value out of date, a target not yet due or with no data since it was due, or a "
        "target whose rule lacks what it needs)."
    )
    judged = sum(directions.values())
    rest = with_data - judged
    sentence = (
        f"Since their previous value: {directions['improving']} improving, "
        f"{directions['worsening']} worsening and {directions['no change']} unchanged"
        " (a change is improving or worsening only where it is significant)"
        f"; {directions['no significant change']} with no significant change"
        f"; {directions['change not tested']} not tested (the 95% limits are not known)"
    )
    if rest:
        sentence += f"; {rest} with no earlier value or no polarity to judge by"
    sentences.append(sentence + ".")
    return sentences


# The words each cell shows in documents, made by the scorecard page's own filters.

COLUMNS = [
    "Indicator",
    "Period",
    "Value",
    "Target",
    "RAG",
    "Direction of travel",
    "England",
    "Significance",
    "Rank",
    "Quartile",
]
# In centimetres across landscape A4's 26 cm between margins.
WIDTHS = [4.4, 1.7, 2.2, 4.0, 2.6, 3.2, 2.6, 2.3, 1.5, 1.7]


def cells(row: Row) -> list[str]:
    """A row as Word and PDF show it, in `COLUMNS` order: every cell in words."""
    e = row.evaluation
    title = e.indicator.title
    if len(row.aims) > 1:
        title += f" (aims {aims_text(row)})"
    return [
        title,
        str(e.period or ""),
        value_text(e),
        target_text(e),
        rag_text(e),
        direction_text(e),
        england_text(e),
        significance_text(e),
        rank_text(e),
        e.quartile_band or "Not ranked",
    ]


def value_text(e: Evaluation) -> str:
    shown = e.indicator.format(e.value)
    shown = f"{shown} (provisional)" if e.provisional else shown
    return f"{shown}. {e.age_words}" if e.out_of_date else shown


def target_text(e: Evaluation) -> str:
    if e.target is None:
        return "No target"
    text = e.target.text or str(e.target)
    if e.expected is not None:
        text += f" (expected {e.indicator.format(e.expected)})"
    return text


def rag_text(e: Evaluation) -> str:
    """Always words, so colour is never the only cue: "Red: not met", "Not judged: …"."""
    if e.rag:
        return rag_label(e.rag)
    return e.not_judged


def direction_word(e: Evaluation) -> str:
    if not e.has_data:
        return "No data"
    return e.direction or "No earlier value"


def direction_text(e: Evaluation) -> str:
    if not e.direction:
        return direction_word(e)
    text = f"{e.direction.capitalize()}: {change_text(e)} since {e.previous_period}"
    return f"{text} ({e.direction_why})" if e.direction_why else text


def england_text(e: Evaluation) -> str:
    if e.england is None:
        return "No data"
    return f"{e.indicator.format(e.england)} ({gap_words(e, 'england')})"


def significance_text(e: Evaluation) -> str:
    return e.significance if e.england is not None else "Not compared"


def rank_text(e: Evaluation) -> str:
    return f"{e.rank} of {e.ranked}" if e.rank else "Not ranked"


def aims_text(row: Row) -> str:
    return ", ".join(str(number) for number in row.aims)
