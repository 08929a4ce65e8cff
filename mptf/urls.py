from django.urls import path

from . import views
from .services import (
    CONFIDENTIAL_DOCUMENTS,
    NOTE_DOCUMENTS,
    PROGRAMME_DOCUMENTS,
    PUBLIC_DOCUMENTS,
    REPORT_DOCUMENTS,
)

app_name = "mptf"

urlpatterns = [
    # the fund and its dashboards
    path("", views.FundIndexView.as_view(), name="index"),
    path("funding/", views.FundingView.as_view(), name="funding"),
    path("pipeline/", views.PipelineView.as_view(), name="pipeline"),
    path("allocations/", views.AllocationsView.as_view(), name="allocations"),
    path("desk/", views.DeskView.as_view(), name="desk"),
    # the Steering Committee
    path("committee/", views.CommitteeView.as_view(), name="committee"),
    path("committee/review/", views.CommitteeReviewView.as_view(), name="committee-review"),
    path("committee/meetings/new/", views.MeetingCreateView.as_view(), name="meeting-create"),
    path("committee/meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path("committee/meetings/<int:pk>/decisions/", views.DecisionCreateView.as_view(), name="decision-create"),
    *PUBLIC_DOCUMENTS.urls("committee/meetings/<int:pk>/documents/", name="meeting-document"),
    *CONFIDENTIAL_DOCUMENTS.urls("committee/meetings/<int:pk>/confidential/", name="meeting-confidential"),
    # money
    path("contributions/", views.ContributionListView.as_view(), name="contribution-list"),
    path("contributions/new/", views.ContributionFormView.as_view(), name="contribution-create"),
    path("contributions/<int:pk>/", views.ContributionDetailView.as_view(), name="contribution-detail"),
    path("contributions/<int:pk>/edit/", views.ContributionFormView.as_view(), name="contribution-edit"),
    path("contributions/<int:pk>/deposits/", views.DepositCreateView.as_view(), name="deposit-create"),
    path("transfers/", views.TransferListView.as_view(), name="transfer-list"),
    path("transfers/new/", views.TransferCreateView.as_view(), name="transfer-create"),
    path("expenditure/", views.ExpenditureListView.as_view(), name="expenditure-list"),
    path("expenditure/new/", views.ExpenditureCreateView.as_view(), name="expenditure-create"),
    path("imports/", views.ImportListView.as_view(), name="import-list"),
    path("imports/<int:pk>/", views.ImportDetailView.as_view(), name="import-detail"),
    path("imports/<int:pk>/confirm/", views.ImportConfirmView.as_view(), name="import-confirm"),
    path("imports/<int:pk>/discard/", views.ImportDiscardView.as_view(), name="import-discard"),
    # concept notes
    path("concept-notes/", views.NoteListView.as_view(), name="note-list"),
    path("concept-notes/new/", views.NoteFormView.as_view(), name="note-create"),
    path("concept-notes/<int:pk>/", views.NoteDetailView.as_view(), name="note-detail"),
    path("concept-notes/<int:pk>/edit/", views.NoteFormView.as_view(), name="note-edit"),
    path("concept-notes/<int:pk>/actions/<str:action>/", views.NoteActionView.as_view(), name="note-transition"),
    path("concept-notes/<int:pk>/assessment/", views.NoteAssessView.as_view(), name="note-assess"),
    path("concept-notes/<int:pk>/programme/", views.ProgrammeFromNoteView.as_view(), name="programme-create"),
    *NOTE_DOCUMENTS.urls("concept-notes/<int:pk>/documents/", name="note-document"),
    # joint programmes and their reports
    path("programmes/", views.ProgrammeListView.as_view(), name="programme-list"),
    path("programmes/<int:pk>/", views.ProgrammeDetailView.as_view(), name="programme-detail"),
    path("programmes/<int:pk>/edit/", views.ProgrammeEditView.as_view(), name="programme-edit"),
    path("programmes/<int:pk>/actions/<str:action>/", views.ProgrammeActionView.as_view(), name="programme-transition"),
    path("programmes/<int:pk>/extend/", views.ProgrammeExtendView.as_view(), name="programme-extend"),
    path("programmes/<int:pk>/reports/", views.ReportCreateView.as_view(), name="report-create"),
    *PROGRAMME_DOCUMENTS.urls("programmes/<int:pk>/documents/", name="programme-document"),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="report-detail"),
    path("reports/<int:pk>/edit/", views.ReportEditView.as_view(), name="report-edit"),
    path("reports/<int:pk>/actions/<str:action>/", views.ReportActionView.as_view(), name="report-transition"),
    *REPORT_DOCUMENTS.urls("reports/<int:pk>/documents/", name="report-document"),
]
