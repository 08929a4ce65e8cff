"""FilterSets shared by the HTML lists, the CSV export and the API. The GCM vocabulary (country,
commission, objective, language) comes from ``gcm_portal.taxonomy.filters``."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gcm_portal.core.curation import CurationState
from gcm_portal.taxonomy.filters import CommissionFilter, ContentLanguageFilter, CountryFilter, ObjectiveFilter

from .choices import (
    PledgeKind,
    PledgeStatus,
    PledgeType,
    PledgingParty,
    ReportStatus,
    ReviewEventKind,
    ReviewScope,
    ReviewStatus,
)
from .models import (
    Pledge,
    RegionalReview,
    ReviewCycle,
    ReviewEvent,
    ReviewForum,
    StakeholderContribution,
    VoluntaryReport,
)

__all__ = [
    "ContributionFilterSet",
    "PledgeFilterSet",
    "PublicReportFilterSet",
    "ReportFilterSet",
    "ReviewEventFilterSet",
    "ReviewFilterSet",
]

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
    scope = django_filters.ChoiceFilter(choices=ReviewScope.choices, label=_("Scope"))
    invited = CountryFilter("invited_countries", label=_("Invited State"))

    class Meta:
        model = RegionalReview
        fields = ["cycle", "commission", "status", "scope", "invited"]


class ReviewEventFilterSet(django_filters.FilterSet):
    review = django_filters.ModelChoiceFilter(queryset=RegionalReview.objects.all(), label=_("Regional review"))
    kind = django_filters.ChoiceFilter(choices=ReviewEventKind.choices, label=_("Type"))
    cycle = _cycle_filter("review__cycle")
    commission = CommissionFilter("review__commission")
    starts_after = django_filters.DateFilter(field_name="start_date", lookup_expr="gte", label=_("Starts on or after"))
    starts_before = django_filters.DateFilter(
        field_name="start_date", lookup_expr="lte", label=_("Starts on or before")
    )

    class Meta:
        model = ReviewEvent
        fields = ["review", "kind", "cycle", "commission", "starts_after", "starts_before"]


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
    q = django_filters.CharFilter(method="filter_words", label=_("Words in the name or identifier"))
    country = CountryFilter("countries", distinct=True, label=_("Carried out in"))
    pledging_country = CountryFilter("pledging_countries", distinct=True, label=_("Pledged by the State"))
    is_global = django_filters.BooleanFilter(label=_("Global"))
    party_type = django_filters.ChoiceFilter(choices=PledgingParty.choices, label=_("Pledging party"))
    pledge_type = django_filters.ChoiceFilter(choices=PledgeType.choices, label=_("Type"))
    kind = django_filters.ChoiceFilter(choices=PledgeKind.choices, label=_("Kind"))
    objective = ObjectiveFilter()
    status = django_filters.ChoiceFilter(choices=PledgeStatus.choices, label=_("Status"))
    forum = django_filters.ModelChoiceFilter(queryset=ReviewForum.objects.all(), to_field_name="code", label=_("Forum"))
    review = django_filters.ModelChoiceFilter(queryset=RegionalReview.objects.all(), label=_("Regional review"))
    cycle = django_filters.ModelChoiceFilter(
        queryset=ReviewCycle.objects.all(),
        to_field_name="code",
        method="filter_cycle",
        label=_("Made for the cycle (its Forum or a review)"),
    )
    matches = django_filters.CharFilter(
        field_name="matches__reference", lookup_expr="iexact", label=_("Matching the pledge (identifier)")
    )
    champion = django_filters.BooleanFilter(
        field_name="made_by_champion", label=_("Made by a GCM Champion country (on the day of the pledge)")
    )
    curation = django_filters.ChoiceFilter(choices=CurationState.choices, label=_("Curation"))

    class Meta:
        model = Pledge
        fields = [
            "q",
            "country",
            "pledging_country",
            "is_global",
            "party_type",
            "pledge_type",
            "kind",
            "objective",
            "status",
            "forum",
            "review",
            "cycle",
            "matches",
            "champion",
            "curation",
        ]

    def filter_cycle(self, queryset, name, value: str):
        # The query parameter is the cycle's code (the hint is what the OpenAPI schema shows); the field
        # hands over the ReviewCycle it names.
        return queryset.filter(Q(forum__cycle=value) | Q(review__cycle=value))

    def filter_words(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(title__icontains=value) | Q(reference__iexact=value)) if value else queryset


class ContributionFilterSet(django_filters.FilterSet):
    forum = django_filters.ModelChoiceFilter(queryset=ReviewForum.objects.all(), to_field_name="code", label=_("Forum"))
    review = django_filters.NumberFilter(field_name="review", min_value=1, max_value=MAX_ID)
    report = django_filters.NumberFilter(field_name="report", min_value=1, max_value=MAX_ID)
    curation = django_filters.ChoiceFilter(choices=CurationState.choices, label=_("Curation"))

    class Meta:
        model = StakeholderContribution
        fields = ["forum", "review", "report", "curation"]
