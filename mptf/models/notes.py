"""Concept notes (submitted by an entity focal point on behalf of a UN country team or a regional
group), their requested budget per participating organisation, documents and quality assessment."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gcm_portal import permissions as roles
from gcm_portal.core.files import PrivateFile

from ..choices import PUBLIC_NOTE_STATES, ConceptNoteStatus, Marker, Scope
from .base import MONEY


class ConceptNoteQuerySet(models.QuerySet):
    def visible_to(self, user) -> ConceptNoteQuerySet:
        """Everyone sees the pipeline and what was selected from it. The focal points of the lead and
        participating entities see their notes in every state, drafts included; Network staff, fund
        managers and current committee members see every note that has been submitted. A draft is
        invisible to everyone else (404)."""
        from .. import permissions

        condition = Q(status__in=PUBLIC_NOTE_STATES)
        if permissions.oversees_notes(user):
            condition |= ~Q(status=ConceptNoteStatus.DRAFT)
        entities = roles.entity_ids_represented(user)
        if entities:
            condition |= Q(lead_entity_id__in=entities) | Q(
                pk__in=ConceptNoteBudget.objects.filter(entity_id__in=entities).values("note_id")
            )
        return self.filter(condition)

    def public(self) -> ConceptNoteQuerySet:
        return self.filter(status__in=PUBLIC_NOTE_STATES)


class ConceptNote(models.Model):
    title = models.CharField(_("title"), max_length=300)
    lead_entity = models.ForeignKey(
        "taxonomy.UnEntity", on_delete=models.PROTECT, related_name="+", verbose_name=_("lead organisation")
    )
    scope = models.CharField(_("on behalf of"), max_length=20, choices=Scope.choices, default=Scope.COUNTRY_TEAM)
    team_name = models.CharField(
        _("country team or regional group"), max_length=200, blank=True, help_text=_('e.g. "UN country team in Ghana"')
    )
    countries = models.ManyToManyField("taxonomy.Country", blank=True, related_name="+", verbose_name=_("countries"))
    region = models.ForeignKey(
        "taxonomy.M49Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("region"),
        help_text=_("For a regional note."),
    )
    summary = models.TextField(_("purpose"), blank=True)
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
        related_name="concept_notes",
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
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    gender_marker = models.CharField(_("gender marker"), max_length=1, choices=Marker.choices, blank=True)
    human_rights_marker = models.CharField(_("human rights marker"), max_length=1, choices=Marker.choices, blank=True)
    covid_dimension = models.BooleanField(_("COVID-19 dimension built in"), default=False)

    status = models.CharField(
        _("status"), max_length=20, choices=ConceptNoteStatus.choices, default=ConceptNoteStatus.DRAFT, db_index=True
    )
    decision_note = models.TextField(_("reasons given with the last decision"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    pipeline_at = models.DateTimeField(_("entered the pipeline"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = ConceptNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("concept note")
        verbose_name_plural = _("concept notes")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("mptf:note-detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_NOTE_STATES

    def requested_total(self) -> Decimal:
        """The requested budget (uses prefetched budget lines when present)."""
        return sum((line.amount_usd for line in self.budget_lines.all()), Decimal("0"))


class ConceptNoteBudget(models.Model):
    """The budget one participating organisation requests under a concept note."""

    note = models.ForeignKey(ConceptNote, on_delete=models.CASCADE, related_name="budget_lines")
    entity = models.ForeignKey(
        "taxonomy.UnEntity", on_delete=models.PROTECT, related_name="+", verbose_name=_("participating organisation")
    )
    amount_usd = models.DecimalField(_("requested (USD)"), validators=[MinValueValidator(0)], **MONEY)

    class Meta:
        ordering = ["-amount_usd", "entity__code"]
        constraints = [models.UniqueConstraint(fields=["note", "entity"], name="one_budget_line_per_organisation")]
        verbose_name = _("requested budget")
        verbose_name_plural = _("requested budget")

    def __str__(self) -> str:
        return f"{self.entity}: USD {self.amount_usd}"


class ConceptNoteDocument(PrivateFile):
    """The government's endorsement and other documents of a note (never public)."""

    note = models.ForeignKey(ConceptNote, on_delete=models.CASCADE, related_name="documents")
    language = models.CharField(_("language"), max_length=10, default="en")

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("concept note document")
        verbose_name_plural = _("concept note documents")

    def get_absolute_url(self) -> str:
        return reverse("mptf:note-document-download", args=[self.note_id, self.pk])


# ---------------------------------------------------------------------------
# Quality assessment
# ---------------------------------------------------------------------------


class AssessmentCriterion(models.Model):
    """A stated criterion staff score concept notes against (editable data)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("criterion"), max_length=200)
    description = models.TextField(_("what to look for"), blank=True)
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=5, validators=[MinValueValidator(1)])
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("assessment criterion")
        verbose_name_plural = _("assessment criteria")

    def __str__(self) -> str:
        return self.label


class QualityAssessment(models.Model):
    """One staff member's scores for one concept note (confidential: never public)."""

    note = models.ForeignKey(ConceptNote, on_delete=models.CASCADE, related_name="assessments")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    comment = models.TextField(_("overall comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["note", "assessor"], name="one_assessment_per_assessor")]
        verbose_name = _("quality assessment")
        verbose_name_plural = _("quality assessments")

    def __str__(self) -> str:
        return f"{self.note}: {self.assessor}"

    def get_absolute_url(self) -> str:
        return self.note.get_absolute_url() + "#assessment"

    def share(self) -> Decimal | None:
        """The share of the highest possible score, 0 to 1 (uses prefetched scores)."""
        scores = list(self.scores.all())
        top = sum(s.criterion.max_score for s in scores)
        return (Decimal(sum(s.score for s in scores)) / top) if top else None


class AssessmentScore(models.Model):
    assessment = models.ForeignKey(QualityAssessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(AssessmentCriterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["criterion__order", "criterion__code"]
        constraints = [models.UniqueConstraint(fields=["assessment", "criterion"], name="one_score_per_criterion")]
        verbose_name = _("score")
        verbose_name_plural = _("scores")

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"
