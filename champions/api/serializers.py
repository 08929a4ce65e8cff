"""Serializers of the champions API. Every field is listed; write serializers refuse read-only and
unknown fields with a 400 that names them."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
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
from gcm_portal.api.serializers import CountryRefSerializer, StrictInputMixin
from gcm_portal.core.curation import CurationState
from gcm_portal.taxonomy.models import Country, Objective

from .. import selectors
from ..choices import ActivityKind, CommitmentStatus, FactKind, PlanStatus
from ..models import Activity, Champion, Commitment, FocusArea, Membership, MembershipFact
from ..workflow import ACTIVITY_WORKFLOW, COMMITMENT_WORKFLOW


class ChampionSourceSerializer(serializers.Serializer):
    title = serializers.CharField(read_only=True)
    url = serializers.CharField(
        read_only=True, help_text="The source's address (empty for a letter held by the Network)."
    )
    date = serializers.DateField(read_only=True, allow_null=True)


class ChampionFactSerializer(serializers.ModelSerializer):
    kind = NamedChoiceField(FactKind.choices, enum_name="MembershipFactKindEnum", read_only=True)
    source = ChampionSourceSerializer(read_only=True)
    url = ApiUrlField("api:champion-membership-fact-detail")

    class Meta:
        model = MembershipFact
        fields = ["id", "url", "kind", "date", "note", "verified", "source"]
        read_only_fields = fields


class ChampionMembershipSerializer(serializers.ModelSerializer):
    facts = ChampionFactSerializer(many=True, read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "joined_on", "confirmed_by", "left_on", "starts_on", "note", "facts"]
        read_only_fields = fields


class ChampionFocusAreaSerializer(serializers.Serializer):
    number = serializers.IntegerField(read_only=True, source="focus_area.number")
    title = serializers.CharField(read_only=True, source="focus_area.title")
    what_it_did = serializers.CharField(read_only=True)


class ChampionPlanSerializer(serializers.Serializer):
    status = NamedChoiceField(PlanStatus.choices, enum_name="PlanStatusEnum", read_only=True)
    title = serializers.CharField(read_only=True)
    adopted_on = serializers.DateField(read_only=True, allow_null=True)
    objectives = serializers.ListField(child=serializers.IntegerField(), read_only=True)


class ChampionCoChairSerializer(serializers.Serializer):
    starts_on = serializers.DateField(read_only=True, allow_null=True)
    ends_on = serializers.DateField(read_only=True, allow_null=True)
    note = serializers.CharField(read_only=True)
    source = ChampionSourceSerializer(read_only=True)


class ChampionSerializer(serializers.ModelSerializer):
    """A champion country: its membership periods with the sourced facts behind them, and its approved
    profile and national implementation plan."""

    url = serializers.SerializerMethodField()
    html_url = HtmlUrlField()
    country = CountryRefSerializer(read_only=True)
    region = serializers.SerializerMethodField()
    commissions = serializers.SerializerMethodField()
    active_today = serializers.SerializerMethodField()
    memberships = ChampionMembershipSerializer(many=True, read_only=True)
    sources = serializers.SerializerMethodField()
    co_chair_periods = ChampionCoChairSerializer(many=True, read_only=True)
    focus_areas = ChampionFocusAreaSerializer(many=True, read_only=True, source="focus_area_rows")
    priority_objectives = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    plan = serializers.SerializerMethodField()

    class Meta:
        model = Champion
        fields = [
            "id",
            "url",
            "html_url",
            "country",
            "region",
            "commissions",
            "active_today",
            "memberships",
            "sources",
            "co_chair_periods",
            "focus_areas",
            "priority_objectives",
            "summary",
            "coordination_body",
            "lead_ministry",
            "plan",
            "profile_updated_at",
        ]
        read_only_fields = fields

    def get_url(self, obj) -> str:
        return absolute(self.context, reverse("api:champion-detail", kwargs={"iso2": obj.country.iso2}))

    def get_region(self, obj) -> str | None:
        """M49 code of the country's sub-region."""
        return obj.country.subregion.code if obj.country.subregion_id else None

    def get_commissions(self, obj) -> list[str]:
        return [m.commission.code for m in obj.country.commission_memberships.all()]

    def get_active_today(self, obj) -> bool:
        return selectors.is_active(obj, timezone.localdate())

    @extend_schema_field(ChampionSourceSerializer(many=True))
    def get_sources(self, obj) -> list[dict]:
        return ChampionSourceSerializer(selectors.sources_of(obj), many=True).data

    @extend_schema_field(ChampionPlanSerializer)
    def get_plan(self, obj) -> dict:
        return ChampionPlanSerializer(
            {
                "status": obj.plan_status,
                "title": obj.plan_title,
                "adopted_on": obj.plan_adopted_on,
                "objectives": [o.number for o in obj.plan_objectives.all()],
            }
        ).data


# ---------------------------------------------------------------------------
# Membership facts (staff correct them)
# ---------------------------------------------------------------------------


class MembershipFactSerializer(ChampionFactSerializer):
    country = serializers.CharField(source="membership.champion.country.iso2", read_only=True)
    membership = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta(ChampionFactSerializer.Meta):
        fields = ["id", "url", "country", "membership", "kind", "date", "note", "verified", "source", "version"]
        read_only_fields = fields


FACT_REFUSED = {
    "id": _("The id is read-only."),
    "version": _("The version is read-only: send the version you edited in the If-Match header."),
    "country": _("The country follows the membership period."),
    "source": _("Write source_title, source_url and source_date."),
}


class MembershipFactWriteSerializer(StrictInputMixin, serializers.Serializer):
    kind = NamedChoiceField(FactKind.choices, enum_name="MembershipFactKindEnum")
    date = serializers.DateField()
    source_title = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    source_url = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")
    source_date = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    verified = serializers.BooleanField(required=False, default=True)

    refused_messages = {**FACT_REFUSED, "membership": _("A fact stays with its membership period.")}


class MembershipFactCreateSerializer(MembershipFactWriteSerializer):
    """A new fact about a membership period, with its source. The period's dates follow its facts."""

    membership = serializers.PrimaryKeyRelatedField(queryset=Membership.objects.all())

    refused_messages = FACT_REFUSED


# ---------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------


def document_serializer(model, url_name: str, parent_attr: str):
    class DocumentSerializer(serializers.ModelSerializer):
        name = serializers.CharField(source="original_name", read_only=True)
        download_url = serializers.SerializerMethodField()

        class Meta:
            fields = ["id", "name", "language", "content_type", "size", "sha256", "uploaded_at", "download_url"]
            read_only_fields = fields

        def get_download_url(self, obj) -> str:
            return absolute(self.context, reverse(url_name, args=[getattr(obj, f"{parent_attr}_id"), obj.pk]))

    DocumentSerializer.Meta.model = model
    DocumentSerializer.__name__ = f"{model.__name__}Serializer"
    return DocumentSerializer


# ---------------------------------------------------------------------------
# Commitments
# ---------------------------------------------------------------------------


@extend_schema_field(OpenApiTypes.STR)
class ChampionCodeField(UpperSlugRelatedField):
    """A champion by its country's ISO 3166-1 alpha-2 code (either case)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Champion.objects.select_related("country"))
        super().__init__(slug_field="country__iso2", **kwargs)


class ChampionRefSerializer(serializers.Serializer):
    iso2 = serializers.CharField(read_only=True, source="country.iso2")
    name = serializers.CharField(read_only=True, source="country.name")


class CommitmentEvidenceSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    url = serializers.CharField(max_length=500, help_text="A page of this portal (/…) or an http(s) address.")
    kind = serializers.CharField(read_only=True, help_text="report, pledge or link")


class CommitmentProgressSerializer(serializers.Serializer):
    date = serializers.DateField(read_only=True)
    status = NamedChoiceField(CommitmentStatus.choices, enum_name="CommitmentStatusEnum", read_only=True)
    text = serializers.CharField(read_only=True)


class CommitmentSerializer(serializers.ModelSerializer):
    url = ApiUrlField("api:champion-commitment-detail")
    html_url = HtmlUrlField()
    champion = ChampionRefSerializer(read_only=True)
    status = NamedChoiceField(CommitmentStatus.choices, enum_name="CommitmentStatusEnum", read_only=True)
    objectives = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    focus_areas = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    evidence = CommitmentEvidenceSerializer(many=True, read_only=True)
    updates = CommitmentProgressSerializer(many=True, read_only=True)
    curation = NamedChoiceField(CurationState.choices, enum_name="CurationEnum", read_only=True)
    actions = WorkflowActionsField(COMMITMENT_WORKFLOW, basename="champion-commitment")

    class Meta:
        model = Commitment
        fields = [
            "id",
            "url",
            "html_url",
            "champion",
            "title",
            "description",
            "status",
            "objectives",
            "focus_areas",
            "evidence",
            "updates",
            "curation",
            "version",
            "created_at",
            "updated_at",
            "actions",
        ]
        read_only_fields = fields


CURATED_REFUSED = {
    "id": _("The id is read-only."),
    "curation": _("Curation is decided by Network staff: use the workflow actions."),
    "version": _("The version is read-only: send the version you edited in the If-Match header."),
    "created_at": _("Timestamps are read-only."),
    "updated_at": _("Timestamps are read-only."),
    "created_by": _("The author is read-only."),
    "actions": _("Actions are read-only: POST to the action's URL."),
    "documents": _("Upload documents with POST to the documents/ endpoint."),
}


class CommitmentWriteSerializer(StrictInputMixin, serializers.Serializer):
    """Change a commitment (PATCH: the fields you send). An owner's change to a published commitment
    sends it back to curation."""

    title = serializers.CharField(max_length=300)
    description = serializers.CharField(required=False, allow_blank=True)
    status = NamedChoiceField(CommitmentStatus.choices, enum_name="CommitmentStatusEnum", required=False)
    objectives = serializers.SlugRelatedField(
        slug_field="number", queryset=Objective.objects.all(), many=True, required=False
    )
    focus_areas = serializers.SlugRelatedField(
        slug_field="number", queryset=FocusArea.objects.all(), many=True, required=False
    )
    evidence = CommitmentEvidenceSerializer(many=True, required=False)

    refused_messages = {
        **CURATED_REFUSED,
        "champion": _("A commitment stays with its champion."),
        "updates": _("Progress updates are added on the commitment's page."),
    }

    def service_arguments(self) -> dict:
        data = dict(self.validated_data)
        if "evidence" in data:
            data["evidence"] = [dict(row) for row in data["evidence"]]
        for name in ("objectives", "focus_areas"):
            if name in data:
                data[name] = list(data[name])
        return data


class CommitmentCreateSerializer(CommitmentWriteSerializer):
    """A new commitment of a champion (ISO2 code of one you represent); it waits for curation."""

    champion = ChampionCodeField()

    refused_messages = {**CURATED_REFUSED, "updates": _("Progress updates are added on the commitment's page.")}


# ---------------------------------------------------------------------------
# Activities
# ---------------------------------------------------------------------------


class ActivitySerializer(serializers.ModelSerializer):
    url = ApiUrlField("api:champion-activity-detail")
    html_url = HtmlUrlField()
    kind = NamedChoiceField(ActivityKind.choices, enum_name="ActivityKindEnum", read_only=True)
    hosts = serializers.SlugRelatedField(slug_field="iso2", many=True, read_only=True)
    champions = serializers.SerializerMethodField()
    other_states = serializers.SlugRelatedField(slug_field="iso2", many=True, read_only=True)
    objectives = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    curation = NamedChoiceField(CurationState.choices, enum_name="CurationEnum", read_only=True)
    source_url = serializers.CharField(read_only=True, help_text="The public source of a seeded activity (or empty).")
    actions = WorkflowActionsField(ACTIVITY_WORKFLOW, basename="champion-activity")

    class Meta:
        model = Activity
        fields = [
            "id",
            "url",
            "html_url",
            "kind",
            "title",
            "start_date",
            "end_date",
            "location",
            "hosts",
            "champions",
            "other_states",
            "objectives",
            "summary",
            "recommendations",
            "source_title",
            "source_url",
            "curation",
            "version",
            "created_at",
            "updated_at",
            "actions",
        ]
        read_only_fields = fields

    def get_champions(self, obj) -> list[str]:
        """ISO2 codes of the participating champions."""
        return sorted(c.country.iso2 for c in obj.champions.all())


class ActivityWriteSerializer(StrictInputMixin, serializers.Serializer):
    """An activity; focal points record those their champion country hosts. It waits for curation."""

    kind = NamedChoiceField(ActivityKind.choices, enum_name="ActivityKindEnum")
    title = serializers.CharField(max_length=300)
    start_date = serializers.DateField()
    end_date = serializers.DateField(required=False, allow_null=True)
    location = serializers.CharField(max_length=200, required=False, allow_blank=True)
    hosts = UpperSlugRelatedField(slug_field="iso2", queryset=Country.objects.all(), many=True)
    champions = ChampionCodeField(many=True, required=False)
    other_states = UpperSlugRelatedField(slug_field="iso2", queryset=Country.objects.all(), many=True, required=False)
    objectives = serializers.SlugRelatedField(
        slug_field="number", queryset=Objective.objects.all(), many=True, required=False
    )
    summary = serializers.CharField(required=False, allow_blank=True)
    recommendations = serializers.CharField(required=False, allow_blank=True)

    refused_messages = {
        **CURATED_REFUSED,
        "source_title": _("Sources of seeded activities are kept by Network staff."),
        "source_url": _("Sources of seeded activities are kept by Network staff."),
    }

    def service_arguments(self) -> dict:
        data = dict(self.validated_data)
        for name in ("hosts", "champions", "other_states", "objectives"):
            if name in data:
                data[name] = list(data[name])
        return data
