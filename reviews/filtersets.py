"""FilterSets shared by the HTML lists, the CSV export and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from gcm_portal.taxonomy.models import Country, Objective, RegionalCommission

from .choices import LANGUAGE_CHOICES, Curation, PledgeStatus, ReportStatus, ReviewStatus
from .models import Pledge, RegionalReview, ReviewCycle, StakeholderContribution, VoluntaryReport


class ReviewFilterSet(django_filters.FilterSet):
    cycle = django_filters.ModelChoiceFilter(queryset=ReviewCycle.objects.all(), to_field_name="code", label=_("Cycle"))
    commission = django_filters.ModelChoiceFilter(
        queryset=RegionalCommission.objects.all(), to_field_name="code", label=_("Regional commission")
    )
    status = django_filters.ChoiceFilter(choices=ReviewStatus.choices, label=_("Status"))

    class Meta:
        model = RegionalReview
        fields = ["cycle", "commission", "status"]


class ReportFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Words in the title"))
    country = django_filters.ModelChoiceFilter(
        queryset=Country.objects.all(),
        to_field_name="iso2",
        label=_("Country"),
    )
    commission = django_filters.ModelChoiceFilter(
        field_name="review__commission",
        queryset=RegionalCommission.objects.all(),
        to_field_name="code",
        label=_("Regional commission"),
    )
    cycle = django_filters.ModelChoiceFilter(
        field_name="review__cycle", queryset=ReviewCycle.objects.all(), to_field_name="code", label=_("Cycle")
    )
    review = django_filters.ModelChoiceFilter(queryset=RegionalReview.objects.all(), label=_("Regional review"))
    objective = django_filters.ModelChoiceFilter(
        field_name="objectives",
        queryset=Objective.objects.all(),
        to_field_name="number",
        label=_("Objective"),
        distinct=True,
    )
    language = django_filters.ChoiceFilter(choices=LANGUAGE_CHOICES, method="filter_language", label=_("Language"))
    year = django_filters.NumberFilter(
        field_name="published_at__year", label=_("Year published"), min_value=1990, max_value=2100
    )
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices, label=_("Status"))

    class Meta:
        model = VoluntaryReport
        fields = ["q", "country", "commission", "cycle", "review", "objective", "language", "year", "status"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(title__icontains=value) if value else queryset

    def filter_language(self, queryset, name, value):
        # JSON "contains" is not portable to SQLite: match the quoted code in the stored list instead.
        return queryset.filter(languages__icontains=f'"{value}"') if value else queryset


class PublicReportFilterSet(django_filters.FilterSet):
    """Filters on the published version (title, review, objectives, languages), never on a draft: a
    report under correction is found by what the public can read of it."""

    q = django_filters.CharFilter(
        field_name="public_version__title", lookup_expr="icontains", label=_("Words in the title")
    )
    country = django_filters.ModelChoiceFilter(queryset=Country.objects.all(), to_field_name="iso2", label=_("Country"))
    commission = django_filters.ModelChoiceFilter(
        field_name="public_version__review__commission",
        queryset=RegionalCommission.objects.all(),
        to_field_name="code",
        label=_("Regional commission"),
    )
    cycle = django_filters.ModelChoiceFilter(
        field_name="public_version__review__cycle",
        queryset=ReviewCycle.objects.all(),
        to_field_name="code",
        label=_("Cycle"),
    )
    review = django_filters.ModelChoiceFilter(
        field_name="public_version__review",
        queryset=RegionalReview.objects.order_by("-cycle__start_year", "commission__code"),
        label=_("Regional review"),
    )
    objective = django_filters.ModelChoiceFilter(
        field_name="public_version__objectives",
        queryset=Objective.objects.all(),
        to_field_name="number",
        label=_("Objective"),
        distinct=True,
    )
    language = django_filters.ChoiceFilter(choices=LANGUAGE_CHOICES, method="filter_language", label=_("Language"))
    year = django_filters.NumberFilter(
        field_name="published_at__year", label=_("Year published"), min_value=1990, max_value=2100
    )

    class Meta:
        model = VoluntaryReport
        fields = ["q", "country", "commission", "cycle", "review", "objective", "language", "year"]

    def filter_language(self, queryset, name, value):
        return queryset.filter(public_version__languages__icontains=f'"{value}"') if value else queryset


class PledgeFilterSet(django_filters.FilterSet):
    country = django_filters.ModelChoiceFilter(
        field_name="countries", queryset=Country.objects.all(), to_field_name="iso2", label=_("Country")
    )
    objective = django_filters.ModelChoiceFilter(
        field_name="objectives", queryset=Objective.objects.all(), to_field_name="number", label=_("Objective")
    )
    status = django_filters.ChoiceFilter(choices=PledgeStatus.choices, label=_("Status"))
    review = django_filters.ModelChoiceFilter(queryset=RegionalReview.objects.all(), label=_("Regional review"))
    curation = django_filters.ChoiceFilter(choices=Curation.choices, label=_("Curation"))
    champion = django_filters.BooleanFilter(field_name="is_champion", label=_("Champion countries only"))

    class Meta:
        model = Pledge
        fields = ["country", "objective", "status", "review", "curation", "champion"]


class ContributionFilterSet(django_filters.FilterSet):
    review = django_filters.NumberFilter(field_name="review", min_value=1, max_value=2**63 - 1)
    report = django_filters.NumberFilter(field_name="report", min_value=1, max_value=2**63 - 1)
    curation = django_filters.ChoiceFilter(choices=Curation.choices, label=_("Curation"))

    class Meta:
        model = StakeholderContribution
        fields = ["review", "report", "curation"]


__all__ = ["ContributionFilterSet", "PledgeFilterSet", "PublicReportFilterSet", "ReportFilterSet", "ReviewFilterSet"]
