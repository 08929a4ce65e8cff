"""The Connection Hub: the public's anonymised counts, a focal point's requests and staff triage."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView

from gcm_portal.core.errors import messages_of
from gcm_portal.core.generic import FilteredListView, TransitionView, add_service_error
from gcm_portal.taxonomy.selectors import countries_for_actor

from .. import permissions, selectors, services
from ..choices import RequestStatus
from ..filtersets import RequestFilterSet
from ..forms import MatchForm, MessageForm, SupportRequestForm
from ..services.requests import REQUEST_FIELDS
from ..workflow import REQUEST_WORKFLOW
from .common import ServiceFormView, require


class ConnectionHubView(View):
    """What the Connection Hub does, and anonymised counts of requests: never a request itself."""

    def get(self, request):
        return render(
            request,
            "knowledge/connection_hub.html",
            {
                "counts": selectors.public_counts(),
                "can_request": permissions.can_request_support(request.user),
                "is_staff": permissions.is_staff(request.user),
            },
        )


class RequestListView(LoginRequiredMixin, FilteredListView):
    """A focal point's own requests; every request for staff."""

    template_name = "knowledge/request_list.html"
    context_object_name = "requests"
    filterset_class = RequestFilterSet

    def get_base_queryset(self):
        return selectors.request_list(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_request"] = permissions.can_request_support(self.request.user)
        context["is_staff"] = permissions.is_staff(self.request.user)
        return context


class RequestFormView(ServiceFormView):
    form_class = SupportRequestForm

    def get_object(self):
        user = self.request.user
        if pk := self.kwargs.get("pk"):
            request = get_object_or_404(selectors.request_detail(user), pk=pk)
            require(permissions.can_edit_request(user, request))
            return request
        require(permissions.can_request_support(user))
        return None

    def get_title(self, obj):
        return _("Edit the request") if obj else _("Ask the Connection Hub for support")

    def form_kwargs(self, obj):
        countries = countries_for_actor(self.request.user)
        if not permissions.is_staff(self.request.user) or obj is None:
            from gcm_portal import permissions as roles

            countries = countries.filter(pk__in=roles.country_ids_represented(self.request.user))
        return {**super().form_kwargs(obj), "countries": countries}

    def save(self, form, obj):
        data = form.service_data(REQUEST_FIELDS)
        objectives = list(form.cleaned_data["objectives"])
        if obj is None:
            request = services.support_request_create(
                actor=self.request.user, country=form.cleaned_data["country"], data=data, objectives=objectives
            )
            messages.success(self.request, _("Your request is received. Network staff will be in touch."))
            return request
        return services.support_request_update(
            request=obj,
            actor=self.request.user,
            expected_version=form.cleaned_data["version"] or 0,
            data=data,
            objectives=objectives,
        )


class RequestDetailView(LoginRequiredMixin, DetailView):
    template_name = "knowledge/request_detail.html"
    context_object_name = "support_request"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.request_detail(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, request = self.request.user, self.object
        staff = permissions.is_staff(user)
        context.update(
            actions=REQUEST_WORKFLOW.actions_for(request, user),
            statuses=RequestStatus.choices,
            is_staff=staff,
            can_edit=permissions.can_edit_request(user, request),
            can_write=permissions.can_write_to_request(user, request),
            message_form=kwargs.get("message_form") or MessageForm(),
            match_form=kwargs.get("match_form")
            or (MatchForm() if staff and permissions.can_write_to_request(user, request) else None),
        )
        return context


class RequestActionView(TransitionView):
    workflow = REQUEST_WORKFLOW

    def get_object(self):
        return get_object_or_404(selectors.request_list(self.request.user), pk=self.kwargs["pk"])


class _RequestPostView(LoginRequiredMixin, View):
    def support_request(self, request, pk):
        return get_object_or_404(selectors.request_detail(request.user), pk=pk)

    def rerender(self, request, support_request, **forms):
        view = RequestDetailView()
        view.setup(request, pk=support_request.pk)
        view.object = support_request
        return render(
            request, RequestDetailView.template_name, view.get_context_data(object=support_request, **forms), status=400
        )


class RequestMatchView(_RequestPostView):
    """Staff record what a request is matched to."""

    def post(self, request, pk):
        support_request = self.support_request(request, pk)
        if not permissions.is_staff(request.user):
            raise PermissionDenied(_("Network staff match requests."))
        form = MatchForm(request.POST)
        if form.is_valid():
            try:
                services.support_match_add(
                    request=support_request,
                    actor=request.user,
                    kind=form.cleaned_data["kind"],
                    target=form.target(),
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The match is recorded and the requester is told."))
                return HttpResponseRedirect(support_request.get_absolute_url() + "#matches")
        return self.rerender(request, support_request, match_form=form)


class RequestMessageView(_RequestPostView):
    """The requester and staff write to each other."""

    def post(self, request, pk):
        support_request = self.support_request(request, pk)
        form = MessageForm(request.POST)
        if form.is_valid():
            try:
                services.support_message_add(
                    request=support_request, actor=request.user, body=form.cleaned_data["body"]
                )
            except PermissionDenied as error:
                messages.error(request, " ".join(messages_of(error)))
                return HttpResponseRedirect(support_request.get_absolute_url())
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Your message is sent."))
                return HttpResponseRedirect(support_request.get_absolute_url() + "#messages")
        return self.rerender(request, support_request, message_form=form)
