"""Indicators and their data: what is measured, for which area and period, against
which target.

Values are stored as they are published; what they mean (the change, the gap to
England, significance, rank, RAG) is worked out in ``evaluation.py``. Because ranking
an authority needs every authority's value, each area's standing is worked out once
when data arrives and kept in ``Standing`` (see ``standings.py``), so a scorecard
never recomputes it from raw rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

import inflection
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from goldenthread.indicators import stats
from goldenthread.lib.periods import Period as PeriodValue
from goldenthread.lib.periods import PeriodKind

if TYPE_CHECKING:
    from numpy import ndarray


class Unit(models.TextChoices):
    PERCENTAGE = "percentage", "Percentage"
    RATE = "rate", "Rate"
    COUNT = "count", "Count"
    MEAN = "mean", "Mean"
    DURATION = "duration", "Duration"
    SCORE = "score", "Score"


class Polarity(models.TextChoices):
    # The same words as ``stats.Polarity``, which analysts pass as plain strings.
    HIGH_IS_GOOD = "high_is_good", "Higher is better"
    LOW_IS_GOOD = "low_is_good", "Lower is better"
    NO_JUDGEMENT = "no_judgement", "No judgement"
    NOT_APPLICABLE = "not_applicable", "Not applicable"
    # A Fingertips export that never says Better or Worse leaves the direction unknown
    # until a definition sets it; values are compared as Higher or Lower meanwhile.
    UNKNOWN = "unknown", "Not yet known"


class Comparison(models.TextChoices):
    """How an area's value is judged against England's and its region's: Fingertips
    calls this the indicator's comparator method, and publishes it with the indicator."""

    LIMITS = "", "95% limits, and 99.8% where known"
    CI95 = "ci95", "Comparator outside the area's 95% limits"
    CI998 = "ci998", "Comparator outside the area's 99.8% limits"
    NONE = "none", "Not compared"


PeriodType = models.TextChoices("PeriodType", [(k.name, (k.value, k.label)) for k in PeriodKind])
RATE_MULTIPLIERS = [(1_000, "per 1,000"), (10_000, "per 10,000"), (100_000, "per 100,000")]
DEFAULT_TOLERANCE = 5.0
# Pooled periods roll on a year at a time, and snapshots are taken once a year, so
# everything but quarters and months is published yearly.
CYCLE_MONTHS = {PeriodKind.QUARTER: 3, PeriodKind.MONTH: 1}


class MeasureKind(models.TextChoices):
    """Results-based accountability's two kinds of measure (Friedman, *Trying Hard Is Not
    Good Enough*): conditions of a whole population, which no one service owns, and the
    performance of a programme or service for its own customers."""

    POPULATION = "population", "Population indicator"
    PERFORMANCE = "performance", "Performance measure"


class PerformanceQuestion(models.TextChoices):
    """The three questions a performance measure answers."""

    HOW_MUCH = "how_much", "How much did we do?"
    HOW_WELL = "how_well", "How well did we do it?"
    BETTER_OFF = "better_off", "Is anyone better off?"


def measure_kind_problem(kind: str, question: str) -> str:
    """Why a kind of measure and a performance question cannot go together, or "": a
    question belongs only to a performance measure (a population indicator, or a measure
    not yet classified, has none)."""
    if not question or kind == MeasureKind.PERFORMANCE:
        return ""
    if kind == MeasureKind.POPULATION:
        return (
            "A population indicator has no performance question: choose a performance "
            "measure, or leave the question empty"
        )
    return "Choose a performance measure before its question, or leave the question empty"


class IndicatorQuerySet(models.QuerySet):
    def in_use_on(self, day: dt.date) -> IndicatorQuerySet:
        """Those still measured on ``day``: a retired indicator keeps its history but is
        left off new plans and the scorecard's default view."""
        return self.filter(models.Q(retired_on=None) | models.Q(retired_on__gt=day))


class Indicator(models.Model):
    """Something the partnership measures, with the unit and polarity that say how to
    read its values."""

    code = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=300)
    external_id = models.CharField(
        "Fingertips indicator ID",
        max_length=20,
        blank=True,
        db_index=True,
        help_text="The ID Fingertips publishes it under: 90813.",
    )
    aliases = models.TextField(
        blank=True,
        help_text="Other names plans and reports use for it, one per line: NEET 16-18, L2 (adults).",
    )
    definition = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True)
    owner = models.CharField(max_length=200, blank=True)
    unit = models.CharField(max_length=20, choices=Unit.choices)
    per = models.PositiveIntegerField(
        "rate per", null=True, blank=True, choices=RATE_MULTIPLIERS, help_text="For a rate."
    )
    unit_label = models.CharField(
        max_length=40, blank=True, help_text="Words for the unit: weeks, points, children."
    )
    polarity = models.CharField(max_length=20, choices=Polarity.choices)
    comparison = models.CharField(
        max_length=10, choices=Comparison.choices, blank=True, default=Comparison.LIMITS
    )
    period_type = models.CharField(max_length=20, choices=PeriodType.choices)
    # Whom the whole-population value counts, as Fingertips writes it: values for
    # another sex or age are breakdowns.
    sex = models.CharField(max_length=40, blank=True, help_text="Persons, Female…")
    age = models.CharField(max_length=60, blank=True, help_text="5-16 yrs, All ages…")
    breakdown_labels = models.JSONField(
        default=dict,
        blank=True,
        help_text="Each breakdown as its source wrote it: {breakdown: {sex, age, category…}}.",
    )
    decimals = models.PositiveSmallIntegerField(default=1)
    tolerance = models.FloatField(
        default=DEFAULT_TOLERANCE,
        help_text="How far short of its target, as a percentage of the target, is amber.",
    )
    update_cycle = models.PositiveSmallIntegerField(
        "update cycle in months",
        null=True,
        blank=True,
        help_text="How often a new value is published; blank to take it from the period type.",
    )
    change_tolerance = models.FloatField(
        null=True,
        blank=True,
        help_text=(
            "A change larger than this (in the indicator's unit; percentage points for a "
            "percentage) is improving or worsening even where it cannot be tested."
        ),
    )
    retired_on = models.DateField(
        null=True,
        blank=True,
        help_text="No longer measured from this date; kept with its history, left off new plans.",
    )
    measure_kind = models.CharField(
        "kind of measure", max_length=12, choices=MeasureKind.choices, blank=True
    )
    performance_question = models.CharField(
        max_length=12,
        choices=PerformanceQuestion.choices,
        blank=True,
        help_text="For a performance measure: the question it answers.",
    )
    objectives = models.ManyToManyField("plans.Objective", blank=True, related_name="indicators")
    actions = models.ManyToManyField("plans.Action", blank=True, related_name="indicators")
    # Who defines it (``permissions.may_define``): a partnership's own local measure, or
    # none for a national one (Fingertips, the seed's), which site administrators keep.
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="kept_indicators",
        verbose_name="kept by",
        help_text="The partnership whose managers define it; blank for a national indicator.",
    )
    # Raised by every change made on the web (``indicator_edits.py``): a change made
    # against an older version is refused (two people editing the same definition).
    version = models.PositiveIntegerField(default=1)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if problem := measure_kind_problem(self.measure_kind, self.performance_question):
            raise ValidationError({"performance_question": problem})

    @classmethod
    def from_db(cls, db, field_names, values):
        indicator = super().from_db(db, field_names, values)
        # As read, so that saving it can tell whether its standings are to be reworked.
        indicator._polarity_read = indicator.__dict__.get("polarity")
        return indicator

    @property
    def polarity_turned(self) -> bool:
        """Its polarity is not what it was read with: every rank and band is by it."""
        read = self.__dict__.get("_polarity_read")
        return read is not None and read != self.__dict__.get("polarity", read)

    @property
    def kind_words(self) -> str:
        """Its kind in results-based accountability's words: "Population indicator",
        "Performance measure: how well did we do it?"; "" where it is not classified."""
        if self.measure_kind != MeasureKind.PERFORMANCE or not self.performance_question:
            return self.get_measure_kind_display() if self.measure_kind else ""
        question = self.get_performance_question_display()
        return f"{self.get_measure_kind_display()}: {question[0].lower()}{question[1:]}"

    def url_for(self, partnership) -> str:
        return reverse("indicators:indicator", args=[partnership.slug, self.code])

    def is_retired(self, on: dt.date | None = None) -> bool:
        """No longer measured on ``on`` (today by default)."""
        return self.retired_on is not None and self.retired_on <= (on or timezone.localdate())

    @property
    def is_percentage(self) -> bool:
        return self.unit == Unit.PERCENTAGE

    @property
    def cycle_months(self) -> int:
        """How many months apart its values are published: as set, or by its period type
        (a year for yearly, pooled and snapshot periods, 3 for quarters, 1 for months)."""
        return self.update_cycle or CYCLE_MONTHS.get(self.period_type, 12)

    @property
    def multiplier(self) -> int:
        """What a numerator over a denominator is multiplied by to give the value."""
        if self.unit == Unit.PERCENTAGE:
            return 100
        return self.per or 1

    @property
    def unit_words(self) -> str:
        """The unit after a number: "per 10,000", "weeks"; "" for a percentage."""
        if self.unit == Unit.PERCENTAGE:
            return ""
        if self.unit == Unit.RATE and self.per:
            return f"per {self.per:,}"
        return self.unit_label

    def format(self, value: float | None) -> str:
        """A value as the indicator is shown: "5.4%", "75 per 10,000", "28 weeks"."""
        if value is None:
            return "No data"
        number = f"{value:,.{self.decimals}f}"
        if self.unit == Unit.PERCENTAGE:
            return f"{number}%"
        words = self.unit_words
        if number == "1" and self.unit_label:
            # "1 school", not "1 schools": labels are written in the plural.
            words = inflection.singularize(words)
        return f"{number} {words}".strip()

    def parse_period(self, text: str) -> PeriodValue:
        return PeriodValue.parse(text, self.period_type)

    def limits95_of(
        self, numerators: ndarray, denominators: ndarray
    ) -> tuple[ndarray, ndarray, list[str]]:
        """The 95% limits ``interval`` gives each pair of counts, and its method's name:
        NaN and "" where it gives none or cannot take the counts. A percentage's are
        worked out a column at a time: a national file has millions of rows."""
        import numpy as np

        lower, upper = np.full(len(numerators), np.nan), np.full(len(numerators), np.nan)
        how = [""] * len(numerators)
        rest: Iterable[int] = range(len(numerators))
        if self.unit == Unit.PERCENTAGE:
            fine = (numerators >= 0) & (numerators <= denominators) & (denominators > 0)
            z = stats.z_for(0.95)
            low, high = stats.wilson_limits_of(numerators[fine], denominators[fine], z)
            lower[fine], upper[fine] = low * 100, high * 100
            how = ["Wilson" if taken else "" for taken in fine.tolist()]
            rest = np.flatnonzero(~fine).tolist()
        for i in rest:
            try:
                estimate = self.interval(float(numerators[i]), float(denominators[i]))
            except ValueError:  # counts the method cannot take (more than the denominator…)
                continue
            if estimate is not None and estimate.lower is not None:
                lower[i], upper[i], how[i] = estimate.lower, estimate.upper, estimate.method
        return lower, upper, how

    def interval(self, numerator: float, denominator: float, confidence: float = 0.95):
        """Confidence limits from counts, by the method the unit calls for, or None."""
        if self.unit == Unit.PERCENTAGE:
            return stats.proportion(numerator, denominator, confidence=confidence, multiplier=100)
        if self.unit == Unit.RATE:
            return stats.rate(
                numerator, denominator, confidence=confidence, multiplier=self.multiplier
            )
        return None


class IndicatorOwner(models.Model):
    """The person in a partnership who answers for an indicator: enters its values in
    update rounds and writes its commentary. Indicators are shared between partnerships,
    so each partnership names its own owner."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="indicator_owners"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="owners")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="indicators_owned"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "indicator"], name="one_owner_per_indicator"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} owns {self.indicator.code}"


class Period(models.Model):
    """A period as stored: one row per period, so values sort and join on its dates."""

    kind = models.CharField(max_length=20, choices=PeriodType.choices)
    start = models.DateField()
    end = models.DateField()
    label = models.CharField(max_length=40)

    class Meta:
        ordering = ["end", "-start"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "start", "end"], name="unique_period")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def value(self) -> PeriodValue:
        return PeriodValue(self.end, self.start, PeriodKind(self.kind))

    @classmethod
    def stored(cls, period: PeriodValue) -> Period:
        row, _ = cls.objects.get_or_create(
            kind=period.kind, start=period.start, end=period.end, defaults={"label": str(period)}
        )
        return row


class DataStatus(models.TextChoices):
    FINAL = "final", "Final"
    PROVISIONAL = "provisional", "Provisional"


TOTAL = ""  # the breakdown of a value for the whole population


# No statistic, count or sum of money a partnership keeps comes near a thousand million
# million; a number beyond it is a mistake, and one that sums and charts of values would
# carry into infinities. The API and the importers both refuse one.
LARGEST = 1e15


class DataPoint(models.Model):
    """One published value of an indicator for an area, a period and a breakdown."""

    # Indicator, period and area lead the two indexes below, which serve their lookups:
    # an indicator's values, its values in a period (every area's, for ranks), an
    # area's values. An index of their own would only slow a national import down; one
    # on the period alone led SQLite to read a tenth of every value for one indicator.
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="data", db_index=False
    )
    area = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="data", db_index=False
    )
    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, related_name="data", db_index=False
    )
    breakdown = models.CharField(
        max_length=100,
        blank=True,
        default=TOTAL,
        help_text="sex:boys, fsm:eligible; blank for all.",
    )
    value = models.FloatField()
    numerator = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    lower = models.FloatField("lower 95% limit", null=True, blank=True)
    upper = models.FloatField("upper 95% limit", null=True, blank=True)
    lower998 = models.FloatField("lower 99.8% limit", null=True, blank=True)
    upper998 = models.FloatField("upper 99.8% limit", null=True, blank=True)
    status = models.CharField(max_length=12, choices=DataStatus.choices, default=DataStatus.FINAL)
    note = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True)
    revision = models.PositiveIntegerField(default=1)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "area", "breakdown"], name="one_value_per_cell"
            )
        ]
        indexes = [models.Index(fields=["area", "indicator"], name="data_by_area")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.area.code} {self.period} {self.breakdown}".strip()

    @property
    def is_provisional(self) -> bool:
        return self.status == DataStatus.PROVISIONAL


REVISED_FIELDS = ["value", "numerator", "denominator", "lower", "upper", "status", "note", "source"]


class DataRevision(models.Model):
    """A value as it stood before it was revised: published figures are never lost."""

    data_point = models.ForeignKey(DataPoint, on_delete=models.CASCADE, related_name="revisions")
    revision = models.PositiveIntegerField()
    value = models.FloatField()
    numerator = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    lower = models.FloatField(null=True, blank=True)
    upper = models.FloatField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=DataStatus.choices)
    note = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True)
    recorded_at = models.DateTimeField()
    replaced_at = models.DateTimeField(auto_now_add=True)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    replaced_from = models.CharField(max_length=300, blank=True, help_text="The file it came from.")

    class Meta:
        ordering = ["-revision"]

    def __str__(self) -> str:
        return f"Revision {self.revision}: {self.value:g}"


class TargetKind(models.TextChoices):
    MILESTONE = "milestone", "Milestone"
    STRETCH = "stretch", "Stretch"
    FLOOR = "floor", "Floor"
    TRAJECTORY = "trajectory", "Trajectory"


class Rule(models.TextChoices):
    """Targets the plan writes in words; ``targets.py`` turns each into a value."""

    REDUCE_BY_POINTS_UNTIL_ENGLAND = (
        "reduce_by_points_until_england",
        "Improve by a number of percentage points a year until at least as good as England",
    )
    INCREASE_BY_PERCENT = "increase_by_percent", "Increase by a percentage year on year"
    AT_OR_BETTER_THAN_ENGLAND = "at_or_better_than_england", "At or better than England"
    NEXT_QUARTILE = "next_quartile", "Move into the next quartile"
    GAP_NARROWED = "gap_narrowed", "Narrow the gap between two groups"


class Target(models.Model):
    """What a partnership aims for on an indicator: a value by a date or period, or a
    rule that gives the value it expects for any period."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="targets"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    breakdown = models.CharField(max_length=100, blank=True, default=TOTAL)
    kind = models.CharField(max_length=12, choices=TargetKind.choices, default=TargetKind.MILESTONE)
    value = models.FloatField(null=True, blank=True)
    due = models.DateField(null=True, blank=True, help_text="The date it is due by.")
    due_label = models.CharField(max_length=40, blank=True, help_text="As the plan writes it.")
    rule = models.CharField(max_length=40, choices=Rule.choices, blank=True)
    amount = models.FloatField(null=True, blank=True, help_text="For a rule: points or per cent.")
    baseline = models.ForeignKey(
        Period, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    compare_breakdown = models.CharField(max_length=100, blank=True)
    text = models.TextField(blank=True, help_text="The words of the plan.")
    source = models.CharField(max_length=300, blank=True)
    # Raised by every save through indicators/target_edits.py: a save that expected an
    # older version is refused (two people editing the same target).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["indicator__code", "due", "pk"]

    def __str__(self) -> str:
        return self.text or f"{self.indicator.code}: {self.value} by {self.due_label}"


class Standing(models.Model):
    """An authority's latest value of an indicator beside its previous value and its
    comparators, with its rank among all authorities.

    Worked out by ``standings.py`` when data arrives and kept for the latest period of
    each authority, so that a scorecard reads one row per indicator. It copies what the
    evaluation needs from the data points so that nothing else has to be joined.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="standings")
    area = models.ForeignKey("areas.Area", on_delete=models.CASCADE, related_name="standings")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="+")
    value = models.FloatField()
    lower = models.FloatField(null=True)
    upper = models.FloatField(null=True)
    lower998 = models.FloatField(null=True)
    upper998 = models.FloatField(null=True)
    provisional = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    previous_period = models.ForeignKey(
        Period, null=True, on_delete=models.CASCADE, related_name="+"
    )
    previous_value = models.FloatField(null=True)
    england = models.FloatField(null=True)
    region = models.FloatField(null=True)
    neighbours = models.FloatField(null=True)
    rank = models.PositiveIntegerField(null=True)
    ranked = models.PositiveIntegerField(null=True, help_text="How many authorities were ranked.")
    quartile_band = models.CharField(max_length=1, blank=True)
    quartile_bounds = models.JSONField(default=list, help_text="The values between bands.")
    quintile = models.PositiveSmallIntegerField(null=True, help_text="1 is the best fifth.")
    boundary_set = models.ForeignKey(
        "areas.BoundarySet",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The set it was ranked in.",
    )
    neighbour_set = models.ForeignKey(
        "areas.NeighbourSet",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The statistical neighbours it was compared with.",
    )
    neighbour_rank = models.PositiveSmallIntegerField(null=True)
    neighbour_ranked = models.PositiveSmallIntegerField(null=True)
    trend = models.JSONField(default=list, help_text="Recent values, oldest first.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["indicator", "area"], name="one_standing")]
        indexes = [models.Index(fields=["area"], name="standings_by_area")]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.area_id} {self.period_id}: rank {self.rank}"


class FingertipsSubscriptionQuerySet(models.QuerySet):
    def due(self, now):
        """Those never fetched, or last fetched a month or more before ``now``."""
        month_ago = one_month_before(now)
        return self.filter(
            models.Q(last_fetched_at__isnull=True) | models.Q(last_fetched_at__lte=month_ago)
        )


def one_month_before(moment):
    """The same day and time a month earlier; the month's last day where it is shorter
    (31 March → 28 or 29 February)."""
    import calendar

    year, month = (moment.year - 1, 12) if moment.month == 1 else (moment.year, moment.month - 1)
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


class FingertipsSubscription(models.Model):
    """An indicator that opts in to being fetched from Fingertips again each month, at
    these area types, by the background worker (``indicators/tasks.py``).

    What the last fetch changed is kept here; each import is in the audit trail too. A
    failed fetch keeps its error and is tried again the next day.
    """

    indicator = models.OneToOneField(
        Indicator, on_delete=models.CASCADE, related_name="fingertips_subscription"
    )
    area_types = models.JSONField(
        default=list,
        blank=True,
        help_text="Fingertips area type ids, such as 502 (upper tier); empty for 502.",
    )
    last_fetched_at = models.DateTimeField(null=True, blank=True)
    last_tried_at = models.DateTimeField(null=True, blank=True)
    last_result = models.CharField(max_length=300, blank=True, help_text="The import's headline.")
    last_added = models.PositiveIntegerField(null=True, blank=True)
    last_revised = models.PositiveIntegerField(null=True, blank=True)
    last_unchanged = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    objects = FingertipsSubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["indicator__code"]

    def __str__(self) -> str:
        return f"Monthly Fingertips refresh of {self.indicator.code}"
