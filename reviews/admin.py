from django.contrib import admin

from .models import (
    ObjectiveProgress,
    Pledge,
    RegionalReview,
    ReportComment,
    ReportDocument,
    ReportVersion,
    ReviewCycle,
    ReviewDocument,
    StakeholderContribution,
    VoluntaryReport,
)


class ReviewDocumentInline(admin.TabularInline):
    model = ReviewDocument
    extra = 0


@admin.register(ReviewCycle)
class ReviewCycleAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "imrf_name", "imrf_start"]


@admin.register(RegionalReview)
class RegionalReviewAdmin(admin.ModelAdmin):
    list_display = ["title", "cycle", "commission", "status", "start_date", "submission_deadline"]
    list_filter = ["cycle", "commission", "status"]
    list_select_related = ["cycle", "commission"]
    inlines = [ReviewDocumentInline]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ProgressInline(ReadOnlyInline):
    model = ObjectiveProgress
    fields = ["objective", "status"]


class DocumentInline(ReadOnlyInline):
    model = ReportDocument
    fields = ["original_name", "language", "size", "sha256", "text_status"]


class VersionInline(ReadOnlyInline):
    model = ReportVersion
    fields = ["number", "published", "fingerprint", "note", "created_by", "created_at"]


class CommentInline(ReadOnlyInline):
    model = ReportComment
    fields = ["author", "kind", "body", "created_at"]


@admin.register(VoluntaryReport)
class VoluntaryReportAdmin(admin.ModelAdmin):
    """Read-only here: reports change only through the workflow and the edit pages, which keep
    versions, the audit log and notifications in step."""

    list_display = ["title", "country", "review", "status", "updated_at", "received_by_email"]
    list_filter = ["status", "review__cycle", "review__commission"]
    search_fields = ["title", "country__name"]
    list_select_related = ["country", "review"]
    inlines = [ProgressInline, DocumentInline, VersionInline, CommentInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin):
    list_display = ["title", "submitting_entity", "status", "curation", "created_at"]
    list_filter = ["status", "curation", "kind", "is_champion"]
    search_fields = ["title", "submitting_entity"]
    readonly_fields = ["curation", "version"]


@admin.register(StakeholderContribution)
class StakeholderContributionAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "review", "report", "curation", "created_at"]
    list_filter = ["curation"]
    readonly_fields = ["curation"]
