"""What the API shows of each record, and what it accepts."""

from __future__ import annotations

from rest_framework import serializers

from goldenthread.boards.models import Board, Meeting
from goldenthread.indicators.evaluation import Evaluation, as_dict
from goldenthread.indicators.models import LARGEST, DataPoint, DataStatus, Indicator, Target
from goldenthread.indicators.target_edits import EDITABLE
from goldenthread.partnerships.models import Partnership
from goldenthread.plans.models import (
    Action,
    ActionUpdate,
    Aim,
    Confidence,
    Objective,
    Plan,
    Status,
)


class PartnershipSerializer(serializers.ModelSerializer):
    area = serializers.CharField(source="area.code", read_only=True)
    area_name = serializers.CharField(source="area.name", read_only=True)

    class Meta:
        model = Partnership
        fields = ["slug", "name", "area", "area_name", "visibility"]


class PlanSerializer(serializers.ModelSerializer):
    partnership = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Plan
        fields = ["id", "partnership", "title", "start_year", "end_year", "visibility"]


class AimSerializer(serializers.ModelSerializer):
    class Meta:
        model = Aim
        fields = ["id", "plan", "number", "title"]


class ObjectiveSerializer(serializers.ModelSerializer):
    aim_number = serializers.IntegerField(source="aim.number", read_only=True)

    class Meta:
        model = Objective
        fields = ["id", "aim", "aim_number", "code", "title"]


class UpdateSerializer(serializers.ModelSerializer):
    status = serializers.CharField(source="status_label", read_only=True)
    status_code = serializers.CharField(source="status", read_only=True)
    confidence = serializers.CharField(source="confidence_label", read_only=True)
    confidence_code = serializers.CharField(source="confidence", read_only=True)

    class Meta:
        model = ActionUpdate
        fields = [
            "id",
            "date",
            "author_name",
            "status",
            "status_code",
            "confidence",
            "confidence_code",
            "commentary",
            "evidence_url",
            "via",
            "created_at",
        ]


class ActionSerializer(serializers.ModelSerializer):
    year = serializers.CharField(source="delivery_plan.year", read_only=True)
    objective = serializers.CharField(source="objective.code", read_only=True)
    aim = serializers.IntegerField(source="objective.aim.number", read_only=True)
    status = serializers.CharField(source="status_label", read_only=True)
    status_code = serializers.CharField(source="status", read_only=True)
    # Who leads it by the one lead rule (``Action.lead_name``): its lead person, else its
    # lead organisation, else the lead as the plan writes it (``lead_as_written``).
    lead = serializers.CharField(source="lead_name", read_only=True)
    lead_as_written = serializers.CharField(source="lead", read_only=True)
    lead_person = serializers.CharField(
        source="lead_person.name", default=None, allow_null=True, read_only=True
    )
    lead_organisation = serializers.CharField(
        source="lead_organisation.name", default=None, allow_null=True, read_only=True
    )
    # The day it falls due by the one rule (``Action.falls_due``): its due date, else the
    # end of its delivery year; ``overdue`` as ``Action.is_overdue`` says today.
    falls_due = serializers.DateField(read_only=True)
    overdue = serializers.BooleanField(source="overdue_today", read_only=True)
    confidence = serializers.CharField(source="confidence_label", read_only=True)
    confidence_code = serializers.CharField(source="confidence", read_only=True)
    updates = UpdateSerializer(many=True, read_only=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "year",
            "aim",
            "objective",
            "code",
            "text",
            "measure",
            "lead",
            "lead_person",
            "lead_organisation",
            "lead_as_written",
            "due_date",
            "falls_due",
            "overdue",
            "status",
            "status_code",
            "status_source",
            "confidence",
            "confidence_code",
            "latest_commentary",
            "latest_update_on",
            "version",
            "updates",
        ]


class NewUpdateSerializer(serializers.Serializer):
    """A progress update on an action, against the version of the action the caller read."""

    commentary = serializers.CharField(max_length=10_000)
    status = serializers.ChoiceField(
        choices=[("", "Keep the current status"), *Status.choices], required=False, default=""
    )
    confidence = serializers.ChoiceField(
        choices=[("", "Keep the confidence given last"), *Confidence.choices],
        required=False,
        default="",
        help_text="The lead's confidence that the action will be delivered: on_track, "
        "at_risk or off_track.",
    )
    evidence_url = serializers.URLField(required=False, default="", max_length=500)
    expected_version = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        help_text="The action's version when you read it: if it has changed since, the "
        "update is refused with 409 and the action as it is now.",
    )


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = [
            "code",
            "title",
            "definition",
            "source",
            "unit",
            "per",
            "unit_label",
            "polarity",
            "period_type",
            "decimals",
            "measure_kind",
            "performance_question",
        ]


class Number(serializers.FloatField):
    """A number as JSON writes one (or as text, "77.5"): never true or false, which Python
    would take for 1 and 0; never NaN, an infinity or a number beyond ``LARGEST``."""

    default_error_messages = {
        "invalid": "Give a number, such as 77 or 77.5.",
        "not_a_number": "Give a number, such as 77 or 77.5, not true, false, a list or an object.",
        "overflow": f"Give a number between -{LARGEST:,.0f} and {LARGEST:,.0f}.",
        "too_large": f"Give a number between -{LARGEST:,.0f} and {LARGEST:,.0f}.",
        "max_string_length": "Give a number, such as 77 or 77.5: this is far too long for one.",
    }

    def to_internal_value(self, data) -> float:
        if isinstance(data, bool) or not isinstance(data, int | float | str):
            self.fail("not_a_number")
        number = super().to_internal_value(data)  # refuses NaN and the infinities
        if abs(number) > LARGEST:
            self.fail("too_large")
        return number


class DataPointSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", queryset=Indicator.objects.all())
    area = serializers.SlugRelatedField(slug_field="code", read_only=True)
    period = serializers.CharField(source="period.label", read_only=True)

    class Meta:
        model = DataPoint
        fields = [
            "id",
            "indicator",
            "area",
            "period",
            "breakdown",
            "value",
            "numerator",
            "denominator",
            "lower",
            "upper",
            "status",
            "note",
            "source",
            "revision",
            "recorded_at",
        ]
        read_only_fields = fields


class NewDataPointSerializer(serializers.Serializer):
    indicator = serializers.SlugRelatedField(slug_field="code", queryset=Indicator.objects.all())
    area = serializers.CharField(max_length=20, help_text="The area's ONS code.")
    period = serializers.CharField(max_length=40, help_text="As written, such as 2014/15.")
    breakdown = serializers.CharField(max_length=100, required=False, default="")
    value = Number()
    numerator = Number(required=False, allow_null=True, default=None)
    denominator = Number(required=False, allow_null=True, default=None)
    lower = Number(required=False, allow_null=True, default=None)
    upper = Number(required=False, allow_null=True, default=None)
    status = serializers.ChoiceField(choices=DataStatus.choices, default=DataStatus.FINAL)
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=2000)
    source = serializers.CharField(required=False, default="", allow_blank=True, max_length=300)


class TargetSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", queryset=Indicator.objects.all())
    value = Number(required=False, allow_null=True)
    amount = Number(required=False, allow_null=True)
    expected_version = serializers.IntegerField(
        write_only=True,
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text="Needed to change a target: its version when you read it.",
    )

    class Meta:
        model = Target
        # What a target's editor may set (target_edits.EDITABLE), and its version.
        fields = ["id", *EDITABLE, "version", "expected_version"]
        read_only_fields = ["id", "version"]


class EvaluationTargetSerializer(serializers.Serializer):
    text = serializers.CharField()
    kind = serializers.CharField()
    rule = serializers.CharField(allow_null=True)
    value = serializers.FloatField(allow_null=True)
    by = serializers.CharField(allow_null=True)


class EvaluationSerializer(serializers.Serializer):
    """An indicator's latest value judged as the scorecard judges it: the same data, under
    the same names, as the JSON reports (``indicators.evaluation.as_dict``), which writes
    it; the fields here describe it for the API's documentation."""

    indicator = serializers.CharField()
    title = serializers.CharField()
    unit = serializers.CharField()
    per = serializers.IntegerField(allow_null=True)
    polarity = serializers.CharField()
    period = serializers.CharField(allow_null=True)
    value = serializers.FloatField(allow_null=True)
    shown = serializers.CharField()
    lower = serializers.FloatField(allow_null=True)
    upper = serializers.FloatField(allow_null=True)
    provisional = serializers.BooleanField()
    previous_period = serializers.CharField(allow_null=True)
    previous_value = serializers.FloatField(allow_null=True)
    change = serializers.FloatField(allow_null=True)
    change_unit = serializers.CharField(allow_null=True)
    direction = serializers.CharField(allow_null=True)
    direction_why = serializers.CharField(allow_null=True)
    direction_ground = serializers.CharField(
        allow_null=True,
        help_text="What improving or worsening rests on: significance or tolerance.",
    )
    out_of_date = serializers.BooleanField(
        help_text="A newer value is more than a cycle overdue: the value is not judged."
    )
    due_again_by = serializers.DateField(allow_null=True)
    england = serializers.FloatField(allow_null=True)
    region = serializers.FloatField(allow_null=True)
    statistical_neighbours = serializers.FloatField(allow_null=True)
    gap_to_england = serializers.FloatField(allow_null=True)
    gap_to_region = serializers.FloatField(allow_null=True)
    gap_to_statistical_neighbours = serializers.FloatField(allow_null=True)
    vs_england = serializers.CharField()
    vs_region = serializers.CharField()
    rank = serializers.IntegerField(allow_null=True)
    ranked = serializers.IntegerField(allow_null=True)
    quartile_band = serializers.CharField(allow_null=True)
    quintile = serializers.IntegerField(allow_null=True)
    rank_among_neighbours = serializers.IntegerField(allow_null=True)
    neighbours_ranked = serializers.IntegerField(allow_null=True)
    target = EvaluationTargetSerializer(allow_null=True)
    expected = serializers.FloatField(allow_null=True)
    rag = serializers.CharField(allow_null=True)
    as_of = serializers.DateField(allow_null=True)
    timing = serializers.CharField(allow_null=True)
    course = serializers.CharField(allow_null=True)
    on_course = serializers.BooleanField(allow_null=True)
    not_judged = serializers.CharField(allow_null=True)
    gap = serializers.FloatField(allow_null=True)
    previous_gap = serializers.FloatField(allow_null=True)

    def to_representation(self, instance: Evaluation) -> dict:
        return as_dict(instance)


class BoardSerializer(serializers.ModelSerializer):
    class Meta:
        model = Board
        fields = ["id", "slug", "name", "short_name", "purpose", "cycle"]


class MeetingSerializer(serializers.ModelSerializer):
    board = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "board", "date", "time", "place", "status"]
