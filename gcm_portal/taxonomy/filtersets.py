"""One FilterSet per model, shared by the HTML lists and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import CountryStatus, EntityKind
from .filters import CommissionFilter, RegionFilter
from .models import Country, M49Region, Objective, SdgTarget, UnEntity


class CountryFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Name or code"))
    commission = CommissionFilter("commissions")
    region = RegionFilter("")
    status = django_filters.ChoiceFilter(choices=CountryStatus.choices, label=_("Status"))

    class Meta:
        model = Country
        fields = ["q", "commission", "region", "status"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value)
            | Q(official_name__icontains=value)
            | Q(iso2__iexact=value)
            | Q(iso3__iexact=value)
            | Q(m49=value)
        )


class RegionFilterSet(django_filters.FilterSet):
    level = django_filters.CharFilter(field_name="level")
    parent = django_filters.CharFilter(field_name="parent__code", label=_("Parent region (code)"))

    class Meta:
        model = M49Region
        fields = ["level", "parent"]


class ObjectiveFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Words in the title"))
    round_table = django_filters.CharFilter(field_name="round_tables__code", label=_("IMRF round table"))
    thematic_area = django_filters.NumberFilter(field_name="thematic_areas__number", label=_("MPTF thematic area"))

    class Meta:
        model = Objective
        fields = ["q", "round_table", "thematic_area"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(short_label__icontains=value)) if value else queryset


class SdgTargetFilterSet(django_filters.FilterSet):
    goal = django_filters.NumberFilter(field_name="goal")
    objective = django_filters.NumberFilter(field_name="objectives__number")

    class Meta:
        model = SdgTarget
        fields = ["goal", "objective"]


class UnEntityFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=EntityKind.choices)
    executive_committee = django_filters.BooleanFilter(
        method="filter_executive_committee", label=_("On the Executive Committee today")
    )

    class Meta:
        model = UnEntity
        fields = ["kind", "executive_committee"]

    def filter_executive_committee(self, queryset, name, value):
        return queryset.with_executive_committee().filter(on_executive_committee=value)
