"""Tool piloting (closed consultations of champions, answered by their focal points, compared and
exported by staff) and peer learning (suggestions, pairings, requests from any State)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from gcm_portal import permissions as roles
from gcm_portal.core.concurrency import StaleVersion
from gcm_portal.core.errors import messages_of
from gcm_portal.core.exports import csv_response, xlsx_response
from gcm_portal.core.generic import StaffRequiredMixin, TransitionView, add_service_error
from gcm_portal.taxonomy.selectors import countries_for_actor

from .. import permissions, selectors, services
from ..forms import AnswerForm, PairingForm, RequestForm, RouteForm
from ..models import Champion, ConsultationResponse
from ..workflow import REQUEST_WORKFLOW
from .base import ServiceFormView

# ---------------------------------------------------------------------------
# Tool piloting
# ---------------------------------------------------------------------------


class ConsultationAccessMixin(LoginRequiredMixin):
    """Consultations are closed: champions' focal points and staff; everyone else gets a 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not permissions.can_see_consultations(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class ConsultationListView(ConsultationAccessMixin, ListView):
    template_name = "champions/consultation_list.html"
    context_object_name = "consultations"

    def get_queryset(self):
        return selectors.consultation_list()

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)


class ConsultationDetailView(ConsultationAccessMixin, View):
    """The consultation, its document and questions; a champion's focal point answers here while it is open."""

    template_name = "champions/consultation_detail.html"

    def setup_objects(self, request, pk):
        self.consultation = get_object_or_404(selectors.consultation_list(), pk=pk)
        ids = permissions.champion_country_ids_represented(request.user)
        self.champion = (
            Champion.objects.select_related("country").filter(country_id__in=ids).order_by("country__sort_name").first()
        )
        self.response = (
            ConsultationResponse.objects.filter(consultation=self.consultation, champion=self.champion).first()
            if self.champion
            else None
        )

    def form(self, data=None):
        initial = {}
        if self.response is not None:
            initial = {f"answer_{i}": a for i, a in enumerate(self.response.answers)}
            initial["version"] = self.response.version
        return AnswerForm(data, initial=initial, questions=self.consultation.question_list)

    def render_page(self, request, form, status=200):
        today = timezone.localdate()
        return render(
            request,
            self.template_name,
            {
                "consultation": self.consultation,
                "champion": self.champion,
                "response": self.response,
                "form": form if self.champion and self.consultation.is_open_on(today) else None,
                "is_open": self.consultation.is_open_on(today),
                "documents": services.CONSULTATION_DOCUMENTS,
                "is_staff": roles.is_network_staff(request.user),
            },
            status=status,
        )

    def get(self, request, pk):
        self.setup_objects(request, pk)
        return self.render_page(request, self.form())

    def post(self, request, pk):
        self.setup_objects(request, pk)
        if self.champion is None:
            raise Http404
        form = self.form(request.POST)
        if form.is_valid():
            try:
                services.consultation_answer(
                    consultation=self.consultation,
                    champion=self.champion,
                    actor=request.user,
                    answers=form.answers(),
                    expected_version=form.cleaned_data.get("version"),
                )
            except StaleVersion as conflict:
                form.add_error(None, str(conflict))
                return self.render_page(request, form, status=409)
            except (ValidationError, PermissionDenied) as error:
                add_service_error(form, error if isinstance(error, ValidationError) else ValidationError(str(error)))
            else:
                messages.success(
                    request, _("Your answers are saved. You can change them until the consultation closes.")
                )
                return HttpResponseRedirect(self.consultation.get_absolute_url())
        return self.render_page(request, form, status=400)


class ConsultationAnswersView(StaffRequiredMixin, TemplateView):
    """Every champion's answers side by side, question by question."""

    template_name = "champions/consultation_answers.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        consultation = get_object_or_404(selectors.consultation_list(), pk=self.kwargs["pk"])
        context.update(consultation=consultation, table=selectors.side_by_side(consultation))
        return context


class ConsultationExportView(StaffRequiredMixin, View):
    def get(self, request, pk, fmt):
        if fmt not in ("csv", "xlsx"):
            raise Http404
        consultation = get_object_or_404(selectors.consultation_list(), pk=pk)
        table = selectors.side_by_side(consultation)
        header = [_("Question"), *(r.champion.country.name for r in table["responses"])]
        rows = [[f"{row['number']}. {row['question']}", *row["answers"]] for row in table["rows"]]
        filename = f"consultation-{consultation.pk}-answers.{fmt}"
        if fmt == "xlsx":
            return xlsx_response(filename, header, rows, sheet=_("Answers"))
        return csv_response(filename, header, rows)


# ---------------------------------------------------------------------------
# Peer learning
# ---------------------------------------------------------------------------


class PeerLearningView(TemplateView):
    """Suggested peers for a champion (``?champion=gh``), the pairings staff recorded and how to ask."""

    template_name = "champions/peer_learning.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        champions = list(selectors.champion_list().active_on(timezone.localdate()))
        code = (self.request.GET.get("champion") or "").strip().upper()
        chosen = next((c for c in champions if c.country.iso2 == code), None)
        context.update(
            champions=champions,
            chosen=chosen,
            suggestions=selectors.peer_suggestions(chosen) if chosen else [],
            pairings=selectors.pairing_list(),
            can_ask=permissions.can_ask_peer_learning(self.request.user),
            can_pair=permissions.can_curate(self.request.user),
            requests=selectors.request_list(self.request.user) if self.request.user.is_authenticated else [],
        )
        return context


class PairingCreateView(StaffRequiredMixin, ServiceFormView):
    template_name = "champions/form.html"
    page_title = gettext_lazy("Record a peer pairing")
    form_class = PairingForm
    success_message = gettext_lazy("The pairing is recorded.")

    def save(self, form, obj):
        data = dict(form.cleaned_data)
        data["objectives"] = list(data["objectives"])
        return services.pairing_create(actor=self.request.user, **data)


class RequestCreateView(ServiceFormView):
    template_name = "champions/form.html"
    page_title = gettext_lazy("Ask for peer learning")
    form_class = RequestForm
    success_message = gettext_lazy("Your request is sent: the Network will route it to a champion.")

    def get_object(self):
        if not permissions.can_ask_peer_learning(self.request.user):
            raise Http404
        return None

    def form_kwargs(self, obj):
        return {"countries": countries_for_actor(self.request.user).order_by("sort_name")}

    def save(self, form, obj):
        return services.request_create(actor=self.request.user, **form.cleaned_data)


class RequestDetailView(LoginRequiredMixin, DetailView):
    template_name = "champions/request_detail.html"
    context_object_name = "item"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.request_list(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["actions"] = REQUEST_WORKFLOW.actions_for(self.object, user)
        if permissions.can_curate(user) and self.object.status != "closed":
            context["route_form"] = RouteForm(
                champions=selectors.champion_list().active_on(timezone.localdate()).exclude(country=self.object.country)
            )
        return context


class RequestRouteView(StaffRequiredMixin, View):
    def post(self, request, pk):
        item = get_object_or_404(selectors.request_list(request.user), pk=pk)
        form = RouteForm(request.POST, champions=Champion.objects.all())
        if form.is_valid():
            try:
                services.request_route(request=item, actor=request.user, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as error:
                messages.error(request, " ".join(messages_of(error)))
            except Exception as error:  # a workflow refusal (e.g. the request was closed meanwhile)
                from gcm_portal.core.workflow import WorkflowError

                if not isinstance(error, WorkflowError):
                    raise
                messages.error(request, str(error))
            else:
                messages.success(request, _("The request is routed."))
        else:
            messages.error(request, _("Choose a champion."))
        return HttpResponseRedirect(item.get_absolute_url())


class RequestActionView(TransitionView):
    workflow = REQUEST_WORKFLOW

    def get_object(self):
        return get_object_or_404(selectors.request_list(self.request.user), pk=self.kwargs["pk"])
