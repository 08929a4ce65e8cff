"""The Django admin for fund managers: corrections of money records, committee seats, funding windows,
targets, reported figures and the assessment criteria. Writes of the portal's own workflows (notes,
programmes, decisions, imports) go through the pages and the API, where they are audited."""

from django.contrib import admin

from . import models


class SourcedAdmin(admin.ModelAdmin):
    source_fields = ("source_title", "source_url", "source_date", "source_note")


@admin.register(models.Fund)
class FundAdmin(SourcedAdmin):
    list_display = ("code", "name", "administrative_agent")


@admin.register(models.FundingTarget)
class FundingTargetAdmin(SourcedAdmin):
    list_display = ("label", "amount_usd", "deadline")


@admin.register(models.ReportedFigure)
class ReportedFigureAdmin(SourcedAdmin):
    list_display = ("label", "amount_usd", "approximate", "as_of")


@admin.register(models.FundingWindow)
class FundingWindowAdmin(SourcedAdmin):
    list_display = ("code", "name", "thematic_area", "verified")


@admin.register(models.CommitteeSeat)
class CommitteeSeatAdmin(SourcedAdmin):
    list_display = ("person_name", "constituency", "represents", "start_date", "end_date", "user")
    list_filter = ("constituency",)
    raw_id_fields = ("user",)


@admin.register(models.Donor)
class DonorAdmin(SourcedAdmin):
    list_display = ("name", "kind", "country")
    search_fields = ("name",)


@admin.register(models.Contribution)
class ContributionAdmin(SourcedAdmin):
    list_display = ("donor", "reference", "pledged_on", "pledged_usd", "earmarking")
    list_select_related = ("donor",)
    readonly_fields = ("version", "created_by", "created_at", "updated_at")


@admin.register(models.Deposit)
class DepositAdmin(admin.ModelAdmin):
    list_display = ("contribution", "deposited_on", "amount", "currency", "amount_usd")
    list_select_related = ("contribution__donor",)


@admin.register(models.Transfer)
class TransferAdmin(admin.ModelAdmin):
    list_display = ("programme", "organisation", "transferred_on", "amount_usd")
    list_select_related = ("programme", "organisation")


@admin.register(models.Expenditure)
class ExpenditureAdmin(admin.ModelAdmin):
    list_display = ("programme", "organisation", "year", "kind", "amount_usd")
    list_select_related = ("programme", "organisation")


@admin.register(models.AssessmentCriterion)
class AssessmentCriterionAdmin(admin.ModelAdmin):
    list_display = ("code", "label", "max_score", "order", "active")


@admin.register(models.JointProgramme)
class JointProgrammeAdmin(SourcedAdmin):
    list_display = ("code", "title", "status", "budget_usd", "start_date", "end_date")
    list_filter = ("status",)
    readonly_fields = ("version", "status")


@admin.register(models.CommitteeMeeting)
class CommitteeMeetingAdmin(admin.ModelAdmin):
    list_display = ("title", "held_on")
