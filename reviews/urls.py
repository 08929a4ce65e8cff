from django.urls import path

from . import views
from .services import PLEDGE_DOCUMENTS, REPORT_DOCUMENTS

app_name = "reviews"

urlpatterns = [
    path("", views.ReviewIndexView.as_view(), name="index"),
    path("forums/<slug:code>/", views.ForumDetailView.as_view(), name="forum-detail"),
    path("<int:pk>/", views.ReviewDetailView.as_view(), name="review-detail"),
    path("<int:pk>/invitations/", views.InvitationView.as_view(), name="invitations"),
    path(
        "<int:pk>/invitations/<int:invitation_pk>/remove/",
        views.InvitationRemoveView.as_view(),
        name="invitation-remove",
    ),
    path("curation/", views.CurationQueueView.as_view(), name="queue"),
    path("curation/bulk/", views.ReportBulkView.as_view(), name="bulk"),
    path("reports/", views.ReportListView.as_view(), name="report-list"),
    path("reports/export.csv", views.ReportExportView.as_view(), name="report-export"),
    path("reports/new/", views.ReportCreateView.as_view(), name="report-create"),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="report-detail"),
    path("reports/<int:pk>/edit/", views.ReportEditView.as_view(), name="report-edit"),
    path("reports/<int:pk>/actions/<str:action>/", views.ReportActionView.as_view(), name="report-transition"),
    path("reports/<int:pk>/comments/", views.ReportCommentView.as_view(), name="report-comment"),
    path("reports/<int:pk>/versions/<int:number>/", views.ReportVersionView.as_view(), name="report-version"),
    *REPORT_DOCUMENTS.urls("reports/<int:pk>/documents/", name="document"),
    path("pledges/", views.PledgeListView.as_view(), name="pledge-list"),
    path("pledges/new/", views.PledgeFormView.as_view(), name="pledge-create"),
    path("pledges/<int:pk>/", views.PledgeDetailView.as_view(), name="pledge-detail"),
    path("pledges/<int:pk>/edit/", views.PledgeFormView.as_view(), name="pledge-edit"),
    path("pledges/<int:pk>/actions/<str:action>/", views.PledgeActionView.as_view(), name="pledge-action"),
    path("pledges/<int:pk>/progress/", views.PledgeProgressView.as_view(), name="pledge-progress"),
    path(
        "pledges/<int:pk>/progress/<int:update_pk>/remove/",
        views.PledgeProgressRemoveView.as_view(),
        name="pledge-progress-remove",
    ),
    *PLEDGE_DOCUMENTS.urls("pledges/<int:pk>/documents/", name="pledge-document"),
    path("contributions/new/", views.ContributionCreateView.as_view(), name="contribution-create"),
    path(
        "contributions/<int:pk>/actions/<str:action>/",
        views.ContributionActionView.as_view(),
        name="contribution-action",
    ),
]
