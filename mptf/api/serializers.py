"""Serializers of the Migration MPTF API. Every field is listed explicitly; write serializers refuse
read-only and unknown fields with a 400 naming them. Concept notes carry their confidential part (who
submitted, the quality assessment, the reasons of the last decision) in ``working``, which is null for
readers who are not the note's organisations, staff, fund managers or committee members."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from gcm_portal.api.fields import (
    ApiUrlField,
    HtmlUrlField,
    NamedChoiceField,
    UpperSlugRelatedField,
    WorkflowActionsField,
    absolute,
)
from gcm_portal.api.serializers import StrictInputMixin
from gcm_portal.taxonomy.models import (
    Country,
    GuidingPrinciple,
    M49Region,
    MptfThematicArea,
    Objective,
    SdgTarget,
    UnEntity,
)

from .. import permissions, selectors
from ..choices import (
    ConceptNoteStatus,
    DonorKind,
    Earmarking,
    ExpenditureKind,
    Marker,
    ProgrammeStatus,
    Scope,
)
from ..models import (
    ConceptNote,
    ConceptNoteDocument,
    Contribution,
    Deposit,
    Donor,
    Expenditure,
    FundingWindow,
    JointProgramme,
    ProgrammeDocument,
    Transfer,
)
from ..workflow import NOTE_WORKFLOW, PROGRAMME_WORKFLOW

MONEY = {"max_digits": 16, "decimal_places": 2}
READ_ONLY = {"id": _("The id is read-only."), "version": _("Send the version you edited in the If-Match header.")}


def _entity_field(**kwargs):
    return serializers.SlugRelatedField(slug_field="code", queryset=UnEntity.objects.all(), **kwargs)


def _thematic_area_field(**kwargs):
    return serializers.SlugRelatedField(slug_field="number", queryset=MptfThematicArea.objects.all(), **kwargs)


def _window_field(**kwargs):
    return serializers.SlugRelatedField(slug_field="code", queryset=FundingWindow.objects.all(), **kwargs)


class SeededSourceSerializer(serializers.Serializer):
    """The public source of a seeded record (empty for records entered on the portal)."""

    title = serializers.CharField(source="source_title", read_only=True)
    url = serializers.CharField(source="source_url", read_only=True)
    date = serializers.DateField(source="source_date", read_only=True, allow_null=True)
    note = serializers.CharField(source="source_note", read_only=True)


class DonorSerializer(serializers.ModelSerializer):
    kind = NamedChoiceField(DonorKind.choices, enum_name="DonorKindEnum", read_only=True)
    country = serializers.SlugRelatedField(slug_field="iso2", read_only=True, allow_null=True)
    source = SeededSourceSerializer(source="*", read_only=True)

    class Meta:
        model = Donor
        fields = ["id", "name", "kind", "country", "source"]
        read_only_fields = fields


class DonorRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


# ---------------------------------------------------------------------------
# Money
# ---------------------------------------------------------------------------


class DepositSerializer(serializers.ModelSerializer):
    url = ApiUrlField("api:mptf-deposit-detail")
    contribution = serializers.PrimaryKeyRelatedField(read_only=True)
    donor = serializers.CharField(source="contribution.donor.name", read_only=True)

    class Meta:
        model = Deposit
        fields = ["id", "url", "contribution", "donor", "deposited_on", "amount", "currency", "amount_usd", "reference"]
        read_only_fields = fields


class DepositWriteSerializer(StrictInputMixin, serializers.Serializer):
    """A deposit of a contribution. ``amount_usd`` is the USD value on the day of the deposit (leave it
    out for an amount in USD)."""

    contribution = serializers.PrimaryKeyRelatedField(queryset=Contribution.objects.all())
    deposited_on = serializers.DateField()
    amount = serializers.DecimalField(min_value=0, **MONEY)
    currency = serializers.RegexField(r"^[A-Za-z]{3}$", required=False, default="USD")
    amount_usd = serializers.DecimalField(min_value=0, required=False, allow_null=True, default=None, **MONEY)
    reference = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    refused_messages = READ_ONLY


class NestedDepositSerializer(serializers.ModelSerializer):
    class Meta:
        model = Deposit
        fields = ["id", "deposited_on", "amount", "currency", "amount_usd", "reference"]
        read_only_fields = fields


class ContributionSerializer(serializers.ModelSerializer):
    url = ApiUrlField("api:mptf-contribution-detail")
    html_url = HtmlUrlField()
    donor = DonorRefSerializer(read_only=True)
    earmarking = NamedChoiceField(Earmarking.choices, enum_name="EarmarkingEnum", read_only=True)
    thematic_area = serializers.SlugRelatedField(slug_field="number", read_only=True, allow_null=True)
    window = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    country = serializers.SlugRelatedField(slug_field="iso2", read_only=True, allow_null=True)
    pledge = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    deposited_usd = serializers.DecimalField(read_only=True, **MONEY)
    deposits = NestedDepositSerializer(many=True, read_only=True)
    source = SeededSourceSerializer(source="*", read_only=True)

    class Meta:
        model = Contribution
        fields = [
            "id",
            "url",
            "html_url",
            "donor",
            "reference",
            "pledged_amount",
            "currency",
            "pledged_usd",
            "pledged_on",
            "earmarking",
            "thematic_area",
            "window",
            "country",
            "pledge",
            "deposited_usd",
            "deposits",
            "notes",
            "source",
            "version",
            "created_at",
        ]
        read_only_fields = fields


class ContributionWriteSerializer(StrictInputMixin, serializers.Serializer):
    """A donor's contribution: the amount pledged in its currency and in US dollars (leave
    ``pledged_usd`` out for USD), and its earmarking: none, a thematic area (number), a funding window
    (code) or a country (ISO code). ``pledge`` links the Forum pledge it honours."""

    donor = serializers.PrimaryKeyRelatedField(queryset=Donor.objects.all())
    reference = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    pledged_amount = serializers.DecimalField(min_value=0, **MONEY)
    currency = serializers.RegexField(r"^[A-Za-z]{3}$", required=False, default="USD")
    pledged_usd = serializers.DecimalField(min_value=0, required=False, allow_null=True, default=None, **MONEY)
    pledged_on = serializers.DateField()
    earmarking = NamedChoiceField(
        Earmarking.choices, enum_name="EarmarkingEnum", required=False, default=Earmarking.NONE
    )
    thematic_area = _thematic_area_field(required=False, allow_null=True, default=None)
    window = _window_field(required=False, allow_null=True, default=None)
    country = UpperSlugRelatedField(
        slug_field="iso2", queryset=Country.objects.all(), required=False, allow_null=True, default=None
    )
    pledge = serializers.PrimaryKeyRelatedField(
        queryset=Contribution._meta.get_field("pledge")
        .related_model.objects.published()
        .filter(pledge_type="financial"),
        required=False,
        allow_null=True,
        default=None,
        help_text="The id of the published financial pledge this contribution honours.",
    )
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    refused_messages = {
        **READ_ONLY,
        "deposits": _("Record deposits through /api/v1/deposits/."),
        "deposited_usd": _("Deposits are summed from their records."),
    }

    def service_arguments(self) -> dict:
        data = dict(self.validated_data)
        if "currency" in data:
            data["currency"] = data["currency"].upper()
        return data


class TransferSerializer(serializers.ModelSerializer):
    url = ApiUrlField("api:mptf-transfer-detail")
    programme = serializers.SlugRelatedField(slug_field="code", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    import_batch = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Transfer
        fields = ["id", "url", "programme", "organisation", "transferred_on", "amount_usd", "reference", "import_batch"]
        read_only_fields = fields


class TransferWriteSerializer(StrictInputMixin, serializers.Serializer):
    """A transfer from the fund to a participating organisation of a programme (codes), in USD."""

    programme = serializers.SlugRelatedField(slug_field="code", queryset=JointProgramme.objects.all())
    organisation = _entity_field()
    transferred_on = serializers.DateField()
    amount_usd = serializers.DecimalField(min_value=0, **MONEY)
    reference = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    refused_messages = READ_ONLY


class ExpenditureSerializer(serializers.ModelSerializer):
    url = ApiUrlField("api:mptf-expenditure-detail")
    programme = serializers.SlugRelatedField(slug_field="code", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    kind = NamedChoiceField(ExpenditureKind.choices, enum_name="ExpenditureKindEnum", read_only=True)
    import_batch = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Expenditure
        fields = ["id", "url", "programme", "organisation", "year", "kind", "amount_usd", "reported_on", "import_batch"]
        read_only_fields = fields


class ExpenditureWriteSerializer(StrictInputMixin, serializers.Serializer):
    """Expenditure an organisation reported for a programme and year, interim or final (one of each)."""

    programme = serializers.SlugRelatedField(slug_field="code", queryset=JointProgramme.objects.all())
    organisation = _entity_field()
    year = serializers.IntegerField(min_value=2019, max_value=2100)
    kind = NamedChoiceField(ExpenditureKind.choices, enum_name="ExpenditureKindEnum")
    amount_usd = serializers.DecimalField(min_value=0, **MONEY)
    reported_on = serializers.DateField(required=False, allow_null=True, default=None)
    refused_messages = READ_ONLY


# ---------------------------------------------------------------------------
# Concept notes
# ---------------------------------------------------------------------------


class BudgetLineSerializer(serializers.Serializer):
    entity = _entity_field()
    amount_usd = serializers.DecimalField(min_value=0, **MONEY)


class AssessmentScoreSerializer(serializers.Serializer):
    criterion = serializers.CharField(source="criterion.code", read_only=True)
    score = serializers.IntegerField(read_only=True)
    max_score = serializers.IntegerField(source="criterion.max_score", read_only=True)
    comment = serializers.CharField(read_only=True)


class AssessmentSerializer(serializers.Serializer):
    assessor = serializers.CharField(read_only=True, allow_null=True)
    comment = serializers.CharField(read_only=True)
    scores = AssessmentScoreSerializer(many=True, read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)


class WorkingCopySerializer(serializers.Serializer):
    """What only the note's organisations, staff, fund managers and committee members read."""

    submitted_by = serializers.CharField(read_only=True, allow_null=True)
    decision_note = serializers.CharField(read_only=True)
    documents = serializers.IntegerField(read_only=True, help_text="How many documents are attached (see /documents/).")
    assessments = AssessmentSerializer(many=True, read_only=True)
    version = serializers.IntegerField(read_only=True)


class ConceptNoteSerializer(serializers.ModelSerializer):
    url = ApiUrlField("api:mptf-concept-note-detail")
    html_url = HtmlUrlField()
    lead_entity = serializers.SlugRelatedField(slug_field="code", read_only=True)
    scope = NamedChoiceField(Scope.choices, enum_name="ConceptNoteScopeEnum", read_only=True)
    countries = serializers.SlugRelatedField(slug_field="iso2", many=True, read_only=True)
    region = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    thematic_area = serializers.SlugRelatedField(slug_field="number", read_only=True, allow_null=True)
    window = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    objectives = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    principles = serializers.SlugRelatedField(slug_field="letter", many=True, read_only=True)
    sdg_targets = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    gender_marker = NamedChoiceField(Marker.choices, enum_name="MarkerEnum", read_only=True, allow_blank=True)
    human_rights_marker = NamedChoiceField(Marker.choices, enum_name="MarkerEnum", read_only=True, allow_blank=True)
    status = NamedChoiceField(ConceptNoteStatus.choices, enum_name="ConceptNoteStatusEnum", read_only=True)
    budget_lines = BudgetLineSerializer(many=True, read_only=True)
    requested_usd = serializers.SerializerMethodField()
    programme = serializers.SerializerMethodField()
    working = serializers.SerializerMethodField()
    actions = WorkflowActionsField(NOTE_WORKFLOW, basename="mptf-concept-note")

    class Meta:
        model = ConceptNote
        fields = [
            "id",
            "url",
            "html_url",
            "title",
            "lead_entity",
            "scope",
            "team_name",
            "countries",
            "region",
            "summary",
            "national_partners",
            "stakeholders",
            "thematic_area",
            "window",
            "objectives",
            "principles",
            "sdg_targets",
            "duration_months",
            "gender_marker",
            "human_rights_marker",
            "covid_dimension",
            "budget_lines",
            "requested_usd",
            "status",
            "pipeline_at",
            "decided_at",
            "programme",
            "working",
            "actions",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.DecimalField(**MONEY))
    def get_requested_usd(self, note) -> str:
        return serializers.DecimalField(**MONEY).to_representation(note.requested_total())

    @extend_schema_field(serializers.IntegerField(allow_null=True, help_text="The joint programme's id, once created."))
    def get_programme(self, note) -> int | None:
        programme = getattr(note, "programme", None)
        return programme.pk if programme else None

    @extend_schema_field(WorkingCopySerializer(allow_null=True))
    def get_working(self, note) -> dict | None:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if not permissions.can_see_note_working_copy(user, note):
            return None
        data = {
            "submitted_by": str(note.created_by) if note.created_by_id else None,
            "decision_note": note.decision_note,
            "documents": len(note.documents.all()),
            "assessments": [
                {
                    "assessor": str(a.assessor) if a.assessor_id else None,
                    "comment": a.comment,
                    "scores": a.scores.all(),
                    "updated_at": a.updated_at,
                }
                for a in note.assessments.all()
            ],
            "version": note.version,
        }
        return WorkingCopySerializer(data, context=self.context).data


NOTE_REFUSED = {
    **READ_ONLY,
    "status": _("The status changes through the workflow actions (e.g. POST /submit/)."),
    "working": _("The working copy is read-only."),
    "requested_usd": _("The requested budget is the sum of budget_lines."),
}


class ConceptNoteWriteSerializer(StrictInputMixin, serializers.Serializer):
    """A draft concept note, written by a focal point of its lead UN entity. ``budget_lines`` gives the
    budget each participating organisation requests (and replaces the previous ones)."""

    title = serializers.CharField(max_length=300)
    scope = NamedChoiceField(Scope.choices, enum_name="ConceptNoteScopeEnum", required=False)
    team_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    countries = UpperSlugRelatedField(slug_field="iso2", queryset=Country.objects.all(), many=True, required=False)
    region = serializers.SlugRelatedField(
        slug_field="code", queryset=M49Region.objects.all(), required=False, allow_null=True
    )
    summary = serializers.CharField(required=False, allow_blank=True)
    national_partners = serializers.CharField(required=False, allow_blank=True)
    stakeholders = serializers.CharField(required=False, allow_blank=True)
    thematic_area = _thematic_area_field(required=False, allow_null=True)
    window = _window_field(required=False, allow_null=True)
    objectives = serializers.SlugRelatedField(
        slug_field="number", queryset=Objective.objects.all(), many=True, required=False
    )
    principles = serializers.SlugRelatedField(
        slug_field="letter", queryset=GuidingPrinciple.objects.all(), many=True, required=False
    )
    sdg_targets = serializers.SlugRelatedField(
        slug_field="code", queryset=SdgTarget.objects.all(), many=True, required=False
    )
    duration_months = serializers.IntegerField(min_value=1, max_value=120, required=False, allow_null=True)
    gender_marker = NamedChoiceField(Marker.choices, enum_name="MarkerEnum", required=False, allow_blank=True)
    human_rights_marker = NamedChoiceField(Marker.choices, enum_name="MarkerEnum", required=False, allow_blank=True)
    covid_dimension = serializers.BooleanField(required=False)
    budget_lines = BudgetLineSerializer(many=True, required=False)
    refused_messages = NOTE_REFUSED

    def service_arguments(self) -> dict:
        data = dict(self.validated_data)
        if "budget_lines" in data:
            data["budget_lines"] = [(line["entity"], line["amount_usd"]) for line in data["budget_lines"]]
        return data


class ConceptNoteCreateSerializer(ConceptNoteWriteSerializer):
    lead_entity = _entity_field(help_text="The UN entity you represent that leads the note (its code).")


class NoteDocumentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name", read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ConceptNoteDocument
        fields = ["id", "name", "language", "content_type", "size", "sha256", "uploaded_at", "download_url"]
        read_only_fields = fields

    def get_download_url(self, obj) -> str:
        return absolute(self.context, obj.get_absolute_url())


# ---------------------------------------------------------------------------
# Joint programmes
# ---------------------------------------------------------------------------


class ProgrammeParticipantSerializer(serializers.Serializer):
    organisation = serializers.CharField(source="entity.code", read_only=True)
    budget_usd = serializers.DecimalField(read_only=True, allow_null=True, **MONEY)
    lead = serializers.BooleanField(read_only=True)


class ExtensionSerializer(serializers.Serializer):
    previous_end = serializers.DateField(read_only=True, allow_null=True)
    new_end = serializers.DateField(read_only=True)
    reason = serializers.CharField(read_only=True)


class MoneyStagesSerializer(serializers.Serializer):
    """The programme's money stages, each summed on its own."""

    transferred_usd = serializers.DecimalField(read_only=True, **MONEY)
    spent_usd = serializers.DecimalField(
        read_only=True, help_text="Final figures, or interim ones where no final one exists yet.", **MONEY
    )
    delivery_rate = serializers.DecimalField(
        read_only=True, allow_null=True, max_digits=8, decimal_places=4, help_text="Expenditure over transfers."
    )


class JointProgrammeSerializer(serializers.ModelSerializer):
    url = ApiUrlField("api:mptf-joint-programme-detail")
    html_url = HtmlUrlField()
    concept_note = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    countries = serializers.SlugRelatedField(slug_field="iso2", many=True, read_only=True)
    region = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    thematic_area = serializers.SlugRelatedField(slug_field="number", read_only=True, allow_null=True)
    window = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    objectives = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    principles = serializers.SlugRelatedField(slug_field="letter", many=True, read_only=True)
    sdg_targets = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    gender_marker = NamedChoiceField(Marker.choices, enum_name="MarkerEnum", read_only=True, allow_blank=True)
    human_rights_marker = NamedChoiceField(Marker.choices, enum_name="MarkerEnum", read_only=True, allow_blank=True)
    status = NamedChoiceField(ProgrammeStatus.choices, enum_name="ProgrammeStatusEnum", read_only=True)
    participants = ProgrammeParticipantSerializer(many=True, read_only=True)
    extensions = ExtensionSerializer(many=True, read_only=True)
    money = serializers.SerializerMethodField()
    source = SeededSourceSerializer(source="*", read_only=True)
    actions = WorkflowActionsField(PROGRAMME_WORKFLOW, basename="mptf-joint-programme")

    class Meta:
        model = JointProgramme
        fields = [
            "id",
            "url",
            "html_url",
            "code",
            "title",
            "concept_note",
            "summary",
            "countries",
            "region",
            "national_partners",
            "stakeholders",
            "thematic_area",
            "window",
            "objectives",
            "principles",
            "sdg_targets",
            "gender_marker",
            "human_rights_marker",
            "covid_dimension",
            "budget_usd",
            "duration_months",
            "start_date",
            "end_date",
            "status",
            "participants",
            "extensions",
            "money",
            "source",
            "version",
            "actions",
        ]
        read_only_fields = fields

    @extend_schema_field(MoneyStagesSerializer)
    def get_money(self, programme) -> dict:
        data = {
            "transferred_usd": programme.transferred_usd,
            "spent_usd": programme.spent_usd,
            "delivery_rate": selectors.rate(programme.spent_usd, programme.transferred_usd),
        }
        return MoneyStagesSerializer(data).data


PROGRAMME_REFUSED = {
    **READ_ONLY,
    "status": _("The status changes through the workflow actions (e.g. POST /start/)."),
    "end_date": _("The end date moves through an extension."),
    "money": _("Money stages are summed from their records."),
    "code": _("The code is set when the programme is created."),
}


class ProgrammeParticipantWriteSerializer(serializers.Serializer):
    organisation = _entity_field()
    budget_usd = serializers.DecimalField(min_value=0, required=False, allow_null=True, default=None, **MONEY)
    lead = serializers.BooleanField(required=False, default=False)


class JointProgrammeWriteSerializer(StrictInputMixin, serializers.Serializer):
    """A fund manager's edit of a programme; ``participants`` replaces the organisations and shares."""

    title = serializers.CharField(max_length=400, required=False)
    summary = serializers.CharField(required=False, allow_blank=True)
    countries = UpperSlugRelatedField(slug_field="iso2", queryset=Country.objects.all(), many=True, required=False)
    region = serializers.SlugRelatedField(
        slug_field="code", queryset=M49Region.objects.all(), required=False, allow_null=True
    )
    national_partners = serializers.CharField(required=False, allow_blank=True)
    stakeholders = serializers.CharField(required=False, allow_blank=True)
    thematic_area = _thematic_area_field(required=False, allow_null=True)
    window = _window_field(required=False, allow_null=True)
    objectives = serializers.SlugRelatedField(
        slug_field="number", queryset=Objective.objects.all(), many=True, required=False
    )
    principles = serializers.SlugRelatedField(
        slug_field="letter", queryset=GuidingPrinciple.objects.all(), many=True, required=False
    )
    sdg_targets = serializers.SlugRelatedField(
        slug_field="code", queryset=SdgTarget.objects.all(), many=True, required=False
    )
    gender_marker = NamedChoiceField(Marker.choices, enum_name="MarkerEnum", required=False, allow_blank=True)
    human_rights_marker = NamedChoiceField(Marker.choices, enum_name="MarkerEnum", required=False, allow_blank=True)
    covid_dimension = serializers.BooleanField(required=False)
    budget_usd = serializers.DecimalField(min_value=0, required=False, allow_null=True, **MONEY)
    duration_months = serializers.IntegerField(min_value=1, max_value=120, required=False, allow_null=True)
    start_date = serializers.DateField(required=False, allow_null=True)
    participants = ProgrammeParticipantWriteSerializer(many=True, required=False)
    refused_messages = PROGRAMME_REFUSED

    def service_arguments(self) -> dict:
        data = dict(self.validated_data)
        if "participants" in data:
            data["participants"] = [(p["organisation"], p["budget_usd"], p["lead"]) for p in data["participants"]]
        return data


class JointProgrammeCreateSerializer(StrictInputMixin, serializers.Serializer):
    """Create the joint programme of a concept note selected for funding."""

    concept_note = serializers.PrimaryKeyRelatedField(queryset=ConceptNote.objects.all())
    title = serializers.CharField(max_length=400, required=False, allow_blank=True, default="")
    code = serializers.SlugField(max_length=40, required=False, allow_blank=True, default="")
    budget_usd = serializers.DecimalField(min_value=0, required=False, allow_null=True, default=None, **MONEY)
    start_date = serializers.DateField(required=False, allow_null=True, default=None)
    end_date = serializers.DateField(required=False, allow_null=True, default=None)
    refused_messages = PROGRAMME_REFUSED

    def service_arguments(self) -> dict:
        data = dict(self.validated_data)
        data["note"] = data.pop("concept_note")
        return data


class ProgrammeDocumentSerializer(NoteDocumentSerializer):
    class Meta(NoteDocumentSerializer.Meta):
        model = ProgrammeDocument


# ---------------------------------------------------------------------------
# The fund's summary
# ---------------------------------------------------------------------------


class TargetProgressSerializer(serializers.Serializer):
    label = serializers.CharField(source="target.label", read_only=True)
    amount_usd = serializers.DecimalField(source="target.amount_usd", read_only=True, **MONEY)
    deadline = serializers.DateField(source="target.deadline", read_only=True)
    deposited_usd = serializers.DecimalField(read_only=True, help_text="Deposited by the deadline.", **MONEY)
    share = serializers.DecimalField(read_only=True, allow_null=True, max_digits=8, decimal_places=4)
    source_url = serializers.CharField(source="target.source_url", read_only=True)


class FundSummarySerializer(serializers.Serializer):
    """The dashboard figures, computed from the records (the same function the dashboards use). Each
    money stage is summed on its own; balances are differences of two stages."""

    fund_code = serializers.CharField(read_only=True)
    currency = serializers.CharField(read_only=True)
    pledged_usd = serializers.DecimalField(read_only=True, **MONEY)
    deposits_usd = serializers.DecimalField(read_only=True, **MONEY)
    allocated_usd = serializers.DecimalField(read_only=True, **MONEY)
    transfers_usd = serializers.DecimalField(read_only=True, **MONEY)
    expenditure_usd = serializers.DecimalField(read_only=True, **MONEY)
    balance_with_agent_usd = serializers.DecimalField(read_only=True, **MONEY)
    balance_with_organisations_usd = serializers.DecimalField(read_only=True, **MONEY)
    available_usd = serializers.DecimalField(read_only=True, **MONEY)
    delivery_rate = serializers.DecimalField(read_only=True, allow_null=True, max_digits=8, decimal_places=4)
    contributions = serializers.IntegerField(read_only=True)
    deposits = serializers.IntegerField(read_only=True)
    transfers = serializers.IntegerField(read_only=True)
    donors = serializers.IntegerField(read_only=True)
    programmes = serializers.IntegerField(read_only=True)
    programmes_by_status = serializers.DictField(child=serializers.IntegerField(), read_only=True)
    concept_notes_by_status = serializers.DictField(
        child=serializers.IntegerField(), read_only=True, source="notes_by_status"
    )
    pipeline_notes = serializers.IntegerField(read_only=True)
    pipeline_demand_usd = serializers.DecimalField(read_only=True, **MONEY)
    fundable_notes = serializers.IntegerField(read_only=True)
    fundable_share = serializers.DecimalField(read_only=True, allow_null=True, max_digits=8, decimal_places=4)
    targets = TargetProgressSerializer(many=True, read_only=True)
