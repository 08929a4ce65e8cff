"""Reads of the unified index: hub search with facets, the country and objective overviews and the
country x objective matrix. Everything here reads only the index, which holds nothing unpublished.

Search runs PostgreSQL full-text search over the narrow search rows (``IndexSearch``: websearch syntax
in each row's own text-search configuration, so the GIN index answers it; facet counts from the matching
rows' facet arrays) and a portable fallback elsewhere (every word or quoted phrase must appear, a minus
excludes; facet counts from the tags). A search page costs a fixed number of queries, whatever the number
of results.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db import connection
from django.db.models import BooleanField, Case, Count, F, FloatField, Func, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from gcm_portal.core.pagecache import remember
from gcm_portal.core.search import parse_websearch, search_configs, search_sources
from gcm_portal.taxonomy.choices import CONTENT_LANGUAGE_CHOICES
from gcm_portal.taxonomy.models import (
    Country,
    GuidingPrinciple,
    M49Region,
    MptfThematicArea,
    Objective,
    RegionalCommission,
)

from ..choices import Facet
from ..models import IndexEntry, IndexSearch, IndexTag

__all__ = [
    "FACETS",
    "SearchParams",
    "SearchResult",
    "entries_for",
    "facet_labels",
    "hub_search",
    "kind_labels",
    "search_suggestions",
]

FACETS = [f.value for f in Facet]
SORTS = ("relevance", "date")
PAGE_SIZE = 20
MAX_PAGE = 500
FACET_LIMIT = 15
MAX_QUERY = 200
HEADLINE_TEXT = 20_000  # characters of summary and text ts_headline reads for a result's snippet
HEADLINE_OPTIONS = "MaxFragments=2,MinWords=8,MaxWords=30,FragmentDelimiter= … ,StartSel=\u27e6,StopSel=\u27e7"


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def kind_labels() -> dict[str, str]:
    labels: dict[str, str] = {}
    for source in search_sources():
        labels.setdefault(source.kind, source.label)
    return labels


def _clean(value) -> str:
    """A parameter as text without NUL characters (no database takes them)."""
    return str(value).replace("\x00", "").strip()


@dataclass
class SearchParams:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1

    @classmethod
    def from_query(cls, data) -> SearchParams:
        """From a query string (a QueryDict): ``q``, one parameter per facet (repeatable), ``sort``, ``page``."""
        filters = {}
        for facet in FACETS:
            values = [_clean(v) for v in data.getlist(facet)]
            values = [v for v in values if v][:10]
            if facet == Facet.COUNTRY:
                values = [v.upper() for v in values]
            elif facet in (Facet.PRINCIPLE, Facet.LANGUAGE, Facet.REGION, Facet.KIND):
                values = [v.lower() for v in values]
            elif facet == Facet.COMMISSION:
                values = [v.upper() for v in values]
            if values:
                filters[facet] = list(dict.fromkeys(v[:20] for v in values))
        sort = _clean(data.get("sort", ""))
        try:
            page = max(1, min(MAX_PAGE, int(data.get("page", 1))))
        except (TypeError, ValueError):
            page = 1
        q = " ".join(_clean(data.get("q") or "").split())[:MAX_QUERY]
        return cls(q=q, filters=filters, sort=sort if sort in SORTS else ("relevance" if q else "date"), page=page)

    def query_pairs(self, *, without: tuple[str, str] | None = None, extra: tuple[str, str] | None = None, page=None):
        pairs = [("q", self.q)] if self.q else []
        for facet in FACETS:
            for value in self.filters.get(facet, []):
                if (facet, value) != without:
                    pairs.append((facet, value))
        if extra and extra not in pairs:
            pairs.append(extra)
        if self.sort != ("relevance" if self.q else "date"):
            pairs.append(("sort", self.sort))
        if page and page > 1:
            pairs.append(("page", str(page)))
        return pairs

    def url(self, **kwargs) -> str:
        return "?" + urlencode(self.query_pairs(**kwargs))


# ---------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------


CONFIG_LEXEME = "zzcfg"  # each vector carries "zzcfg<configuration>", so one tsquery serves every language


class TsQueryText(Func):
    """A tsquery given as its text (built by :func:`pg_tsquery`)."""

    template = "%(expressions)s::tsquery"


class TsMatch(Func):
    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def pg_tsquery(q: str) -> str:
    """The query as one tsquery for the whole index: per text-search configuration, ``q`` parsed with
    ``websearch_to_tsquery`` in it, AND that configuration's marker lexeme, OR-ed together (configurations
    that parse ``q`` alike share a branch). So each row is matched by the query parsed in its own
    language ("-detention" excludes English rows with "detained") and the GIN index answers it in one
    scan. An empty string when ``q`` has nothing to search for (only stop words)."""
    from django.db import connection as conn

    configs = search_configs()
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join("websearch_to_tsquery(%s::regconfig, %s)::text" for _ in configs),
            [value for config in configs for value in (config, q)],
        )
        parsed = cursor.fetchone()
    branches: dict[str, list[str]] = {}
    for config, text in zip(configs, parsed, strict=True):
        if text:
            branches.setdefault(text, []).append(config)
    return " | ".join(
        f"( {text} ) & ( {' | '.join(repr(CONFIG_LEXEME + c) for c in sorted(group))} )"
        for text, group in sorted(branches.items())
    )


def _text_condition(q: str, *, like: bool = False, tsquery: str | None = None) -> Q:
    """The rows matching ``q``: full-text search on PostgreSQL (see :func:`pg_tsquery`); every word or
    phrase in the text and no excluded one elsewhere. ``like`` forces the portable fallback (the
    benchmark's ILIKE baseline)."""
    if uses_postgres() and not like:
        tsquery = pg_tsquery(q) if tsquery is None else tsquery
        if not tsquery:
            return Q(pk__in=[])
        return Q(TsMatch(F("search__search_vector"), TsQueryText(Value(tsquery))))
    parsed = parse_websearch(q)
    condition = Q()
    for term in parsed.include:
        condition &= Q(title__icontains=term) | Q(summary__icontains=term) | Q(body__icontains=term)
    for term in parsed.exclude:
        condition &= ~(Q(title__icontains=term) | Q(summary__icontains=term) | Q(body__icontains=term))
    return condition


def _rank(q: str, *, like: bool = False, tsquery: str = ""):
    if uses_postgres() and not like:
        return Func(
            F("search__search_vector"), TsQueryText(Value(tsquery)), function="ts_rank", output_field=FloatField()
        )
    score = Value(0, output_field=IntegerField())
    for term in parse_websearch(q).include:
        for name, weight in (("title", 4), ("summary", 2), ("body", 1)):
            score = score + Case(
                When(**{f"{name}__icontains": term}, then=Value(weight)), default=Value(0), output_field=IntegerField()
            )
    return score


def entries_for(params: SearchParams, *, like: bool = False, tsquery: str | None = None) -> QuerySet[IndexEntry]:
    """The entries a search (words and facet filters) leads to, unordered."""
    queryset = IndexEntry.objects.all()
    if params.q:
        queryset = queryset.filter(_text_condition(params.q, like=like, tsquery=tsquery))
    for facet, values in params.filters.items():
        for value in values:
            queryset = queryset.filter(pk__in=IndexTag.objects.filter(facet=facet, value=value).values("entry_id"))
    return queryset


# ---------------------------------------------------------------------------
# Labels
# ---------------------------------------------------------------------------


def facet_labels(values: dict[str, set[str]]) -> dict[str, dict[str, str]]:
    """Readable labels of facet values: kinds and languages from the code, the reference data's from
    :func:`reference_labels`; a value without a label is its own label."""
    labels: dict[str, dict[str, str]] = {facet: {} for facet in FACETS}
    kinds = kind_labels()
    languages = dict(CONTENT_LANGUAGE_CHOICES)
    reference = reference_labels()
    for facet in FACETS:
        known = reference.get(facet, {})
        for value in values.get(facet, ()):
            if facet == Facet.KIND:
                labels[facet][value] = str(kinds.get(value, value))
            elif facet == Facet.LANGUAGE:
                labels[facet][value] = str(languages.get(value, value))
            else:
                labels[facet][value] = known.get(value, value)
    return labels


def reference_labels() -> dict[str, dict[str, str]]:
    """The label of every value of the facets that are reference data (countries, objectives,
    principles, regions, commissions, thematic areas), in the active language: kept by the page cache's
    fragments until the reference data change, so a search page reads them with one cache round trip
    instead of a query per facet."""
    return remember("hub:facet-labels", ("taxonomy.*",), _reference_labels)


def _reference_labels() -> dict[str, dict[str, str]]:
    lookups = (
        (Facet.COUNTRY, Country.objects.all(), "iso2", str),
        (
            Facet.OBJECTIVE,
            Objective.objects.all(),
            "number",
            lambda o: _("Objective %(number)s: %(label)s") % {"number": o.number, "label": o.translated("short_label")},
        ),
        (Facet.PRINCIPLE, GuidingPrinciple.objects.all(), "letter", lambda p: p.translated("name")),
        (Facet.REGION, M49Region.objects.all(), "code", lambda r: r.name),
        (Facet.COMMISSION, RegionalCommission.objects.all(), "code", lambda c: c.code),
        (Facet.THEMATIC, MptfThematicArea.objects.all(), "number", lambda t: t.translated("name")),
    )
    return {
        facet: {str(getattr(obj, key)): str(label(obj)) for obj in queryset} for facet, queryset, key, label in lookups
    }


# ---------------------------------------------------------------------------
# Search
# ---------------------------------------------------------------------------


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str  # adds this value to the search, or removes it when selected


@dataclass
class ResultItem:
    entry: IndexEntry
    kind_label: str
    snippet: str
    countries: list[tuple[str, str]]
    objectives: list[tuple[str, str]]


@dataclass
class SearchResult:
    params: SearchParams
    total: int
    items: list[ResultItem]
    facets: dict[str, list[FacetValue]]
    selected: list[FacetValue]
    page: int
    pages: int
    page_size: int

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    def page_url(self, page: int) -> str:
        return self.params.url(page=page)


_MARK_OPEN, _MARK_CLOSE = "\u27e6", "\u27e7"


def _marked(text: str) -> str:
    """Escape ``text`` and turn the headline's markers into <mark> (the markers come from ts_headline
    or the fallback; anything the author wrote is escaped)."""
    escaped = escape(text.replace("\n", " "))
    return mark_safe(escaped.replace(_MARK_OPEN, "<mark>").replace(_MARK_CLOSE, "</mark>"))


def _fallback_snippet(entry_text: str, q: str, width: int = 220) -> str:
    terms = [t for t in parse_websearch(q).include if t]
    text = " ".join(entry_text.split())
    start = 0
    lowered = text.lower()
    for term in terms:
        found = lowered.find(term.lower())
        if found >= 0:
            start = max(0, found - width // 3)
            break
    piece = text[start : start + width]
    for term in sorted(terms, key=len, reverse=True):
        piece = re.sub(re.escape(term), lambda m: f"{_MARK_OPEN}{m.group(0)}{_MARK_CLOSE}", piece, flags=re.I)
    return ("… " if start else "") + piece + (" …" if start + width < len(text) else "")


def _headline():
    return (
        "ts_headline(search_config::regconfig, left(summary || ' ' || body, %s), "
        "websearch_to_tsquery(search_config::regconfig, %s), %s)"
    )


def _snippets(entries: list[IndexEntry], q: str, *, like: bool = False) -> dict[int, str]:
    """Highlighted passages for the displayed page only (the fallback's; PostgreSQL's come with the page,
    see :func:`_pg_page`)."""
    if not entries:
        return {}
    if not q:
        return {e.pk: _marked(e.summary[:240] + ("…" if len(e.summary) > 240 else "")) for e in entries}
    return {e.pk: _marked(_fallback_snippet(f"{e.summary} {e.body}", q)) for e in entries}


def _pg_where(tsquery: str, params: SearchParams) -> tuple[str, list]:
    """The search rows that match the words and carry every selected facet value."""
    required = [f"{facet}:{value}" for facet, values in params.filters.items() for value in values]
    if required:
        return "search_vector @@ %s::tsquery AND facets @> %s::text[]", [tsquery, required]
    return "search_vector @@ %s::tsquery", [tsquery]


def _pg_matches(
    params: SearchParams, tsquery: str, *, page_size: int, with_facets: bool
) -> tuple[dict[str, dict[str, int]], int, int, list[tuple[int, list[str]]]]:
    """PostgreSQL with words: the facet counts (one grouped query over the matching search rows' facet
    arrays), the total, the page, and the page's entry ids with their facet values, in order (relevance:
    ``ts_rank``, then the newest; or the newest). Both queries read only the narrow search rows; the
    GIN index finds them."""
    table = IndexSearch._meta.db_table
    where, args = _pg_where(tsquery, params)
    counts: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    if params.sort == "relevance":
        order, order_args = (
            "ts_rank(search_vector, %s::tsquery) DESC, published_at DESC NULLS LAST, entry_id DESC",
            [tsquery],
        )
    else:
        order, order_args = "published_at DESC NULLS LAST, entry_id DESC", []
    with connection.cursor() as cursor:
        if with_facets:
            # Every entry has exactly one kind, so the kinds' counts add up to the number of results.
            cursor.execute(
                f"SELECT facet_value, count(*) FROM {table}, unnest(facets) AS facet_value WHERE {where} "
                "GROUP BY facet_value",
                args,
            )
            for pair, n in cursor.fetchall():
                facet, _sep, value = pair.partition(":")
                counts.setdefault(facet, {})[value] = n
            total = sum(counts[Facet.KIND].values())
        else:
            cursor.execute(f"SELECT count(*) FROM {table} WHERE {where}", args)
            total = cursor.fetchone()[0]
        pages = max(1, -(-total // page_size))
        page = min(params.page, pages)
        rows: list[tuple[int, list[str]]] = []
        if total:
            cursor.execute(
                f"SELECT entry_id, facets FROM {table} WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s",
                [*args, *order_args, page_size, (page - 1) * page_size],
            )
            rows = cursor.fetchall()
    return counts, total, page, rows


def _pg_page(rows: list[tuple[int, list[str]]], q: str) -> tuple[list[IndexEntry], dict[int, str]]:
    """The entries of the page, in order, with their snippets made by ``ts_headline`` (one query; the
    headline reads the first ``HEADLINE_TEXT`` characters of the summary and text)."""
    if not rows:
        return [], {}
    found = {
        entry.pk: entry
        for entry in IndexEntry.objects.filter(pk__in=[pk for pk, _facets in rows])
        .defer("body")
        .annotate(headline=RawSQL(_headline(), (HEADLINE_TEXT, q, HEADLINE_OPTIONS)))
    }
    entries = [found[pk] for pk, _facets in rows if pk in found]
    return entries, {entry.pk: _marked(entry.headline) for entry in entries}


def hub_search(
    params: SearchParams, *, page_size: int = PAGE_SIZE, with_facets: bool = True, like: bool = False
) -> SearchResult:
    """One page of results with facet counts. ``like`` runs the same search with the portable fallback
    (LIKE on the text columns) instead of full-text search: the benchmark's baseline."""
    tsquery = pg_tsquery(params.q) if params.q and uses_postgres() and not like else ""
    tags_of: dict[int, list[tuple[str, str]]] = {}
    if tsquery:
        counts, total, page, rows = _pg_matches(params, tsquery, page_size=page_size, with_facets=with_facets)
        pages = max(1, -(-total // page_size))
        entries, snippets = _pg_page(rows, params.q)
        for entry_id, facets in rows:
            for pair in facets:
                facet, _sep, value = pair.partition(":")
                if facet in (Facet.COUNTRY, Facet.OBJECTIVE):
                    tags_of.setdefault(entry_id, []).append((facet, value))
    else:
        counts, total, page, pages, entries = _portable_matches(
            params, tsquery, page_size=page_size, with_facets=with_facets, like=like
        )
        for entry_id, facet, value in IndexTag.objects.filter(
            entry_id__in=[e.pk for e in entries], facet__in=[Facet.COUNTRY, Facet.OBJECTIVE]
        ).values_list("entry_id", "facet", "value"):
            tags_of.setdefault(entry_id, []).append((facet, value))
        snippets = _snippets(entries, params.q, like=like)

    wanted: dict[str, set[str]] = {facet: set(values) for facet, values in counts.items()}
    for facet, values in params.filters.items():
        wanted.setdefault(facet, set()).update(values)
    for facet, value in (pair for pairs in tags_of.values() for pair in pairs):
        wanted[facet].add(value)
    labels = facet_labels(wanted)

    facets: dict[str, list[FacetValue]] = {}
    for facet in FACETS:
        chosen = set(params.filters.get(facet, []))
        values = [
            FacetValue(
                value,
                labels[facet].get(value, value),
                n,
                value in chosen,
                params.url(without=(facet, value)) if value in chosen else params.url(extra=(facet, value)),
            )
            for value, n in counts.get(facet, {}).items()
        ]
        if facet == Facet.YEAR:
            values.sort(key=lambda v: v.value, reverse=True)
        elif facet == Facet.OBJECTIVE:
            values.sort(key=lambda v: (not v.selected, int(v.value) if v.value.isdecimal() else 0))
        else:
            values.sort(key=lambda v: (not v.selected, -v.count, v.label))
        facets[facet] = values if facet == Facet.OBJECTIVE else values[:FACET_LIMIT]
    selected = [
        FacetValue(
            value,
            labels[facet].get(value, value),
            counts.get(facet, {}).get(value, 0),
            True,
            params.url(without=(facet, value)),
        )
        for facet, values in params.filters.items()
        for value in values
    ]

    kinds = kind_labels()
    items = [
        ResultItem(
            entry=entry,
            kind_label=str(kinds.get(entry.kind, entry.kind)),
            snippet=snippets.get(entry.pk, ""),
            countries=sorted(
                (v, labels[Facet.COUNTRY].get(v, v)) for f, v in tags_of.get(entry.pk, []) if f == Facet.COUNTRY
            ),
            objectives=sorted(
                ((v, labels[Facet.OBJECTIVE].get(v, v)) for f, v in tags_of.get(entry.pk, []) if f == Facet.OBJECTIVE),
                key=lambda pair: int(pair[0]) if pair[0].isdecimal() else 0,
            ),
        )
        for entry in entries
    ]
    return SearchResult(params, total, items, facets, selected, page, pages, page_size)


def _portable_matches(params: SearchParams, tsquery: str, *, page_size: int, with_facets: bool, like: bool):
    """Without words, on other databases, or with ``like``: the matches through the ORM, the facet
    counts from the tags (one grouped query), the page of entries. (On PostgreSQL, words with nothing to
    search for, only stop words, come here with an empty ``tsquery`` and match nothing.)"""
    matching = entries_for(params, like=like, tsquery=None if like else tsquery)
    counts: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    if with_facets:
        # Every facet's counts in one grouped query; every entry has exactly one kind, so the kinds'
        # counts add up to the number of results and no separate COUNT reads the matches again.
        rows = (
            IndexTag.objects.filter(entry_id__in=matching.values("pk"))
            .values_list("facet", "value")
            .annotate(n=Count("id"))
            .order_by()
        )
        for facet, value, n in rows:
            counts.setdefault(facet, {})[value] = n
        total = sum(counts[Facet.KIND].values())
    else:
        total = matching.count()
    pages = max(1, -(-total // page_size))
    page = min(params.page, pages)
    if params.sort == "relevance" and params.q:
        ordered = matching.annotate(rank=_rank(params.q, like=like)).order_by("-rank", "-published_at", "-id")
    else:
        ordered = matching.order_by(F("published_at").desc(nulls_last=True), "-id")
    offset = (page - 1) * page_size
    if not params.q:
        ordered = ordered.defer("body")  # the snippet is the summary
    entries = list(ordered[offset : offset + page_size]) if total else []
    return counts, total, page, pages, entries


def search_suggestions(q: str, *, limit: int = 5) -> dict[str, list]:
    """Country and objective pages whose names match what was typed ("Ghana", "objective 6", "remittances")."""
    q = " ".join(q.split())
    if len(q) < 3 and not q.isdigit():
        return {"countries": [], "objectives": []}
    countries = list(
        Country.objects.filter(Q(name__icontains=q) | Q(official_name__icontains=q) | Q(iso3__iexact=q)).order_by(
            "sort_name"
        )[:limit]
    )
    number = re.fullmatch(r"(?:objective|objectif|objetivo|obj\.?)?\s*#?(\d{1,2})", q, flags=re.I)
    condition = Q(short_label__icontains=q) | Q(title__icontains=q)
    if number:
        condition |= Q(number=int(number.group(1)))
    objectives = list(Objective.objects.filter(condition).order_by("number")[:limit])
    return {"countries": countries, "objectives": objectives}
