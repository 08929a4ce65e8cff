from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.generic import DetailView

from gcm_portal.core.generic import FilteredListView, TransitionView

from .filtersets import NoteFilterSet
from .models import Dossier, Note
from .workflow import DOSSIER_DOCUMENTS, DOSSIER_WORKFLOW, NOTE_WORKFLOW


def notes_for(user):
    return Note.objects.visible_to(user).prefetch_related("countries", "objectives")


class NoteListView(FilteredListView):
    template_name = "kit/note_list.html"
    filterset_class = NoteFilterSet

    def get_base_queryset(self):
        return notes_for(self.request.user).published()


class NoteDetailView(DetailView):
    template_name = "kit/note_detail.html"

    def get_object(self, queryset=None):
        return get_object_or_404(notes_for(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(actions=NOTE_WORKFLOW.actions_for(self.object, self.request.user), **kwargs)


class NoteActionView(TransitionView):
    workflow = NOTE_WORKFLOW

    def get_object(self):
        return get_object_or_404(notes_for(self.request.user), pk=self.kwargs["pk"])


class DossierDetailView(DetailView):
    template_name = "kit/dossier_detail.html"

    def get_object(self, queryset=None):
        return get_object_or_404(Dossier.objects.visible_to(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            actions=DOSSIER_WORKFLOW.actions_for(self.object, user),
            can_change=DOSSIER_DOCUMENTS.manages(user, self.object),
            **kwargs,
        )


class DossierActionView(TransitionView):
    workflow = DOSSIER_WORKFLOW

    def get_object(self):
        return get_object_or_404(Dossier.objects.visible_to(self.request.user), pk=self.kwargs["pk"])


def country_panel(*, request, country):
    notes = notes_for(request.user).published().filter(countries=country)
    return {"template": "kit/country_panel.html", "notes": notes} if notes else None


app_name = "kit"
urlpatterns = [
    path("notes/", NoteListView.as_view(), name="note-list"),
    path("notes/<int:pk>/", NoteDetailView.as_view(), name="note-detail"),
    path("notes/<int:pk>/actions/<str:action>/", NoteActionView.as_view(), name="note-action"),
    path("dossiers/<int:pk>/", DossierDetailView.as_view(), name="dossier-detail"),
    path("dossiers/<int:pk>/actions/<str:action>/", DossierActionView.as_view(), name="dossier-action"),
    *DOSSIER_DOCUMENTS.urls("dossiers/<int:pk>/documents/", name="dossier-document"),
]
