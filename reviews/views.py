"""Pages of the reviews app. Views read through selectors, write through services, and ask
``permissions``/``workflow`` what a user may do; what a user may not see is a 404."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from gcm_portal import permissions as roles
from gcm_portal.core.concurrency import StaleVersion
from gcm_portal.core.files import FileRejected, file_response
from gcm_portal.core.views import FilteredListView, StaffRequiredMixin, parse_id, parse_ids, safe_next
from gcm_portal.core.workflow import TransitionForbidden, WorkflowError
from gcm_portal.taxonomy.models import Country, GuidingPrinciple, Objective

from . import permissions, selectors, services
from .choices import Curation, ReportStatus
from .filtersets import PublicReportFilterSet, ReportFilterSet
from .forms import (
    CommentForm,
    ContributionForm,
    DocumentForm,
    PledgeForm,
    ProgressFormSet,
    ReportCreateForm,
    ReportForm,
    TransitionForm,
)
from .models import Pledge, RegionalReview, ReportDocument, StakeholderContribution, VoluntaryReport
from .workflow import NEXT_STEP

# ---------------------------------------------------------------------------
# Reviews (public)
# ---------------------------------------------------------------------------


class ReviewIndexView(ListView):
    template_name = "reviews/index.html"
    context_object_name = "cycles"

    def get_queryset(self):
        return selectors.cycle_list()


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
            pledges=selectors.pledge_list(user).filter(review=self.object, curation=Curation.PUBLISHED),
            contributions=selectors.contribution_list(user).filter(review=self.object, curation=Curation.PUBLISHED),
            can_contribute=permissions.can_contribute(user),
            can_create_report=permissions.can_create_reports(user),
        )
        return context


# ---------------------------------------------------------------------------
# Reports: lists and export
# ---------------------------------------------------------------------------


class ReportListView(FilteredListView):
    """Published reports, filterable; the CSV export shows exactly what the filters show."""

    template_name = "reviews/report_list.html"
    context_object_name = "reports"
    filterset_class = PublicReportFilterSet
    paginate_by = 25

    def get_base_queryset(self):
        return selectors.public_report_list(self.request.user).order_by("-published_at", "-pk")


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
        base = selectors.public_report_list(request.user).order_by("-published_at", "-pk")
        filterset = PublicReportFilterSet(request.GET or None, queryset=base)
        reports = base.none() if filterset.is_bound and not filterset.is_valid() else filterset.qs
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="gcm-voluntary-reports.csv"'
        writer = csv.writer(response)
        writer.writerow(self.COLUMNS)
        for report in reports:
            published = report.public_version
            review = published.review
            writer.writerow(
                [
                    report.pk,
                    report.country.name,
                    report.country.iso2,
                    report.public_version.snapshot["title"],
                    review.title if review else "",
                    review.commission.code if review else "",
                    review.cycle.code if review else "",
                    " ".join(published.languages or []),
                    " ".join(str(o.number) for o in published.objectives.all()),
                    report.published_at.date().isoformat() if report.published_at else "",
                    "yes" if report.received_by_email else "no",
                    report.public_version.fingerprint,
                    request.build_absolute_uri(report.get_absolute_url()),
                ]
            )
        return response


# ---------------------------------------------------------------------------
# Reports: one report
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
        working = permissions.can_see_working_copy(user, report)
        snapshot = services.report_snapshot(report) if working else report.public_version.snapshot
        documents = selectors.documents_visible_to(user, report)
        context.update(_render_context(snapshot))
        context.update(
            report=report,
            working=working,
            documents=documents,
            actions=services.REPORT_WORKFLOW.actions_for(report, user),
            can_edit=permissions.can_edit_report(user, report),
            can_curate=permissions.can_curate(user),
            comments=selectors.comments_for(report) if working else [],
            versions=selectors.versions_for(user, report),
            next_step=NEXT_STEP.get(report.status) if permissions.is_country_focal_point(user, report) else None,
            contributions=report.contributions.filter(curation=Curation.PUBLISHED).order_by("created_at"),
            can_contribute=permissions.can_contribute(user) and report.public_version_id is not None,
            document_form=kwargs.get("document_form")
            or DocumentForm(initial={"language": (report.languages or ["en"])[0]}),
            comment_form=CommentForm(),
            transition_form=TransitionForm(),
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


class DocumentDownloadView(View):
    def get(self, request, pk, document_pk):
        report = _visible_report(request, pk)
        document = next((d for d in selectors.documents_visible_to(request.user, report) if d.pk == document_pk), None)
        if document is None:
            raise Http404
        return file_response(document)


# ---------------------------------------------------------------------------
# Reports: writing (focal points and staff)
# ---------------------------------------------------------------------------


class ReportCreateView(LoginRequiredMixin, View):
    template_name = "reviews/report_create.html"

    def _countries(self, user):
        if roles.is_network_staff(user):
            return Country.objects.all()
        return Country.objects.filter(pk__in=roles.country_ids_represented(user))

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not permissions.can_create_reports(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        countries = self._countries(request.user)
        initial = {
            "review": request.GET.get("review"),
            "country": countries.first() if countries.count() == 1 else None,
        }
        return render(request, self.template_name, {"form": ReportCreateForm(initial=initial, countries=countries)})

    def post(self, request):
        form = ReportCreateForm(request.POST, countries=self._countries(request.user))
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
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
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

    def _progress_initial(self, report):
        return [
            {
                "objective": p.objective,
                "status": p.status,
                "measures": p.measures,
                "challenges": p.challenges,
                "support_needed": p.support_needed,
            }
            for p in report.progress.all()
        ]

    def _render(self, request, report, form, formset, status=200, conflict=None):
        return render(
            request,
            self.template_name,
            {
                "report": report,
                "form": form,
                "formset": formset,
                "conflict": conflict,
                "document_form": DocumentForm(),
            },
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
        formset = ProgressFormSet(initial=self._progress_initial(report), prefix="progress")
        return self._render(request, report, form, formset)

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
            current = conflict.current
            saved = services.report_snapshot(current)
            changed = []
            for key in services.REPORT_FIELDS:
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
            form.add_error(None, error)
            return self._render(request, report, form, formset, status=400)
        messages.success(request, _("Your changes are saved."))
        return HttpResponseRedirect(report.get_absolute_url())


class DocumentUploadView(LoginRequiredMixin, View):
    def post(self, request, pk):
        report = _visible_report(request, pk)
        if not permissions.can_see_working_copy(request.user, report):
            raise Http404
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.report_document_add(
                    report=report,
                    actor=request.user,
                    upload=form.cleaned_data["file"],
                    language=form.cleaned_data["language"],
                )
            except FileRejected as error:
                form.add_error("file", error)
            except PermissionDenied as error:
                form.add_error(None, str(error))
        if form.errors:
            view = ReportDetailView()
            view.setup(request, pk=pk)
            context = view.get_context_data(pk=pk, document_form=form)
            messages.error(request, _("The document was not added: see the message next to the file field."))
            return render(request, view.template_name, context, status=400)
        messages.success(request, _("The document is attached."))
        return HttpResponseRedirect(report.get_absolute_url() + "#documents")


class DocumentDeleteView(LoginRequiredMixin, View):
    def post(self, request, pk, document_pk):
        report = _visible_report(request, pk)
        if not permissions.can_see_working_copy(request.user, report):
            raise Http404
        document = get_object_or_404(ReportDocument, pk=document_pk, report=report)
        try:
            services.report_document_remove(document=document, actor=request.user)
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("The document is removed."))
        return HttpResponseRedirect(report.get_absolute_url() + "#documents")


class ReportTransitionView(LoginRequiredMixin, View):
    """One POST endpoint for every workflow action; what is possible comes from the workflow table."""

    def post(self, request, pk, action):
        report = _visible_report(request, pk)
        form = TransitionForm(request.POST)
        comment = form.data.get("comment", "")
        try:
            services.report_transition(report=report, action=action, actor=request.user, comment=comment)
        except TransitionForbidden as error:
            raise PermissionDenied(str(error)) from None
        except WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Done: the report is now %(state)s.")
                % {"state": ReportStatus(VoluntaryReport.objects.get(pk=pk).status).label.lower()},
            )
        return HttpResponseRedirect(safe_next(request, report.get_absolute_url()))


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
# Focal point dashboard and staff queue
# ---------------------------------------------------------------------------


class DashboardView(LoginRequiredMixin, TemplateView):
    template_name = "reviews/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["countries"] = selectors.dashboard_for(user)
        context["next_step"] = NEXT_STEP
        context["is_staff"] = permissions.can_curate(user)
        return context


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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["pending_pledges"] = selectors.pledge_list(user).filter(curation=Curation.PENDING)
        context["pending_contributions"] = selectors.contribution_list(user).filter(curation=Curation.PENDING)
        context["counts"] = selectors.staff_pending_counts()
        return context


class BulkActionView(StaffRequiredMixin, View):
    def post(self, request):
        action = request.POST.get("action", "")
        ids = parse_ids(request.POST.getlist("report"))
        if action not in ("publish", "return") or not ids:
            messages.error(request, _("Choose reports and an action."))
            return HttpResponseRedirect(reverse("reviews:queue"))
        if action == "return":
            messages.error(request, _("Reports are returned one by one, each with its own comment."))
            return HttpResponseRedirect(reverse("reviews:queue"))
        reports = selectors.report_list(request.user).filter(pk__in=ids)
        result = services.report_bulk_transition(reports=reports, action=action, actor=request.user)
        if result.done:
            messages.success(request, _("%(count)d reports published.") % {"count": len(result.done)})
        for report, reason in result.refused:
            messages.error(request, f"{report.country.name}: {report.title}: {reason}")
        return HttpResponseRedirect(reverse("reviews:queue") + ("?" + request.POST.get("query", "")).rstrip("?"))


# ---------------------------------------------------------------------------
# Pledges
# ---------------------------------------------------------------------------


class PledgeListView(FilteredListView):
    template_name = "reviews/pledge_list.html"
    context_object_name = "pledges"
    paginate_by = 25

    @property
    def filterset_class(self):
        from .filtersets import PledgeFilterSet

        return PledgeFilterSet

    def get_base_queryset(self):
        queryset = selectors.pledge_list(self.request.user)
        if not permissions.can_curate(self.request.user) and "curation" not in self.request.GET:
            queryset = queryset.filter(curation=Curation.PUBLISHED)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_create"] = permissions.can_create_pledges(self.request.user)
        return context


class PledgeDetailView(DetailView):
    template_name = "reviews/pledge_detail.html"
    context_object_name = "pledge"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.pledge_list(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_edit"] = permissions.can_edit_pledge(self.request.user, self.object)
        context["can_curate"] = permissions.can_curate(self.request.user)
        return context


class PledgeFormView(LoginRequiredMixin, View):
    template_name = "reviews/pledge_form.html"

    def _countries(self, user):
        if roles.is_network_staff(user):
            return Country.objects.all()
        return Country.objects.filter(pk__in=roles.country_ids_represented(user))

    def _pledge(self, request, pk):
        if pk is None:
            if not permissions.can_create_pledges(request.user):
                raise Http404
            return Pledge()
        pledge = get_object_or_404(selectors.pledge_list(request.user), pk=pk)
        if not permissions.can_edit_pledge(request.user, pledge):
            raise Http404
        return pledge

    def get(self, request, pk=None):
        pledge = self._pledge(request, pk)
        initial = {}
        if pk is None:
            countries = roles.country_ids_represented(request.user)
            initial = {"countries": list(countries), "review": request.GET.get("review")}
        form = PledgeForm(instance=pledge, initial=initial, countries=self._countries(request.user))
        return render(request, self.template_name, {"form": form, "pledge": pledge})

    def post(self, request, pk=None):
        pledge = self._pledge(request, pk)
        form = PledgeForm(
            request.POST,
            instance=Pledge.objects.get(pk=pk) if pk else Pledge(),
            countries=self._countries(request.user),
        )
        if form.is_valid():
            data = {k: form.cleaned_data[k] for k in form.Meta.fields if k not in ("countries", "objectives")}
            try:
                if pk is None:
                    pledge = services.pledge_create(
                        actor=request.user,
                        data=data,
                        countries=list(form.cleaned_data["countries"]),
                        objectives=list(form.cleaned_data["objectives"]),
                    )
                    messages.success(request, _("The pledge is recorded and waits for curation."))
                else:
                    pledge = services.pledge_update(
                        pledge=pledge,
                        actor=request.user,
                        expected_version=form.cleaned_data["version"] or 0,
                        data=data,
                        countries=list(form.cleaned_data["countries"]),
                        objectives=list(form.cleaned_data["objectives"]),
                    )
                    messages.success(request, _("The pledge is saved."))
                return HttpResponseRedirect(pledge.get_absolute_url())
            except StaleVersion as conflict:
                form.data = form.data.copy()
                form.data["version"] = conflict.current.version
                form.add_error(None, str(conflict))
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
        return render(request, self.template_name, {"form": form, "pledge": pledge}, status=400)


# ---------------------------------------------------------------------------
# Stakeholder contributions and curation of pledges and contributions
# ---------------------------------------------------------------------------


class ContributionCreateView(LoginRequiredMixin, View):
    template_name = "reviews/contribution_form.html"

    def _target(self, request):
        source = request.POST if request.method == "POST" else request.GET
        if report_id := parse_id(source.get("report")):
            return None, get_object_or_404(selectors.public_report_list(request.user), pk=report_id)
        if review_id := parse_id(source.get("review")):
            return get_object_or_404(RegionalReview, pk=review_id), None
        raise Http404

    def get(self, request):
        review, report = self._target(request)
        return render(
            request,
            self.template_name,
            {
                "form": ContributionForm(initial={"organisation": request.user.organisation}),
                "review": review,
                "report": report,
            },
        )

    def post(self, request):
        review, report = self._target(request)
        form = ContributionForm(request.POST)
        if form.is_valid():
            try:
                services.contribution_submit(
                    actor=request.user,
                    review=review,
                    report=report,
                    objectives=form.cleaned_data.pop("objectives"),
                    **form.cleaned_data,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Thank you. Your contribution waits for curation by Network staff."))
                return HttpResponseRedirect((report or review).get_absolute_url())
        return render(request, self.template_name, {"form": form, "review": review, "report": report}, status=400)


class CurateView(StaffRequiredMixin, View):
    MODELS = {"pledge": Pledge, "contribution": StakeholderContribution}

    def post(self, request, kind, pk):
        model = self.MODELS.get(kind)
        if model is None:
            raise Http404
        item = get_object_or_404(model, pk=pk)
        try:
            services.curation_set(
                item=item,
                actor=request.user,
                curation=request.POST.get("curation", ""),
                comment=request.POST.get("comment", ""),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Saved: %(title)s is now %(state)s.")
                % {"title": item.title, "state": Curation(item.curation).label.lower()},
            )
        return HttpResponseRedirect(safe_next(request, reverse("reviews:queue")))


# ---------------------------------------------------------------------------
# The panel this app adds to the kernel's country page
# ---------------------------------------------------------------------------


def country_panel(*, country, request) -> dict:
    user = request.user
    reports = selectors.reports_for_country(user, country).order_by("-published_at")
    pledges = selectors.pledges_for_country(user, country)
    return {
        "template": "reviews/partials/country_panel.html",
        "reports": reports,
        "pledges": pledges,
        "can_create_report": permissions.can_create_report_for(user, country),
    }


def home_figures(*, request) -> list[dict]:
    counts = selectors.public_figures()
    return [
        {
            "count": counts["reviews"],
            "label": ngettext("regional review", "regional reviews", counts["reviews"]),
            "url": reverse("reviews:index"),
        },
        {
            "count": counts["reports"],
            "label": ngettext("published voluntary report", "published voluntary reports", counts["reports"]),
            "url": reverse("reviews:report-list"),
        },
        {
            "count": counts["pledges"],
            "label": ngettext("published pledge", "published pledges", counts["pledges"]),
            "url": reverse("reviews:pledge-list"),
        },
    ]
