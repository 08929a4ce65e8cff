from django.urls import path

from . import views

app_name = "champions"

urlpatterns = [
    path("", views.ChampionsIndexView.as_view(), name="index"),
]
