"""Filters for the API's lists: by year, status, aim, indicator, area and period."""

from __future__ import annotations

import django_filters as filters
from rest_framework.exceptions import ValidationError

from goldenthread.boards.models import Board, Meeting
from goldenthread.indicators.models import DataPoint, Target
from goldenthread.lib.periods import FinancialYear
from goldenthread.plans.models import Action, Aim, Confidence, Objective, Plan, Status

STATUSES = [*Status.choices, ("not_known", "Not known")]


class PlanFilter(filters.FilterSet):
    partnership = filters.CharFilter(field_name="partnership__slug")

    class Meta:
        model = Plan
        fields = ["partnership"]


class AimFilter(filters.FilterSet):
    partnership = filters.CharFilter(field_name="plan__partnership__slug")

    class Meta:
        model = Aim
        fields = ["plan", "partnership"]


class ObjectiveFilter(filters.FilterSet):
    partnership = filters.CharFilter(field_name="aim__plan__partnership__slug")

    class Meta:
        model = Objective
        fields = ["aim", "partnership"]


class ActionFilter(filters.FilterSet):
    partnership = filters.CharFilter(field_name="delivery_plan__plan__partnership__slug")
    year = filters.CharFilter(method="in_year", help_text="A financial year, such as 2014/15.")
    status = filters.ChoiceFilter(choices=STATUSES, method="with_status")
    aim = filters.NumberFilter(field_name="objective__aim__number")
    objective = filters.CharFilter(field_name="objective__code")
    overdue = filters.BooleanFilter(
        method="is_overdue", help_text="true: only the actions overdue today."
    )
    confidence = filters.ChoiceFilter(choices=Confidence.choices)

    class Meta:
        model = Action
        fields = ["partnership", "year", "status", "aim", "objective", "overdue", "confidence"]

    def in_year(self, queryset, name, value):
        try:
            year = FinancialYear.parse(value)
        except ValueError:
            raise ValidationError(
                {"year": [f"{value!r} is not a financial year such as 2014/15."]}
            ) from None
        return queryset.filter(delivery_plan__year_start=year.start)

    def with_status(self, queryset, name, value):
        return queryset.with_status(value)

    def is_overdue(self, queryset, name, value):
        overdue = queryset.overdue()
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))


class DataPointFilter(filters.FilterSet):
    indicator = filters.CharFilter(field_name="indicator__code")
    area = filters.CharFilter(field_name="area__code")
    period = filters.CharFilter(field_name="period__label")
    breakdown = filters.CharFilter()

    class Meta:
        model = DataPoint
        fields = ["indicator", "area", "period", "breakdown"]


class TargetFilter(filters.FilterSet):
    partnership = filters.CharFilter(field_name="partnership__slug")
    indicator = filters.CharFilter(field_name="indicator__code")

    class Meta:
        model = Target
        fields = ["partnership", "indicator"]


class BoardFilter(filters.FilterSet):
    partnership = filters.CharFilter(field_name="partnership__slug")

    class Meta:
        model = Board
        fields = ["partnership"]


class MeetingFilter(filters.FilterSet):
    partnership = filters.CharFilter(field_name="board__partnership__slug")
    board = filters.CharFilter(field_name="board__slug")

    class Meta:
        model = Meeting
        fields = ["partnership", "board", "status"]
