"""Serializers of the hub's API. Every field is listed explicitly; write serializers refuse read-only and
unknown fields with a 400 that names them (the kernel's ``StrictInputMixin``)."""

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
    language_field,
)
from gcm_portal.api.serializers import StrictInputMixin
from gcm_portal.core.curation import CurationState
from gcm_portal.taxonomy.models import Country, GuidingPrinciple, Objective, UnEntity

from .. import permissions, selectors
from ..choices import (
    Audience,
    EventFormat,
    EventKind,
    ExpertStatus,
    Gender,
    GeographicScope,
    Integration,
    MatchKind,
    NetworkKind,
    OrganisationType,
    PracticeStatus,
    PracticeType,
    RequestStatus,
    ResourceType,
    SupportKind,
    Urgency,
)
from ..models import (
    CallForPractices,
    Comment,
    DiscussionSpace,
    Event,
    Expert,
    ExpertCV,
    MigrationNetwork,
    NetworkCount,
    NetworkDocument,
    Practice,
    PracticeDocument,
    Resource,
    ResourceFile,
    SupportMatch,
    SupportMessage,
    SupportRequest,
    ThemeResponse,
    WorkingGroup,
    WorkingGroupDocument,
)
from ..models.experts import UN_LANGUAGE_CHOICES
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

MAX_ID = 2**63 - 1


class BoundedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A primary key that is checked to be a database id before it is looked up."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | str) or not str(data).isdecimal():
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not 0 < int(data) <= MAX_ID:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(int(data))


def objectives_field(**kwargs):
    return serializers.SlugRelatedField(
        slug_field="number",
        queryset=Objective.objects.all(),
        many=True,
        help_text="GCM objective numbers (1-23).",
        **kwargs,
    )


def principles_field(**kwargs):
    return serializers.SlugRelatedField(
        slug_field="letter",
        queryset=GuidingPrinciple.objects.all(),
        many=True,
        help_text="Guiding principle letters (a-j).",
        **kwargs,
    )


def countries_field(**kwargs):
    return serializers.ListField(
        child=UpperSlugRelatedField(slug_field="iso2", queryset=Country.objects.all()),
        help_text="ISO 3166-1 alpha-2 codes.",
        **kwargs,
    )


def entities_field(**kwargs):
    return serializers.ListField(
        child=serializers.SlugRelatedField(slug_field="code", queryset=UnEntity.objects.all()),
        help_text="UN entity codes (e.g. IOM).",
        **kwargs,
    )


def languages_list(**kwargs):
    return serializers.ListField(child=language_field(), **kwargs)


def curation_field():
    return NamedChoiceField(CurationState.choices, enum_name="CurationEnum", read_only=True)


COMMON_REFUSED = {
    "id": _("The id is read-only."),
    "version": _("The version is read-only: send the version you edited in the If-Match header."),
    "curation": _("Curation is decided by Network staff: use the workflow actions."),
    "status": _("The status changes only through the workflow actions."),
    "created_at": _("Timestamps are read-only."),
    "updated_at": _("Timestamps are read-only."),
    "published_at": _("Timestamps are read-only."),
    "created_by": _("The author is read-only."),
    "actions": _("Actions are read-only: POST to the action's URL."),
    "url": _("Read-only."),
    "html_url": _("Read-only."),
}


class DocumentSerializer(serializers.Serializer):
    """A document you may download."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(source="original_name", read_only=True)
    language = serializers.CharField(read_only=True)
    content_type = serializers.CharField(read_only=True)
    size = serializers.IntegerField(read_only=True)
    sha256 = serializers.CharField(read_only=True)
    uploaded_at = serializers.DateTimeField(read_only=True)
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, obj) -> str:
        return absolute(self.context, obj.get_absolute_url())


class NetworkDocumentSerializer(DocumentSerializer):
    category = serializers.CharField(read_only=True)


# ---------------------------------------------------------------------------
# Practices
# ---------------------------------------------------------------------------


class PeerReviewSerializer(serializers.Serializer):
    """What the public reads of a practice's peer review: counts and dates, never who or what."""

    un_reviews = serializers.IntegerField(read_only=True)
    external_reviews = serializers.IntegerField(read_only=True)
    complete = serializers.BooleanField(read_only=True, help_text="The Hub's rule is met.")
    last_reviewed_at = serializers.DateTimeField(read_only=True, allow_null=True)


class ContactSerializer(StrictInputMixin, serializers.Serializer):
    name = serializers.CharField(max_length=150)
    role = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    organisation = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    email = serializers.EmailField(
        required=False,
        allow_blank=True,
        default="",
        allow_null=True,
        help_text="Shown to Network staff and the submitter only (null for others).",
    )


class PracticeSerializer(serializers.ModelSerializer):
    url = ApiUrlField("api:hub-practice-detail")
    html_url = HtmlUrlField()
    objectives = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    principles = serializers.SlugRelatedField(slug_field="letter", many=True, read_only=True)
    countries = serializers.SlugRelatedField(slug_field="iso2", many=True, read_only=True)
    submitter_country = serializers.SlugRelatedField(slug_field="iso2", read_only=True, allow_null=True)
    theme_responses = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    language = language_field(read_only=True)
    geographic_scope = NamedChoiceField(GeographicScope.choices, enum_name="GeographicScopeEnum", read_only=True)
    practice_type = NamedChoiceField(PracticeType.choices, enum_name="PracticeTypeEnum", read_only=True)
    status = NamedChoiceField(PracticeStatus.choices, enum_name="PracticeStatusEnum", read_only=True)
    peer_review = serializers.SerializerMethodField()
    contacts = serializers.SerializerMethodField()
    actions = WorkflowActionsField(PRACTICE_WORKFLOW, basename="hub-practice")

    class Meta:
        model = Practice
        fields = [
            "id",
            "url",
            "html_url",
            "title",
            "language",
            "objectives",
            "principles",
            "implementation_start",
            "implementation_end",
            "geographic_scope",
            "countries",
            "practice_type",
            "implementing_partners",
            "description",
            "results",
            "lessons",
            "replicability",
            "organisation",
            "submitter_country",
            "exclude_same_country_reviewers",
            "call",
            "theme_responses",
            "contacts",
            "status",
            "peer_review",
            "version",
            "created_at",
            "published_at",
            "actions",
        ]
        read_only_fields = fields

    @extend_schema_field(PeerReviewSerializer)
    def get_peer_review(self, obj) -> dict:
        review = selectors.public_peer_review(obj)
        return {
            "un_reviews": review.un_reviewed,
            "external_reviews": review.external_reviewed,
            "complete": review.complete,
            "last_reviewed_at": review.last_reviewed_at,
        }

    @extend_schema_field(ContactSerializer(many=True))
    def get_contacts(self, obj) -> list[dict]:
        request = self.context.get("request")
        emails = permissions.can_see_contact_details(getattr(request, "user", None), obj)
        return [
            {"name": c.name, "role": c.role, "organisation": c.organisation, "email": c.email if emails else None}
            for c in obj.contacts.all()
        ]


class PracticeWriteSerializer(StrictInputMixin, serializers.Serializer):
    """A practice against the Hub's criteria: at least one objective, the guiding principles it follows,
    its period, scope and countries, type and partners, description, results, lessons, replicability and
    at least one contact. New practices wait for Network staff; documents are uploaded to
    ``documents/`` afterwards."""

    title = serializers.CharField(max_length=300)
    language = language_field(required=False, default="en")
    objectives = objectives_field()
    principles = principles_field()
    implementation_start = serializers.IntegerField(min_value=1950, max_value=2100)
    implementation_end = serializers.IntegerField(
        min_value=1950, max_value=2100, required=False, allow_null=True, default=None
    )
    geographic_scope = NamedChoiceField(GeographicScope.choices, enum_name="GeographicScopeEnum")
    countries = countries_field(required=False, default=list)
    practice_type = NamedChoiceField(PracticeType.choices, enum_name="PracticeTypeEnum")
    implementing_partners = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    description = serializers.CharField(max_length=20000)
    results = serializers.CharField(max_length=20000)
    lessons = serializers.CharField(max_length=20000)
    replicability = serializers.CharField(max_length=20000)
    organisation = serializers.CharField(max_length=200)
    submitter_country = UpperSlugRelatedField(
        slug_field="iso2", queryset=Country.objects.all(), required=False, allow_null=True, default=None
    )
    exclude_same_country_reviewers = serializers.BooleanField(required=False, default=False)
    call = BoundedPrimaryKeyRelatedField(
        queryset=CallForPractices.objects.filter(curation=CurationState.PUBLISHED),
        required=False,
        allow_null=True,
        default=None,
    )
    theme_responses = serializers.SlugRelatedField(
        slug_field="code", queryset=ThemeResponse.objects.all(), many=True, required=False, default=list
    )
    contacts = ContactSerializer(many=True)

    refused_messages = {
        **COMMON_REFUSED,
        "peer_review": _("The peer review is read-only."),
        "documents": _("Upload documents with POST to the practice's documents/ endpoint."),
    }

    def service_arguments(self) -> dict:
        data = dict(self.validated_data)
        relations = {}
        for name in ("objectives", "principles", "countries", "theme_responses"):
            if name in data:
                relations[name] = list(data.pop(name))
        if "contacts" in data:
            relations["contacts"] = [dict(c) for c in data.pop("contacts")]
        return {"data": data, **relations}


# ---------------------------------------------------------------------------
# Resources and events
# ---------------------------------------------------------------------------


class ResourceSerializer(serializers.ModelSerializer):
    url = ApiUrlField("api:hub-resource-detail")
    html_url = HtmlUrlField()
    resource_type = NamedChoiceField(ResourceType.choices, enum_name="ResourceTypeEnum", read_only=True)
    audience = NamedChoiceField(Audience.choices, enum_name="AudienceEnum", read_only=True)
    geographic_scope = NamedChoiceField(GeographicScope.choices, enum_name="GeographicScopeEnum", read_only=True)
    languages = serializers.ListField(child=serializers.CharField(), read_only=True)
    objectives = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    principles = serializers.SlugRelatedField(slug_field="letter", many=True, read_only=True)
    countries = serializers.SlugRelatedField(slug_field="iso2", many=True, read_only=True)
    url_link = serializers.CharField(
        source="url", read_only=True, help_text="The resource's own address (empty if none)."
    )
    files = DocumentSerializer(many=True, read_only=True)
    curation = curation_field()
    actions = WorkflowActionsField(RESOURCE_WORKFLOW, basename="hub-resource")

    class Meta:
        model = Resource
        fields = [
            "id",
            "url",
            "html_url",
            "title",
            "summary",
            "resource_type",
            "publisher",
            "publication_date",
            "languages",
            "audience",
            "geographic_scope",
            "countries",
            "objectives",
            "principles",
            "working_group",
            "url_link",
            "files",
            "curation",
            "version",
            "created_at",
            "actions",
        ]
        read_only_fields = fields


class ResourceWriteSerializer(StrictInputMixin, serializers.Serializer):
    """Staff add a resource (publish it with ``publish/``); a member's suggestion waits for curation."""

    title = serializers.CharField(max_length=300)
    summary = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000)
    resource_type = NamedChoiceField(ResourceType.choices, enum_name="ResourceTypeEnum")
    publisher = serializers.CharField(max_length=200)
    publication_date = serializers.DateField(required=False, allow_null=True, default=None)
    languages = languages_list(required=False, default=list)
    audience = NamedChoiceField(Audience.choices, enum_name="AudienceEnum", required=False, default=Audience.ALL)
    geographic_scope = NamedChoiceField(
        GeographicScope.choices, enum_name="GeographicScopeEnum", required=False, default=GeographicScope.GLOBAL
    )
    countries = countries_field(required=False, default=list)
    objectives = objectives_field(required=False, default=list)
    principles = principles_field(required=False, default=list)
    working_group = BoundedPrimaryKeyRelatedField(
        queryset=WorkingGroup.objects.filter(curation=CurationState.PUBLISHED),
        required=False,
        allow_null=True,
        default=None,
    )
    url_link = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")

    refused_messages = {**COMMON_REFUSED, "files": _("Upload files with POST to the resource's documents/ endpoint.")}

    def service_arguments(self) -> dict:
        data = dict(self.validated_data)
        relations = {name: list(data.pop(name)) for name in ("objectives", "principles", "countries") if name in data}
        if "url_link" in data:
            data["url"] = data.pop("url_link")
        return {"data": data, **relations}


class EventSerializer(serializers.ModelSerializer):
    url = ApiUrlField("api:hub-event-detail")
    html_url = HtmlUrlField()
    kind = NamedChoiceField(EventKind.choices, enum_name="EventKindEnum", read_only=True)
    format = NamedChoiceField(EventFormat.choices, enum_name="EventFormatEnum", read_only=True)
    audience = NamedChoiceField(Audience.choices, enum_name="AudienceEnum", read_only=True)
    interpretation_languages = serializers.ListField(child=serializers.CharField(), read_only=True)
    objectives = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    registration_url = serializers.CharField(read_only=True, help_text="Where to register (empty if none).")
    recording_url = serializers.CharField(read_only=True, help_text="The recording (empty if none).")
    resources = serializers.SerializerMethodField()
    practices = serializers.SerializerMethodField()
    curation = curation_field()
    actions = WorkflowActionsField(EVENT_WORKFLOW, basename="hub-event")

    class Meta:
        model = Event
        fields = [
            "id",
            "url",
            "html_url",
            "title",
            "kind",
            "starts_at",
            "ends_at",
            "timezone",
            "format",
            "location",
            "organiser",
            "interpretation_languages",
            "audience",
            "description",
            "registration_url",
            "recording_url",
            "summary",
            "objectives",
            "resources",
            "practices",
            "curation",
            "version",
            "actions",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_resources(self, obj) -> list[int]:
        """Ids of the published resources linked to the event."""
        return [r.pk for r in obj.resources.all() if r.curation == CurationState.PUBLISHED]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_practices(self, obj) -> list[int]:
        """Ids of the published practices linked to the event."""
        return [p.pk for p in obj.practices.all() if p.status == PracticeStatus.PUBLISHED]


class EventWriteSerializer(StrictInputMixin, serializers.Serializer):
    """Staff announce an event; times are ISO 8601 with their offset, ``timezone`` is how they are shown."""

    title = serializers.CharField(max_length=300)
    kind = NamedChoiceField(EventKind.choices, enum_name="EventKindEnum")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    timezone = serializers.CharField(max_length=64, required=False, default="Europe/Zurich")
    format = NamedChoiceField(EventFormat.choices, enum_name="EventFormatEnum")
    location = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    organiser = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    interpretation_languages = languages_list(required=False, default=list)
    audience = NamedChoiceField(Audience.choices, enum_name="AudienceEnum", required=False, default=Audience.ALL)
    description = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000)
    registration_url = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")
    recording_url = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")
    summary = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000)
    objectives = objectives_field(required=False, default=list)
    resources = serializers.ListField(
        child=BoundedPrimaryKeyRelatedField(queryset=Resource.objects.filter(curation=CurationState.PUBLISHED)),
        required=False,
        default=list,
    )
    practices = serializers.ListField(
        child=BoundedPrimaryKeyRelatedField(queryset=Practice.objects.published()), required=False, default=list
    )

    refused_messages = COMMON_REFUSED

    def service_arguments(self) -> dict:
        data = dict(self.validated_data)
        relations = {name: list(data.pop(name)) for name in ("objectives", "resources", "practices") if name in data}
        return {"data": data, **relations}


# ---------------------------------------------------------------------------
# Working groups and networks
# ---------------------------------------------------------------------------

SOURCE_FIELDS = ["source_title", "source_url", "source_date", "verified"]


def source_url_field():
    return serializers.CharField(read_only=True, help_text="The public source's address (empty if none).")


class WorkingGroupSerializer(serializers.ModelSerializer):
    url = ApiUrlField("api:hub-working-group-detail")
    html_url = HtmlUrlField()
    un_co_leads = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    stakeholder_co_leads = serializers.ListField(
        source="stakeholder_co_lead_list", child=serializers.CharField(), read_only=True
    )
    member_entities = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    stakeholder_members = serializers.ListField(
        source="stakeholder_member_list", child=serializers.CharField(), read_only=True
    )
    objectives = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    outputs = serializers.SerializerMethodField()
    source_url = source_url_field()
    curation = curation_field()
    actions = WorkflowActionsField(GROUP_WORKFLOW, basename="hub-working-group")

    class Meta:
        model = WorkingGroup
        fields = [
            "id",
            "url",
            "html_url",
            "code",
            "name",
            "workplan_period",
            "description",
            "un_co_leads",
            "stakeholder_co_leads",
            "member_entities",
            "stakeholder_members",
            "objectives",
            "outputs",
            "call_open",
            "call_text",
            *SOURCE_FIELDS,
            "curation",
            "version",
            "actions",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_outputs(self, obj) -> list[int]:
        """Ids of the published resources the workstream produced."""
        return [r.pk for r in obj.outputs.all()]


class WorkingGroupWriteSerializer(StrictInputMixin, serializers.Serializer):
    code = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    name = serializers.CharField(max_length=300)
    workplan_period = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    description = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000)
    un_co_leads = entities_field(required=False, default=list)
    stakeholder_co_leads = serializers.ListField(
        child=serializers.CharField(max_length=300), required=False, default=list
    )
    member_entities = entities_field(required=False, default=list)
    stakeholder_members = serializers.ListField(
        child=serializers.CharField(max_length=300), required=False, default=list
    )
    objectives = objectives_field(required=False, default=list)
    call_open = serializers.BooleanField(required=False, default=False)
    call_text = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    source_title = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    source_url = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")
    source_date = serializers.DateField(required=False, allow_null=True, default=None)
    verified = serializers.BooleanField(required=False, default=False)

    refused_messages = {**COMMON_REFUSED, "outputs": _("Outputs are the resources that name this workstream.")}

    def service_arguments(self) -> dict:
        data = dict(self.validated_data)
        for name in ("stakeholder_co_leads", "stakeholder_members"):
            if name in data:
                data[name] = "\n".join(line.strip() for line in data[name] if line.strip())
        relations = {
            name: list(data.pop(name)) for name in ("un_co_leads", "member_entities", "objectives") if name in data
        }
        return {"data": data, **relations}


class NetworkSerializer(serializers.ModelSerializer):
    url = ApiUrlField("api:hub-network-detail")
    html_url = HtmlUrlField()
    kind = NamedChoiceField(NetworkKind.choices, enum_name="NetworkKindEnum", read_only=True)
    country = serializers.SlugRelatedField(slug_field="iso2", read_only=True, allow_null=True)
    co_chairs = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    member_entities = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    migration_in_cca = NamedChoiceField(Integration.choices, enum_name="IntegrationEnum", read_only=True)
    migration_in_cooperation_framework = NamedChoiceField(
        Integration.choices, enum_name="IntegrationEnum", read_only=True
    )
    documents = NetworkDocumentSerializer(many=True, read_only=True)
    source_url = source_url_field()
    curation = curation_field()
    actions = WorkflowActionsField(NETWORK_WORKFLOW, basename="hub-network")

    class Meta:
        model = MigrationNetwork
        fields = [
            "id",
            "url",
            "html_url",
            "kind",
            "name",
            "country",
            "un_team",
            "established_on",
            "co_chairs",
            "co_chairs_other",
            "member_entities",
            "migration_in_cca",
            "migration_in_cooperation_framework",
            "summary",
            "documents",
            *SOURCE_FIELDS,
            "curation",
            "version",
            "actions",
        ]
        read_only_fields = fields


class NetworkWriteSerializer(StrictInputMixin, serializers.Serializer):
    kind = NamedChoiceField(NetworkKind.choices, enum_name="NetworkKindEnum")
    name = serializers.CharField(max_length=300)
    country = UpperSlugRelatedField(
        slug_field="iso2", queryset=Country.objects.all(), required=False, allow_null=True, default=None
    )
    un_team = serializers.CharField(max_length=300)
    established_on = serializers.DateField(required=False, allow_null=True, default=None)
    co_chairs = entities_field(required=False, default=list)
    co_chairs_other = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    member_entities = entities_field(required=False, default=list)
    migration_in_cca = NamedChoiceField(
        Integration.choices, enum_name="IntegrationEnum", required=False, default=Integration.UNKNOWN
    )
    migration_in_cooperation_framework = NamedChoiceField(
        Integration.choices, enum_name="IntegrationEnum", required=False, default=Integration.UNKNOWN
    )
    summary = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000)
    source_title = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    source_url = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")
    source_date = serializers.DateField(required=False, allow_null=True, default=None)
    verified = serializers.BooleanField(required=False, default=False)

    refused_messages = {
        **COMMON_REFUSED,
        "documents": _("Upload documents with POST to the network's documents/ endpoint."),
    }

    def service_arguments(self) -> dict:
        data = dict(self.validated_data)
        relations = {name: list(data.pop(name)) for name in ("co_chairs", "member_entities") if name in data}
        return {"data": data, **relations}


class NetworkCountSerializer(serializers.ModelSerializer):
    source_url = source_url_field()

    class Meta:
        model = NetworkCount
        fields = ["on", "country_networks", "regional_networks", "note", *SOURCE_FIELDS]
        read_only_fields = fields


# ---------------------------------------------------------------------------
# Discussion spaces
# ---------------------------------------------------------------------------


class QuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    text = serializers.CharField(read_only=True)


class SpaceSerializer(serializers.ModelSerializer):
    url = ApiUrlField("api:hub-discussion-detail")
    html_url = HtmlUrlField()
    moderator = serializers.StringRelatedField(read_only=True, allow_null=True)
    languages = serializers.ListField(child=serializers.CharField(), read_only=True)
    questions = QuestionSerializer(many=True, read_only=True)
    objectives = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    is_open = serializers.SerializerMethodField()
    comment_count = serializers.IntegerField(read_only=True, help_text="Visible comments.")
    comments_url = serializers.SerializerMethodField()
    curation = curation_field()
    actions = WorkflowActionsField(SPACE_WORKFLOW, basename="hub-discussion")

    class Meta:
        model = DiscussionSpace
        fields = [
            "id",
            "url",
            "html_url",
            "title",
            "description",
            "moderator",
            "audience",
            "languages",
            "opens_on",
            "closes_on",
            "is_open",
            "questions",
            "objectives",
            "comment_count",
            "comments_url",
            "curation",
            "version",
            "actions",
        ]
        read_only_fields = fields

    def get_is_open(self, obj) -> bool:
        """Whether the space takes comments now (a closed space is read-only)."""
        return obj.is_open()

    def get_comments_url(self, obj) -> str:
        from django.urls import reverse

        return absolute(self.context, reverse("api:hub-discussion-comments", kwargs={"pk": obj.pk}))


class SpaceWriteSerializer(StrictInputMixin, serializers.Serializer):
    title = serializers.CharField(max_length=300)
    description = serializers.CharField(max_length=20000)
    questions = serializers.ListField(child=serializers.CharField(max_length=2000), min_length=1)
    moderator = serializers.EmailField(
        required=False, allow_null=True, default=None, help_text="The moderator's e-mail."
    )
    audience = serializers.CharField(max_length=300)
    languages = serializers.ListField(
        child=NamedChoiceField(UN_LANGUAGE_CHOICES, enum_name="UnLanguageEnum"),
        min_length=1,
    )
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()
    objectives = objectives_field(required=False, default=list)

    refused_messages = {**COMMON_REFUSED, "comment_count": _("Read-only."), "is_open": _("Read-only.")}

    def validate_moderator(self, value):
        if value is None:
            return None
        from gcm_portal.accounts.models import User

        user = User.objects.filter(email__iexact=value, is_active=True).first()
        if user is None:
            raise serializers.ValidationError(_("No active account has this e-mail address."))
        return user

    def service_arguments(self) -> dict:
        data = dict(self.validated_data)
        arguments = {}
        if "questions" in data:
            arguments["questions"] = data.pop("questions")
        if "objectives" in data:
            arguments["objectives"] = list(data.pop("objectives"))
        return {"data": data, **arguments}


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.StringRelatedField(read_only=True, allow_null=True)
    language = language_field(read_only=True)
    hidden = serializers.BooleanField(read_only=True, help_text="Only moderators see hidden comments.")

    class Meta:
        model = Comment
        fields = ["id", "parent", "question", "author", "body", "language", "hidden", "created_at"]
        read_only_fields = fields


class CommentWriteSerializer(StrictInputMixin, serializers.Serializer):
    """A comment, or a reply (``parent``), on an open space."""

    body = serializers.CharField(max_length=10000)
    language = NamedChoiceField(
        UN_LANGUAGE_CHOICES,
        enum_name="UnLanguageEnum",
        required=False,
        default="en",
    )
    question = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1, max_value=MAX_ID)
    parent = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1, max_value=MAX_ID)

    refused_messages = {
        "id": _("Read-only."),
        "hidden": _("Moderators hide comments."),
        "author": _("The author is you."),
    }


# ---------------------------------------------------------------------------
# Expert roster (staff only)
# ---------------------------------------------------------------------------


class ExpertSerializer(serializers.ModelSerializer):
    url = ApiUrlField("api:hub-expert-detail")
    html_url = HtmlUrlField()
    name = serializers.CharField(source="user.get_full_name", read_only=True)
    email = serializers.EmailField(source="user.email", read_only=True)
    status = NamedChoiceField(ExpertStatus.choices, enum_name="ExpertStatusEnum", read_only=True)
    gender = NamedChoiceField(Gender.choices, enum_name="GenderEnum", read_only=True)
    organisation_type = NamedChoiceField(OrganisationType.choices, enum_name="OrganisationTypeEnum", read_only=True)
    country = serializers.SlugRelatedField(slug_field="iso2", read_only=True)
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    un_entity = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    languages = serializers.ListField(child=serializers.CharField(), read_only=True)
    objectives = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    cvs = serializers.SerializerMethodField()
    actions = WorkflowActionsField(EXPERT_WORKFLOW, basename="hub-expert")

    class Meta:
        model = Expert
        fields = [
            "id",
            "url",
            "html_url",
            "name",
            "email",
            "status",
            "application_language",
            "gender",
            "country",
            "region",
            "languages",
            "objectives",
            "years_of_experience",
            "organisation",
            "organisation_type",
            "un_entity",
            "expertise",
            "publications",
            "cvs",
            "created_at",
            "decided_at",
            "version",
            "actions",
        ]
        read_only_fields = fields

    @extend_schema_field(DocumentSerializer(many=True))
    def get_cvs(self, obj: Expert) -> list[dict]:
        return DocumentSerializer(list(obj.cvs.all()), many=True, context=self.context).data


# ---------------------------------------------------------------------------
# Connection Hub requests
# ---------------------------------------------------------------------------


class MatchSerializer(serializers.ModelSerializer):
    kind = NamedChoiceField(MatchKind.choices, enum_name="MatchKindEnum", read_only=True)
    target_type = serializers.SerializerMethodField()

    class Meta:
        model = SupportMatch
        fields = ["id", "kind", "target_type", "object_id", "label", "url", "note", "created_at"]
        read_only_fields = fields

    def get_target_type(self, obj) -> str | None:
        """The matched record's model (e.g. ``knowledge.expert``), null for a labelled link."""
        return f"{obj.content_type.app_label}.{obj.content_type.model}" if obj.content_type_id else None


class MessageSerializer(serializers.ModelSerializer):
    author = serializers.StringRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = SupportMessage
        fields = ["id", "author", "body", "created_at"]
        read_only_fields = fields


class SupportRequestSerializer(serializers.ModelSerializer):
    url = ApiUrlField("api:hub-support-request-detail")
    html_url = HtmlUrlField()
    country = serializers.SlugRelatedField(slug_field="iso2", read_only=True)
    requested_by = serializers.StringRelatedField(read_only=True, allow_null=True)
    objectives = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    support_kinds = serializers.ListField(child=serializers.CharField(), read_only=True)
    urgency = NamedChoiceField(Urgency.choices, enum_name="UrgencyEnum", read_only=True)
    status = NamedChoiceField(RequestStatus.choices, enum_name="RequestStatusEnum", read_only=True)
    matches = MatchSerializer(many=True, read_only=True)
    messages = MessageSerializer(many=True, read_only=True)
    actions = WorkflowActionsField(REQUEST_WORKFLOW, basename="hub-support-request")

    class Meta:
        model = SupportRequest
        fields = [
            "id",
            "url",
            "html_url",
            "country",
            "requested_by",
            "title",
            "objectives",
            "support_kinds",
            "description",
            "urgency",
            "status",
            "matches",
            "messages",
            "version",
            "created_at",
            "updated_at",
            "closed_at",
            "actions",
        ]
        read_only_fields = fields


class SupportRequestWriteSerializer(StrictInputMixin, serializers.Serializer):
    title = serializers.CharField(max_length=300)
    objectives = objectives_field()
    support_kinds = serializers.ListField(
        child=NamedChoiceField(SupportKind.choices, enum_name="SupportKindEnum"), min_length=1
    )
    description = serializers.CharField(max_length=20000)
    urgency = NamedChoiceField(Urgency.choices, enum_name="UrgencyEnum", required=False, default=Urgency.MEDIUM)

    refused_messages = {
        **COMMON_REFUSED,
        "country": _("The country of a request cannot be changed."),
        "requested_by": _("The requester is read-only."),
        "matches": _("Network staff record matches."),
        "messages": _("Read-only."),
        "closed_at": _("Timestamps are read-only."),
    }

    def service_arguments(self) -> dict:
        data = dict(self.validated_data)
        arguments = {"data": data}
        if "objectives" in data:
            arguments["objectives"] = list(data.pop("objectives"))
        return arguments


class SupportRequestCreateSerializer(SupportRequestWriteSerializer):
    """A focal point's request for a country they represent (ISO 3166-1 alpha-2)."""

    country = UpperSlugRelatedField(slug_field="iso2", queryset=Country.objects.all())

    refused_messages = {k: v for k, v in SupportRequestWriteSerializer.refused_messages.items() if k != "country"}

    def service_arguments(self) -> dict:
        arguments = super().service_arguments()
        arguments["country"] = arguments["data"].pop("country")
        return arguments


DOCUMENT_SERIALIZERS = {
    PracticeDocument: DocumentSerializer,
    ResourceFile: DocumentSerializer,
    WorkingGroupDocument: DocumentSerializer,
    NetworkDocument: NetworkDocumentSerializer,
    ExpertCV: DocumentSerializer,
}
