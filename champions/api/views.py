"""The champions API: champions (with ``active_on``), their membership facts (staff correct them),
commitments and activities (versioned writes, curation actions and documents from the kernel's mixins).
Every queryset starts from the app's selectors: what a reader may not see is a 404."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.permissions import IsAuthenticatedOrReadOnly

from gcm_portal import permissions as roles
from gcm_portal.accounts.choices import Role
from gcm_portal.api.mixins import AttachmentsMixin, VersionedWriteMixin, WorkflowActionsMixin
from gcm_portal.api.permissions import PublicReadOnly, PublicReadRoleWrite

from .. import permissions, selectors, services
from ..filtersets import ActivityFilterSet, ChampionFilterSet, CommitmentFilterSet, MembershipFactFilterSet
from ..models import ActivityDocument, CommitmentDocument, MembershipFact
from ..workflow import ACTIVITY_WORKFLOW, COMMITMENT_WORKFLOW
from . import serializers as s


@extend_schema_view(
    list=extend_schema(
        description=(
            "Every State named as a champion in a public source, with its membership periods and the facts "
            "behind them, each with its source. `active_on=YYYY-MM-DD` keeps the States that were champions "
            "on that day: from the day a State joined or, where no joining date is known, the earliest date a "
            "source confirms it, until the day it left."
        )
    ),
    retrieve=extend_schema(
        parameters=[OpenApiParameter("iso2", str, OpenApiParameter.PATH, description="ISO 3166-1 alpha-2 code")]
    ),
)
class ChampionViewSet(viewsets.ReadOnlyModelViewSet):
    """GCM Champion countries (public, read-only)."""

    permission_classes = [PublicReadOnly]
    serializer_class = s.ChampionSerializer
    filterset_class = ChampionFilterSet
    lookup_field = "iso2"
    lookup_value_regex = "[A-Za-z]{2}"
    ordering_fields = ["id"]

    def get_queryset(self):
        return selectors.champion_list()

    def get_object(self):
        return get_object_or_404(self.get_queryset(), country__iso2=self.kwargs["iso2"].upper())


class MembershipFactViewSet(
    VersionedWriteMixin, mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    """The sourced facts behind membership periods. Network staff add, correct (with If-Match) and
    remove them; the period's dates follow."""

    permission_classes = [PublicReadRoleWrite.of(Role.NETWORK_STAFF)]
    serializer_class = detail_serializer_class = s.MembershipFactSerializer
    write_serializer_class = s.MembershipFactWriteSerializer
    create_serializer_class = s.MembershipFactCreateSerializer
    filterset_class = MembershipFactFilterSet
    ordering_fields = ["date", "id"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    create_service = services.membership_fact_create
    update_service = services.membership_fact_update
    update_object_arg = "fact"
    may_create = roles.is_network_staff
    may_edit = staticmethod(lambda user, fact: roles.is_network_staff(user))
    create_refusal = edit_refusal = _("Only Network staff correct membership facts.")

    def get_queryset(self):
        return MembershipFact.objects.select_related("membership__champion__country").order_by("date", "pk")

    def perform_destroy(self, instance):
        services.membership_fact_delete(fact=instance, actor=self.request.user)


class CuratedViewSet(
    WorkflowActionsMixin, VersionedWriteMixin, AttachmentsMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    permission_classes = [IsAuthenticatedOrReadOnly]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    may_create = staticmethod(permissions.can_propose)
    may_edit = staticmethod(permissions.can_edit_curated)
    precondition_failed_message = _(
        "Someone else saved this record after you read it. Your changes were not saved: "
        "compare with the current version below and try again with its ETag."
    )


@extend_schema_view(
    list=extend_schema(
        description="Published commitments; their champion's focal points and staff also see those waiting for "
        "curation (?curation=published leaves them out)."
    )
)
class CommitmentViewSet(CuratedViewSet):
    """Commitments of champion countries, tied to GCM objectives and focus areas, with dated progress and
    evidence. Champions' focal points propose them; Network staff publish or return them."""

    serializer_class = detail_serializer_class = s.CommitmentSerializer
    write_serializer_class = s.CommitmentWriteSerializer
    create_serializer_class = s.CommitmentCreateSerializer
    filterset_class = CommitmentFilterSet
    ordering_fields = ["created_at", "id"]
    create_service = services.commitment_create
    update_service = services.commitment_update
    update_object_arg = "commitment"
    create_refusal = _("Only champions' focal points and Network staff record commitments.")
    edit_refusal = _("You may not edit this commitment.")
    workflow = COMMITMENT_WORKFLOW
    attachments = services.COMMITMENT_DOCUMENTS
    document_serializer_class = s.document_serializer(
        CommitmentDocument, "champions:commitment-document-download", "commitment"
    )

    def get_queryset(self):
        return selectors.commitment_list(self.request.user)


@extend_schema_view(
    list=extend_schema(
        description="Published activities (the calendar and its archive); their hosts' focal points and staff "
        "also see those waiting for curation."
    )
)
class ActivityViewSet(CuratedViewSet):
    """Activities of the initiative: meetings, peer-learning exchanges, cross-regional dialogues, regional
    briefings and statements."""

    serializer_class = detail_serializer_class = s.ActivitySerializer
    write_serializer_class = s.ActivityWriteSerializer
    filterset_class = ActivityFilterSet
    ordering_fields = ["start_date", "id"]
    create_service = services.activity_create
    update_service = services.activity_update
    update_object_arg = "activity"
    create_refusal = _("Only champions' focal points and Network staff record activities.")
    edit_refusal = _("You may not edit this activity.")
    workflow = ACTIVITY_WORKFLOW
    attachments = services.ACTIVITY_DOCUMENTS
    document_serializer_class = s.document_serializer(
        ActivityDocument, "champions:activity-document-download", "activity"
    )

    def get_queryset(self):
        return selectors.activity_list(self.request.user)
