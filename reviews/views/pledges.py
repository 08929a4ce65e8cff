"""Pledges and stakeholder contributions: lists, forms and their curation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView

from gcm_portal.core.concurrency import StaleVersion
from gcm_portal.core.generic import FilteredListView, TransitionView, add_service_error, parse_id
from gcm_portal.taxonomy.selectors import countries_for_actor

from .. import permissions, selectors, services
from ..filtersets import PledgeFilterSet
from ..forms import ContributionForm, PledgeForm
from ..models import Pledge, RegionalReview
from ..workflow import CONTRIBUTION_WORKFLOW, PLEDGE_WORKFLOW

# ---------------------------------------------------------------------------
# Pledges
# ---------------------------------------------------------------------------


class PledgeListView(FilteredListView):
    template_name = "reviews/pledge_list.html"
    context_object_name = "pledges"
    filterset_class = PledgeFilterSet
    paginate_by = 25

    def get_base_queryset(self):
        queryset = selectors.pledge_list(self.request.user)
        if not permissions.can_curate(self.request.user) and "curation" not in self.request.GET:
            queryset = queryset.published()
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_create"] = permissions.can_create_pledges(self.request.user)
        return context


class PledgeDetailView(DetailView):
    template_name = "reviews/pledge_detail.html"
    context_object_name = "pledge"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.pledge_list(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_edit"] = permissions.can_edit_pledge(self.request.user, self.object)
        context["actions"] = PLEDGE_WORKFLOW.actions_for(self.object, self.request.user)
        return context


class PledgeFormView(LoginRequiredMixin, View):
    template_name = "reviews/pledge_form.html"

    def _pledge(self, request, pk):
        if pk is None:
            if not permissions.can_create_pledges(request.user):
                raise Http404
            return Pledge()
        pledge = get_object_or_404(selectors.pledge_list(request.user), pk=pk)
        if not permissions.can_edit_pledge(request.user, pledge):
            raise Http404
        return pledge

    def get(self, request, pk=None):
        pledge = self._pledge(request, pk)
        initial = {}
        countries = countries_for_actor(request.user)
        if pk is None:
            represented = [c.pk for c in countries] if not permissions.can_curate(request.user) else []
            initial = {"countries": represented, "review": request.GET.get("review")}
        form = PledgeForm(instance=pledge, initial=initial, countries=countries)
        return render(request, self.template_name, {"form": form, "pledge": pledge})

    def post(self, request, pk=None):
        pledge = self._pledge(request, pk)
        form = PledgeForm(
            request.POST,
            instance=Pledge.objects.get(pk=pk) if pk else Pledge(),
            countries=countries_for_actor(request.user),
        )
        if form.is_valid():
            data = {k: form.cleaned_data[k] for k in form.Meta.fields if k not in ("countries", "objectives")}
            try:
                if pk is None:
                    pledge = services.pledge_create(
                        actor=request.user,
                        data=data,
                        countries=list(form.cleaned_data["countries"]),
                        objectives=list(form.cleaned_data["objectives"]),
                    )
                    messages.success(request, _("The pledge is recorded and waits for curation."))
                else:
                    pledge = services.pledge_update(
                        pledge=pledge,
                        actor=request.user,
                        expected_version=form.cleaned_data["version"] or 0,
                        data=data,
                        countries=list(form.cleaned_data["countries"]),
                        objectives=list(form.cleaned_data["objectives"]),
                    )
                    messages.success(request, _("The pledge is saved."))
                return HttpResponseRedirect(pledge.get_absolute_url())
            except StaleVersion as conflict:
                form.data = form.data.copy()
                form.data["version"] = conflict.current.version
                form.add_error(None, str(conflict))
            except (ValidationError, PermissionDenied) as error:
                add_service_error(form, error if isinstance(error, ValidationError) else ValidationError(str(error)))
        return render(request, self.template_name, {"form": form, "pledge": pledge}, status=400)


class PledgeActionView(TransitionView):
    """Staff publish, decline or reopen a pledge."""

    workflow = PLEDGE_WORKFLOW

    def get_object(self):
        return get_object_or_404(selectors.pledge_list(self.request.user), pk=self.kwargs["pk"])


# ---------------------------------------------------------------------------
# Stakeholder contributions
# ---------------------------------------------------------------------------


class ContributionCreateView(LoginRequiredMixin, View):
    template_name = "reviews/contribution_form.html"

    def _target(self, request):
        source = request.POST if request.method == "POST" else request.GET
        if report_id := parse_id(source.get("report")):
            return None, get_object_or_404(selectors.public_report_list(request.user), pk=report_id)
        if review_id := parse_id(source.get("review")):
            return get_object_or_404(RegionalReview, pk=review_id), None
        raise Http404

    def get(self, request):
        review, report = self._target(request)
        form = ContributionForm(initial={"organisation": request.user.organisation})
        return render(request, self.template_name, {"form": form, "review": review, "report": report})

    def post(self, request):
        review, report = self._target(request)
        form = ContributionForm(request.POST)
        if form.is_valid():
            try:
                services.contribution_submit(
                    actor=request.user,
                    review=review,
                    report=report,
                    objectives=form.cleaned_data.pop("objectives"),
                    **form.cleaned_data,
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Thank you. Your contribution waits for curation by Network staff."))
                return HttpResponseRedirect((report or review).get_absolute_url())
        return render(request, self.template_name, {"form": form, "review": review, "report": report}, status=400)


class ContributionActionView(TransitionView):
    """Staff publish, decline or reopen a contribution."""

    workflow = CONTRIBUTION_WORKFLOW

    def get_object(self):
        return get_object_or_404(selectors.contribution_list(self.request.user), pk=self.kwargs["pk"])
