"""Keeping the unified index: one record refreshed after a publication event (in a background task), or
everything rebuilt from scratch (``manage.py rebuild_search_index``).

The indexer never trusts the event: it reads the record again through its source's ``public()``
queryset, so a record that is not public (draft, returned, declined, withdrawn, deleted) is removed
and never written, whatever was announced.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import F, OuterRef, Value
from django.db.models.functions import Concat
from django.utils import timezone

from gcm_portal.core.outbox import outbox_enqueue
from gcm_portal.core.search import SearchDocument, SearchSource, search_source, search_sources, text_search_config
from gcm_portal.taxonomy.models import CommissionMembership, Country

from ..choices import Facet
from ..models import IndexEntry, IndexSearch, IndexTag
from ..selectors.search import CONFIG_LEXEME

__all__ = [
    "index_entries_store",
    "index_rebuild",
    "index_record_refresh",
    "index_search_update",
    "on_publication_changed",
]

log = logging.getLogger(__name__)

BODY_LIMIT = 100_000  # characters of body text kept per record (tsvector caps at 1 MB)
BATCH = 1_000


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def search_vector():
    """title A, summary B, body C, each in the record's own text-search configuration, and the marker
    of that configuration."""
    config = F("search_config")
    return (
        SearchVector("title", weight="A", config=config)
        + SearchVector("summary", weight="B", config=config)
        + SearchVector("body", weight="C", config=config)
        # the configuration's marker, so one tsquery serves every language (selectors/search.py)
        + SearchVector(Concat(Value(CONFIG_LEXEME), config), weight="D", config="simple")
    )


def index_search_update(entry_ids=None) -> int:
    """Write the search rows (:class:`IndexSearch`) of these entries, every entry's when ``entry_ids`` is
    None, from their text and their tags as they are now: inserted, or replaced where they exist. On
    PostgreSQL one ``INSERT ... SELECT`` computes the vectors and the facet arrays in the database, so
    each row is written once (no update after the insert, which would leave a dead copy of every row)."""
    if entry_ids is not None:
        entry_ids = list(entry_ids)
        if not entry_ids:
            return 0
    entries = IndexEntry.objects.all() if entry_ids is None else IndexEntry.objects.filter(pk__in=entry_ids)
    if uses_postgres():
        tags = (
            IndexTag.objects.filter(entry_id=OuterRef("pk"))
            .annotate(pair=Concat("facet", Value(":"), "value"))
            .order_by("pair")
            .values("pair")
        )
        rows = entries.order_by().annotate(facet_list=ArraySubquery(tags), vector=search_vector())
        sql, params = rows.values_list("pk", "published_at", "facet_list", "vector").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {IndexSearch._meta.db_table} (entry_id, published_at, facets, search_vector) {sql} "
                "ON CONFLICT (entry_id) DO UPDATE SET published_at = EXCLUDED.published_at, "
                "facets = EXCLUDED.facets, search_vector = EXCLUDED.search_vector",
                params,
            )
            return cursor.rowcount
    written = 0
    for chunk in _chunks(list(entries.values_list("pk", "published_at")), BATCH):
        facets: dict[int, list[str]] = {}
        for entry_id, facet, value in IndexTag.objects.filter(entry_id__in=[pk for pk, _ in chunk]).values_list(
            "entry_id", "facet", "value"
        ):
            facets.setdefault(entry_id, []).append(f"{facet}:{value}")
        IndexSearch.objects.bulk_create(
            [IndexSearch(entry_id=pk, published_at=when, facets=sorted(facets.get(pk, []))) for pk, when in chunk],
            update_conflicts=True,
            unique_fields=["entry"],
            update_fields=["published_at", "facets"],
        )
        written += len(chunk)
    return written


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class Geography:
    """Countries' regions and commissions, read once for a batch of records."""

    names: dict[str, str]
    region_of: dict[str, str]
    commissions_of: dict[str, list[str]]

    @classmethod
    def load(cls) -> Geography:
        names, region_of = {}, {}
        for iso2, name, region in Country.objects.values_list("iso2", "name", "region__code"):
            names[iso2] = name
            if region:
                region_of[iso2] = region
        commissions_of: dict[str, list[str]] = {}
        for iso2, code in CommissionMembership.objects.values_list("country__iso2", "commission__code"):
            commissions_of.setdefault(iso2, []).append(code)
        return cls(names, region_of, commissions_of)


def _clean(text: str | None) -> str:
    return (text or "").replace("\x00", "").strip()


def _entry(source: SearchSource, obj, document: SearchDocument, geography: Geography, indexed_at):
    countries = sorted({c.upper() for c in document.countries if c})
    # Country names are searchable, so "Ghana" finds what is tagged with Ghana in any language.
    names = " ".join(geography.names[c] for c in countries if c in geography.names)
    body = _clean(f"{_clean(document.body)}\n{names}")[:BODY_LIMIT]
    published_at = document.published_at
    year = document.year or (published_at.year if published_at else None)
    language = (document.language or "en").lower()
    entry = IndexEntry(
        source=source.label_lower,
        source_pk=obj.pk,
        kind=source.kind,
        title=_clean(document.title)[:500] or str(obj)[:500],
        summary=_clean(document.summary),
        body=body,
        language=language,
        search_config=text_search_config(language),
        year=year,
        url=document.url[:500],
        published_at=published_at,
        indexed_at=indexed_at,
    )
    tags = {(Facet.KIND, source.kind), (Facet.LANGUAGE, language)}
    if year:
        tags.add((Facet.YEAR, str(year)))
    for country in countries:
        tags.add((Facet.COUNTRY, country))
        if country in geography.region_of:
            tags.add((Facet.REGION, geography.region_of[country]))
        tags.update((Facet.COMMISSION, code) for code in geography.commissions_of.get(country, ()))
    tags.update((Facet.REGION, str(code)) for code in document.regions if code)
    tags.update((Facet.OBJECTIVE, str(int(n))) for n in document.objectives)
    tags.update((Facet.PRINCIPLE, str(letter).lower()) for letter in document.principles if letter)
    tags.update((Facet.THEMATIC, str(int(n))) for n in document.thematic_areas)
    return entry, sorted(tags)


def index_record_refresh(*, label: str, pk: int) -> str:
    """Bring one record's entry in line with what the public sees now: "indexed", "removed" or
    "ignored" (a model nobody declared)."""
    source = search_source(label)
    if source is None:
        return "ignored"
    obj = source.public().filter(pk=pk).first()
    with transaction.atomic():
        existing = IndexEntry.objects.select_for_update().filter(source=source.label_lower, source_pk=pk).first()
        if obj is None:
            if existing:
                existing.delete()
            return "removed"
        document = source.build(obj)
        entry, tags = _entry(
            source, obj, document, Geography.load(), existing.indexed_at if existing else timezone.now()
        )
        if existing:
            entry.pk = existing.pk
            entry.save(force_update=True)
            existing.tags.all().delete()
        else:
            entry.save(force_insert=True)
        IndexTag.objects.bulk_create([IndexTag(entry=entry, facet=f, value=v) for f, v in tags])
        index_search_update([entry.pk])
    return "indexed"


def index_entries_store(entries: list[IndexEntry], tag_lists: list) -> list[IndexEntry]:
    """Insert new entries with their tags and their search rows (a batch of a rebuild, or of the
    benchmark's seeder)."""
    created = IndexEntry.objects.bulk_create(entries, batch_size=BATCH)
    IndexTag.objects.bulk_create(
        [
            IndexTag(entry=entry, facet=f, value=v)
            for entry, tags in zip(created, tag_lists, strict=True)
            for f, v in tags
        ],
        batch_size=BATCH * 5,
    )
    index_search_update([entry.pk for entry in created])
    return created


def index_rebuild(*, stdout=None) -> dict[str, int]:
    """Empty the index and fill it again from every source's public records. When each record first
    entered the index is kept, so a rebuild sends no digest of old news."""
    first_seen = {
        (source, pk): when for source, pk, when in IndexEntry.objects.values_list("source", "source_pk", "indexed_at")
    }
    geography = Geography.load()
    now = timezone.now()
    counts: dict[str, int] = {}
    with transaction.atomic():
        IndexTag.objects.all().delete()
        IndexEntry.objects.all().delete()
        for source in search_sources():
            entries: list[IndexEntry] = []
            tag_lists: list = []
            total = 0
            for obj in source.public().iterator(chunk_size=BATCH):
                when = first_seen.get((source.label_lower, obj.pk), now)
                entry, tags = _entry(source, obj, source.build(obj), geography, when)
                entries.append(entry)
                tag_lists.append(tags)
                total += 1
                if len(entries) >= BATCH:
                    index_entries_store(entries, tag_lists)
                    entries, tag_lists = [], []
            index_entries_store(entries, tag_lists)
            counts[source.kind] = counts.get(source.kind, 0) + total
            if stdout is not None:
                stdout.write(f"{source.kind}: {total}")
    return counts


def on_publication_changed(sender, event, **kwargs) -> None:
    """The kernel's publication event (sent after commit): refresh the record's entry in the background."""
    if search_source(event.kind) is None:
        return
    # Through the kernel's outbox: with the broker down the update waits in the database and is relayed
    # when it returns; the task reads the record anew, so delivering it twice changes nothing.
    outbox_enqueue("knowledge.index_record", args=(event.kind, event.pk))
