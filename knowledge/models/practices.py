"""Practices, the calls and themes they answer, and their peer review."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gcm_portal import permissions
from gcm_portal.core.curation import CuratedModel
from gcm_portal.core.files import PrivateFile
from gcm_portal.taxonomy.choices import CONTENT_LANGUAGE_CHOICES

from ..choices import (
    AssignmentStatus,
    GeographicScope,
    PracticeStatus,
    PracticeType,
    Recommendation,
    ReviewerKind,
)
from .common import Sourced

__all__ = [
    "CallForPractices",
    "Practice",
    "PracticeContact",
    "PracticeDocument",
    "ReviewAssignment",
    "Theme",
    "ThemeResponse",
]


class Theme(Sourced):
    """A theme practices are collected under (e.g. responses to COVID-19), with the responses it names."""

    slug = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("knowledge:theme-detail", args=[self.slug])


class ThemeResponse(Sourced):
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="responses", verbose_name=_("theme"))
    code = models.SlugField(_("code"), max_length=50)
    title = models.CharField(_("response"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    objectives = models.ManyToManyField(
        "taxonomy.Objective", blank=True, related_name="+", verbose_name=_("related objectives")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["theme", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["theme", "code"], name="unique_theme_response")]
        verbose_name = _("theme response")
        verbose_name_plural = _("theme responses")

    def __str__(self) -> str:
        return self.title


class CallForPractices(CuratedModel):
    """A themed call with a deadline that practices can answer. Staff open it by publishing it."""

    title = models.CharField(_("title"), max_length=300)
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="calls", verbose_name=_("theme")
    )
    description = models.TextField(_("description"))
    deadline = models.DateField(_("deadline"))
    open_to = models.CharField(_("open to"), max_length=300, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    objectives = models.ManyToManyField(
        "taxonomy.Objective", blank=True, related_name="+", verbose_name=_("objectives")
    )

    class Meta:
        ordering = ["-deadline", "-pk"]
        verbose_name = _("call for practices")
        verbose_name_plural = _("calls for practices")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:call-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.is_public and self.deadline >= timezone.localdate()


class PracticeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see every practice; the submitter their own; a reviewer the practices whose review
        they took up (after declaring no conflict); everyone the published ones."""
        if permissions.is_network_staff(user):
            return self
        condition = Q(status=PracticeStatus.PUBLISHED)
        if getattr(user, "is_authenticated", False) and user.is_active:
            reviewing = ReviewAssignment.objects.filter(
                expert__user=user, status__in=[AssignmentStatus.CLEARED, AssignmentStatus.REVIEWED]
            ).values("practice_id")
            condition |= Q(created_by=user) | Q(pk__in=reviewing)
        return self.filter(condition)

    def published(self):
        return self.filter(status=PracticeStatus.PUBLISHED)


class Practice(models.Model):
    """A practice submitted against the Hub's criteria, peer reviewed before it is published."""

    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(
        _("language of the submission"), max_length=10, choices=CONTENT_LANGUAGE_CHOICES, default="en"
    )
    objectives = models.ManyToManyField(
        "taxonomy.Objective", related_name="hub_practices", verbose_name=_("GCM objectives")
    )
    principles = models.ManyToManyField(
        "taxonomy.GuidingPrinciple", related_name="hub_practices", verbose_name=_("guiding principles it follows")
    )
    implementation_start = models.PositiveSmallIntegerField(_("implemented from (year)"))
    implementation_end = models.PositiveSmallIntegerField(
        _("implemented until (year)"), null=True, blank=True, help_text=_("Leave empty if it is ongoing.")
    )
    geographic_scope = models.CharField(_("geographic scope"), max_length=20, choices=GeographicScope.choices)
    countries = models.ManyToManyField(
        "taxonomy.Country", blank=True, related_name="hub_practices", verbose_name=_("countries")
    )
    practice_type = models.CharField(_("type of practice"), max_length=20, choices=PracticeType.choices)
    implementing_partners = models.TextField(_("implementing partners"), blank=True)
    description = models.TextField(_("description"))
    results = models.TextField(_("results"))
    lessons = models.TextField(_("lessons learned"))
    replicability = models.TextField(_("replicability"))
    organisation = models.CharField(
        _("submitting organisation"),
        max_length=200,
        help_text=_("Reviewers from the same organisation are left out."),
    )
    submitter_country = models.ForeignKey(
        "taxonomy.Country",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("country of the submitting organisation"),
    )
    exclude_same_country_reviewers = models.BooleanField(
        _("leave out reviewers from the submitting organisation's country"), default=False
    )
    call = models.ForeignKey(
        CallForPractices,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices",
        verbose_name=_("answers the call"),
    )
    theme_responses = models.ManyToManyField(
        ThemeResponse, blank=True, related_name="practices", verbose_name=_("theme responses")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PracticeStatus.choices, default=PracticeStatus.SUBMITTED, db_index=True
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="practice_period_in_order",
                condition=Q(implementation_end__isnull=True)
                | Q(implementation_end__gte=models.F("implementation_start")),
            )
        ]
        verbose_name = _("practice")
        verbose_name_plural = _("practices")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:practice-detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status == PracticeStatus.PUBLISHED

    @property
    def implementation_period(self) -> str:
        end = self.implementation_end or _("ongoing")
        return f"{self.implementation_start}\u2013{end}"


class PracticeContact(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=150, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("practice contact")
        verbose_name_plural = _("practice contacts")

    def __str__(self) -> str:
        return self.name


class PracticeDocument(PrivateFile):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="documents")
    language = models.CharField(_("language"), max_length=10, choices=CONTENT_LANGUAGE_CHOICES, default="en")

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("practice document")
        verbose_name_plural = _("practice documents")

    def get_absolute_url(self) -> str:
        return reverse("knowledge:practice-document-download", args=[self.practice_id, self.pk])


class ReviewAssignment(models.Model):
    """One expert asked to review one practice: a conflict-of-interest declaration first, then scores
    against the criteria and a recommendation. Staff see every assignment; the expert their own."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="assignments")
    expert = models.ForeignKey("knowledge.Expert", on_delete=models.PROTECT, related_name="assignments")
    kind = models.CharField(_("reviewer"), max_length=10, choices=ReviewerKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=AssignmentStatus.choices, default=AssignmentStatus.ASSIGNED
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)
    declared_at = models.DateTimeField(_("conflict of interest declared"), null=True, blank=True)
    conflict_note = models.TextField(_("conflict of interest"), blank=True)
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    recommendation = models.CharField(_("recommendation"), max_length=10, choices=Recommendation.choices, blank=True)
    comments = models.TextField(_("comments for Network staff"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "expert"], name="one_assignment_per_expert_and_practice"),
            models.CheckConstraint(
                name="a_review_has_a_recommendation",
                condition=~Q(status=AssignmentStatus.REVIEWED) | ~Q(recommendation=""),
            ),
        ]
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")

    def __str__(self) -> str:
        return f"{self.practice} / {self.expert}"

    def get_absolute_url(self) -> str:
        return reverse("knowledge:assignment-detail", args=[self.pk])
