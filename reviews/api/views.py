"""The reviews API: review cycles, regional reviews, voluntary reports (with their workflow actions,
versions and documents), pledges and stakeholder contributions.

Every queryset starts from the app's selectors (``visible_to(user)``): what a reader may not see is a
404. Writes, workflow actions, ETags and documents come from the kernel's mixins, declared below; who
may do what is decided by ``reviews.permissions``, the workflow tables and the services.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from gcm_portal.api.mixins import AttachmentsMixin, VersionedWriteMixin, WorkflowActionsMixin
from gcm_portal.api.permissions import PublicReadOnly
from gcm_portal.api.schema import FORBIDDEN, INVALID, NOT_FOUND

from .. import permissions, selectors, services
from ..filtersets import (
    ContributionFilterSet,
    PledgeFilterSet,
    PublicReportFilterSet,
    ReportFilterSet,
    ReviewEventFilterSet,
    ReviewFilterSet,
)
from ..workflow import CONTRIBUTION_WORKFLOW, PLEDGE_WORKFLOW, REPORT_WORKFLOW
from . import serializers as s

# ---------------------------------------------------------------------------
# Review cycles and regional reviews (public, read-only)
# ---------------------------------------------------------------------------


class ReviewCycleViewSet(viewsets.ReadOnlyModelViewSet):
    """Review cycles (the 2020-2021 and 2024-2025 rounds), the Forum each leads to, their regional
    reviews and the Secretary-General's reports that inform them."""

    permission_classes = [PublicReadOnly]
    serializer_class = s.ReviewCycleSerializer
    lookup_field = "code"
    lookup_value_regex = "[0-9A-Za-z-]+"
    filterset_fields: list[str] = []
    ordering_fields = ["start_year", "code"]

    def get_queryset(self):
        return selectors.cycle_list()


class ReviewForumViewSet(viewsets.ReadOnlyModelViewSet):
    """The International Migration Review Forums (2022, 2026): dates, chair, parts (the hearing, the four
    round tables with the objectives each covers, the policy debate, the plenary), the outcome with its
    documents, the Secretary-General's reports and the regional reviews that fed each."""

    permission_classes = [PublicReadOnly]
    serializer_class = s.ReviewForumSerializer
    lookup_field = "code"
    lookup_value_regex = "[0-9a-z-]+"
    filterset_fields: list[str] = []
    ordering_fields = ["year"]

    def get_queryset(self):
        return selectors.forum_list().prefetch_related("cycle__reviews__commission")


class RegionalReviewViewSet(viewsets.ReadOnlyModelViewSet):
    """Regional, sub-regional and cross-regional reviews of the GCM. One review lists its events, the
    States invited to report (with the basis and source of each invitation) and the public state of each
    one's report."""

    permission_classes = [PublicReadOnly]
    filterset_class = ReviewFilterSet
    ordering_fields = ["start_date", "submission_deadline", "id"]

    def get_queryset(self):
        if self.action == "retrieve":
            return selectors.review_detail()
        return selectors.review_list().prefetch_related("documents")

    def get_serializer_class(self):
        return s.RegionalReviewDetailSerializer if self.action == "retrieve" else s.RegionalReviewSerializer


class ReviewEventViewSet(viewsets.ReadOnlyModelViewSet):
    """The events of review processes: consultations and hearings (with the rapporteur's summary),
    sub-regional and national consultations, dialogues with regional processes, intergovernmental
    sessions, side events and calls for written inputs. Filter by ``review`` (its id) and ``kind``."""

    permission_classes = [PublicReadOnly]
    serializer_class = s.ReviewEventSerializer
    filterset_class = ReviewEventFilterSet
    ordering_fields = ["start_date", "id"]
    ordering = ["start_date", "id"]

    def get_queryset(self):
        return selectors.event_list()


# ---------------------------------------------------------------------------
# Voluntary reports
# ---------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        description=(
            "Reports you may see: published ones for everyone, plus your countries' drafts for focal points "
            "and every report for Network staff. Readers who are not the country's focal points or staff "
            "get the published version. The status filter is offered to focal points and staff."
        )
    ),
)
class VoluntaryReportViewSet(
    WorkflowActionsMixin, VersionedWriteMixin, AttachmentsMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    """Voluntary GCM reports: focal points draft and submit their countries' reports, Network staff
    return or publish them, the public reads what is published."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    # not updated_at: the public must not learn from the order when a correction is being drafted
    ordering_fields = ["published_at", "created_at", "id"]
    ordering = ["-published_at", "-id"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    serializer_class = s.VoluntaryReportSerializer
    detail_serializer_class = s.VoluntaryReportDetailSerializer
    create_serializer_class = s.VoluntaryReportCreateSerializer
    write_serializer_class = s.VoluntaryReportUpdateSerializer
    create_service = services.report_create
    update_service = services.report_update
    update_object_arg = "report"
    may_create = permissions.can_create_reports
    may_edit = permissions.can_edit_report
    create_refusal = _("Only focal points and Network staff create reports.")
    edit_refusal = _("This report cannot be edited in its current state.")
    precondition_failed_message = _(
        "Someone else saved this report after you read it. Your changes were not saved: "
        "compare with the current version below and try again with its ETag."
    )
    workflow = REPORT_WORKFLOW
    attachments = services.REPORT_DOCUMENTS
    document_serializer_class = s.ReportDocumentSerializer

    @property
    def filterset_class(self):
        request = getattr(self, "request", None)
        # Only staff filter on live fields: anyone else filtering another country's report under
        # correction must not learn what its draft says.
        if permissions.can_curate(getattr(request, "user", None)):
            return ReportFilterSet
        return PublicReportFilterSet

    def get_queryset(self):
        if self.action == "list":
            return selectors.report_list(self.request.user)
        return selectors.report_detail(self.request.user)

    def etag_visible(self, report) -> bool:
        # No ETag for readers of the published version: it would reveal edits to a correction draft.
        return permissions.can_see_working_copy(self.request.user, report)

    @extend_schema(responses=s.ReportVersionSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[])
    def versions(self, request, pk=None):
        """Every version for the country's focal points and staff; published versions for everyone else.
        Each carries its snapshot and SHA-256 fingerprint."""
        report = self.get_object()
        page = self.paginate_queryset(selectors.versions_for(request.user, report))
        return self.get_paginated_response(s.ReportVersionSerializer(page, many=True).data)


# ---------------------------------------------------------------------------
# Pledges
# ---------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        description=(
            "Published pledges; signed-in authors, their countries' focal points and staff also see pledges "
            "waiting for curation (filter with ?curation=published to leave them out)."
        )
    ),
)
class PledgeViewSet(
    WorkflowActionsMixin, VersionedWriteMixin, AttachmentsMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    """Pledges as the Network's pledging initiative takes them, for a Forum or a regional review. Focal
    points pledge in their States' names; any member pledges for a stakeholder organisation. Network
    staff curate them (``publish``, ``decline``, ``reopen``) before they are public; their owners then
    report progress. A pledge carries at most one document of up to 25 MB."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    filterset_class = PledgeFilterSet
    ordering_fields = ["pledged_on", "created_at", "updated_at", "id"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    serializer_class = s.PledgeSerializer
    detail_serializer_class = s.PledgeDetailSerializer
    write_serializer_class = s.PledgeWriteSerializer
    create_service = services.pledge_create
    update_service = services.pledge_update
    update_object_arg = "pledge"
    may_create = permissions.can_create_pledges
    may_edit = permissions.can_edit_pledge
    create_refusal = _("Sign in to make a pledge.")
    edit_refusal = _("You may not edit this pledge.")
    precondition_failed_message = _(
        "Someone else saved this pledge after you read it. Your changes were not saved: "
        "compare with the current version below and try again with its ETag."
    )
    workflow = PLEDGE_WORKFLOW
    attachments = services.PLEDGE_DOCUMENTS
    document_serializer_class = s.PledgeDocumentSerializer

    def get_queryset(self):
        if self.action == "list":
            return selectors.pledge_list(self.request.user)
        return selectors.pledge_detail(self.request.user)

    @extend_schema(
        request=s.PledgeProgressSerializer,
        responses={201: s.PledgeUpdateSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def progress(self, request, pk=None):
        """Report progress on a published pledge (its owners); the pledge takes the reported status."""
        pledge = self.get_object()
        if not permissions.can_edit_pledge(request.user, pledge):
            raise exceptions.PermissionDenied(_("You may not report on this pledge."))
        serializer = s.PledgeProgressSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        update = services.pledge_progress_report(pledge=pledge, actor=request.user, **serializer.validated_data)
        return Response(s.PledgeUpdateSerializer(update).data, status=status.HTTP_201_CREATED)


# ---------------------------------------------------------------------------
# Stakeholder contributions
# ---------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        description="Published contributions; signed-in authors also see their own ones waiting for curation."
    ),
)
class StakeholderContributionViewSet(
    WorkflowActionsMixin, VersionedWriteMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    """Stakeholders' contributions to a Forum, a regional review or about a published report. Any signed-in member
    may contribute; Network staff publish or decline each contribution."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    filterset_class = ContributionFilterSet
    ordering_fields = ["created_at", "id"]
    http_method_names = ["get", "post", "head", "options"]
    serializer_class = detail_serializer_class = s.StakeholderContributionSerializer
    write_serializer_class = s.StakeholderContributionCreateSerializer
    create_service = services.contribution_submit
    workflow = CONTRIBUTION_WORKFLOW

    def get_queryset(self):
        return selectors.contribution_list(self.request.user)
