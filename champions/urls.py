from django.urls import path

from . import views
from .services import (
    ACTIVITY_DOCUMENTS,
    COMMITMENT_DOCUMENTS,
    CONFIRMATION_DOCUMENTS,
    CONSULTATION_DOCUMENTS,
    PROFILE_DOCUMENTS,
)

app_name = "champions"

urlpatterns = [
    path("", views.ChampionsIndexView.as_view(), name="index"),
    path("directory/", views.ChampionDirectoryView.as_view(), name="directory"),
    path("map/", views.ChampionMapView.as_view(), name="map"),
    path("countries/<str:iso2>/", views.ChampionDetailView.as_view(), name="champion-detail"),
    path("countries/<str:iso2>/versions/<int:number>/", views.ChampionVersionView.as_view(), name="champion-version"),
    path("countries/<str:iso2>/propose/", views.ProfileUpdateCreateView.as_view(), name="profile-update-create"),
    path("profile-updates/<int:pk>/", views.ProfileUpdateDetailView.as_view(), name="profile-update-detail"),
    path("profile-updates/<int:pk>/edit/", views.ProfileUpdateEditView.as_view(), name="profile-update-edit"),
    path(
        "profile-updates/<int:pk>/actions/<str:action>/",
        views.ProfileUpdateActionView.as_view(),
        name="profile-update-action",
    ),
    *PROFILE_DOCUMENTS.urls("profile-updates/<int:pk>/documents/", name="profile-document"),
    path("commitments/", views.CommitmentListView.as_view(), name="commitment-list"),
    path("commitments/new/", views.CommitmentCreateView.as_view(), name="commitment-create"),
    path("commitments/<int:pk>/", views.CommitmentDetailView.as_view(), name="commitment-detail"),
    path("commitments/<int:pk>/edit/", views.CommitmentEditView.as_view(), name="commitment-edit"),
    path("commitments/<int:pk>/progress/", views.CommitmentProgressView.as_view(), name="commitment-progress"),
    path("commitments/<int:pk>/actions/<str:action>/", views.CommitmentActionView.as_view(), name="commitment-action"),
    *COMMITMENT_DOCUMENTS.urls("commitments/<int:pk>/documents/", name="commitment-document"),
    path("activities/", views.ActivityListView.as_view(), name="activity-list"),
    path("activities/upcoming.ics", views.ActivityCalendarView.as_view(), name="activity-calendar"),
    path("activities/new/", views.ActivityCreateView.as_view(), name="activity-create"),
    path("activities/<int:pk>/", views.ActivityDetailView.as_view(), name="activity-detail"),
    path("activities/<int:pk>/edit/", views.ActivityEditView.as_view(), name="activity-edit"),
    path("activities/<int:pk>/actions/<str:action>/", views.ActivityActionView.as_view(), name="activity-action"),
    *ACTIVITY_DOCUMENTS.urls("activities/<int:pk>/documents/", name="activity-document"),
    path("join/", views.ConfirmationCreateView.as_view(), name="confirmation-create"),
    path("join/<int:pk>/", views.ConfirmationDetailView.as_view(), name="confirmation-detail"),
    path("join/<int:pk>/actions/<str:action>/", views.ConfirmationActionView.as_view(), name="confirmation-action"),
    *CONFIRMATION_DOCUMENTS.urls("join/<int:pk>/letters/", name="confirmation-document"),
    path("consultations/", views.ConsultationListView.as_view(), name="consultation-list"),
    path("consultations/<int:pk>/", views.ConsultationDetailView.as_view(), name="consultation-detail"),
    path("consultations/<int:pk>/answers/", views.ConsultationAnswersView.as_view(), name="consultation-answers"),
    path(
        "consultations/<int:pk>/answers.<str:fmt>",
        views.ConsultationExportView.as_view(),
        name="consultation-export",
    ),
    *CONSULTATION_DOCUMENTS.urls("consultations/<int:pk>/documents/", name="consultation-document"),
    path("peer-learning/", views.PeerLearningView.as_view(), name="peer-learning"),
    path("peer-learning/pairings/new/", views.PairingCreateView.as_view(), name="pairing-create"),
    path("peer-learning/requests/new/", views.RequestCreateView.as_view(), name="request-create"),
    path("peer-learning/requests/<int:pk>/", views.RequestDetailView.as_view(), name="request-detail"),
    path("peer-learning/requests/<int:pk>/route/", views.RequestRouteView.as_view(), name="request-route"),
    path(
        "peer-learning/requests/<int:pk>/actions/<str:action>/",
        views.RequestActionView.as_view(),
        name="request-action",
    ),
]
