"""Country and objective overviews and the country x objective matrix, read from the unified index (one
grouped query each, whatever the number of apps)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from gcm_portal.taxonomy.models import Country, M49Region, Objective, RegionalCommission

from ..choices import Facet
from ..models import IndexEntry, IndexTag
from .search import kind_labels

__all__ = ["MATRIX_COLUMNS", "Matrix", "MatrixScope", "country_overview", "matrix_for", "objective_overview"]

# The matrix's columns: what was reported, pledged, practised and funded (each one kind of the index),
# then everything published about the objective in the scope.
MATRIX_COLUMNS = [
    ("reported", _("Reported"), "report"),
    ("pledged", _("Pledged"), "pledge"),
    ("practised", _("Practised"), "practice"),
    ("funded", _("Funded"), "programme"),
]
ACTION_COLUMNS = ("pledged", "practised", "funded")


def _tagged(facet: str, value: str) -> QuerySet:
    return IndexTag.objects.filter(facet=facet, value=value).values("entry_id")


@dataclass
class MatrixScope:
    """Where the matrix looks: a country, an M49 region, a regional commission, or everywhere."""

    facet: str | None = None
    value: str = ""
    label: str = ""
    obj: object | None = None

    @classmethod
    def from_query(cls, data) -> MatrixScope | None:
        """None when the named country, region or commission does not exist (a 404)."""
        data = {key: str(data.get(key) or "").replace("\x00", "") for key in ("country", "region", "commission")}
        if data.get("country"):
            country = Country.objects.filter(iso2=data["country"].upper()[:2]).first()
            return cls(Facet.COUNTRY, country.iso2, country.name, country) if country else None
        if data.get("region"):
            region = M49Region.objects.filter(code=data["region"][:3]).first()
            return cls(Facet.REGION, region.code, region.name, region) if region else None
        if data.get("commission"):
            commission = RegionalCommission.objects.filter(code=data["commission"].upper()[:10]).first()
            return cls(Facet.COMMISSION, commission.code, commission.code, commission) if commission else None
        return cls(label=str(_("All countries")))

    def entries(self) -> QuerySet:
        if self.facet is None:
            return IndexEntry.objects.all()
        return IndexEntry.objects.filter(pk__in=_tagged(self.facet, self.value))

    def query_pairs(self) -> list[tuple[str, str]]:
        return [(self.facet, self.value)] if self.facet else []


@dataclass
class MatrixRow:
    objective: Objective
    counts: dict[str, int]  # column -> count, "all" -> everything
    gap: str  # "", "reported_only" (reported, nothing done) or "unreported" (done, not reported)


@dataclass
class Matrix:
    scope: MatrixScope
    rows: list[MatrixRow]
    columns: list[tuple[str, str, str]]

    @property
    def gaps(self) -> list[MatrixRow]:
        return [row for row in self.rows if row.gap]


def matrix_for(scope: MatrixScope) -> Matrix:
    """For each of the 23 objectives, how many published items of each kind the scope holds (one query
    for the counts, one for the objectives)."""
    kinds = {kind: column for column, _label, kind in MATRIX_COLUMNS}
    counts: dict[str, dict[str, int]] = {}
    rows = (
        IndexTag.objects.filter(facet=Facet.OBJECTIVE, entry__in=scope.entries())
        .values_list("value", "entry__kind")
        .annotate(n=Count("entry_id"))
        .order_by()
    )
    for value, kind, n in rows:
        cell = counts.setdefault(value, {})
        cell["all"] = cell.get("all", 0) + n
        if kind in kinds:
            cell[kinds[kind]] = cell.get(kinds[kind], 0) + n
    result = []
    for objective in Objective.objects.order_by("number"):
        cell = counts.get(str(objective.number), {})
        values = {column: cell.get(column, 0) for column, _label, _kind in MATRIX_COLUMNS}
        values["all"] = cell.get("all", 0)
        acted = any(values[c] for c in ACTION_COLUMNS)
        gap = ""
        if values["reported"] and not acted:
            gap = "reported_only"
        elif acted and not values["reported"]:
            gap = "unreported"
        result.append(MatrixRow(objective, values, gap))
    return Matrix(scope, result, MATRIX_COLUMNS)


def country_overview(country: Country, *, latest: int = 5) -> dict:
    """Everything published about a country, by kind: counts, the latest items of each kind, and the
    objectives they cover (three queries)."""
    entries = IndexEntry.objects.filter(pk__in=_tagged(Facet.COUNTRY, country.iso2))
    labels = kind_labels()
    by_kind = dict(entries.values_list("kind").annotate(n=Count("id")).order_by())
    recent = list(
        entries.order_by("-published_at", "-id").only("pk", "kind", "title", "url", "published_at", "year")[
            : latest * 3
        ]
    )
    objectives = dict(
        IndexTag.objects.filter(facet=Facet.OBJECTIVE, entry__in=entries)
        .values_list("value")
        .annotate(n=Count("entry_id"))
        .order_by()
    )
    return {
        "country": country,
        "total": sum(by_kind.values()),
        "kinds": [
            {"kind": kind, "label": labels.get(kind, kind), "count": by_kind[kind]}
            for kind in labels
            if by_kind.get(kind)
        ],
        "latest": recent[:latest],
        "objectives": {int(k): v for k, v in objectives.items() if k.isdecimal()},
    }


def objective_overview(objective: Objective, *, latest: int = 5) -> dict:
    """Everything tagged with an objective, by kind (two queries)."""
    entries = IndexEntry.objects.filter(pk__in=_tagged(Facet.OBJECTIVE, str(objective.number)))
    labels = kind_labels()
    by_kind = dict(entries.values_list("kind").annotate(n=Count("id")).order_by())
    recent = list(entries.order_by("-published_at", "-id").only("pk", "kind", "title", "url", "published_at")[:latest])
    return {
        "objective": objective,
        "total": sum(by_kind.values()),
        "kinds": [
            {"kind": kind, "label": labels.get(kind, kind), "count": by_kind[kind]}
            for kind in labels
            if by_kind.get(kind)
        ],
        "latest": recent,
    }
