"""Joint programmes, their participating organisations and budget shares, extensions, documents and
the yearly reports entity focal points submit."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gcm_portal import permissions as roles
from gcm_portal.core.files import PrivateFile

from ..choices import Marker, ProgrammeStatus, ReportKind, ReportStatus
from .base import MONEY, Sourced


class JointProgramme(Sourced):
    """A joint programme the Steering Committee funded; public from the moment it exists."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=400)
    concept_note = models.OneToOneField(
        "mptf.ConceptNote",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programme",
        verbose_name=_("concept note"),
    )
    summary = models.TextField(_("purpose"), blank=True)
    countries = models.ManyToManyField("taxonomy.Country", blank=True, related_name="+", verbose_name=_("countries"))
    region = models.ForeignKey(
        "taxonomy.M49Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("region"),
    )
    national_partners = models.TextField(_("national partners"), blank=True)
    stakeholders = models.TextField(_("stakeholders"), blank=True)
    thematic_area = models.ForeignKey(
        "taxonomy.MptfThematicArea",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("thematic area"),
    )
    window = models.ForeignKey(
        "mptf.FundingWindow",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programmes",
        verbose_name=_("funding window"),
    )
    objectives = models.ManyToManyField(
        "taxonomy.Objective", blank=True, related_name="+", verbose_name=_("objectives")
    )
    principles = models.ManyToManyField(
        "taxonomy.GuidingPrinciple", blank=True, related_name="+", verbose_name=_("guiding principles")
    )
    sdg_targets = models.ManyToManyField(
        "taxonomy.SdgTarget", blank=True, related_name="+", verbose_name=_("SDG targets")
    )
    gender_marker = models.CharField(_("gender marker"), max_length=1, choices=Marker.choices, blank=True)
    human_rights_marker = models.CharField(_("human rights marker"), max_length=1, choices=Marker.choices, blank=True)
    covid_dimension = models.BooleanField(_("COVID-19 dimension built in"), default=False)
    budget_usd = models.DecimalField(
        _("approved budget (USD)"), null=True, blank=True, validators=[MinValueValidator(0)], **MONEY
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    start_date = models.DateField(_("starts"), null=True, blank=True)
    end_date = models.DateField(_("ends"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=30, choices=ProgrammeStatus.choices, default=ProgrammeStatus.APPROVED, db_index=True
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-start_date", "code"]
        constraints = [
            models.CheckConstraint(
                name="programme_ends_after_it_starts",
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
            )
        ]
        verbose_name = _("joint programme")
        verbose_name_plural = _("joint programmes")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("mptf:programme-detail", args=[self.pk])


class ProgrammeParticipant(models.Model):
    """A participating UN organisation and its share of the approved budget."""

    programme = models.ForeignKey(JointProgramme, on_delete=models.CASCADE, related_name="participants")
    entity = models.ForeignKey(
        "taxonomy.UnEntity", on_delete=models.PROTECT, related_name="+", verbose_name=_("participating organisation")
    )
    budget_usd = models.DecimalField(
        _("budget share (USD)"), null=True, blank=True, validators=[MinValueValidator(0)], **MONEY
    )
    lead = models.BooleanField(_("lead or convening organisation"), default=False)

    class Meta:
        ordering = ["-lead", "entity__code"]
        constraints = [models.UniqueConstraint(fields=["programme", "entity"], name="one_share_per_organisation")]
        verbose_name = _("participating organisation")
        verbose_name_plural = _("participating organisations")

    def __str__(self) -> str:
        return f"{self.programme.code}: {self.entity}"


class ProgrammeExtension(models.Model):
    programme = models.ForeignKey(JointProgramme, on_delete=models.CASCADE, related_name="extensions")
    previous_end = models.DateField(_("previous end"), null=True, blank=True)
    new_end = models.DateField(_("new end"))
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")

    def __str__(self) -> str:
        return f"{self.programme.code}: until {self.new_end}"


class ProgrammeDocument(PrivateFile):
    """The programme document and other documents of a programme: public, as on the MPTF Office Gateway."""

    programme = models.ForeignKey(JointProgramme, on_delete=models.CASCADE, related_name="documents")
    language = models.CharField(_("language"), max_length=10, default="en")

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("programme document")
        verbose_name_plural = _("programme documents")

    def get_absolute_url(self) -> str:
        return reverse("mptf:programme-document-download", args=[self.programme_id, self.pk])


# ---------------------------------------------------------------------------
# Yearly reports
# ---------------------------------------------------------------------------


class ProgrammeReportQuerySet(models.QuerySet):
    def visible_to(self, user) -> ProgrammeReportQuerySet:
        """Accepted reports are public; fund managers and Network staff see every report; the focal points
        of the programme's participating organisations see their programme's reports."""
        from .. import permissions

        if permissions.reviews_reports(user) or roles.is_network_staff(user):
            return self
        condition = Q(status=ReportStatus.ACCEPTED)
        entities = roles.entity_ids_represented(user)
        if entities:
            condition |= Q(
                programme_id__in=ProgrammeParticipant.objects.filter(entity_id__in=entities).values("programme_id")
            )
        return self.filter(condition)


class ProgrammeReport(models.Model):
    programme = models.ForeignKey(JointProgramme, on_delete=models.PROTECT, related_name="reports")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2019), MaxValueValidator(2100)])
    kind = models.CharField(_("kind"), max_length=20, choices=ReportKind.choices)
    narrative = models.TextField(_("summary of progress"), blank=True)
    due_date = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    objects = ProgrammeReportQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "year", "kind"], name="one_report_per_year_and_kind")
        ]
        verbose_name = _("programme report")
        verbose_name_plural = _("programme reports")

    def __str__(self) -> str:
        return f"{self.programme.code}: {self.get_kind_display()} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("mptf:report-detail", args=[self.pk])


class IndicatorResult(models.Model):
    """A results-framework indicator as reported for the year: baseline, target and actual."""

    report = models.ForeignKey(ProgrammeReport, on_delete=models.CASCADE, related_name="indicators")
    indicator = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    actual = models.DecimalField(_("actual"), max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("indicator result")
        verbose_name_plural = _("indicator results")

    def __str__(self) -> str:
        return self.indicator


class ReportDocument(PrivateFile):
    report = models.ForeignKey(ProgrammeReport, on_delete=models.CASCADE, related_name="documents")
    language = models.CharField(_("language"), max_length=10, default="en")

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("report document")
        verbose_name_plural = _("report documents")

    def get_absolute_url(self) -> str:
        return reverse("mptf:report-document-download", args=[self.report_id, self.pk])


class ReportReminder(models.Model):
    """Which reminder went out for which programme's reports, so the daily job never sends one twice."""

    programme = models.ForeignKey(JointProgramme, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20)
    days = models.SmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "year", "kind", "days"], name="one_report_reminder_per_step")
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.year} {self.kind} {self.days}"
