"""Read-only, public endpoints for the GCM taxonomy."""

from rest_framework import viewsets

from gcm_portal.api.permissions import PublicReadOnly

from .. import selectors
from ..filtersets import (
    CountryFilterSet,
    ObjectiveFilterSet,
    RegionFilterSet,
    SdgTargetFilterSet,
    UnEntityFilterSet,
)
from ..models import M49Region
from . import serializers


class TaxonomyViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [PublicReadOnly]
    page_cache_kinds = ("taxonomy.*",)  # only reference-data changes invalidate their cached answers


class CountryViewSet(TaxonomyViewSet):
    """Countries and areas (ISO 3166-1), with their M49 regions and regional commissions."""

    serializer_class = serializers.CountrySerializer
    filterset_class = CountryFilterSet
    lookup_field = "iso2"
    lookup_value_regex = "[A-Za-z]{2}"
    ordering_fields = ["name", "iso2", "m49"]

    def get_queryset(self):
        return selectors.country_list()

    def get_object(self):
        self.kwargs[self.lookup_field] = self.kwargs[self.lookup_field].upper()
        return super().get_object()


class RegionViewSet(TaxonomyViewSet):
    """UN M49 regions, sub-regions and intermediate regions."""

    serializer_class = serializers.RegionSerializer
    filterset_class = RegionFilterSet
    lookup_field = "code"
    queryset = M49Region.objects.select_related("parent")


class CommissionViewSet(TaxonomyViewSet):
    """The five UN regional commissions, which run the GCM regional reviews."""

    serializer_class = serializers.CommissionSerializer
    lookup_field = "code"
    filterset_fields: list[str] = []

    def get_queryset(self):
        return selectors.commission_list()


class ObjectiveViewSet(TaxonomyViewSet):
    """The 23 GCM objectives (A/RES/73/195, para 16)."""

    serializer_class = serializers.ObjectiveSerializer
    filterset_class = ObjectiveFilterSet
    lookup_field = "number"

    def get_queryset(self):
        return selectors.objective_list()


class PrincipleViewSet(TaxonomyViewSet):
    """The 10 cross-cutting guiding principles (A/RES/73/195, para 15)."""

    serializer_class = serializers.PrincipleSerializer
    lookup_field = "letter"
    filterset_fields: list[str] = []

    def get_queryset(self):
        return selectors.principle_list()


class ThematicAreaViewSet(TaxonomyViewSet):
    """The five Migration MPTF thematic areas and the objectives they group (unverified mapping)."""

    serializer_class = serializers.ThematicAreaSerializer
    lookup_field = "number"
    filterset_fields: list[str] = []

    def get_queryset(self):
        return selectors.thematic_area_list()


class SdgTargetViewSet(TaxonomyViewSet):
    """SDG target 10.7 and related targets, with the GCM objectives they relate to."""

    serializer_class = serializers.SdgTargetSerializer
    filterset_class = SdgTargetFilterSet
    lookup_field = "code"
    lookup_value_regex = r"[0-9]+\.[0-9a-z]+"

    def get_queryset(self):
        return selectors.sdg_target_list()


class EntityViewSet(TaxonomyViewSet):
    """UN Network on Migration member entities."""

    serializer_class = serializers.EntitySerializer
    filterset_class = UnEntityFilterSet
    lookup_field = "code"

    def get_queryset(self):
        return selectors.entity_list()
