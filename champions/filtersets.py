"""FilterSets shared by the HTML lists and the API. The GCM vocabulary (country, region, commission,
objective) comes from ``gcm_portal.taxonomy.filters``."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from gcm_portal.core.curation import CurationState
from gcm_portal.taxonomy.filters import CommissionFilter, CountryFilter, ObjectiveFilter, RegionFilter

from .choices import ActivityKind, CommitmentStatus, PlanStatus
from .models import Activity, Champion, Commitment, FocusArea, MembershipFact

__all__ = ["ActivityFilterSet", "ChampionFilterSet", "CommitmentFilterSet", "MembershipFactFilterSet"]


@extend_schema_field(OpenApiTypes.STR)
class ChampionRegionFilter(RegionFilter):
    """The taxonomy's region filter, documented as the M49 code it takes (a champion has no region field
    of its own: it is its country's)."""


def _focus_area_filter(field_name: str):
    return django_filters.ModelChoiceFilter(
        field_name=field_name,
        queryset=FocusArea.objects.all(),
        to_field_name="number",
        label=_("Focus area"),
        distinct=True,
    )


class ChampionFilterSet(django_filters.FilterSet):
    region = ChampionRegionFilter("country")
    commission = CommissionFilter("country__commissions", distinct=True)
    focus_area = _focus_area_filter("focus_areas")
    plan_status = django_filters.ChoiceFilter(choices=PlanStatus.choices, label=_("National implementation plan"))
    active_on = django_filters.DateFilter(
        method="filter_active_on", label=_("Champion on (YYYY-MM-DD)"), help_text=_("e.g. 2020-10-19")
    )

    class Meta:
        model = Champion
        fields = ["region", "commission", "focus_area", "plan_status", "active_on"]

    def filter_active_on(self, queryset, name, value):
        return queryset.active_on(value) if value else queryset


class CommitmentFilterSet(django_filters.FilterSet):
    country = CountryFilter("champion__country")
    objective = ObjectiveFilter()
    focus_area = _focus_area_filter("focus_areas")
    status = django_filters.ChoiceFilter(choices=CommitmentStatus.choices, label=_("Status"))
    curation = django_filters.ChoiceFilter(choices=CurationState.choices, label=_("Curation"))

    class Meta:
        model = Commitment
        fields = ["country", "objective", "focus_area", "status", "curation"]


class ActivityFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=ActivityKind.choices, label=_("Type"))
    country = CountryFilter("hosts", distinct=True, label=_("Host country"))
    champion = CountryFilter("champions__country", distinct=True, label=_("Participating champion"))
    objective = ObjectiveFilter()
    year = django_filters.NumberFilter(field_name="start_date__year", label=_("Year"), min_value=1990, max_value=2100)
    curation = django_filters.ChoiceFilter(choices=CurationState.choices, label=_("Curation"))

    class Meta:
        model = Activity
        fields = ["kind", "country", "champion", "objective", "year", "curation"]


class MembershipFactFilterSet(django_filters.FilterSet):
    country = CountryFilter("membership__champion__country")

    class Meta:
        model = MembershipFact
        fields = ["country", "kind", "verified"]
