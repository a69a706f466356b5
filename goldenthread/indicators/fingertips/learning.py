"""What an export says about its indicators and areas beyond the values: learnt from
the rows where Fingertips' metadata does not say it.

- Polarity from the judgement column: Better or Worse means the indicator has one (its
  direction from whether the better areas lie above England or below), Higher or Lower
  means it has none; otherwise it stays unknown until a definition sets it.
- The comparison method: judged rows mean Fingertips compares by 95% limits; "Not
  compared" on every row that has limits means it does not compare this indicator.
- The unit from counts (a value that is its count over its denominator times 100 is a
  percentage; times 1,000 a rate per 1,000), else from the indicator's name.
- The whole population (Persons, and the indicator's usual age): other sexes, ages and
  categories (deprivation deciles) are breakdowns.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import TYPE_CHECKING

from goldenthread.areas.models import Area, BoundarySet
from goldenthread.indicators.fingertips.metadata import IndicatorMetadata
from goldenthread.indicators.models import TOTAL, Comparison, Indicator, Polarity, Unit
from goldenthread.lib.periods import PeriodKind

if TYPE_CHECKING:  # the survey asks this module for an indicator's unit as it reads
    from goldenthread.indicators.fingertips.survey import IndicatorSeen, Survey

JUDGED = frozenset({"Better", "Worse", "Similar", "Higher", "Lower"})

SOURCE = "OHID Fingertips"
MULTIPLIERS = {100: (Unit.PERCENTAGE, None), 1_000: (Unit.RATE, 1_000)}
MULTIPLIERS |= {10_000: (Unit.RATE, 10_000), 100_000: (Unit.RATE, 100_000)}
CLOSE_ENOUGH = 0.35  # in powers of ten: a ratio within about ×2.2 of a multiplier is it
PER = re.compile(r"per\s+(1,?000|10,?000|100,?000)\b", re.IGNORECASE)
WHOLE = ("Persons", "Not applicable")
KIND_BY_CODE = {"E92": Area.Kind.COUNTRY, "E12": Area.Kind.REGION}
AUTHORITY_CODES = ("E06", "E07", "E08", "E09", "E10")
KIND_BY_TIER = {
    BoundarySet.Tier.COUNTRY: Area.Kind.COUNTRY,
    BoundarySet.Tier.REGION: Area.Kind.REGION,
    BoundarySet.Tier.UPPER: Area.Kind.LOCAL_AUTHORITY,
    BoundarySet.Tier.LOWER: Area.Kind.LOCAL_AUTHORITY,
}


def new_indicator(seen: IndicatorSeen, given: IndicatorMetadata) -> Indicator:
    """An indicator as its first row shows it; ``settle_indicator`` puts right what
    the whole set says otherwise. Its population is the first row's, until then."""
    indicator = Indicator(
        code=f"fingertips-{seen.indicator_id}",
        external_id=seen.indicator_id,
        title=(given.name or seen.name or f"Fingertips indicator {seen.indicator_id}")[:300],
        source=SOURCE,
        period_type=seen.kind or PeriodKind.CALENDAR_YEAR,
        polarity=Polarity.UNKNOWN,
    )
    indicator.unit, indicator.per = unit_of(seen, given)
    indicator.comparison = comparison_of(seen, given) or Comparison.CI95
    return indicator


def settle_indicator(
    indicator: Indicator, seen: IndicatorSeen, given: IndicatorMetadata, survey: Survey
) -> None:
    """A new indicator as the whole set shows it."""
    indicator.unit, indicator.per = unit_of(seen, given)
    indicator.polarity = polarity_of(seen, given, survey) or Polarity.UNKNOWN
    indicator.comparison = comparison_of(seen, given) or Comparison.CI95
    indicator.sex, indicator.age = population_of(seen)


def update_indicator(
    indicator: Indicator, seen: IndicatorSeen, given: IndicatorMetadata, survey: Survey
) -> None:
    """Fill in what a known indicator does not yet know; a definition's polarity
    stands."""
    polarity = polarity_of(seen, given, survey)
    if polarity and (given.polarity or indicator.polarity == Polarity.UNKNOWN):
        indicator.polarity = polarity
    if comparison := comparison_of(seen, given):
        indicator.comparison = comparison


def polarity_of(seen: IndicatorSeen, given: IndicatorMetadata, survey: Survey) -> str:
    if given.polarity:
        return given.polarity
    votes: Counter = Counter()
    for judgement, value, key in seen.better_or_worse:
        england = survey.england.get(key)
        if england is not None and value != england:
            good_is_high = (value > england) == (judgement == "Better")
            votes[Polarity.HIGH_IS_GOOD if good_is_high else Polarity.LOW_IS_GOOD] += 1
    if votes:
        return votes.most_common(1)[0][0]
    if seen.judgements["Higher"] or seen.judgements["Lower"]:
        return Polarity.NO_JUDGEMENT
    return ""


def comparison_of(seen: IndicatorSeen, given: IndicatorMetadata) -> str:
    if given.comparison:
        return given.comparison
    if JUDGED & seen.judgements.keys():
        return Comparison.CI95
    if seen.judgements["Not compared"] and seen.comparable_rows:
        return Comparison.NONE
    return ""


def unit_of(seen: IndicatorSeen, given: IndicatorMetadata) -> tuple[str, int | None]:
    if given.unit:
        return given.unit, given.per
    votes: Counter = Counter()
    for value, count, denominator in seen.unit_samples:
        if value > 0:
            ratio = math.log10(value * denominator / count)
            nearest = min(MULTIPLIERS, key=lambda m: abs(math.log10(m) - ratio))
            if abs(math.log10(nearest) - ratio) <= CLOSE_ENOUGH:
                votes[nearest] += 1
    if votes:
        return MULTIPLIERS[votes.most_common(1)[0][0]]
    if match := PER.search(seen.name):
        return Unit.RATE, int(match.group(1).replace(",", ""))
    words = seen.name.lower()
    if "%" in words or "percentage" in words or "proportion" in words:
        return Unit.PERCENTAGE, None
    return Unit.SCORE, None


def population_of(seen: IndicatorSeen) -> tuple[str, str]:
    """The sex and age of the indicator's whole-population values: the commonest of
    its rows, Persons before any one sex."""
    if not seen.populations:
        return "", ""
    return max(seen.populations, key=lambda g: (g[0] in WHOLE, seen.populations[g]))


def breakdown_of(group: tuple[str, str, str, str], indicator: Indicator) -> str:
    """For a row's sex, age, category type and category: ``sex:female``,
    ``age:10-14-yrs``, ``deprivation:most-deprived-decile-imd2015``, two together as
    ``sex_age:female_10-14-yrs``; blank for the whole population."""
    sex, age, category_type, category = group
    dimensions, categories = [], []
    if sex != indicator.sex:
        dimensions.append("sex")
        categories.append(_slug(sex))
    if age != indicator.age:
        dimensions.append("age")
        categories.append(_slug(age))
    if category_type:
        dimensions.append(_dimension(category_type))
        categories.append(_slug(category))
    if not dimensions:
        return TOTAL
    return f"{'_'.join(dimensions)}:{'_'.join(categories)}"[:100]


def label_breakdowns(indicator: Indicator, seen: IndicatorSeen) -> None:
    """Keep how each breakdown was written, so that it is shown and exported so."""
    labels = dict(indicator.breakdown_labels or {})
    for group in sorted(seen.groups):
        breakdown = breakdown_of(group, indicator)
        if breakdown != TOTAL:
            labels[breakdown] = dict(
                zip(("sex", "age", "category_type", "category"), group, strict=False)
            )
    indicator.breakdown_labels = labels


def area_kind(types: set[str], code: str) -> str:
    for name in types:
        if (kind := KIND_BY_TIER.get(BoundarySet.Tier(BoundarySet.tier_of(name)))) is not None:
            return kind
    if code[:3] in KIND_BY_CODE:
        return KIND_BY_CODE[code[:3]]
    if code.startswith(AUTHORITY_CODES):
        return Area.Kind.LOCAL_AUTHORITY
    return Area.Kind.LOCALITY


def _dimension(category_type: str) -> str:
    words = category_type.lower()
    for known in ("deprivation", "ethnic"):
        if known in words:
            return "ethnicity" if known == "ethnic" else known
    return _slug(category_type)[:40]


def _slug(text: str) -> str:
    """Lower case, with <, > and + kept in words: "<16 yrs" and "16+ yrs" stay apart."""
    text = text.lower().replace("<", " under ").replace(">", " over ").replace("+", " plus ")
    return re.sub(r"[^a-z0-9.]+", "-", text).strip("-.") or "none"
