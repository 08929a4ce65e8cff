"""Resources: publications, guidance, tools, statements, reports and videos, one file per language."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gcm_portal.core.curation import CuratedModel
from gcm_portal.core.files import PrivateFile
from gcm_portal.taxonomy.choices import CONTENT_LANGUAGE_CHOICES

from ..choices import Audience, GeographicScope, ResourceType

__all__ = ["Resource", "ResourceFile"]


class Resource(CuratedModel):
    """Staff curate resources; a member's suggestion waits for curation."""

    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    resource_type = models.CharField(_("type of resource"), max_length=20, choices=ResourceType.choices)
    publisher = models.CharField(_("publisher"), max_length=200)
    publication_date = models.DateField(_("date of publication"), null=True, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.ALL)
    geographic_scope = models.CharField(
        _("geographic scope"), max_length=20, choices=GeographicScope.choices, default=GeographicScope.GLOBAL
    )
    countries = models.ManyToManyField("taxonomy.Country", blank=True, related_name="+", verbose_name=_("countries"))
    objectives = models.ManyToManyField(
        "taxonomy.Objective", blank=True, related_name="hub_resources", verbose_name=_("GCM objectives")
    )
    principles = models.ManyToManyField(
        "taxonomy.GuidingPrinciple", blank=True, related_name="+", verbose_name=_("guiding principles")
    )
    working_group = models.ForeignKey(
        "knowledge.WorkingGroup",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outputs",
        verbose_name=_("produced by the Network workstream"),
    )
    url = models.URLField(_("link"), max_length=500, blank=True)

    class Meta:
        ordering = ["-publication_date", "-created_at", "-pk"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:resource-detail", args=[self.pk])


class ResourceFile(PrivateFile):
    """One file per language of a resource."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="files")
    language = models.CharField(_("language"), max_length=10, choices=CONTENT_LANGUAGE_CHOICES, default="en")

    class Meta:
        ordering = ["language", "pk"]
        constraints = [models.UniqueConstraint(fields=["resource", "language"], name="one_resource_file_per_language")]
        verbose_name = _("resource file")
        verbose_name_plural = _("resource files")

    def get_absolute_url(self) -> str:
        return reverse("knowledge:resource-file-download", args=[self.resource_id, self.pk])
