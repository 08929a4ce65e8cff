from django.contrib import admin

from .models import (
    ForumPart,
    ObjectiveProgress,
    Pledge,
    RegionalReview,
    ReportComment,
    ReportDocument,
    ReportVersion,
    ReviewCycle,
    ReviewDocument,
    ReviewEvent,
    ReviewForum,
    ReviewInvitation,
    StakeholderContribution,
    VoluntaryReport,
)
from .services import review_invite_regional_members


class ReviewDocumentInline(admin.TabularInline):
    model = ReviewDocument
    extra = 0
    fields = ["kind", "title", "symbol", "url", "language", "published_on", "sources"]


class ReadOnlyInline(admin.TabularInline):
    """Rows shown, never changed here: every field is read-only (some, like ``created_at``, are not
    editable at all, and a form naming them fails)."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReviewCycle)
class ReviewCycleAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "start_year", "end_year"]
    inlines = [ReviewDocumentInline]


class ForumPartInline(admin.StackedInline):
    model = ForumPart
    extra = 0


@admin.register(ForumPart)
class ForumPartAdmin(admin.ModelAdmin):
    """Where a part's own documents are attached."""

    list_display = ["title", "forum", "kind", "start_date"]
    list_filter = ["forum", "kind"]
    inlines = [ReviewDocumentInline]


@admin.register(ReviewForum)
class ReviewForumAdmin(admin.ModelAdmin):
    list_display = ["name", "cycle", "start_date", "end_date", "dates_confirmed"]
    inlines = [ForumPartInline, ReviewDocumentInline]


class ReviewEventInline(admin.StackedInline):
    model = ReviewEvent
    extra = 0


class InvitationInline(ReadOnlyInline):
    """Read-only here: staff change the list on the review's invitations page, which asks for the
    source and keeps the change in the audit trail."""

    model = ReviewInvitation
    fields = ["country", "basis", "note", "added_by", "added_at"]


@admin.register(RegionalReview)
class RegionalReviewAdmin(admin.ModelAdmin):
    list_display = ["title", "cycle", "scope", "commission", "status", "start_date", "submission_deadline"]
    list_filter = ["cycle", "scope", "commission", "status"]
    list_select_related = ["cycle", "commission"]
    prepopulated_fields = {"code": ["title"]}
    inlines = [ReviewEventInline, ReviewDocumentInline, InvitationInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            review_invite_regional_members(obj)


@admin.register(ReviewEvent)
class ReviewEventAdmin(admin.ModelAdmin):
    """Where an event's own documents (e.g. the rapporteur's summary) are attached."""

    list_display = ["title", "review", "kind", "start_date"]
    list_filter = ["kind", "review__cycle"]
    list_select_related = ["review"]
    inlines = [ReviewDocumentInline]


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
    workflow_records = True

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin):
    list_display = ["reference", "title", "submitting_entity", "party_type", "status", "curation", "pledged_on"]
    list_filter = ["status", "curation", "party_type", "pledge_type", "kind"]
    search_fields = ["reference", "title", "submitting_entity"]
    readonly_fields = ["reference", "curation", "version"]
    raw_id_fields = ["matches"]


@admin.register(StakeholderContribution)
class StakeholderContributionAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "forum", "review", "report", "curation", "created_at"]
    list_filter = ["curation"]
    readonly_fields = ["curation"]
