"""FilterSets shared by the HTML lists, their CSV/XLSX exports and the API. The GCM vocabulary
(country, objective) comes from ``gcm_portal.taxonomy.filters``."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gcm_portal.taxonomy.filters import CountryFilter, ObjectiveFilter
from gcm_portal.taxonomy.models import MptfThematicArea, UnEntity

from .choices import ConceptNoteStatus, Earmarking, ExpenditureKind, ProgrammeStatus
from .models import ConceptNote, Contribution, Donor, Expenditure, FundingWindow, JointProgramme, Transfer

__all__ = [
    "ConceptNoteFilterSet",
    "ContributionFilterSet",
    "ExpenditureFilterSet",
    "JointProgrammeFilterSet",
    "TransferFilterSet",
]


def _thematic_area(field_name="thematic_area"):
    return django_filters.ModelChoiceFilter(
        field_name=field_name,
        queryset=MptfThematicArea.objects.all(),
        to_field_name="number",
        label=_("Thematic area (number)"),
    )


def _window(field_name="window"):
    return django_filters.ModelChoiceFilter(
        field_name=field_name, queryset=FundingWindow.objects.all(), to_field_name="code", label=_("Funding window")
    )


def _organisation(field_name: str, label=None):
    return django_filters.ModelChoiceFilter(
        field_name=field_name,
        queryset=UnEntity.objects.order_by("code"),
        to_field_name="code",
        label=label or _("Participating organisation"),
        distinct=True,
    )


def _year(field_name: str, label):
    return django_filters.NumberFilter(field_name=field_name, label=label, min_value=2019, max_value=2100)


def _programme():
    return django_filters.ModelChoiceFilter(
        field_name="programme",
        queryset=JointProgramme.objects.order_by("code"),
        to_field_name="code",
        label=_("Joint programme (code)"),
    )


class JointProgrammeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Words in the title"))
    country = CountryFilter("countries", distinct=True)
    thematic_area = _thematic_area()
    window = _window()
    objective = ObjectiveFilter()
    status = django_filters.ChoiceFilter(choices=ProgrammeStatus.choices, label=_("Status"))
    organisation = _organisation("participants__entity")
    year = django_filters.NumberFilter(
        method="running_in", label=_("Running in the year"), min_value=2019, max_value=2100
    )

    class Meta:
        model = JointProgramme
        fields = ["q", "country", "thematic_area", "window", "objective", "status", "organisation", "year"]

    def running_in(self, queryset, name, value):
        if value in (None, ""):
            return queryset
        year = int(value)
        return queryset.filter(start_date__year__lte=year).filter(
            Q(end_date__isnull=True) | Q(end_date__year__gte=year)
        )


class ConceptNoteFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Words in the title"))
    country = CountryFilter("countries", distinct=True)
    thematic_area = _thematic_area()
    window = _window()
    objective = ObjectiveFilter()
    status = django_filters.ChoiceFilter(choices=ConceptNoteStatus.choices, label=_("Status"))
    lead = _organisation("lead_entity", _("Lead organisation"))

    class Meta:
        model = ConceptNote
        fields = ["q", "country", "thematic_area", "window", "objective", "status", "lead"]


class ContributionFilterSet(django_filters.FilterSet):
    donor = django_filters.ModelChoiceFilter(queryset=Donor.objects.all(), label=_("Donor"))
    earmarking = django_filters.ChoiceFilter(choices=Earmarking.choices, label=_("Earmarking"))
    year = _year("pledged_on__year", _("Year pledged"))

    class Meta:
        model = Contribution
        fields = ["donor", "earmarking", "year"]


class TransferFilterSet(django_filters.FilterSet):
    programme = _programme()
    organisation = _organisation("organisation")
    year = _year("transferred_on__year", _("Year transferred"))

    class Meta:
        model = Transfer
        fields = ["programme", "organisation", "year"]


class ExpenditureFilterSet(django_filters.FilterSet):
    programme = _programme()
    organisation = _organisation("organisation")
    year = _year("year", _("Year"))
    kind = django_filters.ChoiceFilter(choices=ExpenditureKind.choices, label=_("Interim or final"))

    class Meta:
        model = Expenditure
        fields = ["programme", "organisation", "year", "kind"]
