"""The Steering Committee: its seats over time and its meetings (public), each meeting's decisions and
documents (confidential ones only for committee members, fund managers and Network staff), the
committee's review of the pipeline (scores beside geographic and thematic balance), and the fund
managers' forms for meetings and decisions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from gcm_portal.core.attachments import AttachmentForm
from gcm_portal.core.generic import add_service_error
from gcm_portal.core.tables import Table, TableExportMixin

from .. import permissions, selectors, services
from ..choices import ConceptNoteStatus
from ..forms import DecisionForm, MeetingForm
from ..models import AssessmentCriterion, CommitteeSeat
from .common import AllowedMixin


class CommitteeView(TableExportMixin, TemplateView):
    template_name = "mptf/committee.html"
    export_name = "migration-mptf-committee"

    def export_tables(self):
        return {
            "seats": Table(
                [_("Person"), _("Constituency"), _("Represents"), _("Role"), _("From"), _("Until"), _("Source")],
                lambda: [
                    (
                        s.person_name,
                        s.get_constituency_display(),
                        s.represents,
                        s.role,
                        s.start_date,
                        s.end_date,
                        s.source_url,
                    )
                    for s in selectors.seat_list()
                ],
            ),
            "meetings": Table(
                [_("Meeting"), _("Held on"), _("Place or format"), _("Decisions")],
                lambda: [(m.title, m.held_on, m.location, len(m.decisions.all())) for m in selectors.meeting_list()],
            ),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            seats=selectors.seat_list(),
            current=set(CommitteeSeat.objects.current().values_list("pk", flat=True)),
            meetings=selectors.meeting_list(),
            can_record=permissions.may_record_decisions(self.request.user),
            can_review=permissions.may_see_confidential(self.request.user),
            **kwargs,
        )


class MeetingDetailView(TemplateView):
    template_name = "mptf/meeting_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        meeting = get_object_or_404(selectors.meeting_list(), pk=kwargs["pk"])
        can_record = permissions.may_record_decisions(user)
        return super().get_context_data(
            meeting=meeting,
            decisions=selectors.decisions_visible(meeting.decisions.all(), user),
            public_documents=services.PUBLIC_DOCUMENTS.visible_to(user, meeting),
            confidential_documents=services.CONFIDENTIAL_DOCUMENTS.visible_to(user, meeting),
            sees_confidential=permissions.may_see_confidential(user),
            can_record=can_record,
            decision_form=DecisionForm() if can_record else None,
            document_form=AttachmentForm(attachments=services.PUBLIC_DOCUMENTS),
            confidential_form=AttachmentForm(attachments=services.CONFIDENTIAL_DOCUMENTS, auto_id="confidential-%s"),
            **kwargs,
        )


class MeetingCreateView(AllowedMixin, View):
    template_name = "mptf/meeting_form.html"
    allowed = staticmethod(permissions.may_record_decisions)

    def get(self, request):
        return render(request, self.template_name, {"form": MeetingForm()})

    def post(self, request):
        form = MeetingForm(request.POST)
        if form.is_valid():
            try:
                meeting = services.meeting_create(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The meeting is recorded."))
                return HttpResponseRedirect(meeting.get_absolute_url())
        return render(request, self.template_name, {"form": form}, status=400)


class DecisionCreateView(AllowedMixin, View):
    allowed = staticmethod(permissions.may_record_decisions)

    def post(self, request, pk):
        meeting = get_object_or_404(selectors.meeting_list(), pk=pk)
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                services.decision_record(actor=request.user, meeting=meeting, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The decision is recorded and the concept notes it names are moved."))
                return HttpResponseRedirect(meeting.get_absolute_url() + "#decisions")
        user = request.user
        return render(
            request,
            "mptf/meeting_detail.html",
            {
                "meeting": meeting,
                "decisions": selectors.decisions_visible(meeting.decisions.all(), user),
                "public_documents": services.PUBLIC_DOCUMENTS.visible_to(user, meeting),
                "confidential_documents": services.CONFIDENTIAL_DOCUMENTS.visible_to(user, meeting),
                "sees_confidential": True,
                "can_record": True,
                "decision_form": form,
                "document_form": AttachmentForm(attachments=services.PUBLIC_DOCUMENTS),
                "confidential_form": AttachmentForm(
                    attachments=services.CONFIDENTIAL_DOCUMENTS, auto_id="confidential-%s"
                ),
            },
            status=400,
        )


class CommitteeReviewView(TableExportMixin, AllowedMixin, TemplateView):
    """For committee members, fund managers and Network staff: the notes under assessment and in the
    pipeline with their scores, beside the geographic and thematic balance of the pipeline and of what
    was selected."""

    template_name = "mptf/committee_review.html"
    export_name = "migration-mptf-committee-review"
    allowed = staticmethod(permissions.may_see_confidential)

    def data(self):
        if not hasattr(self, "_data"):
            user = self.request.user
            states = [ConceptNoteStatus.UNDER_ASSESSMENT, ConceptNoteStatus.PIPELINE, ConceptNoteStatus.SELECTED]
            notes = list(selectors.note_list(user).filter(status__in=states).order_by("status", "title"))
            ids = [n.pk for n in notes]
            averages = selectors.average_scores(ids)
            per_criterion = selectors.criterion_averages(ids)
            criteria = list(AssessmentCriterion.objects.filter(active=True))
            rows = [
                {
                    "note": n,
                    "share": averages.get(n.pk),
                    "scores": [per_criterion.get((n.pk, c.pk)) for c in criteria],
                    "region": selectors.region_of(n),
                }
                for n in notes
            ]
            rows.sort(key=lambda r: (r["note"].status, -(r["share"] or -1)))
            self._data = {
                "rows": rows,
                "criteria": criteria,
                "by_region": selectors.balance(notes, selectors.region_of),
                "by_thematic_area": selectors.balance(
                    notes, lambda n: str(n.thematic_area) if n.thematic_area_id else _("None")
                ),
            }
        return self._data

    def export_tables(self):
        data = self.data()
        return {
            "scores": Table(
                [
                    _("Concept note"),
                    _("Status"),
                    _("Region"),
                    _("Thematic area"),
                    _("Requested (USD)"),
                    _("Average score"),
                    *[c.label for c in data["criteria"]],
                ],
                lambda: [
                    (
                        r["note"].title,
                        r["note"].get_status_display(),
                        r["region"],
                        str(r["note"].thematic_area or ""),
                        r["note"].requested_total(),
                        r["share"],
                        *r["scores"],
                    )
                    for r in data["rows"]
                ],
            ),
            "by-region": Table(
                [_("Region"), _("Concept notes"), _("Selected"), _("Requested (USD)")],
                lambda: [(r["label"], r["notes"], r["selected"], r["requested_usd"]) for r in data["by_region"]],
            ),
            "by-thematic-area": Table(
                [_("Thematic area"), _("Concept notes"), _("Selected"), _("Requested (USD)")],
                lambda: [(r["label"], r["notes"], r["selected"], r["requested_usd"]) for r in data["by_thematic_area"]],
            ),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.data(), **kwargs)
