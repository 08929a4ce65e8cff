"""The expert roster: the application form, the roster staff work from and its balance."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView

from gcm_portal.core.attachments import AttachmentForm
from gcm_portal.core.exports import xlsx_response
from gcm_portal.core.generic import FilteredListView, StaffRequiredMixin, TransitionView

from .. import permissions, selectors, services
from ..filtersets import ExpertFilterSet
from ..forms import ExpertApplicationForm
from ..models import Expert
from ..services.experts import EXPERT_FIELDS
from ..workflow import EXPERT_WORKFLOW
from .common import ServiceFormView, require


class ExpertApplyView(ServiceFormView):
    """Apply to the roster, in any of the six UN languages (the interface's language switcher)."""

    template_name = "knowledge/expert_apply.html"
    form_class = ExpertApplicationForm
    title = gettext_lazy("Apply to the expert roster")
    multipart = True

    def get_object(self):
        require(permissions.can_apply_as_expert(self.request.user))
        return None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            existing = Expert.objects.filter(user=request.user).first()
            if existing is not None:
                return HttpResponseRedirect(existing.get_absolute_url())
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, obj, data=None, files=None):
        form = super().get_form(obj, data, files)
        if data is None:
            form.initial.update(
                organisation=self.request.user.organisation,
                application_language=self.request.LANGUAGE_CODE.split("-")[0]
                if self.request.LANGUAGE_CODE != "zh-hans"
                else "zh",
            )
        return form

    def save(self, form, obj):
        expert = services.expert_apply(
            actor=self.request.user,
            data=form.service_data(EXPERT_FIELDS),
            objectives=list(form.cleaned_data["objectives"]),
            languages=form.cleaned_data["languages"],
            cv=form.cleaned_data["cv"],
            cv_language=form.cleaned_data["cv_language"],
        )
        messages.success(self.request, _("Thank you for applying. Network staff will review your application."))
        return expert


class ExpertListView(StaffRequiredMixin, FilteredListView):
    template_name = "knowledge/expert_list.html"
    context_object_name = "experts"
    filterset_class = ExpertFilterSet
    paginate_by = 50

    def get_base_queryset(self):
        return selectors.expert_list(self.request.user).order_by("status", "user__full_name")


class ExpertDetailView(DetailView):
    template_name = "knowledge/expert_detail.html"
    context_object_name = "expert"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.expert_detail(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, expert = self.request.user, self.object
        can_change = permissions.can_manage_cv(user, expert)
        context.update(
            actions=EXPERT_WORKFLOW.actions_for(expert, user),
            cvs=services.EXPERT_CVS.visible_to(user, expert) if permissions.can_see_cv(user, expert) else [],
            can_change_cv=can_change,
            cv_form=AttachmentForm(attachments=services.EXPERT_CVS) if can_change else None,
            is_staff=permissions.is_staff(user),
        )
        return context


class ExpertActionView(TransitionView):
    workflow = EXPERT_WORKFLOW

    def get_object(self):
        return get_object_or_404(selectors.expert_list(self.request.user), pk=self.kwargs["pk"])


class RosterBalanceView(StaffRequiredMixin, View):
    """The roster's balance by gender, region, language and objective coverage."""

    template_name = "knowledge/roster_balance.html"

    def get(self, request, *args, **kwargs):
        return render(request, self.template_name, {"balance": selectors.roster_balance()})


class RosterExportView(StaffRequiredMixin, View):
    """The roster and its applications the filters select, as a spreadsheet for staff."""

    COLUMNS = [
        "name",
        "email",
        "status",
        "gender",
        "country",
        "region",
        "languages",
        "objectives",
        "years_of_experience",
        "organisation",
        "organisation_type",
        "un_entity",
        "applied",
    ]

    def get(self, request):
        base = selectors.expert_list(request.user).order_by("status", "user__full_name")
        filterset = ExpertFilterSet(request.GET or None, queryset=base)
        experts = base.none() if filterset.is_bound and not filterset.is_valid() else filterset.qs
        rows = (
            [
                str(e.user),
                e.user.email,
                e.status,
                e.gender,
                e.country.iso2,
                e.region.name,
                " ".join(e.languages or []),
                " ".join(str(o.number) for o in e.objectives.all()),
                e.years_of_experience,
                e.organisation,
                e.organisation_type,
                e.un_entity.code if e.un_entity else "",
                e.created_at.date(),
            ]
            for e in experts
        )
        return xlsx_response("expert-roster.xlsx", self.COLUMNS, rows, sheet="Expert roster")
