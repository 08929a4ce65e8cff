"""The unified index: one row per published thing of every app, what search, facets, country and
objective pages, the country x objective matrix and digests read. Apps declare their records with
:func:`gcm_portal.core.search.register_search_document`; the hub fills the index from publication
events (``knowledge/services/index.py``). Followers of countries, objectives and searches are here too.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import DigestFrequency, Facet

__all__ = ["FacetsField", "Follow", "IndexEntry", "IndexSearch", "IndexTag"]


class IndexEntry(models.Model):
    """One published record, as search shows it: its text, address and dates. What search matches,
    ranks and counts with is in the narrow :class:`IndexSearch` row of the entry; the portable fallback
    reads the text columns here."""

    source = models.CharField(_("source"), max_length=60)  # the model's label, e.g. "reviews.voluntaryreport"
    source_pk = models.PositiveBigIntegerField()
    kind = models.CharField(_("kind"), max_length=30)
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text"), blank=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    search_config = models.CharField(max_length=20, default="simple")
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    url = models.CharField(_("address"), max_length=500)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    indexed_at = models.DateTimeField(_("first indexed"))  # when it first became public: what digests read
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "source_pk"], name="one_index_entry_per_record")]
        indexes = [
            models.Index(fields=["-published_at", "-id"], name="index_entry_date_order"),
            models.Index(fields=["indexed_at"], name="index_entry_indexed_at"),
        ]
        ordering = ["-published_at", "-id"]
        verbose_name = _("index entry")
        verbose_name_plural = _("index entries")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.url


class FacetsField(models.Field):
    """A list of ``"facet:value"`` strings: a text array on PostgreSQL (which search unnests to count),
    JSON text elsewhere."""

    description = "facet values"

    def db_type(self, connection):
        return "text[]" if connection.vendor == "postgresql" else "text"

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value is None or isinstance(value, list):
            return value
        return json.loads(value)

    def get_db_prep_value(self, value, connection, prepared=False):
        if value is None:
            return None
        values = [str(v) for v in value]
        return values if connection.vendor == "postgresql" else json.dumps(values)


class IndexSearch(models.Model):
    """What search reads of an entry, in a narrow table of its own so that matching, ranking and counting
    read a few hundred bytes a row instead of the entry's text: ``search_vector`` (title A, summary B,
    body C in the entry's text-search configuration, and the configuration's marker; PostgreSQL only,
    served by the GIN index ``knowledge_indexsearch_search_gin``), the entry's facet values as
    ``"facet:value"`` (the same as its :class:`IndexTag` rows: counted with ``unnest`` over the matching
    rows) and its date (the tie-break of the ranking). Written by ``services/index.py`` whenever the
    entry or its tags are."""

    entry = models.OneToOneField(IndexEntry, on_delete=models.CASCADE, primary_key=True, related_name="search")
    published_at = models.DateTimeField(null=True, blank=True)
    facets = FacetsField(default=list)
    search_vector = SearchVectorField(null=True)

    class Meta:
        verbose_name = _("index search row")
        verbose_name_plural = _("index search rows")

    def __str__(self) -> str:
        return f"search row of entry {self.entry_id}"


class IndexTag(models.Model):
    """A facet value of an entry (country "GH", objective "6", kind "report"...): every facet in one
    table, so the counts of all facets are one grouped query and every filter is the same subquery."""

    entry = models.ForeignKey(IndexEntry, on_delete=models.CASCADE, related_name="tags")
    facet = models.CharField(max_length=12, choices=Facet.choices)
    value = models.CharField(max_length=20)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "facet", "value"], name="one_index_tag_per_value")]
        indexes = [models.Index(fields=["facet", "value", "entry"], name="index_tag_lookup")]
        verbose_name = _("index tag")
        verbose_name_plural = _("index tags")

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"


class Follow(models.Model):
    """What a signed-in user follows: a country, an objective, both together, or a saved search (the
    query string of the hub search). Digests list what was newly published for it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hub_follows")
    country = models.ForeignKey(
        "taxonomy.Country", null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("country")
    )
    objective = models.ForeignKey(
        "taxonomy.Objective",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("objective"),
    )
    query = models.CharField(_("saved search"), max_length=500, blank=True)
    frequency = models.CharField(
        _("digest"), max_length=10, choices=DigestFrequency.choices, default=DigestFrequency.WEEKLY
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(_("last digest"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                name="follow_has_a_subject",
                condition=Q(country__isnull=False) | Q(objective__isnull=False) | ~Q(query=""),
            ),
            models.UniqueConstraint(fields=["user", "country", "objective", "query"], name="one_follow_per_subject"),
        ]
        verbose_name = _("follow")
        verbose_name_plural = _("follows")

    def __str__(self) -> str:
        parts = [str(p) for p in (self.country, self.objective) if p] + ([self.query] if self.query else [])
        return " + ".join(parts)
