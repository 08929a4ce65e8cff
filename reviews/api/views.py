"""The reviews API: review cycles, regional reviews, voluntary reports (with their workflow actions,
versions and documents), pledges and stakeholder contributions.

- Every queryset starts from the app's selectors (``visible_to(user)``): what a reader may not see is
  a 404, for reads, writes and actions alike.
- Who may do what is decided by ``reviews.permissions``, the workflow table and the services; this
  module only maps their answers to HTTP: ``PermissionDenied``/``TransitionForbidden`` 403,
  ``TransitionNotAllowed``/``TransitionConflict`` 409, ``ValidationError``/``FileRejected`` 400,
  ``StaleVersion`` 412.
- Records with a version answer ``ETag: "<pk>-<version>"``; edits need ``If-Match`` (428 without it,
  412 with the current representation when it is stale, and nothing is written).
- The report's workflow actions are generated from the workflow table: one ``POST
  /voluntary-reports/{id}/<action>/`` per action of ``services.REPORT_WORKFLOW``.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from gcm_portal.api.conditional import (
    ETAG,
    FORBIDDEN,
    IF_MATCH_OPTIONAL,
    INVALID,
    NOT_FOUND,
    PROBLEM,
    ConditionalMixin,
    Conflict,
    call_service,
    versioned_write_schema,
)
from gcm_portal.api.permissions import PublicReadOnly
from gcm_portal.core.concurrency import parse_if_match
from gcm_portal.core.workflow import TransitionForbidden, WorkflowError

from .. import permissions, selectors, services
from ..filtersets import (
    ContributionFilterSet,
    PledgeFilterSet,
    PublicReportFilterSet,
    ReportFilterSet,
    ReviewFilterSet,
)
from . import serializers as s

REPORT_WRITE_SCHEMA = versioned_write_schema(
    request=s.VoluntaryReportUpdateSerializer,
    response=s.VoluntaryReportDetailSerializer,
    precondition_failed=s.ReportPreconditionFailedSerializer,
)
PLEDGE_WRITE_SCHEMA = versioned_write_schema(
    request=s.PledgeWriteSerializer,
    response=s.PledgeSerializer,
    precondition_failed=s.PledgePreconditionFailedSerializer,
)


# ---------------------------------------------------------------------------
# Review cycles and regional reviews (public, read-only)
# ---------------------------------------------------------------------------


class ReviewCycleViewSet(viewsets.ReadOnlyModelViewSet):
    """Review cycles (the 2020-2021 and 2024-2025 rounds) and their regional reviews."""

    permission_classes = [PublicReadOnly]
    serializer_class = s.ReviewCycleSerializer
    lookup_field = "code"
    lookup_value_regex = "[0-9A-Za-z-]+"
    filterset_fields: list[str] = []
    ordering_fields = ["start_year", "code"]

    def get_queryset(self):
        return selectors.cycle_list()


class RegionalReviewViewSet(viewsets.ReadOnlyModelViewSet):
    """Regional reviews of the GCM per UN regional commission; one review lists every participating
    State with the public state of its report."""

    permission_classes = [PublicReadOnly]
    filterset_class = ReviewFilterSet
    ordering_fields = ["start_date", "submission_deadline", "id"]

    def get_queryset(self):
        return selectors.review_detail()

    def get_serializer_class(self):
        return s.RegionalReviewDetailSerializer if self.action == "retrieve" else s.RegionalReviewSerializer


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
    retrieve=extend_schema(parameters=[ETAG], responses={200: s.VoluntaryReportDetailSerializer, 404: NOT_FOUND}),
)
class VoluntaryReportViewSet(
    ConditionalMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Voluntary GCM reports: focal points draft and submit their countries' reports, Network staff
    return or publish them, the public reads what is published."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    # not updated_at: the public must not learn from the order when a correction is being drafted
    ordering_fields = ["published_at", "created_at", "id"]
    ordering = ["-published_at", "-id"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    precondition_failed_message = gettext_lazy(
        "Someone else saved this report after you read it. Your changes were not saved: "
        "compare with the current version below and try again with its ETag."
    )

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

    def get_serializer_class(self):
        return {
            "list": s.VoluntaryReportSerializer,
            "create": s.VoluntaryReportCreateSerializer,
            "update": s.VoluntaryReportUpdateSerializer,
            "partial_update": s.VoluntaryReportUpdateSerializer,
        }.get(self.action, s.VoluntaryReportDetailSerializer)

    def fresh(self, pk: int):
        return selectors.report_detail(self.request.user).get(pk=pk)

    def current_representation(self, obj) -> dict:
        return s.VoluntaryReportDetailSerializer(obj, context=self.get_serializer_context()).data

    def retrieve(self, request, *args, **kwargs):
        report = self.get_object()
        data = self.current_representation(report)
        if not permissions.can_see_working_copy(request.user, report):
            # No ETag for readers of the published version: it would reveal edits to a correction draft.
            return Response(data)
        return self.not_modified_or(request, report, data)

    @extend_schema(
        request=s.VoluntaryReportCreateSerializer,
        responses={201: s.VoluntaryReportDetailSerializer, 400: INVALID, 403: FORBIDDEN},
        parameters=[ETAG],
    )
    def create(self, request, *args, **kwargs):
        """Start a draft for a country you represent (staff: any country)."""
        if not permissions.can_create_reports(request.user):
            raise exceptions.PermissionDenied(_("Only focal points and Network staff create reports."))
        serializer = s.VoluntaryReportCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        report = call_service(services.report_create, actor=request.user, **serializer.validated_data)
        report = self.fresh(report.pk)
        response = Response(self.current_representation(report), status=status.HTTP_201_CREATED)
        response["Location"] = response.data["url"]
        return self.with_etag(response, report)

    @REPORT_WRITE_SCHEMA
    def update(self, request, *args, **kwargs):
        """Replace the editable content of a draft (fields not sent are emptied)."""
        return self._update(request, partial=False)

    @REPORT_WRITE_SCHEMA
    def partial_update(self, request, *args, **kwargs):
        """Edit the fields you send. ``status``, ``country``, ``version`` and timestamps are read-only."""
        return self._update(request, partial=True)

    def _update(self, request, *, partial: bool) -> Response:
        return self.versioned_update(
            request,
            partial=partial,
            write_serializer=s.VoluntaryReportUpdateSerializer,
            service=services.report_update,
            object_arg="report",
            may_edit=permissions.can_edit_report,
            refusal=_("This report cannot be edited in its current state."),
        )

    @extend_schema(responses=s.ReportVersionSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[])
    def versions(self, request, pk=None):
        """Every version for the country's focal points and staff; published versions for everyone else.
        Each carries its snapshot and SHA-256 fingerprint."""
        report = self.get_object()
        page = self.paginate_queryset(selectors.versions_for(request.user, report))
        return self.get_paginated_response(s.ReportVersionSerializer(page, many=True).data)

    @extend_schema(
        methods=["GET"],
        request=None,
        responses={200: s.ReportDocumentSerializer(many=True), 404: NOT_FOUND},
        description="The report's documents (for the public: those of the published version), with download URLs.",
    )
    @extend_schema(
        methods=["POST"],
        request={"multipart/form-data": s.DocumentUploadSerializer},
        responses={201: s.ReportDocumentSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
        description=(
            "Attach a document (PDF, DOCX or ODT) while the report can be edited. The size, extension and "
            "content are checked; a refused file answers 400 with the reason and nothing is stored."
        ),
    )
    @action(
        detail=True,
        methods=["get", "post"],
        parser_classes=[MultiPartParser, FormParser],
        filter_backends=[],
        pagination_class=None,
    )
    def documents(self, request, pk=None):
        report = self.get_object()
        context = self.get_serializer_context()
        if request.method == "GET":
            documents = s.visible_documents(report, request.user)
            return Response(s.ReportDocumentSerializer(documents, many=True, context=context).data)
        serializer = s.DocumentUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        document = call_service(
            services.report_document_add,
            report=report,
            actor=request.user,
            upload=serializer.validated_data["file"],
            language=serializer.validated_data["language"],
        )
        return Response(s.ReportDocumentSerializer(document, context=context).data, status=status.HTTP_201_CREATED)

    def perform_transition(self, request, name: str) -> Response:
        """One handler for every workflow action: the table says what is possible and for whom."""
        report = self.get_object()
        serializer = s.TransitionRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = serializer.validated_data.get("comment", "")
        header = request.headers.get("If-Match")
        if header and parse_if_match(header, report) != report.version:
            return self.precondition_failed(report)
        transition = services.REPORT_WORKFLOW.find(report.status, name)
        if transition and transition.needs_comment and not comment.strip() and transition.allowed(request.user, report):
            raise exceptions.ValidationError({"comment": [_("Explain in a comment: the focal points will read it.")]})
        try:
            services.report_transition(report=report, action=name, actor=request.user, comment=comment)
        except TransitionForbidden as error:
            raise exceptions.PermissionDenied(str(error)) from None
        except WorkflowError as error:
            raise Conflict(str(error)) from None
        report = self.fresh(report.pk)
        return self.with_etag(Response(self.current_representation(report)), report)


def _transition_endpoint(name: str):
    transitions = [t for t in services.REPORT_WORKFLOW.transitions if t.action == name]
    sources = sorted({state for t in transitions for state in t.sources})
    target = transitions[0].target
    needs_comment = any(t.needs_comment for t in transitions)
    slug = name.replace("_", "-")

    def endpoint(self, request, pk=None):
        return self.perform_transition(request, name)

    endpoint.__name__ = f"transition_{name}"
    endpoint.__doc__ = f"Workflow action “{name}”."
    endpoint = action(detail=True, methods=["post"], url_path=slug, url_name=slug, filter_backends=[])(endpoint)
    return extend_schema(
        summary=f"Workflow action: {name}",
        description=(
            f"Moves the report from {', '.join(sources)} to {target}. "
            + ("A `comment` is required. " if needs_comment else "`comment` is optional. ")
            + "The report's `actions` field lists the actions you may take now. "
            "403 if you may not take this action, 409 if it is not possible in the report's current state."
        ),
        request=s.TransitionRequestSerializer,
        parameters=[IF_MATCH_OPTIONAL, ETAG],
        responses={
            200: s.VoluntaryReportDetailSerializer,
            400: INVALID,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: OpenApiResponse(PROBLEM, description="Not possible in the report's current state."),
            412: s.ReportPreconditionFailedSerializer,
        },
    )(endpoint)


for _name in sorted(services.REPORT_WORKFLOW.actions):
    setattr(VoluntaryReportViewSet, f"transition_{_name}", _transition_endpoint(_name))


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
    retrieve=extend_schema(parameters=[ETAG], responses={200: s.PledgeSerializer, 404: NOT_FOUND}),
)
class PledgeViewSet(ConditionalMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Pledges made at regional reviews and the IMRF. Focal points record and update their countries'
    pledges; Network staff curate them before they are public."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    filterset_class = PledgeFilterSet
    ordering_fields = ["created_at", "updated_at", "id"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    serializer_class = s.PledgeSerializer
    precondition_failed_message = gettext_lazy(
        "Someone else saved this pledge after you read it. Your changes were not saved: "
        "compare with the current version below and try again with its ETag."
    )

    def get_queryset(self):
        return selectors.pledge_list(self.request.user)

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return s.PledgeWriteSerializer
        return s.PledgeSerializer

    def fresh(self, pk: int):
        return selectors.pledge_list(self.request.user).get(pk=pk)

    def current_representation(self, obj) -> dict:
        return s.PledgeSerializer(obj, context=self.get_serializer_context()).data

    def retrieve(self, request, *args, **kwargs):
        pledge = self.get_object()
        return self.not_modified_or(request, pledge, self.current_representation(pledge))

    @extend_schema(
        request=s.PledgeWriteSerializer,
        responses={201: s.PledgeSerializer, 400: INVALID, 403: FORBIDDEN},
        parameters=[ETAG],
    )
    def create(self, request, *args, **kwargs):
        if not permissions.can_create_pledges(request.user):
            raise exceptions.PermissionDenied(_("Only focal points and Network staff record pledges."))
        serializer = s.PledgeWriteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        arguments = serializer.service_arguments()
        pledge = call_service(
            services.pledge_create,
            actor=request.user,
            data=arguments["data"],
            countries=arguments["countries"] or [],
            objectives=arguments["objectives"] or [],
        )
        pledge = self.fresh(pledge.pk)
        response = Response(self.current_representation(pledge), status=status.HTTP_201_CREATED)
        response["Location"] = response.data["url"]
        return self.with_etag(response, pledge)

    @PLEDGE_WRITE_SCHEMA
    def update(self, request, *args, **kwargs):
        return self._update(request, partial=False)

    @PLEDGE_WRITE_SCHEMA
    def partial_update(self, request, *args, **kwargs):
        return self._update(request, partial=True)

    def _update(self, request, *, partial: bool) -> Response:
        return self.versioned_update(
            request,
            partial=partial,
            write_serializer=s.PledgeWriteSerializer,
            service=services.pledge_update,
            object_arg="pledge",
            may_edit=permissions.can_edit_pledge,
            refusal=_("You may not edit this pledge."),
        )


# ---------------------------------------------------------------------------
# Stakeholder contributions
# ---------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        description="Published contributions; signed-in authors also see their own ones waiting for curation."
    ),
)
class StakeholderContributionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Stakeholders' contributions to regional reviews and about published reports. Any signed-in member
    may contribute; Network staff publish or decline each contribution."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    filterset_class = ContributionFilterSet
    ordering_fields = ["created_at", "id"]

    def get_queryset(self):
        return selectors.contribution_list(self.request.user)

    def get_serializer_class(self):
        return (
            s.StakeholderContributionCreateSerializer
            if self.action == "create"
            else s.StakeholderContributionSerializer
        )

    @extend_schema(
        request=s.StakeholderContributionCreateSerializer,
        responses={201: s.StakeholderContributionSerializer, 400: INVALID, 403: FORBIDDEN},
    )
    def create(self, request, *args, **kwargs):
        serializer = s.StakeholderContributionCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        contribution = call_service(
            services.contribution_submit,
            actor=request.user,
            title=data["title"],
            body=data["body"],
            review=data.get("review"),
            report=data.get("report"),
            organisation=data.get("organisation", ""),
            language=data.get("language", "en"),
            objectives=data.get("objectives", []),
        )
        contribution = selectors.contribution_list(request.user).get(pk=contribution.pk)
        return Response(
            s.StakeholderContributionSerializer(contribution, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )
