from django.urls import path

from . import views

urlpatterns = [
    path("search/", views.SearchView.as_view(), name="search"),
    path("my-country/", views.MyCountryView.as_view(), name="my-country"),
    path("curation/", views.CurationView.as_view(), name="curation"),
    path("notifications/", views.NotificationListView.as_view(), name="notifications"),
    path("notifications/<int:pk>/", views.NotificationOpenView.as_view(), name="notification-open"),
    path("audit/", views.AuditLogView.as_view(), name="audit-log"),
]
