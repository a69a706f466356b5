"""Which judgements a file of values would change, for the upload's preview.

Each is read from the one evaluation (``evaluation.py``, through the scorecard): the
partnership's scorecard before the file is written and after, inside one transaction
that is then rolled back (``uploads.preview_values``). A row is listed where the
latest value, how it compares with England, or the target's status would change.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import capfirst

from goldenthread.charts.colours import significance_word
from goldenthread.partnerships.models import Partnership

from . import stats
from .evaluation import Evaluation
from .models import Indicator
from .scorecard import scorecard
from .targets import RAG_LABELS

NO_VALUE = "No value"


@dataclass(frozen=True)
class Judgement:
    """What the scorecard says of one indicator, in its own words."""

    value: str  # "77% (2013/14)"
    against_england: str  # "Better than England"
    target: str  # "Met", "Not yet due: on course, …", "No target"


@dataclass(frozen=True)
class JudgementChange:
    indicator: Indicator
    before: Judgement
    after: Judgement

    @property
    def value_changed(self) -> bool:
        return self.before.value != self.after.value

    @property
    def england_changed(self) -> bool:
        return self.before.against_england != self.after.against_england

    @property
    def target_changed(self) -> bool:
        return self.before.target != self.after.target


def judgements(partnership: Partnership) -> dict[int, Judgement]:
    """The partnership's scorecard as it stands, by indicator id."""
    return {row.indicator.pk: judgement(row.evaluation) for row in scorecard(partnership)}


def judgement(evaluation: Evaluation) -> Judgement:
    e = evaluation
    value = f"{e.indicator.format(e.value)} ({e.period})" if e.has_data else NO_VALUE
    return Judgement(value, against_england(e.significance), target_status(e))


def against_england(significance: str) -> str:
    """ "Better than England", "Similar to England", "Not compared with England"."""
    if significance == stats.NOT_COMPARED:
        return "Not compared with England"
    word = significance_word(significance)
    level = significance.removeprefix(word).strip()
    joined = "to" if word == stats.SIMILAR else "than"
    return f"{word} {joined} England" + (f" ({level})" if level else "")


def target_status(evaluation: Evaluation) -> str:
    if evaluation.rag:
        return RAG_LABELS.get(evaluation.rag, evaluation.rag)
    if evaluation.target is not None:
        return capfirst(evaluation.not_judged) or "Not judged"
    return "No target"


def changes(before: dict[int, Judgement], after: dict[int, Judgement]) -> list[JudgementChange]:
    """The indicators whose judgement differs, in the scorecard's order of codes."""
    indicators = Indicator.objects.in_bulk(
        [pk for pk in after.keys() | before.keys() if before.get(pk) != after.get(pk)]
    )
    empty = Judgement(NO_VALUE, "Not compared with England", "No target")
    found = [
        JudgementChange(indicator, before.get(pk, empty), after.get(pk, empty))
        for pk, indicator in indicators.items()
    ]
    return sorted(found, key=lambda change: change.indicator.code)
