"""Joint programmes (public list with filters and exports, a page per programme with its money stages
and delivery rate), fund managers' edits, extensions and status changes, and yearly reports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from gcm_portal.core.attachments import AttachmentForm
from gcm_portal.core.charts import Series
from gcm_portal.core.concurrency import StaleVersion
from gcm_portal.core.generic import FilteredListView, TransitionView, add_service_error
from gcm_portal.core.tables import Table, TableExportMixin, chart_table

from .. import permissions, selectors, services
from ..filtersets import JointProgrammeFilterSet
from ..forms import ExtensionForm, IndicatorFormSet, ParticipantFormSet, ProgrammeForm, ReportCreateForm, ReportForm
from ..workflow import PROGRAMME_WORKFLOW, REPORT_WORKFLOW
from .common import AllowedMixin, usd_bars


class ProgrammeListView(TableExportMixin, FilteredListView):
    template_name = "mptf/programme_list.html"
    context_object_name = "programmes"
    filterset_class = JointProgrammeFilterSet
    export_name = "migration-mptf"

    def get_base_queryset(self):
        return selectors.programme_list().order_by("code")

    def export_tables(self):
        return {
            "joint-programmes": Table(
                [
                    _("Code"),
                    _("Title"),
                    _("Status"),
                    _("Countries or region"),
                    _("Participating organisations"),
                    _("Thematic area"),
                    _("Objectives"),
                    _("Starts"),
                    _("Ends"),
                    _("Approved budget (USD)"),
                    _("Transferred (USD)"),
                    _("Reported expenditure (USD)"),
                    _("Delivery rate"),
                    _("Source"),
                ],
                lambda: (
                    (
                        p.code,
                        p.title,
                        p.get_status_display(),
                        ", ".join(c.name for c in p.countries.all()) or (p.region.name if p.region else ""),
                        " ".join(x.entity.code for x in p.participants.all()),
                        str(p.thematic_area) if p.thematic_area else "",
                        " ".join(str(o.number) for o in p.objectives.all()),
                        p.start_date,
                        p.end_date,
                        p.budget_usd,
                        selectors.cents(p.transferred_usd),
                        selectors.cents(p.spent_usd),
                        selectors.rate(p.spent_usd, p.transferred_usd),
                        p.source_url,
                    )
                    for p in self.get_queryset()
                ),
            )
        }


def _programme(pk):
    return get_object_or_404(selectors.programme_detail(), pk=pk)


class ProgrammeDetailView(TableExportMixin, TemplateView):
    """A programme's page: what it is, its participating organisations with their budget shares, and
    its money stages (transfers, expenditure) side by side, with the delivery rate."""

    template_name = "mptf/programme_detail.html"
    export_name = "migration-mptf-programme"

    def data(self):
        if not hasattr(self, "_data"):
            programme = _programme(self.kwargs["pk"])
            money = selectors.programme_money(programme)
            self._data = {
                "programme": programme,
                "money": money,
                "money_chart": usd_bars(
                    title=_("Money stages by participating organisation"),
                    description=_("US dollars of budget share, transfers and reported expenditure; separate stages."),
                    category_label=_("Organisation"),
                    categories=[row["organisation"].code for row in money],
                    series=[
                        Series(_("Budget share"), [row["budget_usd"] for row in money]),
                        Series(_("Transferred"), [row["transferred_usd"] for row in money]),
                        Series(_("Spent"), [row["spent_usd"] for row in money]),
                    ],
                ),
            }
        return self._data

    def export_tables(self):
        data = self.data()
        return {
            "money": Table(
                [
                    _("Organisation"),
                    _("Budget share (USD)"),
                    _("Transferred (USD)"),
                    _("Spent (USD)"),
                    _("Delivery rate"),
                ],
                lambda: [
                    (r["organisation"].code, r["budget_usd"], r["transferred_usd"], r["spent_usd"], r["delivery"])
                    for r in data["money"]
                ],
            ),
            "money-chart": chart_table(data["money_chart"]),
            "transfers": Table(
                [_("Transferred on"), _("Participating organisation"), _("Amount (USD)"), _("Reference")],
                lambda: [
                    (t.transferred_on, t.organisation.code, t.amount_usd, t.reference)
                    for t in selectors.transfer_list()
                    .filter(programme=data["programme"])
                    .order_by("transferred_on", "pk")
                ],
            ),
            "expenditure": Table(
                [
                    _("Year"),
                    _("Participating organisation"),
                    _("Interim or final"),
                    _("Amount (USD)"),
                    _("Reported on"),
                ],
                lambda: [
                    (e.year, e.organisation.code, e.kind, e.amount_usd, e.reported_on)
                    for e in selectors.expenditure_list()
                    .filter(programme=data["programme"])
                    .order_by("year", "organisation__code", "kind")
                ],
            ),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**self.data(), **kwargs)
        user = self.request.user
        programme = context["programme"]
        manages = permissions.may_manage_programmes(user)
        context.update(
            delivery_rate=selectors.rate(programme.spent_usd, programme.transferred_usd),
            transfers=list(selectors.transfer_list().filter(programme=programme).order_by("transferred_on", "pk")),
            expenditures=list(
                selectors.expenditure_list().filter(programme=programme).order_by("year", "organisation__code", "kind")
            ),
            reports=list(selectors.programme_reports(user, programme)),
            actions=PROGRAMME_WORKFLOW.actions_for(programme, user),
            manages=manages,
            can_record=permissions.may_record_money(user),
            can_report=permissions.can_report_on(user, programme),
            report_form=ReportCreateForm() if permissions.can_report_on(user, programme) else None,
            extension_form=ExtensionForm() if manages else None,
            document_form=AttachmentForm(attachments=services.PROGRAMME_DOCUMENTS),
        )
        return context


class ProgrammeEditView(AllowedMixin, View):
    template_name = "mptf/programme_form.html"
    allowed = staticmethod(permissions.may_manage_programmes)

    def _render(self, request, programme, form, formset, status=200):
        return render(
            request, self.template_name, {"programme": programme, "form": form, "formset": formset}, status=status
        )

    def get(self, request, pk):
        programme = _programme(pk)
        initial = {
            name: getattr(programme, name).all() for name in ("countries", "objectives", "principles", "sdg_targets")
        }
        rows = [{"entity": p.entity, "budget_usd": p.budget_usd, "lead": p.lead} for p in programme.participants.all()]
        return self._render(
            request,
            programme,
            ProgrammeForm(instance=programme, initial=initial),
            ParticipantFormSet(initial=rows, prefix="participants"),
        )

    def post(self, request, pk):
        programme = _programme(pk)
        form = ProgrammeForm(request.POST, instance=programme)
        formset = ParticipantFormSet(request.POST, prefix="participants")
        if not (form.is_valid() and formset.is_valid()):
            return self._render(request, programme, form, formset, status=400)
        try:
            services.programme_update(
                programme=programme,
                actor=request.user,
                expected_version=form.cleaned_data["version"] or 0,
                participants=[(r["entity"], r["budget_usd"], r["lead"]) for r in formset.rows()],
                **form.service_data(),
            )
        except StaleVersion as conflict:
            form.data = form.data.copy()
            form.data["version"] = conflict.current.version
            form.add_error(None, str(conflict))
            return self._render(request, programme, form, formset, status=409)
        except ValidationError as error:
            add_service_error(form, error)
            return self._render(request, programme, form, formset, status=400)
        messages.success(request, _("The programme is saved."))
        return HttpResponseRedirect(programme.get_absolute_url())


class ProgrammeActionView(TransitionView):
    workflow = PROGRAMME_WORKFLOW

    def get_object(self):
        return _programme(self.kwargs["pk"])


class ProgrammeExtendView(AllowedMixin, View):
    allowed = staticmethod(permissions.may_manage_programmes)

    def post(self, request, pk):
        programme = _programme(pk)
        form = ExtensionForm(request.POST)
        if form.is_valid():
            try:
                services.programme_extend(programme=programme, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The extension is recorded."))
        else:
            messages.error(request, _("Give the new end date and the reason."))
        return HttpResponseRedirect(programme.get_absolute_url() + "#dates")


# ---------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------


class ReportCreateView(LoginRequiredMixin, View):
    def post(self, request, pk):
        programme = _programme(pk)
        if not permissions.can_report_on(request.user, programme):
            raise Http404
        form = ReportCreateForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose the year and the report."))
            return HttpResponseRedirect(programme.get_absolute_url() + "#reports")
        try:
            report = services.report_create(programme=programme, actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return HttpResponseRedirect(programme.get_absolute_url() + "#reports")
        return HttpResponseRedirect(report.get_absolute_url())


def _visible_report(request, pk):
    return get_object_or_404(selectors.report_detail(request.user), pk=pk)


class ReportDetailView(TableExportMixin, TemplateView):
    template_name = "mptf/report_detail.html"
    export_name = "migration-mptf-report"

    def export_tables(self):
        report = _visible_report(self.request, self.kwargs["pk"])
        return {
            "indicators": Table(
                [_("Indicator"), _("Unit"), _("Baseline"), _("Target"), _("Actual")],
                lambda: [(i.indicator, i.unit, i.baseline, i.target, i.actual) for i in report.indicators.all()],
            )
        }

    def get_context_data(self, **kwargs):
        user = self.request.user
        report = _visible_report(self.request, kwargs["pk"])
        return super().get_context_data(
            report=report,
            actions=REPORT_WORKFLOW.actions_for(report, user),
            can_edit=permissions.can_edit_report(user, report),
            documents=list(report.documents.all()),
            document_form=AttachmentForm(attachments=services.REPORT_DOCUMENTS),
            **kwargs,
        )


class ReportEditView(LoginRequiredMixin, View):
    template_name = "mptf/report_form.html"

    def _render(self, request, report, form, formset, status=200):
        return render(request, self.template_name, {"report": report, "form": form, "formset": formset}, status=status)

    def get(self, request, pk):
        report = _visible_report(request, pk)
        if not permissions.can_edit_report(request.user, report):
            raise Http404
        rows = [
            {"indicator": i.indicator, "unit": i.unit, "baseline": i.baseline, "target": i.target, "actual": i.actual}
            for i in report.indicators.all()
        ]
        form = ReportForm(initial={"version": report.version, "narrative": report.narrative})
        return self._render(request, report, form, IndicatorFormSet(initial=rows, prefix="indicators"))

    def post(self, request, pk):
        report = _visible_report(request, pk)
        if not permissions.can_edit_report(request.user, report):
            raise Http404
        form = ReportForm(request.POST)
        formset = IndicatorFormSet(request.POST, prefix="indicators")
        if not (form.is_valid() and formset.is_valid()):
            return self._render(request, report, form, formset, status=400)
        try:
            services.report_update(
                report=report,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                narrative=form.cleaned_data["narrative"],
                indicators=formset.rows(),
            )
        except StaleVersion as conflict:
            form.data = form.data.copy()
            form.data["version"] = conflict.current.version
            form.add_error(None, str(conflict))
            return self._render(request, report, form, formset, status=409)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))
            return self._render(request, report, form, formset, status=400)
        messages.success(request, _("The report is saved."))
        return HttpResponseRedirect(report.get_absolute_url())


class ReportActionView(TransitionView):
    workflow = REPORT_WORKFLOW

    def get_object(self):
        return _visible_report(self.request, self.kwargs["pk"])
