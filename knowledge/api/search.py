"""The API of the unified index: search with facet counts, a country's overview and the country x
objective matrix. Public reads of what is published (the index holds nothing else)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from gcm_portal.api.permissions import PublicReadOnly
from gcm_portal.api.schema import PROBLEM, PortalAutoSchema
from gcm_portal.taxonomy.models import Country

from ..selectors.overview import MatrixScope, country_overview, matrix_for
from ..selectors.search import FACETS, SearchParams, hub_search


class _OneObjectSchema(PortalAutoSchema):
    """One object at a collection-like address, not a list."""

    def _is_list_view(self, serializer=None) -> bool:
        return False


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class SearchHitSerializer(serializers.Serializer):
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField(help_text="The record's public page.")
    language = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    snippet = serializers.CharField(help_text="A passage with the matched words in <mark>; the rest is escaped.")
    countries = serializers.ListField(child=serializers.CharField(), help_text="ISO alpha-2 codes.")
    objectives = serializers.ListField(child=serializers.IntegerField())


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    results = SearchHitSerializer(many=True)
    facets = serializers.DictField(
        child=FacetValueSerializer(many=True), help_text="Per facet, its values with counts."
    )


SEARCH_PARAMETERS = [
    OpenApiParameter("q", str, description='Words; "a phrase" in quotes; -word to leave it out.'),
    *[
        OpenApiParameter(facet, str, many=True, description="Repeat to combine (every value must match).")
        for facet in FACETS
    ],
    OpenApiParameter("sort", str, enum=["relevance", "date"]),
    OpenApiParameter("page", int),
]


class SearchViewSet(viewsets.ViewSet):
    """Everything published, with facet counts: kind, objective, principle, region, commission, country,
    language, year and thematic area. A facet count is the number of results its filter leads to."""

    schema = _OneObjectSchema()
    permission_classes = [PublicReadOnly]
    pagination_class = None
    filter_backends: list = []

    @extend_schema(parameters=SEARCH_PARAMETERS, responses=SearchResponseSerializer)
    def list(self, request):
        params = SearchParams.from_query(request.query_params)
        result = hub_search(params)
        base = request.build_absolute_uri(request.path)
        data = {
            "count": result.total,
            "page": result.page,
            "pages": result.pages,
            "next": base + result.page_url(result.page + 1) if result.has_next else None,
            "previous": base + result.page_url(result.page - 1) if result.has_previous else None,
            "results": [
                {
                    "kind": item.entry.kind,
                    "kind_label": item.kind_label,
                    "title": item.entry.title,
                    "url": request.build_absolute_uri(item.entry.url),
                    "language": item.entry.language,
                    "year": item.entry.year,
                    "published_at": item.entry.published_at,
                    "snippet": str(item.snippet),
                    "countries": [code for code, _name in item.countries],
                    "objectives": [int(n) for n, _label in item.objectives],
                }
                for item in result.items
            ],
            "facets": {
                facet: [{"value": v.value, "label": v.label, "count": v.count, "selected": v.selected} for v in values]
                for facet, values in result.facets.items()
            },
        }
        return Response(SearchResponseSerializer(data).data)


class KindCountSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class OverviewItemSerializer(serializers.Serializer):
    kind = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)


class CountryOverviewSerializer(serializers.Serializer):
    country = serializers.CharField(help_text="ISO alpha-2 code.")
    name = serializers.CharField()
    total = serializers.IntegerField()
    kinds = KindCountSerializer(many=True)
    latest = OverviewItemSerializer(many=True)
    objectives = serializers.DictField(child=serializers.IntegerField(), help_text="Objective number -> items.")


class CountryOverviewViewSet(viewsets.ViewSet):
    """Everything published about a country across the portal, from the unified index."""

    schema = _OneObjectSchema()
    permission_classes = [PublicReadOnly]
    pagination_class = None
    filter_backends: list = []

    @extend_schema(
        parameters=[OpenApiParameter("code", OpenApiTypes.STR, OpenApiParameter.PATH, description="ISO alpha-2")],
        responses=CountryOverviewSerializer,
    )
    def list(self, request, code: str):
        country = get_object_or_404(Country, iso2=code.replace("\x00", "").upper()[:2])
        overview = country_overview(country)
        data = {
            "country": country.iso2,
            "name": country.name,
            "total": overview["total"],
            "kinds": [{**k, "label": str(k["label"])} for k in overview["kinds"]],
            "latest": [
                {
                    "kind": e.kind,
                    "title": e.title,
                    "url": request.build_absolute_uri(e.url),
                    "published_at": e.published_at,
                }
                for e in overview["latest"]
            ],
            "objectives": {str(k): v for k, v in sorted(overview["objectives"].items())},
        }
        return Response(CountryOverviewSerializer(data).data)


class MatrixRowSerializer(serializers.Serializer):
    objective = serializers.IntegerField()
    reported = serializers.IntegerField()
    pledged = serializers.IntegerField()
    practised = serializers.IntegerField()
    funded = serializers.IntegerField()
    all = serializers.IntegerField(help_text="Every published item tagged with the objective in the scope.")
    gap = serializers.ChoiceField(choices=["", "reported_only", "unreported"])


class MatrixSerializer(serializers.Serializer):
    scope = serializers.CharField(help_text='"country", "region", "commission" or "global".')
    code = serializers.CharField()
    label = serializers.CharField()
    rows = MatrixRowSerializer(many=True)


class MatrixViewSet(viewsets.ViewSet):
    """The country x objective matrix for a country, an M49 region, a regional commission, or globally:
    per objective, how many published items were reported, pledged, practised and funded."""

    schema = _OneObjectSchema()
    permission_classes = [PublicReadOnly]
    pagination_class = None
    filter_backends: list = []

    @extend_schema(
        parameters=[
            OpenApiParameter("country", str, description="ISO alpha-2 code"),
            OpenApiParameter("region", str, description="M49 code"),
            OpenApiParameter("commission", str, description="e.g. ECA"),
        ],
        responses={
            200: MatrixSerializer,
            404: OpenApiResponse(PROBLEM, description="No such country, region or commission."),
        },
    )
    def list(self, request):
        scope = MatrixScope.from_query(request.query_params)
        if scope is None:
            raise Http404
        matrix = matrix_for(scope)
        data = {
            "scope": scope.facet or "global",
            "code": scope.value,
            "label": scope.label,
            "rows": [{"objective": row.objective.number, **row.counts, "gap": row.gap} for row in matrix.rows],
        }
        return Response(MatrixSerializer(data).data)
