"""FilterSets shared by the hub's HTML lists and its API. The GCM vocabulary (country, region,
objective, principle, language) comes from ``gcm_portal.taxonomy.filters``."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from gcm_portal.core.curation import CurationState
from gcm_portal.taxonomy.filters import (
    ContentLanguageFilter,
    CountryFilter,
    ObjectiveFilter,
    PrincipleFilter,
    RegionFilter,
)

from .choices import (
    Audience,
    EventFormat,
    EventKind,
    ExpertStatus,
    Gender,
    GeographicScope,
    NetworkKind,
    OrganisationType,
    PracticeStatus,
    PracticeType,
    RequestStatus,
    ResourceType,
)
from .models import (
    CallForPractices,
    DiscussionSpace,
    Event,
    Expert,
    MigrationNetwork,
    Practice,
    Resource,
    SupportRequest,
    WorkingGroup,
)

__all__ = [
    "ApiEventFilterSet",
    "EventFilterSet",
    "ExpertFilterSet",
    "GroupFilterSet",
    "NetworkFilterSet",
    "PracticeFilterSet",
    "RequestFilterSet",
    "ResourceFilterSet",
    "SpaceFilterSet",
]

MAX_ID = 2**63 - 1


@extend_schema_field(OpenApiTypes.STR)
class _RegionFilter(RegionFilter):
    """An M49 region code (e.g. 002 for Africa), matching the region, sub-region or intermediate region."""


def _words(field_names: tuple[str, ...]):
    def method(queryset, name, value):
        for word in (value or "").split()[:8]:
            condition = Q()
            for field in field_names:
                condition |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(condition)
        return queryset

    return method


def _text(*fields: str):
    return django_filters.CharFilter(method=_words(fields), label=_("Words"), max_length=200)


class PracticeFilterSet(django_filters.FilterSet):
    q = _text("title", "description", "organisation")
    objective = ObjectiveFilter()
    principle = PrincipleFilter()
    country = CountryFilter("countries", distinct=True)
    region = _RegionFilter("countries", distinct=True)
    scope = django_filters.ChoiceFilter(
        field_name="geographic_scope", choices=GeographicScope.choices, label=_("Geographic scope")
    )
    type = django_filters.ChoiceFilter(field_name="practice_type", choices=PracticeType.choices, label=_("Type"))
    call = django_filters.ModelChoiceFilter(
        queryset=CallForPractices.objects.filter(curation=CurationState.PUBLISHED), label=_("Call for practices")
    )
    language = ContentLanguageFilter()

    class Meta:
        model = Practice
        fields = ["q", "objective", "principle", "country", "region", "scope", "type", "call", "language"]


class StaffPracticeFilterSet(PracticeFilterSet):
    status = django_filters.ChoiceFilter(choices=PracticeStatus.choices, label=_("Status"))

    class Meta(PracticeFilterSet.Meta):
        fields = [*PracticeFilterSet.Meta.fields, "status"]


class ResourceFilterSet(django_filters.FilterSet):
    q = _text("title", "summary", "publisher")
    type = django_filters.ChoiceFilter(field_name="resource_type", choices=ResourceType.choices, label=_("Type"))
    objective = ObjectiveFilter()
    principle = PrincipleFilter()
    country = CountryFilter("countries", distinct=True)
    language = ContentLanguageFilter("languages", many=True)
    audience = django_filters.ChoiceFilter(choices=Audience.choices, label=_("Audience"))
    scope = django_filters.ChoiceFilter(
        field_name="geographic_scope", choices=GeographicScope.choices, label=_("Geographic scope")
    )
    workstream = django_filters.ModelChoiceFilter(
        field_name="working_group",
        queryset=WorkingGroup.objects.filter(curation=CurationState.PUBLISHED),
        label=_("Network workstream"),
    )
    curation = django_filters.ChoiceFilter(choices=CurationState.choices, label=_("Curation"))

    class Meta:
        model = Resource
        fields = ["q", "type", "objective", "principle", "country", "language", "audience", "scope", "workstream"]


def _when(queryset, name, value):
    now = timezone.now()
    return queryset.upcoming(now) if value == "upcoming" else queryset.past(now) if value == "past" else queryset


class EventFilterSet(django_filters.FilterSet):
    """The events pages' filters (they list upcoming and past events on pages of their own)."""

    q = _text("title", "description", "organiser")
    kind = django_filters.ChoiceFilter(choices=EventKind.choices, label=_("Type of event"))
    format = django_filters.ChoiceFilter(choices=EventFormat.choices, label=_("Format"))
    audience = django_filters.ChoiceFilter(choices=Audience.choices, label=_("Audience"))
    objective = ObjectiveFilter()
    language = ContentLanguageFilter("interpretation_languages", many=True, label=_("Interpretation"))

    class Meta:
        model = Event
        fields = ["q", "kind", "format", "audience", "objective", "language"]


class ApiEventFilterSet(EventFilterSet):
    when = django_filters.ChoiceFilter(
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))], method=_when, label=_("When")
    )

    class Meta(EventFilterSet.Meta):
        fields = ["q", "when", "kind", "format", "audience", "objective", "language"]


class GroupFilterSet(django_filters.FilterSet):
    objective = ObjectiveFilter()
    call_open = django_filters.BooleanFilter(label=_("Open call to join"))

    class Meta:
        model = WorkingGroup
        fields = ["objective", "call_open"]


class NetworkFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=NetworkKind.choices, label=_("Kind"))
    country = CountryFilter()
    region = _RegionFilter("country")

    class Meta:
        model = MigrationNetwork
        fields = ["kind", "country", "region"]


class SpaceFilterSet(django_filters.FilterSet):
    objective = ObjectiveFilter()
    language = ContentLanguageFilter("languages", many=True)

    class Meta:
        model = DiscussionSpace
        fields = ["objective", "language"]


class ExpertFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ExpertStatus.choices, label=_("Status"))
    gender = django_filters.ChoiceFilter(choices=Gender.choices, label=_("Gender"))
    organisation_type = django_filters.ChoiceFilter(choices=OrganisationType.choices, label=_("Organisation"))
    region = django_filters.CharFilter(field_name="region__code", label=_("M49 region (code)"), max_length=3)
    objective = ObjectiveFilter()
    language = ContentLanguageFilter("languages", many=True)
    country = CountryFilter()

    class Meta:
        model = Expert
        fields = ["status", "gender", "organisation_type", "region", "objective", "language", "country"]


class RequestFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=RequestStatus.choices, label=_("Status"))
    country = CountryFilter()
    objective = ObjectiveFilter()

    class Meta:
        model = SupportRequest
        fields = ["status", "country", "objective"]
