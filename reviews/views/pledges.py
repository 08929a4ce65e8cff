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

from gcm_portal.core.attachments import AttachmentForm
from gcm_portal.core.concurrency import StaleVersion
from gcm_portal.core.curation import CurationState
from gcm_portal.core.errors import messages_of
from gcm_portal.core.generic import FilteredListView, StaffRequiredMixin, TransitionView, add_service_error, parse_id
from gcm_portal.taxonomy.selectors import countries_for_actor

from .. import permissions, selectors, services
from ..choices import PledgingParty
from ..filtersets import PledgeFilterSet
from ..forms import ContributionForm, PledgeForm, PledgeProgressForm
from ..models import Pledge, PledgeUpdate, RegionalReview, ReviewForum
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
        return get_object_or_404(selectors.pledge_detail(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, pledge = self.request.user, self.object
        can_edit = permissions.can_edit_pledge(user, pledge)
        can_attach = services.PLEDGE_DOCUMENTS.may_change(user, pledge)
        documents = services.PLEDGE_DOCUMENTS.visible_to(user, pledge)
        context.update(
            can_edit=can_edit,
            can_curate=permissions.can_curate(user),
            actions=PLEDGE_WORKFLOW.actions_for(pledge, user),
            matched=selectors.matched_pledge_visible_to(user, pledge),
            documents=documents,
            can_attach=can_attach,
            document_form=AttachmentForm(attachments=services.PLEDGE_DOCUMENTS)
            if can_attach and len(documents) < services.PLEDGE_DOCUMENTS.max_count
            else None,
            progress_form=PledgeProgressForm(initial={"status": pledge.status})
            if can_edit and pledge.curation == CurationState.PUBLISHED
            else None,
        )
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

    def _form(self, request, pledge, **kwargs):
        return PledgeForm(instance=pledge, states=countries_for_actor(request.user), **kwargs)

    def get(self, request, pk=None):
        pledge = self._pledge(request, pk)
        initial = {}
        if pk is None:
            user = request.user
            represented = list(countries_for_actor(user)) if not permissions.can_curate(user) else []
            initial = {
                "party_type": PledgingParty.MEMBER_STATE if represented else PledgingParty.CIVIL_SOCIETY,
                "pledging_countries": [c.pk for c in represented],
                "submitting_entity": ", ".join(c.name for c in represented) or user.organisation,
                "contact_name": user.get_full_name(),
                "contact_email": user.email,
                "review": parse_id(request.GET.get("review")),
                "forum": parse_id(request.GET.get("forum")),
                "matches": request.GET.get("matches", "")[:20],
            }
        form = self._form(request, pledge, initial=initial)
        return render(request, self.template_name, {"form": form, "pledge": pledge})

    def post(self, request, pk=None):
        pledge = self._pledge(request, pk)
        form = self._form(
            request, Pledge.objects.get(pk=pk) if pk else Pledge(), data=request.POST, files=request.FILES
        )
        if form.is_valid():
            arguments = form.service_arguments()
            try:
                if pk is None:
                    pledge = services.pledge_create(actor=request.user, **arguments)
                    messages.success(
                        request,
                        _("The pledge %(reference)s is recorded and waits for curation.")
                        % {"reference": pledge.reference},
                    )
                else:
                    pledge = services.pledge_update(
                        pledge=pledge,
                        actor=request.user,
                        expected_version=form.cleaned_data["version"] or 0,
                        **arguments,
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


class PledgeProgressView(LoginRequiredMixin, View):
    """The pledge's owners report progress; staff remove a report that breaks the rules."""

    template_name = "reviews/pledge_progress.html"

    def post(self, request, pk):
        pledge = get_object_or_404(selectors.pledge_list(request.user), pk=pk)
        if not permissions.can_edit_pledge(request.user, pledge):
            raise Http404
        form = PledgeProgressForm(request.POST)
        if form.is_valid():
            try:
                services.pledge_progress_report(pledge=pledge, actor=request.user, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as error:
                add_service_error(form, error if isinstance(error, ValidationError) else ValidationError(str(error)))
            else:
                messages.success(request, _("Your follow-up report is published with the pledge."))
                return HttpResponseRedirect(pledge.get_absolute_url() + "#progress")
        return render(request, self.template_name, {"form": form, "pledge": pledge}, status=400)


class PledgeProgressRemoveView(StaffRequiredMixin, View):
    def post(self, request, pk, update_pk):
        update = get_object_or_404(PledgeUpdate.objects.select_related("pledge", "created_by"), pk=update_pk, pledge=pk)
        try:
            services.pledge_progress_remove(update=update, actor=request.user, reason=request.POST.get("reason", ""))
        except ValidationError as error:
            messages.error(request, " ".join(messages_of(error)))
        else:
            messages.success(request, _("The follow-up report is removed and its author told."))
        return HttpResponseRedirect(update.pledge.get_absolute_url() + "#progress")


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
            return {"report": get_object_or_404(selectors.public_report_list(request.user), pk=report_id)}
        if review_id := parse_id(source.get("review")):
            return {"review": get_object_or_404(RegionalReview, pk=review_id)}
        if forum := source.get("forum"):
            return {"forum": get_object_or_404(ReviewForum, code=forum[:20])}
        raise Http404

    def _context(self, form, target) -> dict:
        return {"form": form, "review": None, "report": None, "forum": None, **target}

    def get(self, request):
        target = self._target(request)
        form = ContributionForm(initial={"organisation": request.user.organisation})
        return render(request, self.template_name, self._context(form, target))

    def post(self, request):
        target = self._target(request)
        form = ContributionForm(request.POST)
        if form.is_valid():
            try:
                services.contribution_submit(
                    actor=request.user, objectives=form.cleaned_data.pop("objectives"), **target, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Thank you. Your contribution waits for curation by Network staff."))
                return HttpResponseRedirect(next(iter(target.values())).get_absolute_url())
        return render(request, self.template_name, self._context(form, target), status=400)


class ContributionActionView(TransitionView):
    """Staff publish, decline or reopen a contribution."""

    workflow = CONTRIBUTION_WORKFLOW

    def get_object(self):
        return get_object_or_404(selectors.contribution_list(self.request.user), pk=self.kwargs["pk"])
