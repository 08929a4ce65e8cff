"""Django admin for the champions app: staff correct membership facts (through the services, so a
period's dates follow its facts), co-chair periods, counts stated by sources, focus areas and
consultations."""

from django.contrib import admin

from . import records
from .models import (
    Activity,
    Champion,
    CoChairPeriod,
    Commitment,
    Confirmation,
    Consultation,
    CountStatement,
    FocusArea,
    Membership,
    MembershipFact,
    PeerLearningRequest,
    PeerPairing,
    ProfileUpdate,
)


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "verified"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["joined_on", "confirmed_by", "left_on", "starts_on", "note"]
    readonly_fields = ["joined_on", "confirmed_by", "left_on", "starts_on"]
    show_change_link = True


class CoChairInline(admin.TabularInline):
    model = CoChairPeriod
    extra = 0


@admin.register(Champion)
class ChampionAdmin(admin.ModelAdmin):
    list_display = ["country", "plan_status", "profile_updated_at"]
    search_fields = ["country__name", "country__iso2"]
    autocomplete_fields = ["country"]
    inlines = [MembershipInline, CoChairInline]
    readonly_fields = ["profile_updated_at"]


class FactInline(admin.TabularInline):
    model = MembershipFact
    extra = 1
    fields = ["kind", "date", "source_title", "source_url", "source_date", "verified", "note"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """A period's joined, confirmed, left and start dates are derived from its facts on every save."""

    list_display = ["champion", "joined_on", "confirmed_by", "left_on", "starts_on"]
    list_filter = ["left_on"]
    search_fields = ["champion__country__name"]
    readonly_fields = ["joined_on", "confirmed_by", "left_on", "starts_on"]
    inlines = [FactInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        records.membership_refresh(form.instance)


@admin.register(CountStatement)
class CountStatementAdmin(admin.ModelAdmin):
    list_display = ["date", "count", "wording", "source_title", "verified"]


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ["title", "tool", "opens_on", "closes_on"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(PeerPairing)
class PeerPairingAdmin(admin.ModelAdmin):
    list_display = ["first", "second", "started_on"]


class CuratedAdmin(admin.ModelAdmin):
    """Read here, curate on the portal's pages (the workflow keeps the audit trail and the versions)."""

    list_filter = ["curation"]
    readonly_fields = ["curation", "created_by"]


for model in (ProfileUpdate, Commitment, Activity, Confirmation):
    admin.site.register(model, CuratedAdmin)
admin.site.register(PeerLearningRequest, admin.ModelAdmin)
