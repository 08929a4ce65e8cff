"""Public pages of the GCM reference taxonomy."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView

from gcm_portal.core.generic import FilteredListView
from gcm_portal.core.registry import panels_for

from . import selectors
from .filtersets import CountryFilterSet
from .models import CommissionMembership, RegionalCommission

# These pages show the reference data only: only its changes invalidate their cached copies.
REFERENCE_DATA = ("taxonomy.*",)


class ObjectiveListView(ListView):
    page_cache_kinds = REFERENCE_DATA
    template_name = "taxonomy/objective_list.html"
    context_object_name = "objectives"

    def get_queryset(self):
        return selectors.objective_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["round_tables"] = selectors.round_table_list()
        return context


class ObjectiveDetailView(DetailView):
    """An objective with what the apps' panels show about it (so any published change renders it anew)."""

    template_name = "taxonomy/objective_detail.html"
    context_object_name = "objective"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.objective_list(), number=self.kwargs["number"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        number = self.object.number
        context["previous_number"] = number - 1 if number > 1 else None
        context["next_number"] = number + 1 if number < 23 else None
        context["panels"] = panels_for("objective", request=self.request, objective=self.object)
        return context


class PrincipleListView(ListView):
    page_cache_kinds = REFERENCE_DATA
    template_name = "taxonomy/principle_list.html"
    context_object_name = "principles"

    def get_queryset(self):
        return selectors.principle_list()


class CountryListView(FilteredListView):
    page_cache_kinds = REFERENCE_DATA
    template_name = "taxonomy/country_list.html"
    context_object_name = "countries"
    filterset_class = CountryFilterSet
    paginate_by = 60

    def get_base_queryset(self):
        return selectors.country_list()


class CountryDetailView(DetailView):
    template_name = "taxonomy/country_detail.html"
    context_object_name = "country"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.country_list(), iso2=self.kwargs["iso2"].upper())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["panels"] = panels_for("country", request=self.request, country=self.object)
        return context


class CommissionListView(ListView):
    page_cache_kinds = REFERENCE_DATA
    template_name = "taxonomy/commission_list.html"
    context_object_name = "commissions"

    def get_queryset(self):
        return selectors.commission_list()


class CommissionDetailView(DetailView):
    page_cache_kinds = REFERENCE_DATA
    template_name = "taxonomy/commission_detail.html"
    context_object_name = "commission"

    def get_object(self, queryset=None):
        members = CommissionMembership.objects.select_related("country", "country__subregion").order_by(
            "kind", "country__sort_name"
        )
        queryset = selectors.commission_list().prefetch_related(Prefetch("memberships", queryset=members))
        return get_object_or_404(queryset, code=self.kwargs["code"].upper())


class ThematicAreaListView(ListView):
    page_cache_kinds = REFERENCE_DATA
    template_name = "taxonomy/thematic_area_list.html"
    context_object_name = "thematic_areas"

    def get_queryset(self):
        return selectors.thematic_area_list()


class EntityListView(ListView):
    page_cache_kinds = REFERENCE_DATA
    template_name = "taxonomy/entity_list.html"
    context_object_name = "entities"

    def get_queryset(self):
        return selectors.entity_list()


class SdgTargetListView(ListView):
    page_cache_kinds = REFERENCE_DATA
    template_name = "taxonomy/sdg_target_list.html"
    context_object_name = "targets"

    def get_queryset(self):
        return selectors.sdg_target_list()


class ReferenceIndexView(TemplateView):
    template_name = "taxonomy/reference_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["figures"] = selectors.reference_figures()
        context["commissions"] = RegionalCommission.objects.order_by("code")
        return context
