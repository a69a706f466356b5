"""The REST API, version 1: the plan, indicators and boards to read; action updates, values
and targets to write, with the same permissions and visibility as the web."""

from __future__ import annotations

from typing import NoReturn

from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.text import capfirst
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action as route
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import NotAuthenticated, NotFound, PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from goldenthread.areas.models import Area
from goldenthread.audit.context import Source, acting, client_address
from goldenthread.audit.versions import EditConflict
from goldenthread.boards.models import Board, Meeting
from goldenthread.caching.fragments import remembered_across_partnerships
from goldenthread.indicators.models import DataPoint, Indicator, Target
from goldenthread.indicators.permissions import areas_writable_by
from goldenthread.indicators.scorecard import scorecard, year_end
from goldenthread.indicators.target_edits import record_data_point, save_target
from goldenthread.lib.query import BadQuery, whole_number
from goldenthread.partnerships.models import Partnership
from goldenthread.partnerships.permissions import can_manage
from goldenthread.plans.models import Action, ActionUpdate, Aim, Objective, Plan
from goldenthread.plans.permissions import can_update_action
from goldenthread.plans.services import add_update

from . import filters, serializers
from .problems import Conflict


def refuse(request, why: str) -> NoReturn:
    """401 asks an anonymous caller for a token; 403 tells a known one they may not."""
    if not request.user.is_authenticated:
        raise NotAuthenticated(f"Give an API token. {why}")
    raise PermissionDenied(why)


class PartnershipViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.PartnershipSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return Partnership.objects.visible_to(self.request.user).select_related("area")

    @extend_schema(
        responses=serializers.EvaluationSerializer(many=True),
        parameters=[
            OpenApiParameter("aim", int),
            OpenApiParameter("rag", str),
            OpenApiParameter(
                "year", str, description="As the data stood at this year's end: 2014/15."
            ),
        ],
    )
    @route(detail=True)
    def evaluations(self, request, slug=None):
        """Every indicator's latest value judged as the scorecard judges it."""
        partnership = self.get_object()
        try:
            aim = whole_number(request.query_params.get("aim"), "aim")
        except BadQuery as error:
            raise serializers.serializers.ValidationError({"aim": [str(error)]}) from None
        try:
            as_of = year_end(request.query_params.get("year", ""))
        except ValueError as error:
            raise serializers.serializers.ValidationError({"year": [str(error)]}) from None
        rows = scorecard(
            partnership,
            aim=aim,
            rag=request.query_params.get("rag", ""),
            as_of=as_of,
            user=request.user,
        )
        page = self.paginate_queryset([row.evaluation for row in rows])
        return self.get_paginated_response(serializers.EvaluationSerializer(page, many=True).data)


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.PlanSerializer
    filterset_class = filters.PlanFilter

    def get_queryset(self):
        return (
            Plan.objects.visible_to(self.request.user).select_related("partnership").order_by("pk")
        )


class AimViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.AimSerializer
    filterset_class = filters.AimFilter

    def get_queryset(self):
        return Aim.objects.visible_to(self.request.user).order_by("plan", "number")


class ObjectiveViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.ObjectiveSerializer
    filterset_class = filters.ObjectiveFilter

    def get_queryset(self):
        return (
            Objective.objects.visible_to(self.request.user)
            .select_related("aim")
            .order_by("aim", "sort_key")
        )


@extend_schema_view(
    updates=extend_schema(
        request=serializers.NewUpdateSerializer, responses={201: serializers.UpdateSerializer}
    )
)
class ActionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.ActionSerializer
    filterset_class = filters.ActionFilter

    def get_queryset(self):
        return (
            Action.objects.visible_to(self.request.user)
            .select_related("delivery_plan", "objective__aim", "lead_person", "lead_organisation")
            .prefetch_related(Prefetch("updates", ActionUpdate.objects.order_by("-date", "-pk")))
            .order_by("delivery_plan", "sort_key")
        )

    def list(self, request, *args, **kwargs):
        # The serialised page, kept under the versions of the partnerships the caller
        # reads: the throttle and permissions have run before.
        data = remembered_across_partnerships(
            request, "api:actions", lambda: super(ActionViewSet, self).list(request).data
        )
        return Response(data)

    @route(detail=True, methods=["post"])
    def updates(self, request, pk=None):
        """Add a progress update: by the action's lead (in person or by organisation) or a
        manager; refused with 409 if the action changed since `expected_version`."""
        action = self.get_object()
        if not can_update_action(request.user, action):
            refuse(
                request,
                "Only the action's lead (the person named, or anyone in the organisation "
                "named when no person is) and the partnership's managers may update it.",
            )
        given = serializers.NewUpdateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        try:
            with acting(request.user, Source.API, client_address(request)):
                update = add_update(
                    action,
                    by=request.user,
                    via=Source.API,
                    commentary=data["commentary"],
                    status=data["status"],
                    confidence=data["confidence"],
                    evidence_url=data["evidence_url"],
                    expected_version=data["expected_version"],
                )
        except EditConflict as conflict:
            current = serializers.ActionSerializer(conflict.current).data
            current.pop("updates", None)
            raise Conflict(str(conflict), current) from None
        return Response(serializers.UpdateSerializer(update).data, status=status.HTTP_201_CREATED)


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """Indicator definitions: published statistics, readable by anyone."""

    serializer_class = serializers.IndicatorSerializer
    queryset = Indicator.objects.order_by("code")
    lookup_field = "code"


@extend_schema_view(
    create=extend_schema(
        request=serializers.NewDataPointSerializer, responses={201: serializers.DataPointSerializer}
    )
)
class DataPointViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Published values, readable by anyone; added or revised by the managers of a
    partnership for its own areas, and by site administrators for any area."""

    serializer_class = serializers.DataPointSerializer
    filterset_class = filters.DataPointFilter
    queryset = DataPoint.objects.select_related("indicator", "area", "period").order_by("pk")

    def create(self, request, *args, **kwargs):
        given = serializers.NewDataPointSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        values = dict(given.validated_data, indicator=given.validated_data["indicator"].code)
        area = Area.objects.filter(code=values["area"]).first()
        if area is None:
            raise serializers.serializers.ValidationError(
                {"area": [f"No area has the code {values['area']!r}."]}
            )
        writable = areas_writable_by(request.user)
        if not writable.allows(area.pk):
            refuse(request, f"{capfirst(writable.refusal(area.pk, area.name))}.")
        # One transaction with the answer: a value is never saved behind a 500.
        with transaction.atomic(), acting(request.user, Source.API, client_address(request)):
            point = record_data_point(by=request.user, **values)
            saved = self.get_serializer(point).data
        return Response(saved, status=status.HTTP_201_CREATED)


class TargetViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """A partnership's targets; set and changed by its managers, against the version read."""

    serializer_class = serializers.TargetSerializer
    filterset_class = filters.TargetFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        readable = Partnership.objects.visible_to(self.request.user)
        return (
            Target.objects.filter(partnership__in=readable)
            .select_related("indicator", "partnership")
            .order_by("pk")
        )

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "partnership", str, required=True, description="The partnership's slug"
            )
        ]
    )
    def create(self, request, *args, **kwargs):
        slug = request.query_params.get("partnership", "")
        partnership = get_object_or_404(Partnership.objects.visible_to(request.user), slug=slug)
        return self._save(request, None, partnership, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        target = self.get_object()
        return self._save(request, target, target.partnership, status.HTTP_200_OK)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    def _save(self, request, target, partnership, done: int) -> Response:
        if not can_manage(request.user, partnership):
            refuse(request, "Only the partnership's managers may set its targets.")
        given = self.get_serializer(target, data=request.data, partial=target is not None)
        given.is_valid(raise_exception=True)
        fields = dict(given.validated_data)
        expected = fields.pop("expected_version", None)
        try:
            with acting(request.user, Source.API, client_address(request)):
                saved = save_target(
                    target,
                    partnership=partnership,
                    fields=fields,
                    by=request.user,
                    expected_version=expected,
                )
        except EditConflict as conflict:
            raise Conflict(str(conflict), self.get_serializer(conflict.current).data) from None
        return Response(self.get_serializer(saved).data, status=done)


class BoardViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.BoardSerializer
    filterset_class = filters.BoardFilter

    def get_queryset(self):
        readable = Partnership.objects.visible_to(self.request.user)
        return Board.objects.filter(partnership__in=readable).order_by("partnership", "name")


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.MeetingSerializer
    filterset_class = filters.MeetingFilter

    def get_queryset(self):
        readable = Partnership.objects.visible_to(self.request.user)
        return (
            Meeting.objects.filter(board__partnership__in=readable)
            .select_related("board")
            .order_by("date", "pk")
        )


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@permission_classes([AllowAny])
def nowhere(request, *args, **kwargs):
    raise NotFound("There is no such address in the API. See /api/v1/docs/ for those there are.")
