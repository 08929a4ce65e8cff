"""Serializers of the reviews API.

Every field is listed explicitly. A report is represented from what its reader may read
(:func:`reviews.selectors.report_reading`, the same projection its page uses): for readers who may not
see the working copy, that is the published snapshot, never the live draft, so a report under
correction shows the public the text that was published. Write serializers reject read-only and unknown fields with a 400 that names them,
instead of silently ignoring them.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from gcm_portal.api.fields import (
    ApiUrlField,
    HtmlUrlField,
    NamedChoiceField,
    UpperSlugRelatedField,
    absolute,
    language_field,
    workflow_actions_data,
)
from gcm_portal.api.serializers import ActionSerializer, CountryRefSerializer, StrictInputMixin
from gcm_portal.core.curation import CurationState
from gcm_portal.taxonomy.models import Country, GuidingPrinciple, Objective, RoundTableCluster

from .. import permissions, selectors
from ..choices import (
    DocumentKind,
    ForumPartKind,
    InvitationBasis,
    PledgeKind,
    PledgeStatus,
    PledgeType,
    PledgingParty,
    ProgressStatus,
    PublicReportState,
    ReportStatus,
    ReviewEventKind,
    ReviewFormat,
    ReviewScope,
    ReviewStatus,
)
from ..models import (
    ForumPart,
    Pledge,
    PledgeDocument,
    PledgeUpdate,
    RegionalReview,
    ReportDocument,
    ReportVersion,
    ReviewCycle,
    ReviewDocument,
    ReviewEvent,
    ReviewForum,
    StakeholderContribution,
    VoluntaryReport,
)
from ..snapshots import SECTION_FIELDS
from ..workflow import REPORT_WORKFLOW


class ReviewRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)


# ---------------------------------------------------------------------------
# The review process: cycles, Forums, regional reviews and their events
# ---------------------------------------------------------------------------


class SourceSerializer(serializers.Serializer):
    """One source of a record's facts, as stored (``sources``, a JSON list): a source may lack an address,
    a date or a note; the answer then says so with null or an empty note, always with every key."""

    title = serializers.CharField(read_only=True)
    url = serializers.URLField(read_only=True, allow_null=True)
    date = serializers.DateField(read_only=True, allow_null=True)
    note = serializers.CharField(read_only=True, allow_blank=True)

    def to_representation(self, source: dict) -> dict:
        return {
            "title": source.get("title", ""),
            "url": source.get("url") or None,
            "date": source.get("date") or None,
            "note": source.get("note", ""),
        }


def sources_field():
    return SourceSerializer(many=True, read_only=True, help_text="The public sources of the record's facts.")


class ReviewDocumentSerializer(serializers.ModelSerializer):
    kind = NamedChoiceField(DocumentKind.choices, enum_name="ReviewDocumentKindEnum", read_only=True)
    sources = sources_field()

    class Meta:
        model = ReviewDocument
        fields = ["kind", "title", "symbol", "url", "language", "published_on", "sources"]
        read_only_fields = fields


class ForumRefSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    url = ApiUrlField("api:review-forum-detail", lookup_field="code")


class CycleReviewSerializer(serializers.ModelSerializer):
    commission = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    status = NamedChoiceField(ReviewStatus.choices, enum_name="ReviewStatusEnum", read_only=True)

    class Meta:
        model = RegionalReview
        fields = ["id", "code", "commission", "title", "status", "submission_deadline"]
        read_only_fields = fields


class ReviewCycleSerializer(serializers.ModelSerializer):
    forum = serializers.SerializerMethodField()
    reviews = CycleReviewSerializer(many=True, read_only=True)
    documents = ReviewDocumentSerializer(
        many=True, read_only=True, help_text="Documents of the whole cycle, such as the Secretary-General's reports."
    )

    class Meta:
        model = ReviewCycle
        fields = ["code", "name", "start_year", "end_year", "description", "forum", "reviews", "documents"]
        read_only_fields = fields

    @extend_schema_field(ForumRefSerializer(allow_null=True))
    def get_forum(self, obj) -> dict | None:
        forum = getattr(obj, "forum", None)
        return ForumRefSerializer(forum, context=self.context).data if forum else None


class RoundTableSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True, help_text="As resolution 73/326 names it.")
    theme = serializers.CharField(read_only=True, help_text="As organisers have worded its subject (see sources).")
    objectives = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    sources = sources_field()

    class Meta:
        model = RoundTableCluster
        fields = ["code", "title", "theme", "objectives", "sources"]
        read_only_fields = fields


class ForumPartSerializer(serializers.ModelSerializer):
    kind = NamedChoiceField(ForumPartKind.choices, enum_name="ForumPartKindEnum", read_only=True)
    round_table = RoundTableSerializer(read_only=True, allow_null=True)
    documents = ReviewDocumentSerializer(many=True, read_only=True)
    recording_url = serializers.URLField(read_only=True, allow_blank=True)
    sources = sources_field()

    class Meta:
        model = ForumPart
        fields = [
            "kind",
            "title",
            "round_table",
            "theme",
            "start_date",
            "end_date",
            "chairs",
            "summary",
            "recording_url",
            "documents",
            "sources",
        ]
        read_only_fields = fields


class ForumOutcomeSerializer(serializers.Serializer):
    title = serializers.CharField(read_only=True, source="declaration_title")
    adopted_on = serializers.DateField(read_only=True, source="declaration_adopted_on", allow_null=True)
    ga_endorsed_on = serializers.DateField(
        read_only=True, allow_null=True, help_text="When the General Assembly endorsed it, where a source confirms it."
    )
    ga_resolution = serializers.CharField(
        read_only=True, help_text="The endorsing resolution's symbol, only where a public source confirms it."
    )
    documents = serializers.SerializerMethodField()

    @extend_schema_field(ReviewDocumentSerializer(many=True))
    def get_documents(self, forum) -> list:
        outcome = {DocumentKind.PROGRESS_DECLARATION, DocumentKind.RESOLUTION}
        documents = [d for d in forum.documents.all() if d.kind in outcome]
        return ReviewDocumentSerializer(documents, many=True, context=self.context).data


class ReviewForumSerializer(serializers.ModelSerializer):
    """An International Migration Review Forum: its parts, outcome and the cycle that fed it."""

    url = ApiUrlField("api:review-forum-detail", lookup_field="code")
    html_url = HtmlUrlField()
    cycle = serializers.SlugRelatedField(slug_field="code", read_only=True)
    parts = ForumPartSerializer(many=True, read_only=True)
    outcome = serializers.SerializerMethodField()
    documents = ReviewDocumentSerializer(many=True, read_only=True)
    secretary_general_reports = serializers.SerializerMethodField()
    reviews = serializers.SerializerMethodField()
    sources = sources_field()

    class Meta:
        model = ReviewForum
        fields = [
            "code",
            "url",
            "html_url",
            "name",
            "cycle",
            "year",
            "start_date",
            "end_date",
            "dates_confirmed",
            "dates_note",
            "venue",
            "chair",
            "co_facilitators",
            "summary",
            "parts",
            "outcome",
            "documents",
            "secretary_general_reports",
            "reviews",
            "sources",
        ]
        read_only_fields = fields

    @extend_schema_field(ForumOutcomeSerializer(allow_null=True))
    def get_outcome(self, forum) -> dict | None:
        if not forum.declaration_title:
            return None
        return ForumOutcomeSerializer(forum, context=self.context).data

    @extend_schema_field(ReviewDocumentSerializer(many=True))
    def get_secretary_general_reports(self, forum) -> list:
        reports = [d for d in forum.cycle.documents.all() if d.kind == DocumentKind.SG_REPORT]
        return ReviewDocumentSerializer(reports, many=True, context=self.context).data

    @extend_schema_field(CycleReviewSerializer(many=True))
    def get_reviews(self, forum) -> list:
        """The regional reviews of the cycle that fed this Forum."""
        return CycleReviewSerializer(forum.cycle.reviews.all(), many=True, context=self.context).data


class ReviewRefCodeSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    code = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)


class ReviewEventSerializer(serializers.ModelSerializer):
    """One event of a review process, with its own dates, format, venue and documents."""

    url = ApiUrlField("api:review-event-detail")
    html_url = HtmlUrlField()
    review = ReviewRefCodeSerializer(read_only=True)
    kind = NamedChoiceField(ReviewEventKind.choices, enum_name="ReviewEventKindEnum", read_only=True)
    format = NamedChoiceField(ReviewFormat.choices, enum_name="ReviewFormatEnum", read_only=True, allow_blank=True)
    documents = ReviewDocumentSerializer(many=True, read_only=True)
    recording_url = serializers.URLField(read_only=True, allow_blank=True)
    sources = sources_field()

    class Meta:
        model = ReviewEvent
        fields = [
            "id",
            "url",
            "html_url",
            "review",
            "kind",
            "title",
            "start_date",
            "end_date",
            "format",
            "venue",
            "organisers",
            "rapporteur",
            "rapporteur_summary",
            "summary",
            "recording_url",
            "documents",
            "sources",
        ]
        read_only_fields = fields


class RegionalReviewSerializer(serializers.ModelSerializer):
    cycle = serializers.SlugRelatedField(slug_field="code", read_only=True)
    commission = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    scope = NamedChoiceField(ReviewScope.choices, enum_name="ReviewScopeEnum", read_only=True)
    documents = ReviewDocumentSerializer(many=True, read_only=True)
    status = NamedChoiceField(ReviewStatus.choices, enum_name="ReviewStatusEnum", read_only=True)
    format = NamedChoiceField(ReviewFormat.choices, enum_name="ReviewFormatEnum", read_only=True, allow_blank=True)
    invited_count = serializers.IntegerField(read_only=True, help_text="How many States are invited to report.")
    url = ApiUrlField("api:regional-review-detail")
    html_url = HtmlUrlField()
    events_url = serializers.SerializerMethodField()
    sources = sources_field()

    class Meta:
        model = RegionalReview
        fields = [
            "id",
            "code",
            "url",
            "html_url",
            "cycle",
            "scope",
            "commission",
            "scope_label",
            "title",
            "status",
            "format",
            "venue",
            "start_date",
            "end_date",
            "dates_confirmed",
            "submission_deadline",
            "co_organisers",
            "summary",
            "invited_count",
            "documents",
            "events_url",
            "sources",
        ]
        read_only_fields = fields

    def get_events_url(self, obj) -> str:
        return absolute(self.context, f"{reverse('api:review-event-list')}?review={obj.pk}")


class InvitationSerializer(serializers.Serializer):
    """A State invited to report to the review, and on what basis."""

    country = CountryRefSerializer(read_only=True)
    basis = NamedChoiceField(InvitationBasis.choices, enum_name="InvitationBasisEnum", read_only=True)
    note = serializers.CharField(read_only=True)
    sources = sources_field()


class ParticipantSerializer(serializers.Serializer):
    """A State invited to report to the review and the public state of its report."""

    country = CountryRefSerializer(read_only=True)
    state = NamedChoiceField(PublicReportState.choices, enum_name="PublicReportStateEnum", read_only=True)
    report = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="The report's id, when you may see the report."
    )


class RegionalReviewDetailSerializer(RegionalReviewSerializer):
    events = ReviewEventSerializer(many=True, read_only=True)
    invited = InvitationSerializer(source="invitations", many=True, read_only=True)
    participants = serializers.SerializerMethodField()

    class Meta(RegionalReviewSerializer.Meta):
        fields = [*RegionalReviewSerializer.Meta.fields, "events", "invited", "participants"]
        read_only_fields = fields

    @extend_schema_field(ParticipantSerializer(many=True))
    def get_participants(self, obj) -> list[dict]:
        request = self.context.get("request")
        participants = selectors.review_participants(obj, getattr(request, "user", None))
        rows = [
            {
                "country": {"iso2": p.country.iso2, "name": p.country.name},
                "state": p.state,
                "report": p.report.pk if p.report else None,
            }
            for p in participants
        ]
        return ParticipantSerializer(rows, many=True, context=self.context).data


# ---------------------------------------------------------------------------
# Voluntary reports: reading
# ---------------------------------------------------------------------------


class ProgressReadSerializer(serializers.Serializer):
    objective = serializers.IntegerField(read_only=True, help_text="GCM objective number (1-23).")
    status = NamedChoiceField(ProgressStatus.choices, enum_name="ProgressStatusEnum", read_only=True)
    measures = serializers.CharField(read_only=True)
    challenges = serializers.CharField(read_only=True)
    support_needed = serializers.CharField(read_only=True)


class ReportDocumentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name", read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ReportDocument
        fields = ["id", "name", "language", "content_type", "size", "sha256", "uploaded_at", "download_url"]
        read_only_fields = fields

    def get_download_url(self, obj) -> str:
        return absolute(self.context, obj.get_absolute_url())


class PublishedVersionRefSerializer(serializers.Serializer):
    number = serializers.IntegerField(read_only=True)
    fingerprint = serializers.CharField(read_only=True, help_text="SHA-256 of the published snapshot.")
    created_at = serializers.DateTimeField(read_only=True)


class ReportCommentSerializer(serializers.Serializer):
    kind = serializers.CharField(read_only=True)
    body = serializers.CharField(read_only=True)
    author = serializers.CharField(read_only=True, allow_null=True)
    created_at = serializers.DateTimeField(read_only=True)


class VoluntaryReportSerializer(serializers.Serializer):
    """A report in lists. ``working_copy`` tells whether this is the live record (the country's focal
    points and staff) or the published version (everyone else)."""

    id = serializers.IntegerField(read_only=True)
    url = serializers.URLField(read_only=True)
    html_url = serializers.URLField(read_only=True)
    working_copy = serializers.BooleanField(read_only=True)
    country = CountryRefSerializer(read_only=True)
    review = ReviewRefSerializer(read_only=True, allow_null=True)
    title = serializers.CharField(read_only=True)
    languages = serializers.ListField(child=serializers.CharField(), read_only=True)
    status = NamedChoiceField(
        ReportStatus.choices,
        enum_name="ReportStatusEnum",
        read_only=True,
        help_text='Always "published" in the published version.',
    )
    version = serializers.IntegerField(read_only=True, help_text="The record's version (see the ETag).")
    objectives = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    received_by_email = serializers.BooleanField(read_only=True)
    fingerprint = serializers.CharField(
        read_only=True, allow_null=True, help_text="SHA-256 fingerprint of the published version."
    )
    published_at = serializers.DateTimeField(read_only=True, allow_null=True)
    updated_at = serializers.DateTimeField(read_only=True)

    with_detail = False

    def to_representation(self, instance):
        if isinstance(instance, VoluntaryReport):
            instance = report_source(instance, self.context, detail=self.with_detail)
        return super().to_representation(instance)


class VoluntaryReportDetailSerializer(VoluntaryReportSerializer):
    review_process = serializers.CharField(read_only=True)
    policy_framework = serializers.CharField(read_only=True)
    national_plan = serializers.CharField(read_only=True)
    means_of_implementation = serializers.CharField(read_only=True)
    next_steps = serializers.CharField(read_only=True)
    principles = serializers.ListField(child=serializers.CharField(), read_only=True)
    progress = ProgressReadSerializer(many=True, read_only=True)
    documents = ReportDocumentSerializer(many=True, read_only=True)
    public_version = PublishedVersionRefSerializer(read_only=True, allow_null=True)
    created_at = serializers.DateTimeField(read_only=True)
    submitted_at = serializers.DateTimeField(read_only=True, allow_null=True)
    actions = ActionSerializer(many=True, read_only=True)
    comments = ReportCommentSerializer(
        many=True, read_only=True, help_text="Staff comments (only for the country's focal points and staff)."
    )

    with_detail = True


def report_source(report: VoluntaryReport, context: dict, *, detail: bool) -> dict:
    """The report as the reader reads it (:func:`selectors.report_reading`), flattened for the API."""
    request = context.get("request")
    user = getattr(request, "user", None)
    reading = selectors.report_reading(report, user, detail=detail)
    snapshot = reading.snapshot
    published = reading.published
    data = {
        "id": report.pk,
        "url": absolute(context, reverse("api:voluntary-report-detail", kwargs={"pk": report.pk})),
        "html_url": absolute(context, report.get_absolute_url()),
        "working_copy": reading.working,
        "version": reading.version,
        "fingerprint": published.fingerprint if published else None,
        "published_at": report.published_at,
        "created_at": report.created_at,
        "country": snapshot["country"],
        "review": snapshot["review"],
        "title": snapshot["title"],
        "languages": snapshot["languages"],
        "status": reading.status,
        "objectives": snapshot["objectives"],
        "received_by_email": snapshot.get("received_by_email", False),
        "updated_at": reading.updated_at,
        "submitted_at": reading.submitted_at,
    }
    if detail:
        data.update({name: snapshot["sections"].get(name, "") for name in SECTION_FIELDS})
        data.update(
            principles=snapshot["principles"],
            progress=snapshot["progress"],
            documents=reading.documents,
            comments=[
                {
                    "kind": c.kind,
                    "body": c.body,
                    "author": str(c.author) if c.author else None,
                    "created_at": c.created_at,
                }
                for c in reading.comments
            ],
            public_version=(
                {"number": published.number, "fingerprint": published.fingerprint, "created_at": published.created_at}
                if published
                else None
            ),
            actions=workflow_actions_data(
                workflow=REPORT_WORKFLOW, obj=report, user=user, context=context, basename="voluntary-report"
            ),
        )
    return data


class ReportVersionSerializer(serializers.ModelSerializer):
    snapshot = serializers.JSONField(read_only=True, help_text="The report as it stood at this version.")

    class Meta:
        model = ReportVersion
        fields = ["number", "created_at", "note", "published", "fingerprint", "snapshot"]
        read_only_fields = fields


# ---------------------------------------------------------------------------
# Voluntary reports: writing
# ---------------------------------------------------------------------------

REPORT_REFUSED = {
    "id": _("The id is read-only."),
    "status": _(
        "The status cannot be written: it changes only through the workflow actions (submit, return, publish…)."
    ),
    "country": _("The country of a report cannot be changed."),
    "version": _("The version is read-only: send the version you edited in the If-Match header."),
    "public_version": _("The published version is read-only: it is set when staff publish the report."),
    "received_by_email": _(
        "This field is read-only: Network staff record a report received by e-mail by publishing it on the "
        "country's behalf."
    ),
    "fingerprint": _("The fingerprint is read-only: it is computed when a version is published."),
    "created_at": _("Timestamps are read-only."),
    "updated_at": _("Timestamps are read-only."),
    "submitted_at": _("Timestamps are read-only."),
    "published_at": _("Timestamps are read-only."),
    "created_by": _("The author is read-only."),
    "documents": _("Upload documents with POST to the report's documents/ endpoint."),
    "comments": _("Staff comments are added with the return action."),
    "actions": _("Actions are read-only: POST to the action's URL."),
}


class ProgressWriteSerializer(StrictInputMixin, serializers.Serializer):
    objective = serializers.SlugRelatedField(
        slug_field="number", queryset=Objective.objects.all(), help_text="GCM objective number (1-23)."
    )
    status = NamedChoiceField(ProgressStatus.choices, enum_name="ProgressStatusEnum")
    measures = serializers.CharField(required=False, allow_blank=True, default="")
    challenges = serializers.CharField(required=False, allow_blank=True, default="")
    support_needed = serializers.CharField(required=False, allow_blank=True, default="")


class VoluntaryReportCreateSerializer(StrictInputMixin, serializers.Serializer):
    """Start a draft: the country (ISO2 code, one you represent), the regional review, a title and
    the languages. Fill the sections afterwards with PATCH."""

    country = UpperSlugRelatedField(slug_field="iso2", queryset=Country.objects.all())
    review = serializers.PrimaryKeyRelatedField(
        queryset=RegionalReview.objects.select_related("commission"), required=False, allow_null=True
    )
    title = serializers.CharField(max_length=300)
    languages = serializers.ListField(child=language_field(), required=False, default=list)

    refused_messages = {
        **REPORT_REFUSED,
        **{
            name: _("Create the report first, then fill this field with PATCH (with If-Match).")
            for name in (*SECTION_FIELDS, "objectives", "principles", "progress")
        },
    }


class VoluntaryReportUpdateSerializer(StrictInputMixin, serializers.Serializer):
    """Edit a draft (PATCH: the fields you send; PUT: the whole editable report, missing fields
    emptied). ``progress`` replaces the sections per objective; its objectives are added to
    ``objectives``."""

    title = serializers.CharField(max_length=300)
    review = serializers.PrimaryKeyRelatedField(
        queryset=RegionalReview.objects.select_related("commission"), allow_null=True, required=False, default=None
    )
    languages = serializers.ListField(child=language_field(), required=False, default=list)
    review_process = serializers.CharField(required=False, allow_blank=True, default="")
    policy_framework = serializers.CharField(required=False, allow_blank=True, default="")
    national_plan = serializers.CharField(required=False, allow_blank=True, default="")
    means_of_implementation = serializers.CharField(required=False, allow_blank=True, default="")
    next_steps = serializers.CharField(required=False, allow_blank=True, default="")
    progress = ProgressWriteSerializer(many=True, required=False, default=list)
    objectives = serializers.SlugRelatedField(
        slug_field="number", queryset=Objective.objects.all(), many=True, required=False, default=list
    )
    principles = serializers.SlugRelatedField(
        slug_field="letter", queryset=GuidingPrinciple.objects.all(), many=True, required=False, default=list
    )

    refused_messages = REPORT_REFUSED

    def service_arguments(self) -> dict:
        """``validated_data`` split into the arguments of ``services.report_update``."""
        data = dict(self.validated_data)
        return {
            "progress": [dict(row) for row in data.pop("progress")] if "progress" in data else None,
            "objectives": data.pop("objectives", None),
            "principles": data.pop("principles", None),
            "data": data,
        }


# ---------------------------------------------------------------------------
# Pledges
# ---------------------------------------------------------------------------


class PledgeContactSerializer(serializers.Serializer):
    name = serializers.CharField(read_only=True, source="contact_name")
    email = serializers.EmailField(read_only=True, source="contact_email")


class PledgeSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True, help_text="The identifier a matching pledge cites.")
    party_type = NamedChoiceField(PledgingParty.choices, enum_name="PledgingPartyEnum", read_only=True)
    pledging_countries = serializers.SlugRelatedField(
        slug_field="iso2", many=True, read_only=True, help_text="For Member State pledges: the States making it."
    )
    countries = serializers.SlugRelatedField(
        slug_field="iso2", many=True, read_only=True, help_text="Where it is carried out."
    )
    objectives = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    kind = NamedChoiceField(PledgeKind.choices, enum_name="PledgeKindEnum", read_only=True)
    pledge_type = NamedChoiceField(PledgeType.choices, enum_name="PledgeTypeEnum", read_only=True)
    status = NamedChoiceField(PledgeStatus.choices, enum_name="PledgeStatusEnum", read_only=True)
    forum = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    review = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    matches = serializers.SerializerMethodField()
    made_by_champion = serializers.BooleanField(
        read_only=True, help_text="A pledging State was a GCM Champion country on the day of the pledge (computed)."
    )
    contact = serializers.SerializerMethodField()
    curation = NamedChoiceField(CurationState.choices, enum_name="CurationEnum", read_only=True)
    url = ApiUrlField("api:pledge-detail")
    html_url = HtmlUrlField()

    class Meta:
        model = Pledge
        fields = [
            "id",
            "reference",
            "url",
            "html_url",
            "party_type",
            "submitting_entity",
            "pledging_countries",
            "partners",
            "kind",
            "pledge_type",
            "title",
            "description",
            "objectives",
            "is_global",
            "countries",
            "region",
            "forum",
            "review",
            "matches",
            "pledged_on",
            "made_by_champion",
            "status",
            "contact",
            "curation",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True, help_text="The identifier of the pledge it matches."))
    def get_matches(self, pledge) -> str | None:
        return pledge.matches.reference if pledge.matches_id else None

    @extend_schema_field(PledgeContactSerializer(allow_null=True, help_text="For the pledge's owners and staff only."))
    def get_contact(self, pledge) -> dict | None:
        request = self.context.get("request")
        if not permissions.can_edit_pledge(getattr(request, "user", None), pledge):
            return None
        return PledgeContactSerializer(pledge).data


class PledgeUpdateSerializer(serializers.ModelSerializer):
    status = NamedChoiceField(PledgeStatus.choices, enum_name="PledgeStatusEnum", read_only=True)

    class Meta:
        model = PledgeUpdate
        fields = ["id", "status", "text", "reported_on"]
        read_only_fields = fields


class PledgeDocumentSerializer(ReportDocumentSerializer):
    class Meta(ReportDocumentSerializer.Meta):
        model = PledgeDocument


class PledgeDetailSerializer(PledgeSerializer):
    matched_by = serializers.SerializerMethodField()
    updates = PledgeUpdateSerializer(many=True, read_only=True, help_text="Follow-up reports, newest first.")

    class Meta(PledgeSerializer.Meta):
        fields = [*PledgeSerializer.Meta.fields, "matched_by", "updates"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField(), help_text="Pledges that match this one."))
    def get_matched_by(self, pledge) -> list[str]:
        return [p.reference for p in pledge.matching]


PLEDGE_REFUSED = {
    "id": _("The id is read-only."),
    "reference": _("The identifier is given when the pledge is recorded."),
    "curation": _("Curation is decided by Network staff."),
    "version": _("The version is read-only: send the version you edited in the If-Match header."),
    "created_at": _("Timestamps are read-only."),
    "updated_at": _("Timestamps are read-only."),
    "created_by": _("The author is read-only."),
    "matched_by": _("Other pledges cite this one; it cannot be set here."),
    "updates": _("Report progress with the progress endpoint."),
    "contact": _("Give contact_name and contact_email."),
    "made_by_champion": _("Computed from champion membership on the day of the pledge."),
}


class PledgeWriteSerializer(StrictInputMixin, serializers.Serializer):
    """A pledge as the pledging initiative takes it. Member State pledges (``party_type`` member_state,
    naming ``pledging_countries``) come from those States' focal points or staff; any member may pledge
    for a stakeholder organisation. Give ``countries`` or ``region`` where it is carried out, or
    ``is_global``; one to three ``objectives``; a description of 300 to 3,000 characters; a contact; and
    ``matches`` to cite another pledge's identifier. New pledges wait for curation by Network staff."""

    party_type = NamedChoiceField(PledgingParty.choices, enum_name="PledgingPartyEnum")
    submitting_entity = serializers.CharField(max_length=200)
    pledging_countries = serializers.SlugRelatedField(
        slug_field="iso2", queryset=Country.objects.all(), many=True, required=False, default=list
    )
    partners = serializers.CharField(required=False, allow_blank=True, default="")
    kind = NamedChoiceField(
        PledgeKind.choices, enum_name="PledgeKindEnum", required=False, default=PledgeKind.INDIVIDUAL
    )
    pledge_type = NamedChoiceField(PledgeType.choices, enum_name="PledgeTypeEnum")
    title = serializers.CharField(max_length=300)
    description = serializers.CharField(min_length=300, max_length=3000)
    objectives = serializers.SlugRelatedField(slug_field="number", queryset=Objective.objects.all(), many=True)
    is_global = serializers.BooleanField(required=False, default=False)
    countries = serializers.SlugRelatedField(
        slug_field="iso2", queryset=Country.objects.all(), many=True, required=False, default=list
    )
    region = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    forum = serializers.SlugRelatedField(
        slug_field="code", queryset=ReviewForum.objects.all(), required=False, allow_null=True, default=None
    )
    review = serializers.PrimaryKeyRelatedField(
        queryset=RegionalReview.objects.all(), required=False, allow_null=True, default=None
    )
    matches = serializers.CharField(
        max_length=20, required=False, allow_blank=True, default="", help_text="Identifier of the pledge it matches."
    )
    pledged_on = serializers.DateField(required=False)
    contact_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    contact_email = serializers.EmailField(required=False, allow_blank=True, default="")
    status = NamedChoiceField(
        PledgeStatus.choices, enum_name="PledgeStatusEnum", required=False, default=PledgeStatus.ANNOUNCED
    )

    refused_messages = PLEDGE_REFUSED

    def service_arguments(self) -> dict:
        data = dict(self.validated_data)
        relations = {name: data.pop(name, None) for name in ("pledging_countries", "countries", "objectives")}
        matches = data.pop("matches", None)
        arguments = {name: list(value) if value is not None else None for name, value in relations.items()}
        arguments = {name: value for name, value in arguments.items() if value is not None}
        if matches is not None:
            arguments["matches_reference"] = matches
        return {"data": data, **arguments}


class PledgeProgressSerializer(StrictInputMixin, serializers.Serializer):
    """A follow-up report by the pledge's owners, public at once with the published pledge."""

    status = NamedChoiceField(PledgeStatus.choices, enum_name="PledgeStatusEnum")
    text = serializers.CharField(max_length=5000)
    reported_on = serializers.DateField(required=False, allow_null=True, default=None)


# ---------------------------------------------------------------------------
# Stakeholder contributions
# ---------------------------------------------------------------------------


class StakeholderContributionSerializer(serializers.ModelSerializer):
    forum = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    review = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    report = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    country = serializers.SerializerMethodField()
    objectives = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    curation = NamedChoiceField(CurationState.choices, enum_name="CurationEnum", read_only=True)

    class Meta:
        model = StakeholderContribution
        fields = [
            "id",
            "forum",
            "review",
            "report",
            "country",
            "organisation",
            "title",
            "body",
            "language",
            "objectives",
            "curation",
            "created_at",
        ]
        read_only_fields = fields

    def get_country(self, obj) -> str | None:
        """ISO2 code of the report's country, for contributions about a report."""
        return obj.report.country.iso2 if obj.report_id else None


class StakeholderContributionCreateSerializer(StrictInputMixin, serializers.Serializer):
    """A contribution to a Forum (``forum``), a regional review (``review``) or about a published report
    (``report``): give exactly one. It waits for curation by Network staff before it is public."""

    forum = serializers.SlugRelatedField(
        slug_field="code", queryset=ReviewForum.objects.all(), required=False, allow_null=True
    )
    review = serializers.PrimaryKeyRelatedField(queryset=RegionalReview.objects.all(), required=False, allow_null=True)
    report = serializers.PrimaryKeyRelatedField(
        queryset=VoluntaryReport.objects.none(), required=False, allow_null=True, help_text="A published report."
    )
    organisation = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    title = serializers.CharField(max_length=300)
    body = serializers.CharField()
    language = language_field(required=False, default="en")
    objectives = serializers.SlugRelatedField(
        slug_field="number", queryset=Objective.objects.all(), many=True, required=False, default=list
    )

    refused_messages = {
        "id": _("The id is read-only."),
        "curation": _("Curation is decided by Network staff."),
        "created_by": _("The author is you."),
        "created_at": _("Timestamps are read-only."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        self.fields["report"].queryset = selectors.public_report_list(getattr(request, "user", None))

    def validate(self, attrs):
        if sum(bool(attrs.get(name)) for name in ("forum", "review", "report")) != 1:
            raise serializers.ValidationError(
                _("Give one of a Forum (forum), a regional review (review) or a published report (report).")
            )
        return attrs
