"""Values asked of indicator owners in an update round, checked and entered.

A round that collects values asks the owner of each indicator linked to its plan for
one period: by default the period after the latest value the partnership's area has
(``period_to_ask``). The owner enters it, with the count and denominator where the
indicator's unit is worked out from them (a percentage or a rate), so that its 95%
limits are computed, and the commentary behind it. What they enter is checked by the
same rules as any imported value (``importers.rules``) and stays provisional, inside
the partnership, until a manager signs it off (``signoff.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from goldenthread.audit.versions import EditConflict, changed_meanwhile, claim_version
from goldenthread.commentary.models import IndicatorCommentary
from goldenthread.indicators.importers.rules import RULES, Row
from goldenthread.indicators.models import TOTAL, DataPoint, Indicator, Unit
from goldenthread.indicators.models import Period as StoredPeriod
from goldenthread.indicators.owners import owners_of, plan_indicators
from goldenthread.indicators.permissions import EVERY_AREA
from goldenthread.lib.periods import Period, PeriodKind

from .models import RoundValue, UpdateRound, ValueState

# Units whose value is a count over a denominator: the owner gives both, and the
# limits are worked out from them (``Indicator.interval``).
FROM_COUNTS = frozenset({Unit.PERCENTAGE, Unit.RATE})
COMMENTARY = ("story", "partners", "what_works", "next_steps")


def period_to_ask(indicator: Indicator, area_id: int, by: dt.date) -> Period | None:
    """The period to ask an owner for: the one after the area's latest value of the
    indicator, once it has ended by ``by`` (the round's deadline), or None while it has
    not: a value is for a period that is over. With no value yet, the latest of the
    indicator's periods ended by ``by``."""
    latest = (
        DataPoint.objects.filter(indicator=indicator, area_id=area_id, breakdown=TOTAL)
        .select_related("period")
        .order_by("-period__end", "period__start")
        .first()
    )
    if latest is None:
        return latest_ended_by(PeriodKind(indicator.period_type), by)
    following = latest.period.value.next()
    return following if following.end <= by else None


def latest_ended_by(kind: PeriodKind, day: dt.date) -> Period:
    """The latest period of this kind that has ended on or before ``day``."""
    period = _near(kind, day)
    while period.end > day:
        period = period.previous()
    while period.next().end <= day:
        period = period.next()
    return period


def _near(kind: PeriodKind, day: dt.date) -> Period:
    year = day.year
    return {
        PeriodKind.FINANCIAL_YEAR: lambda: Period.financial_year(year),
        PeriodKind.ACADEMIC_YEAR: lambda: Period.academic_year(year),
        PeriodKind.CALENDAR_YEAR: lambda: Period.calendar_year(year),
        PeriodKind.QUARTER: lambda: Period.quarter(1, year),
        PeriodKind.MONTH: lambda: Period.month(year, day.month),
        PeriodKind.SNAPSHOT: lambda: Period.snapshot(day),
        PeriodKind.POOLED_YEARS: lambda: Period.pooled_years(year - 2, year),
        PeriodKind.POOLED_FINANCIAL: lambda: Period.pooled_financial_years(year - 3, year - 1),
    }[kind]()


def ask_for_values(update_round: UpdateRound) -> list[RoundValue]:
    """Ask each owner of the round's plan's indicators for its next value, and return
    the values newly asked for. Indicators nobody owns in the partnership are not asked
    about, nor those whose next period has not ended by the round's deadline; run it again once their owners are named, and only they are added (the
    round then collects values, if it did not)."""
    partnership = update_round.partnership
    already = set(update_round.values.values_list("indicator_id", flat=True))
    indicators = [i for i in plan_indicators(update_round.delivery_plan) if i.pk not in already]
    owners = owners_of(partnership, indicators)
    if not update_round.collects_values:
        update_round.collects_values = True
        update_round.save(update_fields=["collects_values"])
    due = {
        indicator.pk: period
        for indicator in indicators
        if indicator.pk in owners
        and (period := period_to_ask(indicator, partnership.area_id, update_round.deadline))
    }
    return [
        RoundValue.objects.create(
            update_round=update_round,
            indicator=indicator,
            owner=owners[indicator.pk],
            period=StoredPeriod.stored(due[indicator.pk]),
        )
        for indicator in indicators
        if indicator.pk in due
    ]


def change_periods(changes: list[tuple[RoundValue, str, int]]) -> int:
    """Ask for other periods: each (asked value, the period as the manager wrote it, the
    version they read), all or none; return how many changed. ValueError naming the
    indicator if a period is not one of its kind, or its owner has entered it already;
    EditConflict if it changed meanwhile."""
    changed = 0
    with transaction.atomic():
        for asked, text, version in changes:
            indicator = asked.indicator
            try:
                period = indicator.parse_period(text)
            except ValueError as problem:
                raise ValueError(f"{indicator.title}: {problem}") from None
            if str(period) == asked.period.label:
                continue
            if asked.is_entered:
                raise ValueError(
                    f"{indicator.title}: its owner has entered the value for {asked.period}; "
                    "send it back before asking for another period"
                )
            if not claim_version(asked, version):
                raise changed_meanwhile(RoundValue.objects.get(pk=asked.pk), {}, "value")
            read = RoundValue.objects.get(pk=asked.pk)
            read.period = StoredPeriod.stored(period)
            read.save()  # through save(): the audit trail records the change
            changed += 1
    return changed


def value_problems(
    indicator: Indicator,
    value: float | None,
    numerator: float | None,
    denominator: float | None,
) -> list[tuple[str, str]]:
    """What is wrong with a value as entered, as (field, message): the importer's rules
    for any value (a percentage over 100, a negative count…), and for a value worked out
    from counts, both counts given and the value what they make."""
    row = Row(
        number=1,
        indicator=indicator,
        unit=indicator.unit,
        area_id=None,
        area_name="",
        period_id=None,
        breakdown=TOTAL,
        status="",
        value=value,
        numerator=numerator,
        denominator=denominator,
        lower=None,
        upper=None,
        lower998=None,
        upper998=None,
        note="",
        source="",
        unread=frozenset(),
    )
    problems = [problem for rule in RULES for problem in rule.problems(row, EVERY_AREA)]
    if indicator.unit in FROM_COUNTS:
        problems += _counts_problems(indicator, value, numerator, denominator)
    return problems


def _counts_problems(indicator, value, numerator, denominator) -> list[tuple[str, str]]:
    if numerator is None:
        return [("numerator", f"enter the count its {_unit(indicator)} is worked out from")]
    if denominator is None:
        return [("denominator", f"enter the denominator its {_unit(indicator)} is worked out from")]
    if denominator <= 0 or value is None:
        return []  # said by the rules already
    made = worked_out(indicator, numerator, denominator)
    if abs(value - made) > 0.5 * 10**-indicator.decimals + 1e-9:
        message = (
            f"{value:g} is not what the counts make: {numerator:g} ÷ {denominator:g}"
            f"{_times(indicator)} is {made:.{indicator.decimals}f}; correct the value "
            "or the counts, or leave the value blank to have it worked out"
        )
        return [("value", message)]
    return []


def worked_out(indicator: Indicator, numerator: float, denominator: float) -> float:
    """The value a count over a denominator makes, in the indicator's unit."""
    return numerator / denominator * indicator.multiplier


def _unit(indicator: Indicator) -> str:
    return "percentage" if indicator.unit == Unit.PERCENTAGE else "rate"


def _times(indicator: Indicator) -> str:
    return f" × {indicator.multiplier:,}" if indicator.multiplier != 1 else ""


def enter_value(
    asked: RoundValue,
    *,
    value: float,
    numerator: float | None,
    denominator: float | None,
    by,
    expected_version: int,
) -> RoundValue:
    """Record what the owner entered, if the value is still as they read it: then it
    waits, provisional, for a manager's sign-off. Call inside a transaction; the value
    must have been checked (``value_problems``)."""
    if not claim_version(asked, expected_version):
        raise changed_meanwhile(RoundValue.objects.get(pk=asked.pk), {}, "value")
    read = RoundValue.objects.select_related("indicator").get(pk=asked.pk)
    if read.state == ValueState.SIGNED_OFF:
        raise EditConflict(
            read, f"The value of {read.indicator.title} for {read.period} is already signed off."
        )
    estimate = (
        read.indicator.interval(numerator, denominator)
        if numerator is not None and denominator
        else None
    )
    read.value, read.numerator, read.denominator = value, numerator, denominator
    read.lower = estimate.lower if estimate else None
    read.upper = estimate.upper if estimate else None
    read.state, read.sent_back_reason = ValueState.ENTERED, ""
    read.entered_by, read.entered_at = by, timezone.now()
    read.save()  # through save(): the audit trail records what was entered
    return read


def commentary_for(values: Iterable[RoundValue]) -> dict[int, IndicatorCommentary]:
    """The commentary already written for each asked value's indicator and period, by
    the asked value's id: one query however many."""
    values = list(values)
    if not values:
        return {}
    partnership = values[0].update_round.partnership
    written = {
        (c.indicator_id, c.period_id): c
        for c in IndicatorCommentary.objects.filter(
            partnership=partnership,
            indicator__in=[v.indicator_id for v in values],
            period__in=[v.period_id for v in values],
        )
    }
    return {
        v.pk: written[(v.indicator_id, v.period_id)]
        for v in values
        if (v.indicator_id, v.period_id) in written
    }


def save_commentary(
    asked: RoundValue, texts: dict[str, str], *, by, expected_version: int | None
) -> IndicatorCommentary | None:
    """Write the story behind the value for its period, new or changed against the
    version the owner read (None: they saw none). Unchanged words write nothing."""
    partnership = asked.update_round.partnership
    current = IndicatorCommentary.objects.filter(
        partnership=partnership, indicator=asked.indicator_id, period=asked.period_id
    ).first()
    if current is None:
        if not any(texts.values()):
            return None
        if expected_version is not None:  # they read words someone has since removed
            raise EditConflict(asked, f"The commentary on {asked.indicator} was removed meanwhile.")
        try:
            with transaction.atomic():
                return IndicatorCommentary.objects.create(
                    partnership=partnership,
                    indicator=asked.indicator,
                    period=asked.period,
                    written_by=by,
                    written_at=timezone.now(),
                    **texts,
                )
        except IntegrityError:  # someone wrote the first words at the same moment
            raise _commentary_conflict(asked) from None
    if all(getattr(current, name) == text for name, text in texts.items()):
        return current
    if not claim_version(current, expected_version):
        raise _commentary_conflict(asked)
    for name, text in texts.items():
        setattr(current, name, text)
    current.version, current.written_by, current.written_at = (
        (expected_version or current.version) + 1,
        by,
        timezone.now(),
    )
    current.save()
    return current


def _commentary_conflict(asked: RoundValue) -> EditConflict:
    return EditConflict(
        asked,
        f"The commentary on {asked.indicator} for {asked.period} was changed by someone else "
        "after you opened the page. Nothing was saved: read it again and save once more.",
    )
