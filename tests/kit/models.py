"""Two small models built only from the kernel kit: a curated note (member submits, staff curate, the
public reads) and a dossier with a workflow and documents (a focal point drafts and submits, staff
accept)."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from gcm_portal import permissions
from gcm_portal.core.curation import CuratedModel
from gcm_portal.core.files import PrivateFile


class Note(CuratedModel):
    curation_country_field = "countries"

    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    countries = models.ManyToManyField("taxonomy.Country", blank=True, related_name="+")
    objectives = models.ManyToManyField("taxonomy.Objective", blank=True, related_name="+")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("kit:note-detail", args=[self.pk])


class DossierQuerySet(models.QuerySet):
    def visible_to(self, user):
        if permissions.is_network_staff(user):
            return self
        return self.filter(Q(status="accepted") | Q(country_id__in=permissions.country_ids_represented(user)))


class Dossier(models.Model):
    country = models.ForeignKey("taxonomy.Country", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=20, default="draft")
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    objects = DossierQuerySet.as_manager()

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("kit:dossier-detail", args=[self.pk])


class DossierDocument(PrivateFile):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="documents")
    language = models.CharField(max_length=10, default="en")
    # an extra upload field with choices (Attachments(fields=("language", "category")) in tests)
    category = models.CharField(max_length=10, choices=[("plan", "Plan"), ("annex", "Annex")], default="plan")
