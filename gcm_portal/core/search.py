"""Search documents: how each app's published records enter the hub's unified index, and the parts of the
search backend that do not depend on where the index lives.

An app declares, from its ``AppConfig.ready()``, which of its models are indexed and how::

    register_search_document(
        VoluntaryReport,
        kind="report",
        label=_("Voluntary reports"),
        public=lambda: VoluntaryReport.objects.filter(public_version__isnull=False),
        build=report_document,          # obj -> SearchDocument
    )

``public()`` is the queryset of what the public may see (the indexer reads the record again through it,
so nothing unpublished is ever indexed, whatever event arrives); ``build(obj)`` says what the index
holds. The index itself listens to :mod:`gcm_portal.core.publication` events; no app imports it.

The backend half: :func:`text_search_config` (the PostgreSQL text-search configuration for a content
language) and :func:`parse_websearch` (the websearch syntax, quotes and minus, for the portable fallback).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Model, QuerySet

__all__ = [
    "SearchDocument",
    "SearchSource",
    "WebQuery",
    "parse_websearch",
    "register_search_document",
    "search_source",
    "search_sources",
    "text_search_config",
]

# The content languages PostgreSQL stems; anything else (Chinese among them) uses "simple".
TEXT_SEARCH_CONFIGS = {
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "ru": "russian",
    "ar": "arabic",
    "pt": "portuguese",
    "de": "german",
    "it": "italian",
}
SIMPLE = "simple"


def text_search_config(language: str) -> str:
    """The text-search configuration for content in ``language`` ("simple" when none stems it)."""
    return TEXT_SEARCH_CONFIGS.get((language or "").split("-")[0].lower(), SIMPLE)


def search_configs() -> list[str]:
    """Every configuration the index may hold, each once."""
    return sorted({*TEXT_SEARCH_CONFIGS.values(), SIMPLE})


@dataclass
class SearchDocument:
    """What the index holds for one published record. Countries are ISO alpha-2 codes, objectives their
    numbers, principles their letters, thematic areas their numbers, regions M49 codes (a record's own
    regional scope; the regions and commissions of its countries are added by the index)."""

    title: str
    url: str
    summary: str = ""
    body: str = ""
    language: str = "en"
    countries: Iterable[str] = ()
    objectives: Iterable[int] = ()
    principles: Iterable[str] = ()
    thematic_areas: Iterable[int] = ()
    regions: Iterable[str] = ()
    year: int | None = None
    published_at: datetime | None = None


@dataclass(frozen=True)
class SearchSource:
    model: type[Model]
    kind: str
    label: str
    public: Callable[[], QuerySet]
    build: Callable[[Model], SearchDocument]
    order: int = 100

    @property
    def label_lower(self) -> str:
        return self.model._meta.label_lower


_sources: dict[str, SearchSource] = {}


def register_search_document(
    model: type[Model],
    *,
    kind: str,
    label,
    public: Callable[[], QuerySet],
    build: Callable[[Model], SearchDocument],
    order: int = 100,
) -> None:
    """Index ``model``'s public records (registering the same model again replaces the declaration)."""
    _sources[model._meta.label_lower] = SearchSource(model, kind, label, public, build, order)


def search_sources() -> list[SearchSource]:
    return sorted(_sources.values(), key=lambda s: (s.order, s.kind))


def search_source(label_lower: str) -> SearchSource | None:
    return _sources.get(label_lower)


# ---------------------------------------------------------------------------
# The websearch syntax, for the portable fallback
# ---------------------------------------------------------------------------


@dataclass
class WebQuery:
    """``"fair recruitment" migrants -detention``: phrases and words that must all appear, and words or
    phrases that must not. ``or`` between two terms is not supported by the fallback (it is kept as a
    word)."""

    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.include or self.exclude)

    @property
    def terms(self) -> list[str]:
        return self.include


_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def parse_websearch(q: str, *, limit: int = 12) -> WebQuery:
    query = WebQuery()
    for minus, phrase, word in _TOKEN.findall(q or ""):
        if phrase or (minus and not word):
            text, negative = " ".join(phrase.split()), bool(minus)
        else:
            negative = word.startswith("-") and len(word) > 1
            text = word[1:] if negative else word
        text = text.strip("\"'.,;:!?()[]")
        if not text:
            continue
        (query.exclude if negative else query.include).append(text)
    query.include, query.exclude = query.include[:limit], query.exclude[:limit]
    return query
