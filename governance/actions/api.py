"""API: action items after decisions (as far as the reader may see them), their timelines;
the secretariat creates and changes them and publishes statements, the owner organisation's
people post progress updates and change their status, through the same use cases as the pages."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from alliance_portal import policy
from alliance_portal.api.pagination import PageNumberPagination
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.markdown import render_markdown
from alliance_portal.text_limits import text_input
from governance.actions import selectors, services
from governance.actions.models import (
    ActionItem,
    ActionMilestone,
    ActionStatement,
    ActionStatus,
    ProgressMode,
    ProgressUpdate,
)
from governance.common.api import CountryField, ErrorSerializer, choice_field
from governance.decision_log.models import PublishedDecision
from governance.documents.models import Document
from members.models import Organisation, Person


class ActionOutputSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", help_text="The page's path.")
    description_html = serializers.SerializerMethodField()
    decision = serializers.IntegerField(source="decision_id", help_text="The decision's log seq.")
    decision_title = serializers.CharField(source="decision.title")
    body = serializers.CharField(source="decision.body_slug", help_text="The deciding body.")
    owner = serializers.CharField(source="owner.slug", help_text="The owner organisation.")
    owner_name = serializers.CharField(source="owner.name")
    overdue = serializers.BooleanField(help_text="Past its due date, neither done nor cancelled.")
    milestone_count = serializers.IntegerField(default=0)
    milestones_done = serializers.IntegerField(default=0)

    class Meta:
        model = ActionItem
        fields = (
            "id",
            "url",
            "title",
            "description",
            "description_html",
            "decision",
            "decision_title",
            "body",
            "owner",
            "owner_name",
            "countries",
            "due_date",
            "original_due_date",
            "status",
            "status_reason",
            "progress_mode",
            "percent",
            "milestone_count",
            "milestones_done",
            "disclosure",
            "overdue",
            "created_at",
            "started_at",
            "done_at",
        )
        ref_name = "ActionItem"

    def get_description_html(self, item: ActionItem) -> str:
        return str(render_markdown(item.description))


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActionMilestone
        fields = ("id", "position", "title", "due_date", "done_on")
        ref_name = "ActionMilestone"


class ProgressUpdateSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.slug")
    organisation_name = serializers.CharField(source="organisation.name")
    text_html = serializers.SerializerMethodField()

    class Meta:
        model = ProgressUpdate
        fields = (
            "id",
            "posted_at",
            "organisation",
            "organisation_name",
            "text",
            "text_html",
            "evidence_url",
            "evidence_document",
            "status",
            "reason",
            "percent",
        )
        ref_name = "ActionProgressUpdate"

    def get_text_html(self, update: ProgressUpdate) -> str:
        return str(render_markdown(update.text))


class StatementSerializer(serializers.ModelSerializer):
    seq = serializers.IntegerField(source="entry_id", help_text="The decision-log entry.")

    class Meta:
        model = ActionStatement
        fields = ("seq", "occasion", "due_date")
        ref_name = "ActionStatement"


class ActionDetailSerializer(ActionOutputSerializer):
    responsible = serializers.CharField(
        required=False,
        help_text="The responsible person's name; only for members-level readers and the "
        "owner's people, empty when the person's own level keeps it from you.",
    )
    milestones = MilestoneSerializer(many=True)
    updates = ProgressUpdateSerializer(many=True, help_text="The timeline, oldest first.")
    statements = StatementSerializer(many=True)

    class Meta(ActionOutputSerializer.Meta):
        fields = (  # type: ignore[assignment]
            *ActionOutputSerializer.Meta.fields,
            "responsible",
            "milestones",
            "updates",
            "statements",
        )
        ref_name = "ActionItemDetail"


def _detail(request: Request, pk: int) -> dict[str, Any]:
    """The detail answer: what ``ActionDetailSerializer`` documents."""
    item = selectors.action_get(user=request.user, pk=pk)
    page = selectors.action_page(user=request.user, item=item)
    answer = {
        **ActionOutputSerializer(item).data,
        "milestones": MilestoneSerializer(page.milestones, many=True).data,
        "updates": ProgressUpdateSerializer(page.updates, many=True).data,
        "statements": StatementSerializer(page.statements, many=True).data,
    }
    own = policy.principal(request.user).organisation_id == item.owner_id
    if own or policy.reaches(request.user, DisclosureLevel.MEMBERS):
        answer["responsible"] = page.responsible_name
    return answer


class MilestoneInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    due_date = serializers.DateField()
    done_on = serializers.DateField(required=False, allow_null=True, default=None)

    class Meta:
        ref_name = "ActionMilestoneInput"


class ActionInputSerializer(serializers.Serializer):
    decision = serializers.PrimaryKeyRelatedField(
        queryset=PublishedDecision.objects.all(), help_text="The decision's log seq."
    )
    title = serializers.CharField(max_length=200)
    description = text_input(ActionItem, "description", required=False, default="")
    owner: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all()
    )
    responsible = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), required=False, allow_null=True, default=None
    )
    due_date = serializers.DateField()
    disclosure = choice_field(DisclosureLevel, required=False, default=DisclosureLevel.PUBLIC)
    countries = serializers.ListField(child=CountryField(), required=False, default=list)
    progress_mode = choice_field(ProgressMode, required=False, default=ProgressMode.PERCENT)
    milestones = MilestoneInputSerializer(many=True, required=False)

    class Meta:
        ref_name = "ActionItemInput"


def _milestones(rows: list[dict[str, Any]]) -> list[services.MilestoneInput]:
    return [
        services.MilestoneInput(
            title=row["title"], due_date=row["due_date"], done_on=row.get("done_on")
        )
        for row in rows
    ]


class ActionListApi(APIView):
    """Actions after decisions that you may see, soonest due first. ``POST`` creates one on
    an adopted decision (the secretariat)."""

    pagination_class = PageNumberPagination

    class FilterSerializer(serializers.Serializer):
        status = choice_field(ActionStatus, required=False)
        owner = serializers.SlugField(required=False)
        overdue = serializers.BooleanField(required=False, allow_null=True, default=None)
        body = serializers.SlugField(required=False)
        country = CountryField(required=False)
        material = serializers.CharField(required=False, max_length=40)
        decision = serializers.IntegerField(required=False, min_value=1)

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, description="planned, in_progress, done, ..."),
            OpenApiParameter("owner", str, description="owner organisation slug"),
            OpenApiParameter("overdue", bool, description="true: overdue only; false: not"),
            OpenApiParameter("body", str, description="deciding body slug"),
            OpenApiParameter("country", str, description="ISO 3166-1 alpha-2"),
            OpenApiParameter("material", str, description="material code"),
            OpenApiParameter("decision", int, description="decision log seq"),
        ],
        responses=ActionOutputSerializer(many=True),
        operation_id="actions_list",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        found = {key: value for key, value in filters.validated_data.items() if value is not None}
        if "country" in found:
            found["country"] = str(found["country"])
        actions = selectors.action_list(user=request.user, **found)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(actions, request, view=self) or []
        return paginator.get_paginated_response(ActionOutputSerializer(page, many=True).data)

    @extend_schema(
        request=ActionInputSerializer,
        responses={201: ActionDetailSerializer, 400: ErrorSerializer},
        operation_id="actions_create",
    )
    def post(self, request: Request) -> Response:
        policy.require(request.user, "action_item.manage")
        serializer = ActionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data["countries"] = [str(code) for code in data["countries"]]
        item = services.action_item_create(
            actor=request.user, milestones=_milestones(data.pop("milestones", [])), **data
        )
        return Response(_detail(request, item.pk), status=201)


class ActionDetailApi(APIView):
    """One action with its milestones, timeline and decision-log statements. ``PATCH``
    changes it (the secretariat): reassign it, move its due date, replace its milestones."""

    @extend_schema(responses=ActionDetailSerializer, operation_id="actions_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        return Response(_detail(request, pk))

    @extend_schema(
        request=ActionInputSerializer(partial=True),
        responses={200: ActionDetailSerializer, 400: ErrorSerializer},
        operation_id="actions_partial_update",
    )
    def patch(self, request: Request, pk: int) -> Response:
        item = selectors.action_get(user=request.user, pk=pk)
        policy.require(request.user, "action_item.manage", item)
        serializer = ActionInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        changes.pop("decision", None)
        if "countries" in changes:
            changes["countries"] = [str(code) for code in changes["countries"]]
        milestones = changes.pop("milestones", None)
        services.action_item_update(
            actor=request.user,
            item=item,
            changes=changes,
            milestones=_milestones(milestones) if milestones is not None else None,
        )
        return Response(_detail(request, pk))


class ProgressInputSerializer(serializers.Serializer):
    status = choice_field(ActionStatus, required=False)
    reason = text_input(ProgressUpdate, "reason", required=False, default="")
    percent = serializers.IntegerField(required=False, min_value=0, max_value=100)
    milestones_done = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        help_text="The ids of every milestone done (the others are not).",
    )

    class Meta:
        ref_name = "ActionStatusInput"


class ProgressUpdateInputSerializer(ProgressInputSerializer):
    text = text_input(ProgressUpdate, "text", help_text="Markdown.")
    evidence_url = serializers.URLField(required=False, allow_blank=True, default="")
    evidence_document = serializers.PrimaryKeyRelatedField(
        queryset=Document.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="The id of a library document you may read (upload it at /api/v1/documents/).",
    )

    class Meta:
        ref_name = "ActionProgressUpdateInput"


class ActionUpdatesApi(APIView):
    """An action's timeline; ``POST`` adds a progress update (the owner organisation's
    people), optionally changing its status and progress."""

    @extend_schema(
        responses=ProgressUpdateSerializer(many=True), operation_id="actions_updates_list"
    )
    def get(self, request: Request, pk: int) -> Response:
        item = selectors.action_get(user=request.user, pk=pk)
        updates = selectors.action_page(user=request.user, item=item).updates
        return Response(ProgressUpdateSerializer(updates, many=True).data)

    @extend_schema(
        request=ProgressUpdateInputSerializer,
        responses={201: ProgressUpdateSerializer, 400: ErrorSerializer},
        operation_id="actions_updates_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        item = selectors.action_get(user=request.user, pk=pk)
        policy.require(request.user, "action_item.report", item)
        serializer = ProgressUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        update = services.action_progress_post(
            actor=request.user, item=item, **serializer.validated_data
        )
        return Response(ProgressUpdateSerializer(update).data, status=201)


class ActionStatusApi(APIView):
    """Change an action's status and progress (the owner organisation's people): a reason
    for blocked and cancelled; done and cancelled are final."""

    class InputSerializer(ProgressInputSerializer):
        status = choice_field(ActionStatus)

        class Meta:
            ref_name = "ActionStatusChangeInput"

    @extend_schema(
        request=InputSerializer,
        responses={200: ActionDetailSerializer, 400: ErrorSerializer},
        operation_id="actions_status_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        item = selectors.action_get(user=request.user, pk=pk)
        policy.require(request.user, "action_item.report", item)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.action_status_change(actor=request.user, item=item, **serializer.validated_data)
        return Response(_detail(request, pk))


class ActionStatementApi(APIView):
    """Publish a statement in the public decision log about a public action that is done,
    cancelled or whose due date moved (the secretariat), once per occasion."""

    class InputSerializer(serializers.Serializer):
        text = serializers.CharField(max_length=10_000, help_text="Markdown.")

        class Meta:
            ref_name = "ActionStatementInput"

    @extend_schema(
        request=InputSerializer,
        responses={201: StatementSerializer, 400: ErrorSerializer},
        operation_id="actions_statement_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        item = selectors.action_get(user=request.user, pk=pk)
        policy.require(request.user, "action_item.publish_statement", item)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        statement = services.action_statement_publish(
            actor=request.user, item=item, text=serializer.validated_data["text"]
        )
        return Response(StatementSerializer(statement).data, status=201)
