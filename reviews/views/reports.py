"""Voluntary reports: public list and export, one report, drafting, workflow actions and the staff queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from gcm_portal.core.attachments import AttachmentForm
from gcm_portal.core.concurrency import StaleVersion
from gcm_portal.core.exports import csv_response
from gcm_portal.core.generic import (
    BulkTransitionView,
    FilteredListView,
    StaffRequiredMixin,
    TransitionView,
    add_service_error,
)
from gcm_portal.taxonomy.models import GuidingPrinciple, Objective
from gcm_portal.taxonomy.selectors import countries_for_actor

from .. import permissions, selectors, services
from ..choices import ReportStatus
from ..filtersets import PublicReportFilterSet, ReportFilterSet
from ..forms import CommentForm, ProgressFormSet, ReportCreateForm, ReportForm
from ..models import VoluntaryReport
from ..snapshots import REPORT_FIELDS, report_snapshot
from ..workflow import NEXT_STEP, REPORT_WORKFLOW

# ---------------------------------------------------------------------------
# Lists and export
# ---------------------------------------------------------------------------


class ReportListView(FilteredListView):
    """Published reports, filterable; the CSV export shows exactly what the filters show."""

    template_name = "reviews/report_list.html"
    context_object_name = "reports"
    filterset_class = PublicReportFilterSet
    paginate_by = 50

    def get_base_queryset(self):
        return selectors.public_report_rows(self.request.user).order_by("-published_at", "-pk")


class ReportExportView(View):
    COLUMNS = [
        "id",
        "country",
        "iso2",
        "title",
        "regional_review",
        "commission",
        "cycle",
        "languages",
        "objectives",
        "published_at",
        "received_by_email",
        "sha256_fingerprint",
        "url",
    ]

    def get(self, request):
        base = selectors.public_report_rows(request.user).order_by("-published_at", "-pk")
        filterset = PublicReportFilterSet(request.GET or None, queryset=base)
        reports = base.none() if filterset.is_bound and not filterset.is_valid() else filterset.qs
        rows = (
            [*row[:-1], request.build_absolute_uri(row[-1])] for row in selectors.public_report_export_rows(reports)
        )
        return csv_response("gcm-voluntary-reports.csv", self.COLUMNS, rows)


# ---------------------------------------------------------------------------
# One report
# ---------------------------------------------------------------------------


def _visible_report(request, pk) -> VoluntaryReport:
    return get_object_or_404(selectors.report_detail(request.user), pk=pk)


def _render_context(snapshot: dict) -> dict:
    """Objects for the numbers and letters a snapshot refers to (two queries)."""
    objectives = {o.number: o for o in Objective.objects.all()}
    principles = {p.letter: p for p in GuidingPrinciple.objects.all()}
    return {
        "snapshot": snapshot,
        "snapshot_objectives": [objectives[n] for n in snapshot["objectives"] if n in objectives],
        "snapshot_principles": [principles[c] for c in snapshot["principles"] if c in principles],
        "snapshot_progress": [dict(p, objective_obj=objectives.get(p["objective"])) for p in snapshot["progress"]],
    }


class ReportDetailView(TemplateView):
    """Focal points of the country and staff see the working copy with its actions; everyone else
    the published version, which stays as published until a correction is published."""

    template_name = "reviews/report_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        report = _visible_report(self.request, kwargs["pk"])
        reading = selectors.report_reading(report, user)
        context.update(_render_context(reading.snapshot))
        context.update(
            report=report,
            reading=reading,
            working=reading.working,
            documents=reading.documents,
            comments=reading.comments,
            actions=REPORT_WORKFLOW.actions_for(report, user),
            can_edit=permissions.can_edit_report(user, report),
            can_curate=permissions.can_curate(user),
            versions=selectors.versions_for(user, report),
            next_step=NEXT_STEP.get(report.status) if permissions.is_country_focal_point(user, report) else None,
            contributions=report.contributions.published().order_by("created_at"),
            can_contribute=permissions.can_contribute(user) and report.public_version_id is not None,
            document_form=AttachmentForm(
                attachments=services.REPORT_DOCUMENTS, initial={"language": (report.languages or ["en"])[0]}
            ),
            comment_form=CommentForm(),
        )
        return context


class ReportVersionView(TemplateView):
    template_name = "reviews/report_version.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = _visible_report(self.request, kwargs["pk"])
        versions = list(selectors.versions_for(self.request.user, report))
        version = next((v for v in versions if v.number == kwargs["number"]), None)
        if version is None:
            raise Http404
        older = [v for v in versions if v.number < version.number]
        previous = older[0] if older else None
        context.update(_render_context(version.snapshot))
        context.update(
            report=report,
            version=version,
            previous=previous,
            diff=selectors.version_diff(previous, version) if previous else [],
        )
        return context


# ---------------------------------------------------------------------------
# Writing (focal points and staff)
# ---------------------------------------------------------------------------


class ReportCreateView(LoginRequiredMixin, View):
    template_name = "reviews/report_create.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not permissions.can_create_reports(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        countries = countries_for_actor(request.user)
        initial = {
            "review": request.GET.get("review"),
            "country": countries.first() if countries.count() == 1 else None,
        }
        return render(request, self.template_name, {"form": ReportCreateForm(initial=initial, countries=countries)})

    def post(self, request):
        form = ReportCreateForm(request.POST, countries=countries_for_actor(request.user))
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = services.report_create(
                    actor=request.user,
                    country=data["country"],
                    review=data["review"],
                    title=data["title"],
                    languages=data["languages"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The draft is created. Fill in its sections, then submit it."))
                return HttpResponseRedirect(reverse("reviews:report-edit", args=[report.pk]))
        return render(request, self.template_name, {"form": form}, status=400)


class ReportEditView(LoginRequiredMixin, View):
    template_name = "reviews/report_form.html"

    def _report(self, request, pk):
        report = _visible_report(request, pk)
        if not permissions.can_see_working_copy(request.user, report):
            raise Http404
        return report

    def _render(self, request, report, form, formset, status=200, conflict=None):
        return render(
            request,
            self.template_name,
            {"report": report, "form": form, "formset": formset, "conflict": conflict},
            status=status,
        )

    def get(self, request, pk):
        report = self._report(request, pk)
        if not permissions.can_edit_report(request.user, report):
            messages.error(request, _("This report cannot be edited in its current state."))
            return HttpResponseRedirect(report.get_absolute_url())
        form = ReportForm(
            instance=report, initial={"objectives": report.objectives.all(), "principles": report.principles.all()}
        )
        initial = [
            {
                "objective": p.objective,
                **{f: getattr(p, f) for f in ("status", "measures", "challenges", "support_needed")},
            }
            for p in report.progress.all()
        ]
        return self._render(request, report, form, ProgressFormSet(initial=initial, prefix="progress"))

    def post(self, request, pk):
        report = self._report(request, pk)
        form = ReportForm(request.POST, instance=VoluntaryReport.objects.get(pk=report.pk))
        formset = ProgressFormSet(request.POST, prefix="progress")
        if not (form.is_valid() and formset.is_valid()):
            return self._render(request, report, form, formset, status=400)
        data = {k: form.cleaned_data[k] for k in form.Meta.fields if k not in ("objectives", "principles")}
        try:
            services.report_update(
                report=report,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                data=data,
                progress=formset.rows(),
                objectives=form.cleaned_data["objectives"],
                principles=form.cleaned_data["principles"],
            )
        except StaleVersion as conflict:
            current = selectors.report_detail(request.user).get(pk=conflict.current.pk)
            saved = report_snapshot(current)
            changed = []
            for key in REPORT_FIELDS:
                value = saved["title"] if key == "title" else saved["sections"][key]
                if value != data.get(key):
                    changed.append({"label": selectors.SNAPSHOT_LABELS[key], "saved": value, "yours": data.get(key)})
            form.data = form.data.copy()
            form.data["version"] = current.version
            messages.error(request, str(conflict))
            return self._render(request, current, form, formset, status=409, conflict=changed)
        except PermissionDenied as error:
            # The report moved on while this form was open (e.g. submitted by a colleague): keep the
            # typed text on screen so nothing is lost, and say why it was not saved.
            form.add_error(None, str(error))
            return self._render(request, report, form, formset, status=409)
        except ValidationError as error:
            add_service_error(form, error)
            return self._render(request, report, form, formset, status=400)
        messages.success(request, _("Your changes are saved."))
        return HttpResponseRedirect(report.get_absolute_url())


class ReportActionView(TransitionView):
    """Every workflow action on a report, from its buttons."""

    workflow = REPORT_WORKFLOW

    def get_object(self):
        return _visible_report(self.request, self.kwargs["pk"])


class ReportCommentView(StaffRequiredMixin, View):
    def post(self, request, pk):
        report = _visible_report(request, pk)
        form = CommentForm(request.POST)
        if form.is_valid():
            services.report_comment_add(report=report, actor=request.user, body=form.cleaned_data["body"])
            messages.success(request, _("Your comment is sent to the focal points."))
        else:
            messages.error(request, _("Write a comment first."))
        return HttpResponseRedirect(report.get_absolute_url() + "#comments")


# ---------------------------------------------------------------------------
# The staff queue
# ---------------------------------------------------------------------------


class CurationQueueView(StaffRequiredMixin, FilteredListView):
    template_name = "reviews/queue.html"
    context_object_name = "reports"
    filterset_class = ReportFilterSet
    paginate_by = 50

    def get_base_queryset(self):
        queryset = selectors.curation_queue(self.request.user)
        if not self.request.GET.get("status"):
            # By default, what waits for staff: submitted and resubmitted reports, oldest first.
            queryset = queryset.filter(status__in=[ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED])
        return queryset


class ReportBulkView(StaffRequiredMixin, BulkTransitionView):
    workflow = REPORT_WORKFLOW
    # "return" is offered so that the refusal explains why: each report gets its own comment.
    actions = ("publish", "return")
    id_field = "report"
    success_message = gettext_lazy("%(count)d reports published.")

    def get_queryset(self):
        return selectors.report_list(self.request.user)

    def describe(self, report) -> str:
        return f"{report.country.name}: {report.title}"

    def get_success_url(self) -> str:
        return reverse("reviews:queue") + ("?" + self.request.POST.get("query", "")).rstrip("?")
