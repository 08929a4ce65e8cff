"""What champions' focal points propose and staff curate: profile updates, commitments (with progress),
activities (with the public calendar, its iCalendar feed and the archive) and letters of confirmation."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView

from gcm_portal import permissions as roles
from gcm_portal.core.calendar import CalendarEvent, ics_response
from gcm_portal.core.errors import messages_of
from gcm_portal.core.generic import FilteredListView, TransitionView
from gcm_portal.core.versions import versions_of
from gcm_portal.taxonomy.models import Country
from gcm_portal.taxonomy.selectors import countries_for_actor

from .. import permissions, selectors, services
from ..filtersets import ActivityFilterSet, CommitmentFilterSet
from ..forms import ActivityForm, CommitmentForm, ConfirmationForm, ProfileUpdateForm, ProgressForm
from ..models import Champion
from ..workflow import ACTIVITY_WORKFLOW, COMMITMENT_WORKFLOW, CONFIRMATION_WORKFLOW, PROFILE_WORKFLOW
from .base import ServiceFormView
from .public import champion_by_code


def proposable_champions(user):
    """The champions a user may propose for: every one for staff, their own active ones for focal points."""
    queryset = Champion.objects.select_related("country").order_by("country__sort_name")
    if roles.is_network_staff(user):
        return queryset
    return queryset.filter(country_id__in=permissions.champion_country_ids_represented(user))


class CuratedDetailView(DetailView):
    """A curated item as its reader may see it (404 otherwise), with the actions they may take."""

    workflow = None
    selector = None
    attachments = None
    document_url = ""
    context_object_name = "item"

    def get_object(self, queryset=None):
        return get_object_or_404(type(self).selector(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            actions=self.workflow.actions_for(self.object, user),
            can_edit=permissions.can_edit_curated(user, self.object),
            versions=versions_of(self.object, published_only=True),
        )
        if self.attachments is not None:
            context.update(
                document_list=self.attachments.visible_to(user, self.object),
                can_upload=self.attachments.manages(user, self.object)
                and self.attachments.may_change(user, self.object),
                document_url=self.document_url,
                accepted=self.attachments.accepted_label(),
            )
        return context


# ---------------------------------------------------------------------------
# Profile and plan updates
# ---------------------------------------------------------------------------


class ProfileUpdateCreateView(ServiceFormView):
    template_name = "champions/form.html"
    page_title = gettext_lazy("Propose a profile and plan update")
    form_class = ProfileUpdateForm
    success_message = gettext_lazy("Your proposed update waits for the Network's approval.")

    def champion(self):
        champion = champion_by_code(self.kwargs["iso2"])
        if not permissions.can_propose_for(self.request.user, champion):
            raise Http404
        return champion

    def get(self, request, *args, **kwargs):
        self.target = self.champion()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.target = self.champion()
        return super().post(request, *args, **kwargs)

    def initial(self, obj):
        return ProfileUpdateForm.initial_from(self.target)

    def context(self, obj):
        return {"champion": self.target}

    def save(self, form, obj):
        return services.profile_update_create(actor=self.request.user, champion=self.target, **form.service_arguments())


class ProfileUpdateEditView(ServiceFormView):
    template_name = "champions/form.html"
    page_title = gettext_lazy("Edit the proposed update")
    form_class = ProfileUpdateForm
    success_message = gettext_lazy("The proposal is saved.")

    def get_object(self):
        update = get_object_or_404(selectors.profile_update_list(self.request.user), pk=self.kwargs["pk"])
        if update.curation not in services.WAITING or not permissions.can_edit_curated(self.request.user, update):
            raise Http404
        return update

    def initial(self, obj):
        return ProfileUpdateForm.initial_from(obj)

    def context(self, obj):
        return {"champion": obj.champion}

    def save(self, form, obj):
        return services.profile_update_edit(
            update=obj,
            actor=self.request.user,
            expected_version=form.cleaned_data["version"] or 0,
            **form.service_arguments(),
        )


class ProfileUpdateDetailView(CuratedDetailView):
    template_name = "champions/profile_update_detail.html"
    workflow = PROFILE_WORKFLOW
    selector = staticmethod(selectors.profile_update_list)
    attachments = services.PROFILE_DOCUMENTS
    document_url = "champions:profile-document"


class ProfileUpdateActionView(TransitionView):
    workflow = PROFILE_WORKFLOW

    def get_object(self):
        return get_object_or_404(selectors.profile_update_list(self.request.user), pk=self.kwargs["pk"])


# ---------------------------------------------------------------------------
# Commitments
# ---------------------------------------------------------------------------


class CommitmentListView(FilteredListView):
    template_name = "champions/commitment_list.html"
    context_object_name = "commitments"
    filterset_class = CommitmentFilterSet
    paginate_by = 30

    def get_base_queryset(self):
        queryset = selectors.commitment_list(self.request.user)
        if "curation" not in self.request.GET:
            queryset = queryset.published()
        return queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_create=permissions.can_propose(self.request.user), **kwargs)


class CommitmentCreateView(ServiceFormView):
    template_name = "champions/form.html"
    page_title = gettext_lazy("Record a commitment")
    form_class = CommitmentForm
    success_message = gettext_lazy("The commitment is recorded and waits for the Network's approval.")

    def get_object(self):
        if not permissions.can_propose(self.request.user):
            raise Http404
        return None

    def form_kwargs(self, obj):
        return {"champions": proposable_champions(self.request.user)}

    def save(self, form, obj):
        return services.commitment_create(actor=self.request.user, **form.service_arguments())


class CommitmentEditView(ServiceFormView):
    template_name = "champions/form.html"
    page_title = gettext_lazy("Edit the commitment")
    form_class = CommitmentForm
    success_message = gettext_lazy("The commitment is saved.")

    def get_object(self):
        commitment = get_object_or_404(selectors.commitment_list(self.request.user), pk=self.kwargs["pk"])
        if not permissions.can_edit_curated(self.request.user, commitment):
            raise Http404
        return commitment

    def form_kwargs(self, obj):
        return {"champions": proposable_champions(self.request.user), "editing": True}

    def initial(self, obj):
        return {
            "title": obj.title,
            "description": obj.description,
            "status": obj.status,
            "objectives": list(obj.objectives.all()),
            "focus_areas": list(obj.focus_areas.all()),
            "evidence": "\n".join(f"{e.title} | {e.url}" for e in obj.evidence.all()),
        }

    def save(self, form, obj):
        arguments = form.service_arguments()
        arguments.pop("champion", None)
        return services.commitment_update(
            commitment=obj, actor=self.request.user, expected_version=form.cleaned_data["version"] or 0, **arguments
        )


class CommitmentDetailView(CuratedDetailView):
    template_name = "champions/commitment_detail.html"
    workflow = COMMITMENT_WORKFLOW
    selector = staticmethod(selectors.commitment_list)
    attachments = services.COMMITMENT_DOCUMENTS
    document_url = "champions:commitment-document"

    def get_context_data(self, **kwargs):
        return super().get_context_data(progress_form=ProgressForm(), **kwargs)


class CommitmentProgressView(LoginRequiredMixin, View):
    def post(self, request, pk):
        commitment = get_object_or_404(selectors.commitment_list(request.user), pk=pk)
        if not permissions.can_edit_curated(request.user, commitment):
            raise Http404
        form = ProgressForm(request.POST)
        if form.is_valid():
            try:
                services.commitment_progress_add(commitment=commitment, actor=request.user, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as error:
                messages.error(request, " ".join(messages_of(error)))
            else:
                messages.success(request, _("The progress update is recorded."))
        else:
            messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return HttpResponseRedirect(commitment.get_absolute_url() + "#progress")


class CommitmentActionView(TransitionView):
    workflow = COMMITMENT_WORKFLOW

    def get_object(self):
        return get_object_or_404(selectors.commitment_list(self.request.user), pk=self.kwargs["pk"])


# ---------------------------------------------------------------------------
# Activities
# ---------------------------------------------------------------------------


class ActivityListView(FilteredListView):
    """The public calendar (upcoming activities) and the archive, filtered."""

    template_name = "champions/activity_list.html"
    context_object_name = "activities"
    filterset_class = ActivityFilterSet
    paginate_by = 30

    def get_base_queryset(self):
        queryset = selectors.activity_list(self.request.user)
        if "curation" not in self.request.GET:
            queryset = queryset.published()
        return queryset.filter(start_date__lt=timezone.localdate())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            upcoming=selectors.upcoming_activities(self.request.user),
            can_create=permissions.can_propose(self.request.user),
        )
        return context


class ActivityCalendarView(View):
    """The iCalendar feed of upcoming published activities."""

    def get(self, request):
        events = [
            CalendarEvent(
                uid=f"champions-activity-{a.pk}",
                title=a.title,
                start=a.start_date,
                end=(a.end_date + timedelta(days=1)) if a.end_date else None,
                description=a.summary,
                location=a.location,
                url=request.build_absolute_uri(a.get_absolute_url()),
            )
            for a in selectors.upcoming_activities(None)
        ]
        return ics_response(events, name=_("GCM Champion countries: activities"), filename="champion-activities.ics")


class ActivityCreateView(ServiceFormView):
    template_name = "champions/form.html"
    page_title = gettext_lazy("Record an activity")
    form_class = ActivityForm
    success_message = gettext_lazy("The activity is recorded and waits for the Network's approval.")

    def get_object(self):
        if not permissions.can_propose(self.request.user):
            raise Http404
        return None

    def form_kwargs(self, obj):
        return {"hosts": self.hosts()}

    def hosts(self):
        if roles.is_network_staff(self.request.user):
            return Country.objects.order_by("sort_name")
        return Country.objects.filter(pk__in=permissions.champion_country_ids_represented(self.request.user))

    def save(self, form, obj):
        return services.activity_create(actor=self.request.user, **form.service_arguments())


class ActivityEditView(ActivityCreateView):
    page_title = gettext_lazy("Edit the activity")
    success_message = gettext_lazy("The activity is saved.")

    def get_object(self):
        activity = get_object_or_404(selectors.activity_list(self.request.user), pk=self.kwargs["pk"])
        if not permissions.can_edit_curated(self.request.user, activity):
            raise Http404
        return activity

    def hosts(self):
        if roles.is_network_staff(self.request.user):
            return Country.objects.order_by("sort_name")
        own = permissions.champion_country_ids_represented(self.request.user)
        current = [c.pk for c in self.object_hosts] if hasattr(self, "object_hosts") else []
        return Country.objects.filter(pk__in=[*own, *current])

    def form_kwargs(self, obj):
        self.object_hosts = list(obj.hosts.all()) if obj else []
        return {"hosts": self.hosts()}

    def initial(self, obj):
        return {
            "kind": obj.kind,
            "title": obj.title,
            "start_date": obj.start_date,
            "end_date": obj.end_date,
            "location": obj.location,
            "hosts": list(obj.hosts.all()),
            "champions": list(obj.champions.all()),
            "other_states": list(obj.other_states.all()),
            "objectives": list(obj.objectives.all()),
            "summary": obj.summary,
            "recommendations": obj.recommendations,
        }

    def save(self, form, obj):
        return services.activity_update(
            activity=obj,
            actor=self.request.user,
            expected_version=form.cleaned_data["version"] or 0,
            **form.service_arguments(),
        )


class ActivityDetailView(CuratedDetailView):
    template_name = "champions/activity_detail.html"
    workflow = ACTIVITY_WORKFLOW
    selector = staticmethod(selectors.activity_list)
    attachments = services.ACTIVITY_DOCUMENTS
    document_url = "champions:activity-document"


class ActivityActionView(TransitionView):
    workflow = ACTIVITY_WORKFLOW

    def get_object(self):
        return get_object_or_404(selectors.activity_list(self.request.user), pk=self.kwargs["pk"])


# ---------------------------------------------------------------------------
# Joining: letters of confirmation
# ---------------------------------------------------------------------------


class ConfirmationCreateView(ServiceFormView):
    template_name = "champions/form.html"
    page_title = gettext_lazy("Join the Champion countries initiative")
    form_class = ConfirmationForm
    success_message = gettext_lazy("Now attach the signed letter: the Network verifies it before publishing.")

    def countries(self):
        today = timezone.localdate()
        champions = selectors.champion_country_ids_on(today)
        return (
            countries_for_actor(self.request.user)
            .exclude(pk__in=champions)
            .filter(pk__in=roles.country_ids_represented(self.request.user))
        )

    def get_object(self):
        if not self.countries().exists():
            raise Http404
        return None

    def form_kwargs(self, obj):
        return {"countries": self.countries()}

    def save(self, form, obj):
        return services.confirmation_create(actor=self.request.user, **form.cleaned_data)


class ConfirmationDetailView(CuratedDetailView):
    template_name = "champions/confirmation_detail.html"
    workflow = CONFIRMATION_WORKFLOW
    selector = staticmethod(selectors.confirmation_list)
    attachments = services.CONFIRMATION_DOCUMENTS
    document_url = "champions:confirmation-document"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_edit"] = False
        return context


class ConfirmationActionView(TransitionView):
    workflow = CONFIRMATION_WORKFLOW

    def get_object(self):
        return get_object_or_404(selectors.confirmation_list(self.request.user), pk=self.kwargs["pk"])

    def get_success_url(self, obj):
        return reverse("champions:confirmation-detail", args=[obj.pk])
