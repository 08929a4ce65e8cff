from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    CommissionMembership,
    Country,
    ExecutiveCommitteeTerm,
    GuidingPrinciple,
    M49Region,
    MptfThematicArea,
    Objective,
    RegionalCommission,
    RoundTableCluster,
    SdgTarget,
    UnEntity,
)


@admin.register(M49Region)
class M49RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]


class CommissionMembershipInline(admin.TabularInline):
    model = CommissionMembership
    extra = 0
    autocomplete_fields = ["country"]


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["iso2", "iso3", "m49", "name", "status", "region", "subregion"]
    list_filter = ["status", "region", "commissions"]
    search_fields = ["iso2", "iso3", "m49", "name", "official_name"]
    list_select_related = ["region", "subregion"]
    inlines = [CommissionMembershipInline]


@admin.register(RegionalCommission)
class RegionalCommissionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "headquarters"]
    search_fields = ["code", "name"]
    inlines = [CommissionMembershipInline]


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["number", "short_label", "title", "paragraph"]
    search_fields = ["title", "short_label"]


@admin.register(GuidingPrinciple)
class GuidingPrincipleAdmin(admin.ModelAdmin):
    list_display = ["letter", "name", "paragraph"]


@admin.register(RoundTableCluster)
class RoundTableClusterAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "theme"]
    filter_horizontal = ["objectives"]


@admin.register(MptfThematicArea)
class MptfThematicAreaAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "verified"]
    list_filter = ["verified"]
    filter_horizontal = ["objectives"]


@admin.register(SdgTarget)
class SdgTargetAdmin(admin.ModelAdmin):
    list_display = ["code", "goal", "title"]
    list_filter = ["goal"]
    filter_horizontal = ["objectives"]


class ExecutiveCommitteeTermInline(admin.TabularInline):
    model = ExecutiveCommitteeTerm
    extra = 0


@admin.register(UnEntity)
class UnEntityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "on_executive_committee"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    inlines = [ExecutiveCommitteeTermInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_executive_committee()

    @admin.display(boolean=True, description=_("On the Executive Committee today"), ordering="on_executive_committee")
    def on_executive_committee(self, obj) -> bool:
        return obj.on_executive_committee
