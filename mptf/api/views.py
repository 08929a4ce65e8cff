"""The Migration MPTF API: contributions, deposits, transfers and expenditure (public reads, fund
managers write), donors, concept notes (public once in the pipeline, then without their confidential
part), joint programmes (filtered by country, thematic area, window, objective, status, participating
organisation and year) and the fund's summary, computed from the same records as the dashboards.

Every queryset starts from the app's selectors; writes, workflow actions, ETags and documents come from
the kernel's mixins; who may do what is decided by ``mptf.permissions``, the workflow tables and the
services.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from gcm_portal.accounts.choices import Role
from gcm_portal.api.mixins import AttachmentsMixin, VersionedWriteMixin, WorkflowActionsMixin
from gcm_portal.api.permissions import PublicReadOnly, PublicReadRoleWrite
from gcm_portal.api.schema import PortalAutoSchema

from .. import permissions, selectors, services
from ..filtersets import (
    ConceptNoteFilterSet,
    ContributionFilterSet,
    ExpenditureFilterSet,
    JointProgrammeFilterSet,
    TransferFilterSet,
)
from ..workflow import NOTE_WORKFLOW, PROGRAMME_WORKFLOW
from . import serializers as s

FUND_MANAGERS_WRITE = PublicReadRoleWrite.of(Role.FUND_MANAGER)
# Money records: fund managers and Network staff write (permissions.may_record_money says the same).
MONEY_WRITERS = PublicReadRoleWrite.of(Role.FUND_MANAGER, Role.NETWORK_STAFF)


class _LedgerMixin(VersionedWriteMixin):
    """Money records are created, never edited here (corrections go through the admin): no ETag."""

    permission_classes = [MONEY_WRITERS]
    http_method_names = ["get", "post", "head", "options"]
    may_create = staticmethod(permissions.may_record_money)
    create_refusal = _("Only fund managers and Network staff record money.")

    def etag_visible(self, obj) -> bool:
        return False


class DonorViewSet(viewsets.ReadOnlyModelViewSet):
    """Donors to the fund: Member States and other contributors, with the public source of each."""

    permission_classes = [PublicReadOnly]
    serializer_class = s.DonorSerializer
    ordering_fields = ["name", "id"]

    def get_queryset(self):
        return selectors.donor_list()


@extend_schema_view(
    list=extend_schema(description="Contributions with their deposits; public. Fund managers record them.")
)
class ContributionViewSet(VersionedWriteMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Contributions: what a donor pledged (in its currency and in US dollars), its earmarking and the
    deposits that arrived. Fund managers record and correct them (If-Match)."""

    permission_classes = [MONEY_WRITERS]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    filterset_class = ContributionFilterSet
    ordering_fields = ["pledged_on", "pledged_usd", "id"]
    serializer_class = detail_serializer_class = s.ContributionSerializer
    write_serializer_class = s.ContributionWriteSerializer
    create_service = services.contribution_record
    update_service = services.contribution_update
    update_object_arg = "contribution"
    may_create = staticmethod(permissions.may_record_money)
    may_edit = staticmethod(lambda user, obj: permissions.may_record_money(user))
    create_refusal = edit_refusal = _("Only fund managers and Network staff record money.")

    def get_queryset(self):
        return selectors.contribution_detail()


@extend_schema_view(list=extend_schema(description="Deposits (donor to fund), each with its USD value at deposit."))
class DepositViewSet(_LedgerMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Deposits: the first money stage. Never added to transfers or expenditure."""

    ordering_fields = ["deposited_on", "amount_usd", "id"]
    serializer_class = detail_serializer_class = s.DepositSerializer
    write_serializer_class = s.DepositWriteSerializer
    create_service = services.deposit_record

    def get_queryset(self):
        return selectors.deposit_list()


@extend_schema_view(list=extend_schema(description="Transfers (fund to participating organisation, per programme)."))
class TransferViewSet(_LedgerMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Transfers: the second money stage."""

    filterset_class = TransferFilterSet
    ordering_fields = ["transferred_on", "amount_usd", "id"]
    serializer_class = detail_serializer_class = s.TransferSerializer
    write_serializer_class = s.TransferWriteSerializer
    create_service = services.transfer_record

    def get_queryset(self):
        return selectors.transfer_list()


@extend_schema_view(list=extend_schema(description="Reported expenditure per organisation, programme and year."))
class ExpenditureViewSet(_LedgerMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Expenditure: the third money stage, interim or final (the final one replaces the interim one in
    every total; they are never added)."""

    filterset_class = ExpenditureFilterSet
    ordering_fields = ["year", "amount_usd", "id"]
    serializer_class = detail_serializer_class = s.ExpenditureSerializer
    write_serializer_class = s.ExpenditureWriteSerializer
    create_service = services.expenditure_record

    def get_queryset(self):
        return selectors.expenditure_list()


@extend_schema_view(
    list=extend_schema(
        description=(
            "Concept notes you may see: for everyone, those in the pipeline and those selected for funding; "
            "the focal points of a note's organisations also see its drafts, and Network staff, fund managers "
            "and committee members every submitted note. `working` (the confidential part) is null unless you "
            "may read it."
        )
    )
)
class ConceptNoteViewSet(
    WorkflowActionsMixin, VersionedWriteMixin, AttachmentsMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    """Concept notes: entity focal points draft and submit them; Network staff assess them into the
    pipeline; Steering Committee decisions select them (recorded by fund managers)."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    filterset_class = ConceptNoteFilterSet
    ordering_fields = ["updated_at", "id"]
    ordering = ["-id"]
    serializer_class = detail_serializer_class = s.ConceptNoteSerializer
    create_serializer_class = s.ConceptNoteCreateSerializer
    write_serializer_class = s.ConceptNoteWriteSerializer
    create_service = services.note_create
    update_service = services.note_update
    update_object_arg = "note"
    may_create = staticmethod(permissions.can_create_notes)
    may_edit = staticmethod(permissions.can_edit_note)
    create_refusal = _("Entity focal points write concept notes.")
    edit_refusal = _("Only the lead organisation's focal points edit a draft concept note.")
    workflow = NOTE_WORKFLOW
    attachments = services.NOTE_DOCUMENTS
    document_serializer_class = s.NoteDocumentSerializer

    def get_queryset(self):
        return selectors.note_detail(self.request.user)

    def fresh(self, pk: int):
        """The note after the reader's own action, even when the action took it out of their sight (staff
        returning a note to its draft): they are told the outcome of what they did, once."""
        note = self.get_queryset().filter(pk=pk).first()
        return note if note is not None else selectors.note_detail_unrestricted().get(pk=pk)

    def etag_visible(self, note) -> bool:
        return permissions.can_see_note_working_copy(self.request.user, note)


@extend_schema_view(
    list=extend_schema(
        description=(
            "Joint programmes with their participating organisations, budget shares and money stages. Filter by "
            "country (ISO code), thematic_area (number), window (code), objective (number), status, organisation "
            "(UN entity code) and year (running in that year)."
        )
    )
)
class JointProgrammeViewSet(
    WorkflowActionsMixin, VersionedWriteMixin, AttachmentsMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    """Joint programmes: public; fund managers create them from selected concept notes, edit them
    (If-Match) and move their status."""

    permission_classes = [FUND_MANAGERS_WRITE]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    filterset_class = JointProgrammeFilterSet
    ordering_fields = ["start_date", "code", "id"]
    ordering = ["code"]
    serializer_class = detail_serializer_class = s.JointProgrammeSerializer
    create_serializer_class = s.JointProgrammeCreateSerializer
    write_serializer_class = s.JointProgrammeWriteSerializer
    create_service = services.programme_create_from_note
    update_service = services.programme_update
    update_object_arg = "programme"
    may_create = staticmethod(permissions.may_manage_programmes)
    may_edit = staticmethod(lambda user, obj: permissions.may_manage_programmes(user))
    create_refusal = edit_refusal = _("Only fund managers manage joint programmes.")
    workflow = PROGRAMME_WORKFLOW
    attachments = services.PROGRAMME_DOCUMENTS
    document_serializer_class = s.ProgrammeDocumentSerializer

    def get_queryset(self):
        return selectors.programme_detail()


class _OneObjectSchema(PortalAutoSchema):
    """The summary is one object at a collection-like address, not a list."""

    def _is_list_view(self, serializer=None) -> bool:
        return False


class FundSummaryViewSet(viewsets.ViewSet):
    """The fund's figures, the same the dashboards show (they read the same function)."""

    schema = _OneObjectSchema()
    permission_classes = [PublicReadOnly]
    pagination_class = None
    filter_backends: list = []

    @extend_schema(responses=s.FundSummarySerializer)
    def list(self, request):
        summary = selectors.fund_summary()
        fund = selectors.the_fund()
        data = {
            "fund_code": fund.code if fund else "",
            "currency": "USD",
            **{
                name: getattr(summary, name)
                for name in (
                    "pledged_usd",
                    "deposits_usd",
                    "allocated_usd",
                    "transfers_usd",
                    "expenditure_usd",
                    "balance_with_agent_usd",
                    "balance_with_organisations_usd",
                    "available_usd",
                    "delivery_rate",
                    "contributions",
                    "deposits",
                    "transfers",
                    "donors",
                    "programmes",
                    "programmes_by_status",
                    "notes_by_status",
                    "pipeline_notes",
                    "pipeline_demand_usd",
                    "fundable_notes",
                    "fundable_share",
                    "targets",
                )
            },
        }
        return Response(s.FundSummarySerializer(data).data)
