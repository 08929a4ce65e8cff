"""Working groups (with their open call to join) and UN migration networks."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from gcm_portal.core.attachments import AttachmentForm
from gcm_portal.core.generic import FilteredListView, TransitionView

from .. import permissions, selectors, services
from ..filtersets import GroupFilterSet, NetworkFilterSet
from ..forms import GroupForm, JoinForm, NetworkForm
from ..models import JoinRequest
from ..services.groups import GROUP_FIELDS, NETWORK_FIELDS
from ..workflow import GROUP_WORKFLOW, JOIN_WORKFLOW, NETWORK_WORKFLOW
from .common import ServiceFormView, require

# ---------------------------------------------------------------------------
# Working groups
# ---------------------------------------------------------------------------


class GroupListView(FilteredListView):
    template_name = "knowledge/group_list.html"
    context_object_name = "groups"
    filterset_class = GroupFilterSet

    def get_base_queryset(self):
        groups = selectors.group_list(self.request.user)
        return groups if permissions.can_curate(self.request.user) else groups.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_create"] = permissions.can_curate(self.request.user)
        return context


class GroupDetailView(DetailView):
    template_name = "knowledge/group_detail.html"
    context_object_name = "group"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.group_detail(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, group = self.request.user, self.object
        staff = permissions.can_curate(user)
        joins = selectors.join_requests_for(user, group)
        context.update(
            actions=GROUP_WORKFLOW.actions_for(group, user),
            can_edit=staff,
            can_join=permissions.can_ask_to_join(user, group),
            joins=[(j, JOIN_WORKFLOW.actions_for(j, user)) for j in joins],
            documents=services.GROUP_DOCUMENTS.visible_to(user, group),
            document_form=AttachmentForm(attachments=services.GROUP_DOCUMENTS) if staff else None,
            join_form=JoinForm(initial={"organisation": getattr(user, "organisation", "")}),
        )
        return context


class GroupFormView(ServiceFormView):
    form_class = GroupForm

    def get_object(self):
        require(permissions.can_curate(self.request.user))
        if pk := self.kwargs.get("pk"):
            return get_object_or_404(selectors.group_detail(self.request.user), pk=pk)
        return None

    def get_title(self, obj):
        return _("Edit the working group") if obj else _("Add a working group")

    def save(self, form, obj):
        data = form.service_data(GROUP_FIELDS)
        relations = {
            "un_co_leads": list(form.cleaned_data["un_co_leads"]),
            "member_entities": list(form.cleaned_data["member_entities"]),
            "objectives": list(form.cleaned_data["objectives"]),
        }
        if obj is None:
            return services.group_create(
                actor=self.request.user, data=data, publish=form.cleaned_data["publish"], **relations
            )
        return services.group_update(
            group=obj,
            actor=self.request.user,
            expected_version=form.cleaned_data["version"] or 0,
            data=data,
            **relations,
        )


class GroupActionView(TransitionView):
    workflow = GROUP_WORKFLOW

    def get_object(self):
        return get_object_or_404(selectors.group_list(self.request.user), pk=self.kwargs["pk"])


class GroupJoinView(ServiceFormView):
    """Answer a working group's open call to join."""

    form_class = JoinForm

    def get_object(self):
        group = get_object_or_404(selectors.group_list(self.request.user), pk=self.kwargs["pk"])
        require(permissions.can_ask_to_join(self.request.user, group))
        return group

    def get_title(self, obj):
        return _("Ask to join %(group)s") % {"group": obj}

    def get_form(self, obj, data=None, files=None):
        return JoinForm(data, initial={"organisation": self.request.user.organisation})

    def save(self, form, obj):
        services.join_request_create(group=obj, actor=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Your request to join is sent: Network staff will answer it."))
        return obj


class JoinActionView(TransitionView):
    """Staff accept or decline a request to join, with a message."""

    workflow = JOIN_WORKFLOW

    def get_object(self):
        return get_object_or_404(JoinRequest.objects.visible_to(self.request.user), pk=self.kwargs["pk"])


# ---------------------------------------------------------------------------
# UN migration networks
# ---------------------------------------------------------------------------


class NetworkListView(FilteredListView):
    template_name = "knowledge/network_list.html"
    context_object_name = "networks"
    filterset_class = NetworkFilterSet
    paginate_by = 100

    def get_base_queryset(self):
        networks = selectors.network_list(self.request.user)
        return networks if permissions.can_curate(self.request.user) else networks.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = selectors.network_counts()
        context.update(
            counts=counts,
            chart=selectors.network_chart(counts),
            can_create=permissions.can_curate(self.request.user),
        )
        return context


class NetworkDetailView(DetailView):
    template_name = "knowledge/network_detail.html"
    context_object_name = "network"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.network_detail(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, network = self.request.user, self.object
        staff = permissions.can_curate(user)
        context.update(
            actions=NETWORK_WORKFLOW.actions_for(network, user),
            can_edit=staff,
            documents=services.NETWORK_DOCUMENTS.visible_to(user, network),
            document_form=AttachmentForm(attachments=services.NETWORK_DOCUMENTS) if staff else None,
        )
        return context


class NetworkFormView(ServiceFormView):
    form_class = NetworkForm

    def get_object(self):
        require(permissions.can_curate(self.request.user))
        if pk := self.kwargs.get("pk"):
            return get_object_or_404(selectors.network_detail(self.request.user), pk=pk)
        return None

    def get_title(self, obj):
        return _("Edit the network") if obj else _("Add a UN migration network")

    def save(self, form, obj):
        data = form.service_data(NETWORK_FIELDS)
        relations = {
            "co_chairs": list(form.cleaned_data["co_chairs"]),
            "member_entities": list(form.cleaned_data["member_entities"]),
        }
        if obj is None:
            return services.network_create(
                actor=self.request.user, data=data, publish=form.cleaned_data["publish"], **relations
            )
        return services.network_update(
            network=obj,
            actor=self.request.user,
            expected_version=form.cleaned_data["version"] or 0,
            data=data,
            **relations,
        )


class NetworkActionView(TransitionView):
    workflow = NETWORK_WORKFLOW

    def get_object(self):
        return get_object_or_404(selectors.network_list(self.request.user), pk=self.kwargs["pk"])
