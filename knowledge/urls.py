from django.urls import path

from .services import EXPERT_CVS, GROUP_DOCUMENTS, NETWORK_DOCUMENTS, PRACTICE_DOCUMENTS, RESOURCE_FILES
from .views import discussions, experts, groups, hub, practices, requests, resources, search

app_name = "knowledge"

urlpatterns = [
    path("", hub.HubIndexView.as_view(), name="index"),
    # one hub over everything: the unified index
    path("search/", search.SearchView.as_view(), name="search"),
    path("matrix/", search.MatrixView.as_view(), name="matrix"),
    path("follows/", search.FollowListView.as_view(), name="follow-list"),
    path("follows/new/", search.FollowCreateView.as_view(), name="follow-create"),
    path("follows/<int:pk>/delete/", search.FollowDeleteView.as_view(), name="follow-delete"),
    # practices, calls, themes and peer review
    path("practices/", practices.PracticeListView.as_view(), name="practice-list"),
    path("practices/new/", practices.PracticeFormView.as_view(), name="practice-create"),
    path("practices/export.csv", practices.PracticeExportView.as_view(), name="practice-export"),
    path("practices/<int:pk>/", practices.PracticeDetailView.as_view(), name="practice-detail"),
    path("practices/<int:pk>/edit/", practices.PracticeFormView.as_view(), name="practice-edit"),
    path("practices/<int:pk>/actions/<str:action>/", practices.PracticeActionView.as_view(), name="practice-action"),
    path("practices/<int:pk>/reviewers/", practices.PracticeReviewersView.as_view(), name="practice-reviewers"),
    *PRACTICE_DOCUMENTS.urls("practices/<int:pk>/documents/", name="practice-document"),
    path("reviews/", practices.AssignmentListView.as_view(), name="assignment-list"),
    path("reviews/<int:pk>/", practices.AssignmentDetailView.as_view(), name="assignment-detail"),
    path("reviews/<int:pk>/declare/", practices.AssignmentDeclareView.as_view(), name="assignment-declare"),
    path("reviews/<int:pk>/review/", practices.AssignmentReviewView.as_view(), name="assignment-review"),
    path("reviews/<int:pk>/actions/<str:action>/", practices.AssignmentActionView.as_view(), name="assignment-action"),
    path("calls/", practices.CallListView.as_view(), name="call-list"),
    path("calls/new/", practices.CallFormView.as_view(), name="call-create"),
    path("calls/<int:pk>/", practices.CallDetailView.as_view(), name="call-detail"),
    path("calls/<int:pk>/edit/", practices.CallFormView.as_view(), name="call-edit"),
    path("calls/<int:pk>/actions/<str:action>/", practices.CallActionView.as_view(), name="call-action"),
    path("themes/<slug:slug>/", practices.ThemeDetailView.as_view(), name="theme-detail"),
    # expert roster
    path("experts/", experts.ExpertListView.as_view(), name="expert-list"),
    path("experts/apply/", experts.ExpertApplyView.as_view(), name="expert-apply"),
    path("experts/balance/", experts.RosterBalanceView.as_view(), name="roster-balance"),
    path("experts/export.xlsx", experts.RosterExportView.as_view(), name="roster-export"),
    path("experts/<int:pk>/", experts.ExpertDetailView.as_view(), name="expert-detail"),
    path("experts/<int:pk>/actions/<str:action>/", experts.ExpertActionView.as_view(), name="expert-action"),
    *EXPERT_CVS.urls("experts/<int:pk>/cv/", name="expert-cv"),
    # resources and events
    path("resources/", resources.ResourceListView.as_view(), name="resource-list"),
    path("resources/new/", resources.ResourceFormView.as_view(), name="resource-create"),
    path("resources/<int:pk>/", resources.ResourceDetailView.as_view(), name="resource-detail"),
    path("resources/<int:pk>/edit/", resources.ResourceFormView.as_view(), name="resource-edit"),
    path("resources/<int:pk>/actions/<str:action>/", resources.ResourceActionView.as_view(), name="resource-action"),
    *RESOURCE_FILES.urls("resources/<int:pk>/files/", name="resource-file"),
    path("events/", resources.EventListView.as_view(), name="event-list"),
    path("events/past/", resources.EventListView.as_view(past=True), name="event-past"),
    path("events/calendar.ics", resources.EventCalendarView.as_view(), name="event-calendar"),
    path("events/new/", resources.EventFormView.as_view(), name="event-create"),
    path("events/<int:pk>/", resources.EventDetailView.as_view(), name="event-detail"),
    path("events/<int:pk>/edit/", resources.EventFormView.as_view(), name="event-edit"),
    path("events/<int:pk>/actions/<str:action>/", resources.EventActionView.as_view(), name="event-action"),
    # working groups
    path("working-groups/", groups.GroupListView.as_view(), name="group-list"),
    path("working-groups/new/", groups.GroupFormView.as_view(), name="group-create"),
    path("working-groups/<int:pk>/", groups.GroupDetailView.as_view(), name="group-detail"),
    path("working-groups/<int:pk>/edit/", groups.GroupFormView.as_view(), name="group-edit"),
    path("working-groups/<int:pk>/actions/<str:action>/", groups.GroupActionView.as_view(), name="group-action"),
    path("working-groups/<int:pk>/join/", groups.GroupJoinView.as_view(), name="group-join"),
    *GROUP_DOCUMENTS.urls("working-groups/<int:pk>/documents/", name="group-document"),
    path("join-requests/<int:pk>/actions/<str:action>/", groups.JoinActionView.as_view(), name="join-action"),
    # UN migration networks
    path("networks/", groups.NetworkListView.as_view(), name="network-list"),
    path("networks/new/", groups.NetworkFormView.as_view(), name="network-create"),
    path("networks/<int:pk>/", groups.NetworkDetailView.as_view(), name="network-detail"),
    path("networks/<int:pk>/edit/", groups.NetworkFormView.as_view(), name="network-edit"),
    path("networks/<int:pk>/actions/<str:action>/", groups.NetworkActionView.as_view(), name="network-action"),
    *NETWORK_DOCUMENTS.urls("networks/<int:pk>/documents/", name="network-document"),
    # discussion spaces
    path("discussions/", discussions.SpaceListView.as_view(), name="space-list"),
    path("discussions/new/", discussions.SpaceFormView.as_view(), name="space-create"),
    path("discussions/moderation/", discussions.ModerationQueueView.as_view(), name="moderation"),
    path("discussions/<int:pk>/", discussions.SpaceDetailView.as_view(), name="space-detail"),
    path("discussions/<int:pk>/edit/", discussions.SpaceFormView.as_view(), name="space-edit"),
    path("discussions/<int:pk>/actions/<str:action>/", discussions.SpaceActionView.as_view(), name="space-action"),
    path("discussions/<int:pk>/comments/", discussions.CommentPostView.as_view(), name="comment-post"),
    path("comments/<int:pk>/report/", discussions.CommentReportView.as_view(), name="comment-report"),
    path(
        "comments/<int:pk>/moderate/<str:action>/", discussions.CommentModerateView.as_view(), name="comment-moderate"
    ),
    # Connection Hub
    path("connection-hub/", requests.ConnectionHubView.as_view(), name="connection-hub"),
    path("connection-hub/requests/", requests.RequestListView.as_view(), name="request-list"),
    path("connection-hub/requests/new/", requests.RequestFormView.as_view(), name="request-create"),
    path("connection-hub/requests/<int:pk>/", requests.RequestDetailView.as_view(), name="request-detail"),
    path("connection-hub/requests/<int:pk>/edit/", requests.RequestFormView.as_view(), name="request-edit"),
    path(
        "connection-hub/requests/<int:pk>/actions/<str:action>/",
        requests.RequestActionView.as_view(),
        name="request-action",
    ),
    path("connection-hub/requests/<int:pk>/matches/", requests.RequestMatchView.as_view(), name="request-match"),
    path("connection-hub/requests/<int:pk>/messages/", requests.RequestMessageView.as_view(), name="request-message"),
]
