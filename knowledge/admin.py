"""The hub in the Django admin: reference data (themes, network counts) is edited here; workflow states
are read-only (they change through the portal's pages and API, which keep the audit log, notices and
publication events)."""

from django.contrib import admin

from .models import (
    CallForPractices,
    DiscussionSpace,
    Event,
    Expert,
    MigrationNetwork,
    NetworkCount,
    Practice,
    Resource,
    SupportRequest,
    Theme,
    ThemeResponse,
    WorkingGroup,
)

SOURCE = ("source_title", "source_url", "source_date", "verified")


class ThemeResponseInline(admin.StackedInline):
    model = ThemeResponse
    extra = 0
    filter_horizontal = ["objectives"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "verified"]
    inlines = [ThemeResponseInline]


@admin.register(NetworkCount)
class NetworkCountAdmin(admin.ModelAdmin):
    list_display = ["on", "country_networks", "regional_networks", "source_title", "verified"]
    list_filter = ["verified"]


class StateReadOnly(admin.ModelAdmin):
    """The state field and the version change only through the portal's workflow."""

    state_fields: tuple[str, ...] = ("curation",)

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *self.state_fields, "version", "created_by")


@admin.register(WorkingGroup)
class WorkingGroupAdmin(StateReadOnly):
    list_display = ["__str__", "workplan_period", "curation", "verified"]
    list_filter = ["curation", "verified"]
    filter_horizontal = ["un_co_leads", "member_entities", "objectives", "members"]


@admin.register(MigrationNetwork)
class MigrationNetworkAdmin(StateReadOnly):
    list_display = ["name", "kind", "country", "established_on", "curation", "verified"]
    list_filter = ["kind", "curation", "verified"]
    list_select_related = ["country"]
    filter_horizontal = ["co_chairs", "member_entities"]


@admin.register(CallForPractices)
class CallAdmin(StateReadOnly):
    list_display = ["title", "deadline", "curation"]


@admin.register(Resource)
class ResourceAdmin(StateReadOnly):
    list_display = ["title", "resource_type", "publisher", "publication_date", "curation"]
    list_filter = ["resource_type", "curation"]
    search_fields = ["title", "publisher"]


@admin.register(Event)
class EventAdmin(StateReadOnly):
    list_display = ["title", "kind", "starts_at", "timezone", "curation"]
    list_filter = ["kind", "format", "curation"]


@admin.register(DiscussionSpace)
class DiscussionSpaceAdmin(StateReadOnly):
    list_display = ["title", "opens_on", "closes_on", "moderator", "curation"]


@admin.register(Practice)
class PracticeAdmin(StateReadOnly):
    state_fields = ("status", "published_at")
    list_display = ["title", "organisation", "status", "created_at"]
    list_filter = ["status", "geographic_scope"]
    search_fields = ["title", "organisation"]


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organisation", "organisation_type", "status"]
    list_filter = ["status", "organisation_type", "gender"]
    readonly_fields = ["status", "version", "user", "decided_at"]
    list_select_related = ["user"]


@admin.register(SupportRequest)
class SupportRequestAdmin(admin.ModelAdmin):
    list_display = ["title", "country", "status", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["status", "version", "requested_by", "closed_at"]
    list_select_related = ["country"]
