"""Resources and events."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView

from gcm_portal.core.attachments import AttachmentForm
from gcm_portal.core.calendar import ics_response
from gcm_portal.core.generic import FilteredListView, TransitionView

from .. import permissions, selectors, services
from ..filtersets import EventFilterSet, ResourceFilterSet
from ..forms import EventForm, ResourceForm
from ..services.resources import EVENT_FIELDS, RESOURCE_FIELDS
from ..workflow import EVENT_WORKFLOW, RESOURCE_WORKFLOW
from .common import ServiceFormView, require

# ---------------------------------------------------------------------------
# Resources
# ---------------------------------------------------------------------------


class ResourceListView(FilteredListView):
    template_name = "knowledge/resource_list.html"
    context_object_name = "resources"
    filterset_class = ResourceFilterSet
    paginate_by = 25

    def get_base_queryset(self):
        queryset = selectors.resource_list(self.request.user)
        if not permissions.can_curate(self.request.user) and "curation" not in self.request.GET:
            queryset = queryset.published()
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_suggest"] = permissions.can_suggest_resource(self.request.user)
        context["is_staff"] = permissions.can_curate(self.request.user)
        return context


class ResourceDetailView(DetailView):
    template_name = "knowledge/resource_detail.html"
    context_object_name = "resource"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.resource_detail(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, resource = self.request.user, self.object
        can_change = services.RESOURCE_FILES.may_change(user, resource)
        context.update(
            actions=RESOURCE_WORKFLOW.actions_for(resource, user),
            can_edit=can_change,
            files=services.RESOURCE_FILES.visible_to(user, resource),
            file_form=AttachmentForm(attachments=services.RESOURCE_FILES) if can_change else None,
        )
        return context


class ResourceFormView(ServiceFormView):
    """Staff add (and may publish) a resource; a member's suggestion waits for curation."""

    form_class = ResourceForm

    def get_object(self):
        user = self.request.user
        require(permissions.can_suggest_resource(user))
        if pk := self.kwargs.get("pk"):
            resource = get_object_or_404(selectors.resource_detail(user), pk=pk)
            require(services.RESOURCE_FILES.may_change(user, resource))
            return resource
        return None

    def get_title(self, obj):
        if obj:
            return _("Edit the resource")
        return _("Add a resource") if permissions.can_curate(self.request.user) else _("Suggest a resource")

    def form_kwargs(self, obj):
        return {**super().form_kwargs(obj), "staff": permissions.can_curate(self.request.user)}

    def save(self, form, obj):
        data = form.service_data(RESOURCE_FIELDS)
        relations = {
            "objectives": list(form.cleaned_data["objectives"]),
            "principles": list(form.cleaned_data["principles"]),
            "countries": list(form.cleaned_data["countries"]),
        }
        if obj is None:
            resource = services.resource_create(
                actor=self.request.user, data=data, publish=form.cleaned_data.get("publish", False), **relations
            )
            if not resource.is_public:
                messages.success(self.request, _("Thank you. Network staff will look at your suggestion."))
            return resource
        return services.resource_update(
            resource=obj,
            actor=self.request.user,
            expected_version=form.cleaned_data["version"] or 0,
            data=data,
            **relations,
        )


class ResourceActionView(TransitionView):
    workflow = RESOURCE_WORKFLOW

    def get_object(self):
        return get_object_or_404(selectors.resource_list(self.request.user), pk=self.kwargs["pk"])


# ---------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------


class EventListView(FilteredListView):
    """Upcoming events (``past=True``: past ones, newest first)."""

    template_name = "knowledge/event_list.html"
    context_object_name = "events"
    filterset_class = EventFilterSet
    paginate_by = 25
    past = False

    def get_base_queryset(self):
        events = selectors.event_list(self.request.user)
        if not permissions.can_curate(self.request.user):
            events = events.published()
        now = timezone.now()
        return events.past(now) if self.past else events.upcoming(now)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["past"] = self.past
        context["can_create"] = permissions.can_curate(self.request.user)
        return context


class EventCalendarView(View):
    """The iCalendar feed of published events, for calendar applications."""

    def get(self, request):
        events = selectors.calendar_events(timezone.now(), absolute=request.build_absolute_uri)
        return ics_response(events, name=_("Knowledge hub events"), filename="hub-events.ics")


class EventDetailView(DetailView):
    template_name = "knowledge/event_detail.html"
    context_object_name = "event"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.event_detail(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["actions"] = EVENT_WORKFLOW.actions_for(self.object, self.request.user)
        context["can_edit"] = permissions.can_curate(self.request.user)
        context["is_past"] = (self.object.ends_at or self.object.starts_at) < timezone.now()
        return context


class EventFormView(ServiceFormView):
    form_class = EventForm

    def get_object(self):
        require(permissions.can_curate(self.request.user))
        if pk := self.kwargs.get("pk"):
            return get_object_or_404(selectors.event_detail(self.request.user), pk=pk)
        return None

    def get_title(self, obj):
        return _("Edit the event") if obj else _("Announce an event")

    def save(self, form, obj):
        data = form.service_data(EVENT_FIELDS)
        relations = {
            "objectives": list(form.cleaned_data["objectives"]),
            "resources": list(form.cleaned_data["resources"]),
            "practices": list(form.cleaned_data["practices"]),
        }
        if obj is None:
            return services.event_create(
                actor=self.request.user, data=data, publish=form.cleaned_data["publish"], **relations
            )
        return services.event_update(
            event=obj,
            actor=self.request.user,
            expected_version=form.cleaned_data["version"] or 0,
            data=data,
            **relations,
        )


class EventActionView(TransitionView):
    workflow = EVENT_WORKFLOW

    def get_object(self):
        return get_object_or_404(selectors.event_list(self.request.user), pk=self.kwargs["pk"])
