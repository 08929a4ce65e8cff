"""The expert roster: applications, approved experts and their CVs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gcm_portal import permissions
from gcm_portal.core.files import PrivateFile
from gcm_portal.taxonomy.choices import CONTENT_LANGUAGE_CHOICES

from ..choices import ExpertStatus, Gender, OrganisationType

__all__ = ["Expert", "ExpertCV"]

UN_LANGUAGE_CHOICES = [(code, label) for code, label in CONTENT_LANGUAGE_CHOICES if code != "other"]


class ExpertQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see the roster and every application; an applicant their own application."""
        if permissions.is_network_staff(user):
            return self
        if getattr(user, "is_authenticated", False) and user.is_active:
            return self.filter(user=user)
        return self.none()

    def approved(self):
        return self.filter(status=ExpertStatus.APPROVED)


class Expert(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_profile", verbose_name=_("account")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ExpertStatus.choices, default=ExpertStatus.SUBMITTED, db_index=True
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    application_language = models.CharField(
        _("language of the application"), max_length=10, choices=UN_LANGUAGE_CHOICES, default="en"
    )
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices)
    country = models.ForeignKey(
        "taxonomy.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country of residence")
    )
    region = models.ForeignKey(
        "taxonomy.M49Region",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "region"},
        verbose_name=_("region of expertise"),
    )
    languages = models.JSONField(_("working languages"), default=list)
    objectives = models.ManyToManyField(
        "taxonomy.Objective", related_name="+", verbose_name=_("expertise by GCM objective")
    )
    years_of_experience = models.PositiveSmallIntegerField(_("years of experience"))
    organisation = models.CharField(_("organisation"), max_length=200)
    organisation_type = models.CharField(_("organisation type"), max_length=10, choices=OrganisationType.choices)
    un_entity = models.ForeignKey(
        "taxonomy.UnEntity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("UN entity"),
    )
    expertise = models.TextField(_("expertise and experience"))
    publications = models.TextField(_("publications"), blank=True)
    decision_note = models.TextField(_("decision"), blank=True)
    created_at = models.DateTimeField(_("applied"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = ExpertQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="a_un_expert_names_an_entity_or_none",
                condition=Q(organisation_type=OrganisationType.UN) | Q(un_entity__isnull=True),
            )
        ]
        verbose_name = _("expert")
        verbose_name_plural = _("expert roster")

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("knowledge:expert-detail", args=[self.pk])

    @property
    def is_un(self) -> bool:
        return self.organisation_type == OrganisationType.UN


class ExpertCV(PrivateFile):
    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="cvs")
    language = models.CharField(_("language"), max_length=10, choices=CONTENT_LANGUAGE_CHOICES, default="en")

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("CV")
        verbose_name_plural = _("CVs")

    def get_absolute_url(self) -> str:
        return reverse("knowledge:expert-cv-download", args=[self.expert_id, self.pk])
