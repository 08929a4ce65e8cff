"""Voluntary GCM reports: the working record, its sections per objective, documents, versions and comments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gcm_portal import permissions
from gcm_portal.core.files import PrivateFile

from ..choices import CommentKind, ProgressStatus, ReportStatus
from .process import RegionalReview

__all__ = ["ObjectiveProgress", "ReportComment", "ReportDocument", "ReportVersion", "VoluntaryReport"]


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
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["country", "review"]),
            # the public list's order (newest published first), over published reports only: whole, the
            # index began with every unpublished report (no date sorts first) and the list read past them
            models.Index(
                fields=["-published_at", "-id"],
                name="report_published_order",
                condition=Q(public_version__isnull=False),
            ),
        ]
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
