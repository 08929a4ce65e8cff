from django.urls import path

from . import views

app_name = "taxonomy"

urlpatterns = [
    path("reference/", views.ReferenceIndexView.as_view(), name="reference-index"),
    path("objectives/", views.ObjectiveListView.as_view(), name="objective-list"),
    path("objectives/<int:number>/", views.ObjectiveDetailView.as_view(), name="objective-detail"),
    path("principles/", views.PrincipleListView.as_view(), name="principle-list"),
    path("countries/", views.CountryListView.as_view(), name="country-list"),
    path("countries/<str:iso2>/", views.CountryDetailView.as_view(), name="country-detail"),
    path("regional-commissions/", views.CommissionListView.as_view(), name="commission-list"),
    path("regional-commissions/<str:code>/", views.CommissionDetailView.as_view(), name="commission-detail"),
    path("thematic-areas/", views.ThematicAreaListView.as_view(), name="thematic-area-list"),
    path("sdg-targets/", views.SdgTargetListView.as_view(), name="sdg-target-list"),
    path("un-entities/", views.EntityListView.as_view(), name="entity-list"),
]
