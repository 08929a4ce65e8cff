"""The review process: cycles, the International Migration Review Forum, regional reviews with their
events, and the list of States invited to report (kept by Network staff)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView

from gcm_portal.core.generic import StaffRequiredMixin, add_service_error

from .. import permissions, selectors, services
from ..forms import InvitationForm
from ..models import ReviewInvitation


class ReviewIndexView(ListView):
    template_name = "reviews/index.html"
    context_object_name = "cycles"

    def get_queryset(self):
        return selectors.cycle_list()


class ForumDetailView(DetailView):
    """One International Migration Review Forum: its parts, outcome, and what fed it."""

    template_name = "reviews/forum_detail.html"
    context_object_name = "forum"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.forum_list(), code=self.kwargs["code"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page"] = selectors.forum_page(self.object, self.request.user)
        context["can_contribute"] = permissions.can_contribute(self.request.user)
        return context


class ReviewDetailView(DetailView):
    template_name = "reviews/review_detail.html"
    context_object_name = "review"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.review_detail(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        participants = selectors.review_participants(self.object, user)
        context.update(
            participants=participants,
            counts=selectors.participation_counts(participants),
            pledges=selectors.pledge_list(user).published().filter(review=self.object),
            contributions=selectors.contribution_list(user).published().filter(review=self.object),
            can_contribute=permissions.can_contribute(user),
            can_create_report=permissions.can_create_reports(user),
            can_manage_invitations=permissions.can_manage_invitations(user),
        )
        return context


class InvitationView(StaffRequiredMixin, View):
    """Staff keep the list of States invited to report, each change with its public source."""

    template_name = "reviews/invitations.html"

    def _review(self, pk):
        return get_object_or_404(selectors.review_detail(), pk=pk)

    def _render(self, request, review, form, status=200):
        return render(request, self.template_name, {"review": review, "form": form}, status=status)

    def get(self, request, pk):
        return self._render(request, self._review(pk), InvitationForm())

    def post(self, request, pk):
        review = self._review(pk)
        form = InvitationForm(request.POST)
        if form.is_valid():
            try:
                services.invitation_add(
                    review=review,
                    country=form.cleaned_data["country"],
                    actor=request.user,
                    source=form.source(),
                    note=form.cleaned_data["note"],
                )
            except (ValidationError, PermissionDenied) as error:
                add_service_error(form, error if isinstance(error, ValidationError) else ValidationError(str(error)))
            else:
                messages.success(
                    request, _("%(country)s is invited to report.") % {"country": form.cleaned_data["country"]}
                )
                return HttpResponseRedirect(request.path)
        return self._render(request, review, form, status=400)


class InvitationRemoveView(StaffRequiredMixin, View):
    template_name = "reviews/invitations.html"

    def post(self, request, pk, invitation_pk):
        invitations = ReviewInvitation.objects.select_related("review", "country")
        invitation = get_object_or_404(invitations, pk=invitation_pk, review=pk)
        data = request.POST.copy()
        data["country"] = invitation.country_id
        form = InvitationForm(data)
        if form.is_valid():
            try:
                services.invitation_remove(
                    invitation=invitation, actor=request.user, source=form.source(), note=form.cleaned_data["note"]
                )
            except (ValidationError, PermissionDenied) as error:
                add_service_error(form, error if isinstance(error, ValidationError) else ValidationError(str(error)))
            else:
                messages.success(request, _("%(country)s is no longer on the list.") % {"country": invitation.country})
                return HttpResponseRedirect(reverse("reviews:invitations", args=[pk]))
        review = get_object_or_404(selectors.review_detail(), pk=pk)
        context = {"review": review, "form": InvitationForm(), "remove_form": form, "removing": invitation}
        return render(request, self.template_name, context, status=400)
