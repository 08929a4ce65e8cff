"""The hub's API: practices (with their workflow and documents), resources, events, working groups,
UN migration networks and their counts, discussion spaces with their comments, the expert roster (staff
only) and Connection Hub requests (the requester and staff only).

Every queryset starts from the app's selectors (``visible_to(user)``): what a reader may not see is a
404. Writes, workflow actions, ETags and documents come from the kernel's mixins; who may do what is
decided by ``knowledge.permissions``, the workflow tables and the services.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from gcm_portal.accounts.choices import Role
from gcm_portal.api.mixins import AttachmentsMixin, VersionedWriteMixin, WorkflowActionsMixin
from gcm_portal.api.permissions import HasRole, PublicReadOnly
from gcm_portal.api.schema import INVALID, NOT_FOUND, PROBLEM

from .. import permissions, selectors, services
from ..filtersets import (
    ApiEventFilterSet,
    ExpertFilterSet,
    GroupFilterSet,
    NetworkFilterSet,
    PracticeFilterSet,
    RequestFilterSet,
    ResourceFilterSet,
    SpaceFilterSet,
    StaffPracticeFilterSet,
)
from ..models import NetworkCount
from ..workflow import (
    EVENT_WORKFLOW,
    EXPERT_WORKFLOW,
    GROUP_WORKFLOW,
    NETWORK_WORKFLOW,
    PRACTICE_WORKFLOW,
    REQUEST_WORKFLOW,
    RESOURCE_WORKFLOW,
    SPACE_WORKFLOW,
)
from . import serializers as s

WRITE_METHODS = ["get", "post", "put", "patch", "head", "options"]
PRECONDITION = _(
    "Someone else saved this record after you read it. Your changes were not saved: compare with the current "
    "version below and try again with its ETag."
)


# ---------------------------------------------------------------------------
# Practices
# ---------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        description=(
            "Published practices for everyone; signed-in submitters also see their own, reviewers the practices "
            "they review, Network staff every practice (filter with ?status=)."
        )
    )
)
class PracticeViewSet(
    WorkflowActionsMixin, VersionedWriteMixin, AttachmentsMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    """The repository of practices: anyone signed in submits a practice; Network staff send it to peer
    review, ask for more information, publish or decline it (publishing needs the Hub's peer review)."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    http_method_names = WRITE_METHODS
    ordering_fields = ["published_at", "created_at", "id"]
    serializer_class = detail_serializer_class = s.PracticeSerializer
    write_serializer_class = s.PracticeWriteSerializer
    create_service = services.practice_create
    update_service = services.practice_update
    update_object_arg = "practice"
    may_create = permissions.can_submit_practice
    may_edit = permissions.can_edit_practice
    create_refusal = _("Sign in to submit a practice.")
    edit_refusal = _("This practice cannot be edited in its current state.")
    precondition_failed_message = PRECONDITION
    workflow = PRACTICE_WORKFLOW
    attachments = services.PRACTICE_DOCUMENTS
    document_serializer_class = s.DocumentSerializer

    @property
    def filterset_class(self):
        request = getattr(self, "request", None)
        if permissions.is_staff(getattr(request, "user", None)):
            return StaffPracticeFilterSet
        return PracticeFilterSet

    def get_queryset(self):
        return selectors.practice_detail(self.request.user)


# ---------------------------------------------------------------------------
# Resources and events
# ---------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        description="Published resources; signed-in members also see the ones they suggested, staff every one."
    )
)
class ResourceViewSet(
    WorkflowActionsMixin, VersionedWriteMixin, AttachmentsMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    """Publications, policy briefs, guidance, tools, Network statements, the Secretary-General's reports,
    working-group outputs and videos. Members suggest resources; Network staff curate them. One file per
    language (``documents/``)."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    http_method_names = WRITE_METHODS
    filterset_class = ResourceFilterSet
    ordering_fields = ["publication_date", "created_at", "id"]
    serializer_class = detail_serializer_class = s.ResourceSerializer
    write_serializer_class = s.ResourceWriteSerializer
    create_service = services.resource_create
    update_service = services.resource_update
    update_object_arg = "resource"
    may_create = permissions.can_suggest_resource
    may_edit = services.RESOURCE_FILES.may_change
    precondition_failed_message = PRECONDITION
    workflow = RESOURCE_WORKFLOW
    attachments = services.RESOURCE_FILES
    document_serializer_class = s.DocumentSerializer

    def get_queryset(self):
        return selectors.resource_detail(self.request.user)


def _staff(user, obj=None) -> bool:
    return permissions.can_curate(user)


class EventViewSet(WorkflowActionsMixin, VersionedWriteMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """GCM Talks, webinars, listening sessions and other events (``?when=upcoming`` or ``past``); the
    iCalendar feed is at /hub/events/calendar.ics. Network staff announce and publish them."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    http_method_names = WRITE_METHODS
    filterset_class = ApiEventFilterSet
    ordering_fields = ["starts_at", "id"]
    ordering = ["-starts_at", "-id"]
    serializer_class = detail_serializer_class = s.EventSerializer
    write_serializer_class = s.EventWriteSerializer
    create_service = services.event_create
    update_service = services.event_update
    update_object_arg = "event"
    may_create = _staff
    may_edit = _staff
    create_refusal = _("Network staff announce events.")
    precondition_failed_message = PRECONDITION
    workflow = EVENT_WORKFLOW

    def get_queryset(self):
        return selectors.event_detail(self.request.user)


# ---------------------------------------------------------------------------
# Working groups and networks
# ---------------------------------------------------------------------------


class WorkingGroupViewSet(
    WorkflowActionsMixin, VersionedWriteMixin, AttachmentsMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    """The Network's working groups and workstreams, with their co-leads, members, terms of reference
    (``documents/``) and outputs. Network staff keep them."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    http_method_names = WRITE_METHODS
    filterset_class = GroupFilterSet
    ordering_fields = ["code", "name", "id"]
    serializer_class = detail_serializer_class = s.WorkingGroupSerializer
    write_serializer_class = s.WorkingGroupWriteSerializer
    create_service = services.group_create
    update_service = services.group_update
    update_object_arg = "group"
    may_create = _staff
    may_edit = _staff
    precondition_failed_message = PRECONDITION
    workflow = GROUP_WORKFLOW
    attachments = services.GROUP_DOCUMENTS
    document_serializer_class = s.DocumentSerializer

    def get_queryset(self):
        return selectors.group_detail(self.request.user)


class NetworkViewSet(
    WorkflowActionsMixin, VersionedWriteMixin, AttachmentsMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    """The UN system's country and regional networks on migration, with their co-chairs, member entities,
    terms of reference and workplan (``documents/``), and whether migration figures in the UN common
    country analysis and cooperation framework."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    http_method_names = WRITE_METHODS
    filterset_class = NetworkFilterSet
    ordering_fields = ["name", "established_on", "id"]
    serializer_class = detail_serializer_class = s.NetworkSerializer
    write_serializer_class = s.NetworkWriteSerializer
    create_service = services.network_create
    update_service = services.network_update
    update_object_arg = "network"
    may_create = _staff
    may_edit = _staff
    precondition_failed_message = PRECONDITION
    workflow = NETWORK_WORKFLOW
    attachments = services.NETWORK_DOCUMENTS
    document_serializer_class = s.NetworkDocumentSerializer

    def get_queryset(self):
        return selectors.network_detail(self.request.user)


class NetworkCountViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """How many country networks (and regional structures) there were on each date, with the public
    source of each figure."""

    permission_classes = [PublicReadOnly]
    serializer_class = s.NetworkCountSerializer
    filterset_fields: list[str] = []
    ordering_fields = ["on"]

    def get_queryset(self):
        return NetworkCount.objects.order_by("on")


# ---------------------------------------------------------------------------
# Discussion spaces
# ---------------------------------------------------------------------------


class DiscussionViewSet(WorkflowActionsMixin, VersionedWriteMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Moderated discussion spaces with their questions; ``comments/`` lists the visible comments and,
    while the space is open, takes a new comment or reply from anyone signed in."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    http_method_names = WRITE_METHODS
    filterset_class = SpaceFilterSet
    ordering_fields = ["opens_on", "closes_on", "id"]
    serializer_class = detail_serializer_class = s.SpaceSerializer
    write_serializer_class = s.SpaceWriteSerializer
    create_service = services.space_create
    update_service = services.space_update
    update_object_arg = "space"
    may_create = _staff
    may_edit = _staff
    precondition_failed_message = PRECONDITION
    workflow = SPACE_WORKFLOW

    def get_queryset(self):
        return selectors.space_detail(self.request.user)

    @extend_schema(
        methods=["GET"],
        request=None,
        responses={200: s.CommentSerializer(many=True), 404: NOT_FOUND},
        description="The space's comments you may see, oldest first (moderators also see hidden ones).",
    )
    @extend_schema(
        methods=["POST"],
        request=s.CommentWriteSerializer,
        responses={
            201: s.CommentSerializer,
            400: INVALID,
            403: OpenApiResponse(PROBLEM, description="The space is closed."),
            404: NOT_FOUND,
        },
        description="Comment, or reply to a visible comment (``parent``), while the space is open.",
    )
    @action(detail=True, methods=["get", "post"], filter_backends=[])
    def comments(self, request, pk=None):
        space = self.get_object()
        if request.method == "GET":
            page = self.paginate_queryset(selectors.visible_comments(space, request.user))
            return self.get_paginated_response(s.CommentSerializer(page, many=True).data)
        serializer = s.CommentWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        question = parent = None
        if data.get("question") is not None:
            question = space.questions.filter(pk=data["question"]).first()
            if question is None:
                raise exceptions.ValidationError({"question": [_("No such question in this space.")]})
        if data.get("parent") is not None:
            parent = selectors.visible_comments(space, request.user).filter(pk=data["parent"]).first()
            if parent is None:
                raise exceptions.ValidationError({"parent": [_("No such comment in this space.")]})
        comment = services.comment_post(
            space=space,
            actor=request.user,
            body=data["body"],
            language=data["language"],
            question=question,
            parent=parent,
        )
        return Response(s.CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


# ---------------------------------------------------------------------------
# Expert roster: Network staff only
# ---------------------------------------------------------------------------


class ExpertViewSet(WorkflowActionsMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The expert roster and its applications, for Network staff: ``approve`` (the expert becomes an
    expert reviewer), ``decline``, ``remove``, ``reconsider``."""

    permission_classes = [HasRole.of(Role.NETWORK_STAFF)]
    http_method_names = ["get", "post", "head", "options"]
    filterset_class = ExpertFilterSet
    ordering_fields = ["created_at", "years_of_experience", "id"]
    serializer_class = detail_serializer_class = s.ExpertSerializer
    precondition_failed_message = PRECONDITION
    workflow = EXPERT_WORKFLOW

    def get_queryset(self):
        return selectors.expert_detail(self.request.user)


# ---------------------------------------------------------------------------
# Connection Hub requests: the requester and staff only
# ---------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(description="Your own requests (focal points); every request for Network staff.")
)
class SupportRequestViewSet(WorkflowActionsMixin, VersionedWriteMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Connection Hub requests: a focal point asks for support for a country they represent; Network staff
    triage and match it (received → in discussion → matched → in progress → closed). Only the requester
    and staff see a request: anyone else gets a 404."""

    permission_classes = [IsAuthenticated]
    http_method_names = WRITE_METHODS
    filterset_class = RequestFilterSet
    ordering_fields = ["created_at", "updated_at", "id"]
    serializer_class = detail_serializer_class = s.SupportRequestSerializer
    write_serializer_class = s.SupportRequestWriteSerializer
    create_serializer_class = s.SupportRequestCreateSerializer
    create_service = services.support_request_create
    update_service = services.support_request_update
    update_object_arg = "request"
    may_create = permissions.can_request_support
    may_edit = permissions.can_edit_request
    create_refusal = _("Focal points ask for support for the countries they represent.")
    edit_refusal = _("This request cannot be edited in its current state.")
    precondition_failed_message = PRECONDITION
    workflow = REQUEST_WORKFLOW

    def get_queryset(self):
        return selectors.request_detail(self.request.user)
