"""The UN system's country and regional networks on migration, and their numbers over time."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gcm_portal.core.curation import CuratedModel
from gcm_portal.core.files import PrivateFile
from gcm_portal.taxonomy.choices import CONTENT_LANGUAGE_CHOICES

from ..choices import Integration, NetworkDocumentCategory, NetworkKind
from .common import Sourced

__all__ = ["MigrationNetwork", "NetworkCount", "NetworkDocument"]


class MigrationNetwork(CuratedModel, Sourced):
    kind = models.CharField(_("kind"), max_length=20, choices=NetworkKind.choices)
    name = models.CharField(_("name"), max_length=300)
    country = models.ForeignKey(
        "taxonomy.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hub_networks",
        verbose_name=_("country"),
    )
    un_team = models.CharField(
        _("UN country team or region"), max_length=300, help_text=_("e.g. UN country team in Zambia")
    )
    established_on = models.DateField(_("established"), null=True, blank=True)
    co_chairs = models.ManyToManyField("taxonomy.UnEntity", blank=True, related_name="+", verbose_name=_("co-chairs"))
    co_chairs_other = models.CharField(
        _("other co-chairs"), max_length=300, blank=True, help_text=_("e.g. the Resident Coordinator's Office")
    )
    member_entities = models.ManyToManyField(
        "taxonomy.UnEntity", blank=True, related_name="+", verbose_name=_("member UN entities")
    )
    migration_in_cca = models.CharField(
        _("migration in the UN common country analysis"),
        max_length=10,
        choices=Integration.choices,
        default=Integration.UNKNOWN,
    )
    migration_in_cooperation_framework = models.CharField(
        _("migration in the UN cooperation framework"),
        max_length=10,
        choices=Integration.choices,
        default=Integration.UNKNOWN,
    )
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                name="a_country_network_has_a_country",
                condition=~Q(kind="country") | Q(country__isnull=False),
            ),
            models.UniqueConstraint(fields=["country"], condition=Q(kind="country"), name="one_network_per_country"),
        ]
        verbose_name = _("UN migration network")
        verbose_name_plural = _("UN migration networks")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("knowledge:network-detail", args=[self.pk])


class NetworkDocument(PrivateFile):
    network = models.ForeignKey(MigrationNetwork, on_delete=models.CASCADE, related_name="documents")
    category = models.CharField(
        _("document"),
        max_length=20,
        choices=NetworkDocumentCategory.choices,
        default=NetworkDocumentCategory.TERMS_OF_REFERENCE,
    )
    language = models.CharField(_("language"), max_length=10, choices=CONTENT_LANGUAGE_CHOICES, default="en")

    class Meta:
        ordering = ["category", "language", "pk"]
        verbose_name = _("network document")
        verbose_name_plural = _("network documents")

    def get_absolute_url(self) -> str:
        return reverse("knowledge:network-document-download", args=[self.network_id, self.pk])


class NetworkCount(Sourced):
    """How many country networks (and regional structures) there were on a date, per a public source."""

    on = models.DateField(_("date"), unique=True)
    country_networks = models.PositiveIntegerField(_("country networks"))
    regional_networks = models.PositiveIntegerField(_("regional networks and structures"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["on"]
        verbose_name = _("count of UN migration networks")
        verbose_name_plural = _("counts of UN migration networks")

    def __str__(self) -> str:
        return f"{self.on}: {self.country_networks}"
