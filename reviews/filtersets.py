"""FilterSets shared by the HTML lists, the CSV export and the API. The GCM vocabulary (country,
commission, objective, language) comes from ``gcm_portal.taxonomy.filters``."""

import django_filters
from django.utils.translation import gettext_lazy as _

from gcm_portal.core.curation import CurationState
from gcm_portal.taxonomy.filters import CommissionFilter, ContentLanguageFilter, CountryFilter, ObjectiveFilter

from .choices import PledgeStatus, ReportStatus, ReviewStatus
from .models import Pledge, RegionalReview, ReviewCycle, StakeholderContribution, VoluntaryReport

__all__ = ["ContributionFilterSet", "PledgeFilterSet", "PublicReportFilterSet", "ReportFilterSet", "ReviewFilterSet"]

MAX_ID = 2**63 - 1


def _cycle_filter(field_name: str):
    return django_filters.ModelChoiceFilter(
        field_name=field_name, queryset=ReviewCycle.objects.all(), to_field_name="code", label=_("Cycle")
    )


def _year_filter():
    return django_filters.NumberFilter(
        field_name="published_at__year", label=_("Year published"), min_value=1990, max_value=2100
    )


class ReviewFilterSet(django_filters.FilterSet):
    cycle = _cycle_filter("cycle")
    commission = CommissionFilter()
    status = django_filters.ChoiceFilter(choices=ReviewStatus.choices, label=_("Status"))

    class Meta:
        model = RegionalReview
        fields = ["cycle", "commission", "status"]


class ReportFilterSet(django_filters.FilterSet):
    """Staff filters on the live record (drafts included)."""

    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Words in the title"))
    country = CountryFilter()
    commission = CommissionFilter("review__commission")
    cycle = _cycle_filter("review__cycle")
    review = django_filters.ModelChoiceFilter(queryset=RegionalReview.objects.all(), label=_("Regional review"))
    objective = ObjectiveFilter()
    language = ContentLanguageFilter("languages", many=True)
    year = _year_filter()
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices, label=_("Status"))

    class Meta:
        model = VoluntaryReport
        fields = ["q", "country", "commission", "cycle", "review", "objective", "language", "year", "status"]


class PublicReportFilterSet(django_filters.FilterSet):
    """Filters on the published version (title, review, objectives, languages), never on a draft: a
    report under correction is found by what the public can read of it."""

    q = django_filters.CharFilter(
        field_name="public_version__title", lookup_expr="icontains", label=_("Words in the title")
    )
    country = CountryFilter()
    commission = CommissionFilter("public_version__review__commission")
    cycle = _cycle_filter("public_version__review__cycle")
    review = django_filters.ModelChoiceFilter(
        field_name="public_version__review",
        queryset=RegionalReview.objects.order_by("-cycle__start_year", "commission__code"),
        label=_("Regional review"),
    )
    objective = ObjectiveFilter("public_version__objectives")
    language = ContentLanguageFilter("public_version__languages", many=True)
    year = _year_filter()

    class Meta:
        model = VoluntaryReport
        fields = ["q", "country", "commission", "cycle", "review", "objective", "language", "year"]


class PledgeFilterSet(django_filters.FilterSet):
    country = CountryFilter("countries", distinct=True)
    objective = ObjectiveFilter()
    status = django_filters.ChoiceFilter(choices=PledgeStatus.choices, label=_("Status"))
    review = django_filters.ModelChoiceFilter(queryset=RegionalReview.objects.all(), label=_("Regional review"))
    curation = django_filters.ChoiceFilter(choices=CurationState.choices, label=_("Curation"))
    champion = django_filters.BooleanFilter(field_name="is_champion", label=_("Champion countries only"))

    class Meta:
        model = Pledge
        fields = ["country", "objective", "status", "review", "curation", "champion"]


class ContributionFilterSet(django_filters.FilterSet):
    review = django_filters.NumberFilter(field_name="review", min_value=1, max_value=MAX_ID)
    report = django_filters.NumberFilter(field_name="report", min_value=1, max_value=MAX_ID)
    curation = django_filters.ChoiceFilter(choices=CurationState.choices, label=_("Curation"))

    class Meta:
        model = StakeholderContribution
        fields = ["review", "report", "curation"]
