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
from gcm_portal.taxonomy.models import Country, GuidingPrinciple, Objective

from .. import selectors
from ..choices import (
    DocumentKind,
    PledgeKind,
    PledgeStatus,
    ProgressStatus,
    PublicReportState,
    ReportStatus,
    ReviewFormat,
    ReviewStatus,
)
from ..models import (
    Pledge,
    RegionalReview,
    ReportDocument,
    ReportVersion,
    ReviewCycle,
    ReviewDocument,
    StakeholderContribution,
    VoluntaryReport,
)
from ..snapshots import SECTION_FIELDS
from ..workflow import REPORT_WORKFLOW


class ReviewRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)


# ---------------------------------------------------------------------------
# Review cycles and regional reviews
# ---------------------------------------------------------------------------


class CycleReviewSerializer(serializers.ModelSerializer):
    commission = serializers.SlugRelatedField(slug_field="code", read_only=True)
    status = NamedChoiceField(ReviewStatus.choices, enum_name="ReviewStatusEnum", read_only=True)

    class Meta:
        model = RegionalReview
        fields = ["id", "commission", "title", "status", "submission_deadline"]
        read_only_fields = fields


class ReviewCycleSerializer(serializers.ModelSerializer):
    reviews = CycleReviewSerializer(many=True, read_only=True)

    class Meta:
        model = ReviewCycle
        fields = [
            "code",
            "name",
            "start_year",
            "end_year",
            "imrf_name",
            "imrf_start",
            "imrf_end",
            "imrf_venue",
            "description",
            "reviews",
        ]
        read_only_fields = fields


class ReviewDocumentSerializer(serializers.ModelSerializer):
    kind = NamedChoiceField(DocumentKind.choices, enum_name="ReviewDocumentKindEnum", read_only=True)

    class Meta:
        model = ReviewDocument
        fields = ["kind", "title", "url", "language", "published_on"]
        read_only_fields = fields


class RegionalReviewSerializer(serializers.ModelSerializer):
    cycle = serializers.SlugRelatedField(slug_field="code", read_only=True)
    commission = serializers.SlugRelatedField(slug_field="code", read_only=True)
    documents = ReviewDocumentSerializer(many=True, read_only=True)
    status = NamedChoiceField(ReviewStatus.choices, enum_name="ReviewStatusEnum", read_only=True)
    format = NamedChoiceField(ReviewFormat.choices, enum_name="ReviewFormatEnum", read_only=True, allow_blank=True)
    url = ApiUrlField("api:regional-review-detail")
    html_url = HtmlUrlField()

    class Meta:
        model = RegionalReview
        fields = [
            "id",
            "url",
            "html_url",
            "cycle",
            "commission",
            "title",
            "status",
            "format",
            "venue",
            "start_date",
            "end_date",
            "submission_deadline",
            "consultation_dates",
            "co_organisers",
            "summary",
            "documents",
        ]
        read_only_fields = fields


class ParticipantSerializer(serializers.Serializer):
    """A member State of the review's commission and the public state of its report."""

    country = CountryRefSerializer(read_only=True)
    state = NamedChoiceField(PublicReportState.choices, enum_name="PublicReportStateEnum", read_only=True)
    report = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="The report's id, when you may see the report."
    )


class RegionalReviewDetailSerializer(RegionalReviewSerializer):
    participants = serializers.SerializerMethodField()

    class Meta(RegionalReviewSerializer.Meta):
        fields = [*RegionalReviewSerializer.Meta.fields, "participants"]
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


class PledgeSerializer(serializers.ModelSerializer):
    countries = serializers.SlugRelatedField(slug_field="iso2", many=True, read_only=True)
    objectives = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    review = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    kind = NamedChoiceField(PledgeKind.choices, enum_name="PledgeKindEnum", read_only=True)
    status = NamedChoiceField(PledgeStatus.choices, enum_name="PledgeStatusEnum", read_only=True)
    curation = NamedChoiceField(CurationState.choices, enum_name="CurationEnum", read_only=True)
    url = ApiUrlField("api:pledge-detail")
    html_url = HtmlUrlField()

    class Meta:
        model = Pledge
        fields = [
            "id",
            "url",
            "html_url",
            "submitting_entity",
            "entity_type",
            "is_champion",
            "countries",
            "region",
            "title",
            "kind",
            "objectives",
            "description",
            "status",
            "review",
            "curation",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


PLEDGE_REFUSED = {
    "id": _("The id is read-only."),
    "curation": _("Curation is decided by Network staff."),
    "version": _("The version is read-only: send the version you edited in the If-Match header."),
    "created_at": _("Timestamps are read-only."),
    "updated_at": _("Timestamps are read-only."),
    "created_by": _("The author is read-only."),
}


class PledgeWriteSerializer(StrictInputMixin, serializers.Serializer):
    """A pledge with the fields of the pledge form: one to three main objectives; focal points pledge for
    the countries they represent. New pledges wait for curation by Network staff."""

    submitting_entity = serializers.CharField(max_length=200)
    entity_type = serializers.CharField(max_length=100, required=False, default="State")
    is_champion = serializers.BooleanField(required=False, default=False)
    countries = serializers.SlugRelatedField(
        slug_field="iso2", queryset=Country.objects.all(), many=True, required=False, default=list
    )
    region = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    title = serializers.CharField(max_length=300)
    kind = NamedChoiceField(
        PledgeKind.choices, enum_name="PledgeKindEnum", required=False, default=PledgeKind.INDIVIDUAL
    )
    objectives = serializers.SlugRelatedField(slug_field="number", queryset=Objective.objects.all(), many=True)
    description = serializers.CharField()
    status = NamedChoiceField(
        PledgeStatus.choices, enum_name="PledgeStatusEnum", required=False, default=PledgeStatus.ANNOUNCED
    )
    review = serializers.PrimaryKeyRelatedField(
        queryset=RegionalReview.objects.all(), required=False, allow_null=True, default=None
    )

    refused_messages = PLEDGE_REFUSED

    def service_arguments(self) -> dict:
        data = dict(self.validated_data)
        countries = data.pop("countries", None)
        objectives = data.pop("objectives", None)
        return {
            "data": data,
            "countries": list(countries) if countries is not None else None,
            "objectives": list(objectives) if objectives is not None else None,
        }


# ---------------------------------------------------------------------------
# Stakeholder contributions
# ---------------------------------------------------------------------------


class StakeholderContributionSerializer(serializers.ModelSerializer):
    review = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    report = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    country = serializers.SerializerMethodField()
    objectives = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    curation = NamedChoiceField(CurationState.choices, enum_name="CurationEnum", read_only=True)

    class Meta:
        model = StakeholderContribution
        fields = [
            "id",
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
    """A contribution to a regional review (``review``) or about a published report (``report``): give
    exactly one. It waits for curation by Network staff before it is public."""

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
        if bool(attrs.get("review")) == bool(attrs.get("report")):
            raise serializers.ValidationError(
                _("Give either a regional review (review) or a published report (report), not both.")
            )
        return attrs
