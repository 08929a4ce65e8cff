"""Review cycles, regional reviews, voluntary GCM reports, pledges and stakeholder contributions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gcm_portal import permissions
from gcm_portal.core.curation import CuratedModel
from gcm_portal.core.files import PrivateFile

from .choices import (
    CommentKind,
    DocumentKind,
    PledgeKind,
    PledgeStatus,
    ProgressStatus,
    ReportStatus,
    ReviewFormat,
    ReviewStatus,
)

__all__ = [
    "ObjectiveProgress",
    "Pledge",
    "RegionalReview",
    "ReportComment",
    "ReportDocument",
    "ReportVersion",
    "ReviewCycle",
    "ReviewDocument",
    "StakeholderContribution",
    "VoluntaryReport",
]


# ---------------------------------------------------------------------------
# Review cycles and regional reviews (reference data, public)
# ---------------------------------------------------------------------------


class ReviewCycle(models.Model):
    code = models.SlugField(_("code"), max_length=20, unique=True, help_text=_("e.g. 2024-2025"))
    name = models.CharField(_("name"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    imrf_name = models.CharField(_("review forum"), max_length=200, blank=True)
    imrf_start = models.DateField(_("forum opens"), null=True, blank=True)
    imrf_end = models.DateField(_("forum closes"), null=True, blank=True)
    imrf_venue = models.CharField(_("forum venue"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["-start_year"]
        verbose_name = _("review cycle")
        verbose_name_plural = _("review cycles")

    def __str__(self) -> str:
        return self.name


class RegionalReview(models.Model):
    cycle = models.ForeignKey(ReviewCycle, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("cycle"))
    commission = models.ForeignKey(
        "taxonomy.RegionalCommission",
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name=_("regional commission"),
    )
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(_("status"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.PLANNED)
    format = models.CharField(_("format"), max_length=20, choices=ReviewFormat.choices, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    start_date = models.DateField(_("starts"), null=True, blank=True)
    end_date = models.DateField(_("ends"), null=True, blank=True)
    submission_deadline = models.DateField(_("deadline for voluntary reports"), null=True, blank=True)
    consultation_dates = models.CharField(_("stakeholder consultations"), max_length=300, blank=True)
    co_organisers = models.CharField(_("co-organisers"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["-cycle__start_year", "commission__code"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "commission"], name="one_review_per_cycle_and_commission")
        ]
        verbose_name = _("regional review")
        verbose_name_plural = _("regional reviews")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reviews:review-detail", args=[self.pk])


class ReviewDocument(models.Model):
    """An outcome or preparatory document of a review, published where the organisers host it."""

    review = models.ForeignKey(RegionalReview, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), max_length=500)
    language = models.CharField(_("language"), max_length=10, default="en")
    published_on = models.DateField(_("published on"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("review document")
        verbose_name_plural = _("review documents")

    def __str__(self) -> str:
        return self.title


# ---------------------------------------------------------------------------
# Voluntary reports
# ---------------------------------------------------------------------------


class VoluntaryReportQuerySet(models.QuerySet):
    def visible_to(self, user) -> VoluntaryReportQuerySet:
        """Staff see every report; focal points their countries' reports and everything published; others
        only what has a published version."""
        if permissions.is_network_staff(user):
            return self
        public = Q(public_version__isnull=False)
        countries = permissions.country_ids_represented(user)
        if countries:
            return self.filter(public | Q(country_id__in=countries))
        return self.filter(public)


class VoluntaryReport(models.Model):
    country = models.ForeignKey(
        "taxonomy.Country", on_delete=models.PROTECT, related_name="voluntary_reports", verbose_name=_("country")
    )
    review = models.ForeignKey(
        RegionalReview,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("regional review"),
        help_text=_("Leave empty for a report outside a regional review."),
    )
    title = models.CharField(_("title"), max_length=300)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    version = models.PositiveIntegerField(default=1, editable=False)

    review_process = models.TextField(_("review process and who was consulted"), blank=True)
    policy_framework = models.TextField(_("policy and institutional framework"), blank=True)
    national_plan = models.TextField(_("national implementation plan"), blank=True)
    means_of_implementation = models.TextField(_("means of implementation"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)

    objectives = models.ManyToManyField(
        "taxonomy.Objective", blank=True, related_name="voluntary_reports", verbose_name=_("objectives")
    )
    principles = models.ManyToManyField(
        "taxonomy.GuidingPrinciple", blank=True, related_name="voluntary_reports", verbose_name=_("guiding principles")
    )

    received_by_email = models.BooleanField(
        _("received by e-mail"),
        default=False,
        help_text=_("Published by Network staff on the country's behalf from a report sent by e-mail."),
    )
    public_version = models.ForeignKey(
        "ReportVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("published version"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = VoluntaryReportQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["status"]), models.Index(fields=["country", "review"])]
        verbose_name = _("voluntary report")
        verbose_name_plural = _("voluntary reports")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reviews:report-detail", args=[self.pk])


class ObjectiveProgress(models.Model):
    report = models.ForeignKey(VoluntaryReport, on_delete=models.CASCADE, related_name="progress")
    objective = models.ForeignKey(
        "taxonomy.Objective", on_delete=models.PROTECT, related_name="+", verbose_name=_("objective")
    )
    status = models.CharField(_("status"), max_length=20, choices=ProgressStatus.choices)
    measures = models.TextField(_("measures taken"), blank=True)
    challenges = models.TextField(_("challenges"), blank=True)
    support_needed = models.TextField(_("support needed"), blank=True)

    class Meta:
        ordering = ["objective__number"]
        constraints = [models.UniqueConstraint(fields=["report", "objective"], name="one_section_per_objective")]
        verbose_name = _("progress on an objective")
        verbose_name_plural = _("progress per objective")

    def __str__(self) -> str:
        return f"{self.report}: {self.objective}"


class ReportDocument(PrivateFile):
    report = models.ForeignKey(VoluntaryReport, on_delete=models.CASCADE, related_name="documents")
    language = models.CharField(_("language"), max_length=10)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("report document")
        verbose_name_plural = _("report documents")

    def get_absolute_url(self) -> str:
        return reverse("reviews:document-download", args=[self.report_id, self.pk])


class ReportVersion(models.Model):
    """A snapshot of the report as it stood; published snapshots carry a SHA-256 fingerprint."""

    report = models.ForeignKey(VoluntaryReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField()
    fingerprint = models.CharField(_("SHA-256 fingerprint"), max_length=64)
    # Copies of the snapshot's filterable parts, so public filters read the published text, not a draft.
    title = models.CharField(_("title"), max_length=300, blank=True)
    review = models.ForeignKey(RegionalReview, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    languages = models.JSONField(default=list, blank=True)
    objectives = models.ManyToManyField("taxonomy.Objective", blank=True, related_name="+")
    published = models.BooleanField(_("published"), default=False)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="unique_report_version_number")]
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"


class ReportComment(models.Model):
    """Staff comments to the country's focal points (never public)."""

    report = models.ForeignKey(VoluntaryReport, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=10, choices=CommentKind.choices, default=CommentKind.NOTE)
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("report comment")
        verbose_name_plural = _("report comments")

    def __str__(self) -> str:
        return self.body[:60]


# ---------------------------------------------------------------------------
# Pledges and stakeholder contributions
# ---------------------------------------------------------------------------


class Pledge(CuratedModel):
    """A pledge, with the fields of the Migration Network Hub's pledge form. The focal points of its
    countries own it with its author."""

    curation_country_field = "countries"

    submitting_entity = models.CharField(_("submitting entity"), max_length=200)
    entity_type = models.CharField(_("pledging entity type"), max_length=100, default="State")
    is_champion = models.BooleanField(_("submitted by a GCM Champion country"), default=False)
    countries = models.ManyToManyField(
        "taxonomy.Country", blank=True, related_name="pledges", verbose_name=_("countries of implementation")
    )
    region = models.CharField(_("region or scope"), max_length=200, blank=True, help_text=_('e.g. "Global"'))
    title = models.CharField(_("pledge name"), max_length=300)
    kind = models.CharField(_("type"), max_length=20, choices=PledgeKind.choices, default=PledgeKind.INDIVIDUAL)
    objectives = models.ManyToManyField(
        "taxonomy.Objective", related_name="pledges", verbose_name=_("main objectives (up to three)")
    )
    description = models.TextField(_("description"))
    status = models.CharField(_("status"), max_length=20, choices=PledgeStatus.choices, default=PledgeStatus.ANNOUNCED)
    review = models.ForeignKey(
        RegionalReview,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pledges",
        verbose_name=_("announced at"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reviews:pledge-detail", args=[self.pk])


class StakeholderContribution(CuratedModel):
    """A stakeholder's written contribution to a regional review or about a country's report."""

    review = models.ForeignKey(
        RegionalReview,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("regional review"),
    )
    report = models.ForeignKey(
        VoluntaryReport,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("voluntary report"),
    )
    organisation = models.CharField(_("on behalf of"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("contribution"))
    language = models.CharField(_("language"), max_length=10, default="en")
    objectives = models.ManyToManyField(
        "taxonomy.Objective", blank=True, related_name="+", verbose_name=_("objectives")
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="contribution_has_one_target",
                condition=Q(review__isnull=False, report__isnull=True) | Q(review__isnull=True, report__isnull=False),
            )
        ]
        verbose_name = _("stakeholder contribution")
        verbose_name_plural = _("stakeholder contributions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return (self.report or self.review).get_absolute_url() + "#contributions"


class ReviewReminder(models.Model):
    """Which deadline reminder went out for which review, so the daily job never sends one twice."""

    review = models.ForeignKey(RegionalReview, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "kind"], name="one_reminder_per_kind")]

    def __str__(self) -> str:
        return f"{self.review} {self.kind}"
