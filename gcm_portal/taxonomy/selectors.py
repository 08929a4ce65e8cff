"""Reads of the taxonomy, each with the joins its pages and endpoints need."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from gcm_portal import permissions

from .choices import CountryStatus
from .models import (
    CommissionMembership,
    Country,
    GuidingPrinciple,
    MptfThematicArea,
    Objective,
    RegionalCommission,
    RoundTableCluster,
    SdgTarget,
    UnEntity,
)

__all__ = [
    "commission_list",
    "countries_for_actor",
    "country_list",
    "entity_list",
    "objective_list",
    "principle_list",
    "reference_figures",
    "round_table_list",
    "sdg_target_list",
    "thematic_area_list",
]


def country_list() -> QuerySet[Country]:
    return Country.objects.select_related("region", "subregion", "intermediate_region").prefetch_related(
        Prefetch("commission_memberships", queryset=CommissionMembership.objects.select_related("commission"))
    )


def commission_list() -> QuerySet[RegionalCommission]:
    return (
        RegionalCommission.objects.annotate(
            member_count=Count("memberships", filter=Q(memberships__kind__in=["member", "non_regional"])),
            non_regional_count=Count("memberships", filter=Q(memberships__kind="non_regional")),
            associate_count=Count("memberships", filter=Q(memberships__kind="associate")),
        )
        .select_related("entity")
        .order_by("code")
    )


def objective_titles() -> QuerySet[Objective]:
    """The objectives without their links to other reference data (for lists of titles)."""
    return Objective.objects.order_by("number")


def objective_list() -> QuerySet[Objective]:
    return Objective.objects.prefetch_related("round_tables", "thematic_areas", "sdg_targets")


def principle_list() -> QuerySet[GuidingPrinciple]:
    return GuidingPrinciple.objects.all()


def round_table_list() -> QuerySet[RoundTableCluster]:
    return RoundTableCluster.objects.prefetch_related("objectives")


def thematic_area_list() -> QuerySet[MptfThematicArea]:
    return MptfThematicArea.objects.prefetch_related("objectives")


def sdg_target_list() -> QuerySet[SdgTarget]:
    return SdgTarget.objects.prefetch_related("objectives")


def entity_list() -> QuerySet[UnEntity]:
    """Executive Committee members first (as of today), each with its dated terms."""
    return (
        UnEntity.objects.with_executive_committee()
        .select_related("commission")
        .prefetch_related("executive_committee_terms")
        .order_by("-on_executive_committee", "code")
    )


def reference_figures() -> dict[str, int]:
    """The counts the home page shows (a fixed handful of queries)."""
    counts = Country.objects.aggregate(
        member_states=Count("pk", filter=Q(status=CountryStatus.MEMBER_STATE)),
        countries=Count("pk"),
    )
    counts.update(
        objectives=Objective.objects.count(),
        principles=GuidingPrinciple.objects.count(),
        commissions=RegionalCommission.objects.count(),
        entities=UnEntity.objects.count(),
    )
    return counts


def reference_search(q: str, *, limit: int = 25) -> dict[str, list]:
    """Reference records whose names or titles contain every word of ``q`` (any language held)."""
    words = [w for w in q.split() if w][:8]
    if not words:
        return {}

    def matching(queryset, *fields):
        for word in words:
            condition = Q()
            for field in fields:
                condition |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(condition)
        return list(queryset[:limit])

    return {
        "objectives": matching(Objective.objects.all(), "title", "short_label", "translations"),
        "principles": matching(GuidingPrinciple.objects.all(), "name", "summary", "translations"),
        "countries": matching(Country.objects.select_related("subregion"), "name", "official_name", "iso2", "iso3"),
        "commissions": matching(RegionalCommission.objects.all(), "code", "name", "region_label"),
        "entities": matching(UnEntity.objects.all(), "code", "name"),
        "sdg_targets": matching(SdgTarget.objects.all(), "code", "title"),
    }


def countries_for_actor(user) -> QuerySet[Country]:
    """The countries ``user`` acts for: every country for Network staff, the represented ones for a
    focal point, none for anyone else."""
    if permissions.is_network_staff(user):
        return Country.objects.all()
    return Country.objects.filter(pk__in=permissions.country_ids_represented(user))
