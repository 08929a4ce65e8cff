"""Serializers of the reviews API.

Every field is listed explicitly. Read serializers take a plain dict built by the view layer
(``report_representation``): for readers who may not see the working copy, that dict comes from the
published snapshot, never from the live draft, so a report under correction shows the public the text
that was published. Write serializers reject read-only and unknown fields with a 400 that names them,
instead of silently ignoring them.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from gcm_portal.taxonomy.models import Country, GuidingPrinciple, Objective

from .. import permissions, selectors, services
from ..choices import (
    LANGUAGE_CHOICES,
    Curation,
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

# ---------------------------------------------------------------------------
# Shared pieces
# ---------------------------------------------------------------------------


def _absolute(context: dict, path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class StrictInputMixin:
    """Refuse fields the client may not write, naming each one, instead of dropping them silently.

    ``refused_messages`` explains why a known field cannot be written (e.g. ``status``: use the workflow
    actions); any other field that is not writable here is reported as unknown."""

    refused_messages: Mapping[str, str] = {}

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            errors = {}
            for key in data:
                if key in writable:
                    continue
                message = self.refused_messages.get(key)
                errors[key] = [str(message) if message else str(_("Unknown field: it cannot be written here."))]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


class CountryRefSerializer(serializers.Serializer):
    iso2 = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class ReviewRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)


class NamedChoiceField(serializers.ChoiceField):
    """A choice field documented as one named enum component, so that choice sets sharing a field name
    (``status``, ``kind``...) across the API never collide in the schema."""

    def __init__(self, choices, *, enum_name: str, **kwargs):
        self.enum_name = enum_name
        super().__init__(choices, **kwargs)


class NamedChoiceFieldExtension(OpenApiSerializerFieldExtension):
    target_class = NamedChoiceField

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        values = [str(value) for value in field.choices]
        schema = {
            "type": "string",
            "enum": ([""] if field.allow_blank else []) + values,
            "description": "\n".join(f"* `{value}` - {label}" for value, label in field.choices.items()),
        }
        component = ResolvedComponent(
            name=field.enum_name, type=ResolvedComponent.SCHEMA, object=field.enum_name, schema=schema
        )
        auto_schema.registry.register_on_missing(component)
        return component.ref


def language_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(LANGUAGE_CHOICES, enum_name="ContentLanguageEnum", **kwargs)


class UpperSlugRelatedField(serializers.SlugRelatedField):
    """ISO codes are accepted in either case."""

    def to_internal_value(self, data):
        return super().to_internal_value(data.upper() if isinstance(data, str) else data)


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
    url = serializers.SerializerMethodField()
    html_url = serializers.SerializerMethodField()

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

    def get_url(self, obj) -> str:
        return _absolute(self.context, reverse("api:regional-review-detail", kwargs={"pk": obj.pk}))

    def get_html_url(self, obj) -> str:
        return _absolute(self.context, obj.get_absolute_url())


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

SECTION_FIELDS = services.REPORT_FIELDS[1:]


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
        return _absolute(self.context, reverse("reviews:document-download", args=[obj.report_id, obj.pk]))


class PublishedVersionRefSerializer(serializers.Serializer):
    number = serializers.IntegerField(read_only=True)
    fingerprint = serializers.CharField(read_only=True, help_text="SHA-256 of the published snapshot.")
    created_at = serializers.DateTimeField(read_only=True)


class ReportActionSerializer(serializers.Serializer):
    """A workflow action the reader may take now (from the workflow table)."""

    name = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)
    enabled = serializers.BooleanField(read_only=True)
    reason = serializers.CharField(read_only=True, allow_null=True, help_text="Why it is disabled, if it is.")
    needs_comment = serializers.BooleanField(read_only=True)
    url = serializers.URLField(read_only=True)


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
    actions = ReportActionSerializer(many=True, read_only=True)
    comments = ReportCommentSerializer(
        many=True, read_only=True, help_text="Staff comments (only for the country's focal points and staff)."
    )

    with_detail = True


def report_source(report: VoluntaryReport, context: dict, *, detail: bool) -> dict:
    """The data a reader may see of ``report``: the live record for working-copy readers, otherwise the
    published snapshot (and the documents it lists)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    working = permissions.can_see_working_copy(user, report)
    published = report.public_version
    base = {
        "id": report.pk,
        "url": _absolute(context, reverse("api:voluntary-report-detail", kwargs={"pk": report.pk})),
        "html_url": _absolute(context, report.get_absolute_url()),
        "working_copy": working,
        # Readers of the published version see its number, not the working copy's edit counter.
        "version": report.version if working else published.number,
        "fingerprint": published.fingerprint if published else None,
        "published_at": report.published_at,
        "created_at": report.created_at,
    }
    if working:
        data = {
            **base,
            "country": {"iso2": report.country.iso2, "name": report.country.name},
            "review": {"id": report.review_id, "title": report.review.title} if report.review_id else None,
            "title": report.title,
            "languages": list(report.languages or []),
            "status": report.status,
            "objectives": sorted(o.number for o in report.objectives.all()),
            "received_by_email": report.received_by_email,
            "updated_at": report.updated_at,
            "submitted_at": report.submitted_at,
        }
        if detail:
            data.update({name: getattr(report, name) for name in SECTION_FIELDS})
            data.update(
                principles=sorted(p.letter for p in report.principles.all()),
                progress=[
                    {
                        "objective": p.objective.number,
                        **{f: getattr(p, f) for f in services.PROGRESS_FIELDS},
                    }
                    for p in sorted(report.progress.all(), key=lambda p: p.objective.number)
                ],
                documents=list(report.documents.all()),
                comments=[
                    {
                        "kind": c.kind,
                        "body": c.body,
                        "author": str(c.author) if c.author else None,
                        "created_at": c.created_at,
                    }
                    for c in selectors.comments_for(report)
                ],
            )
    else:
        snapshot = published.snapshot
        data = {
            **base,
            "country": snapshot["country"],
            "review": snapshot["review"],
            "title": snapshot["title"],
            "languages": snapshot["languages"],
            "status": "published",
            "objectives": snapshot["objectives"],
            "received_by_email": snapshot.get("received_by_email", False),
            "updated_at": published.created_at,
            "submitted_at": None,
        }
        if detail:
            data.update({name: snapshot["sections"].get(name, "") for name in SECTION_FIELDS})
            data.update(
                principles=snapshot["principles"],
                progress=snapshot["progress"],
                documents=selectors.documents_visible_to(user, report),
                comments=[],
            )
    if detail:
        data["public_version"] = (
            {"number": published.number, "fingerprint": published.fingerprint, "created_at": published.created_at}
            if published
            else None
        )
        data["actions"] = [
            {
                "name": available.action,
                "label": str(available.transition.label),
                "enabled": available.enabled,
                "reason": available.reason,
                "needs_comment": available.transition.needs_comment,
                "url": _absolute(
                    context,
                    reverse(f"api:voluntary-report-{available.action.replace('_', '-')}", kwargs={"pk": report.pk}),
                ),
            }
            for available in services.REPORT_WORKFLOW.actions_for(report, user)
        ]
    return data


def visible_documents(report: VoluntaryReport, user) -> list[ReportDocument]:
    return selectors.documents_visible_to(user, report)


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


class TransitionRequestSerializer(StrictInputMixin, serializers.Serializer):
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Required for actions that need an explanation (return, unpublish).",
    )


class DocumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="PDF, DOCX or ODT, up to the upload limit (25 MB by default).")
    language = language_field()


# ---------------------------------------------------------------------------
# Pledges
# ---------------------------------------------------------------------------


class PledgeSerializer(serializers.ModelSerializer):
    countries = serializers.SlugRelatedField(slug_field="iso2", many=True, read_only=True)
    objectives = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    review = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    kind = NamedChoiceField(PledgeKind.choices, enum_name="PledgeKindEnum", read_only=True)
    status = NamedChoiceField(PledgeStatus.choices, enum_name="PledgeStatusEnum", read_only=True)
    curation = NamedChoiceField(Curation.choices, enum_name="CurationEnum", read_only=True)
    url = serializers.SerializerMethodField()
    html_url = serializers.SerializerMethodField()

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

    def get_url(self, obj) -> str:
        return _absolute(self.context, reverse("api:pledge-detail", kwargs={"pk": obj.pk}))

    def get_html_url(self, obj) -> str:
        return _absolute(self.context, obj.get_absolute_url())


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
    curation = NamedChoiceField(Curation.choices, enum_name="CurationEnum", read_only=True)

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
        "author": _("The author is you."),
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


# ---------------------------------------------------------------------------
# Conflict answers (412 Precondition Failed)
# ---------------------------------------------------------------------------


class ReportPreconditionFailedSerializer(serializers.Serializer):
    detail = serializers.CharField(read_only=True)
    current = VoluntaryReportDetailSerializer(read_only=True, help_text="The report as it is now.")


class PledgePreconditionFailedSerializer(serializers.Serializer):
    detail = serializers.CharField(read_only=True)
    current = PledgeSerializer(read_only=True, help_text="The pledge as it is now.")
