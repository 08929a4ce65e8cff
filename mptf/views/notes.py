"""Concept notes: the list (the public sees the pipeline and what was selected), one note, drafting by
entity focal points, workflow buttons, quality assessment by Network staff, and the joint programme a
fund manager creates from a selected note."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from gcm_portal.core.attachments import AttachmentForm
from gcm_portal.core.concurrency import StaleVersion
from gcm_portal.core.generic import FilteredListView, TransitionView, add_service_error
from gcm_portal.core.tables import Table, TableExportMixin

from .. import permissions, selectors, services
from ..filtersets import ConceptNoteFilterSet
from ..forms import AssessmentForm, BudgetLineFormSet, ConceptNoteForm, ProgrammeCreateForm
from ..models import AssessmentCriterion
from ..workflow import NEXT_STEP, NOTE_WORKFLOW
from .common import AllowedMixin


def _visible_note(request, pk):
    return get_object_or_404(selectors.note_detail(request.user), pk=pk)


class NoteListView(TableExportMixin, FilteredListView):
    template_name = "mptf/note_list.html"
    context_object_name = "notes"
    filterset_class = ConceptNoteFilterSet

    def get_base_queryset(self):
        return selectors.note_list(self.request.user).order_by("-updated_at", "-pk")

    def export_tables(self):
        return {
            "concept-notes": Table(
                [
                    _("Concept note"),
                    _("Status"),
                    _("Lead organisation"),
                    _("Participating organisations"),
                    _("Countries or region"),
                    _("Thematic area"),
                    _("Requested (USD)"),
                    _("Duration (months)"),
                ],
                lambda: (
                    (
                        n.title,
                        n.get_status_display(),
                        n.lead_entity.code,
                        " ".join(line.entity.code for line in n.budget_lines.all()),
                        ", ".join(c.name for c in n.countries.all()) or (n.region.name if n.region else ""),
                        str(n.thematic_area) if n.thematic_area else "",
                        n.requested_total(),
                        n.duration_months,
                    )
                    for n in self.get_queryset()
                ),
            )
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_create=permissions.can_create_notes(self.request.user), **kwargs)


class NoteDetailView(TableExportMixin, TemplateView):
    """Everyone reads a public note without its confidential parts (endorsement, scores, submitter);
    the note's organisations, staff, fund managers and committee members read all of it."""

    template_name = "mptf/note_detail.html"
    export_name = "migration-mptf-concept-note"

    def export_tables(self):
        note = _visible_note(self.request, self.kwargs["pk"])
        return {
            "budget": Table(
                [_("Participating organisation"), _("Requested (USD)")],
                lambda: [(line.entity.code, line.amount_usd) for line in note.budget_lines.all()],
            )
        }

    def get_context_data(self, **kwargs):
        user = self.request.user
        note = _visible_note(self.request, kwargs["pk"])
        working = permissions.can_see_note_working_copy(user, note)
        criteria = list(AssessmentCriterion.objects.filter(active=True))
        assessments = list(note.assessments.all()) if working else []
        return super().get_context_data(
            note=note,
            working=working,
            budget_lines=list(note.budget_lines.all()),
            documents=selectors.note_documents_visible_to(user, note),
            assessments=assessments,
            criteria=criteria,
            actions=NOTE_WORKFLOW.actions_for(note, user),
            can_edit=permissions.can_edit_note(user, note),
            can_assess=permissions.can_assess_note(user, note),
            can_create_programme=permissions.can_create_programme(user, note) and not hasattr(note, "programme"),
            programme=getattr(note, "programme", None),
            decisions=list(note.decisions.all()),
            next_step=NEXT_STEP.get(note.status) if working else None,
            document_form=AttachmentForm(attachments=services.NOTE_DOCUMENTS),
            **kwargs,
        )


class NoteFormView(LoginRequiredMixin, View):
    """Start a draft (no pk) or edit one (pk): the note and its requested budget per organisation."""

    template_name = "mptf/note_form.html"

    def _note(self, request, pk):
        if pk is None:
            if not permissions.can_create_notes(request.user):
                raise Http404
            return None
        note = _visible_note(request, pk)
        if not permissions.can_see_note_working_copy(request.user, note):
            raise Http404
        return note

    def _render(self, request, note, form, formset, status=200):
        return render(request, self.template_name, {"note": note, "form": form, "formset": formset}, status=status)

    def get(self, request, pk=None):
        note = self._note(request, pk)
        if note is not None and not permissions.can_edit_note(request.user, note):
            messages.error(request, _("Only the lead organisation's focal points edit a draft concept note."))
            return HttpResponseRedirect(note.get_absolute_url())
        initial = {}
        lines = []
        if note is not None:
            initial = {
                name: getattr(note, name).all() for name in ("countries", "objectives", "principles", "sdg_targets")
            }
            lines = [{"entity": line.entity, "amount_usd": line.amount_usd} for line in note.budget_lines.all()]
        form = ConceptNoteForm(instance=note, initial=initial, user=request.user)
        return self._render(request, note, form, BudgetLineFormSet(initial=lines, prefix="budget"))

    def post(self, request, pk=None):
        note = self._note(request, pk)
        form = ConceptNoteForm(request.POST, instance=note, user=request.user)
        formset = BudgetLineFormSet(request.POST, prefix="budget")
        if not (form.is_valid() and formset.is_valid()):
            return self._render(request, note, form, formset, status=400)
        lines = [(row["entity"], row["amount_usd"]) for row in formset.rows()]
        try:
            if note is None:
                note = services.note_create(
                    actor=request.user,
                    lead_entity=form.cleaned_data["lead_entity"],
                    budget_lines=lines,
                    **form.service_data(),
                )
            else:
                services.note_update(
                    note=note,
                    actor=request.user,
                    expected_version=form.cleaned_data["version"] or 0,
                    budget_lines=lines,
                    **form.service_data(),
                )
        except StaleVersion as conflict:
            form.data = form.data.copy()
            form.data["version"] = conflict.current.version
            form.add_error(None, str(conflict))
            return self._render(request, note, form, formset, status=409)
        except PermissionDenied as error:
            form.add_error(None, str(error))
            return self._render(request, note, form, formset, status=409)
        except ValidationError as error:
            add_service_error(form, error)
            return self._render(request, note, form, formset, status=400)
        messages.success(request, _("The concept note is saved."))
        return HttpResponseRedirect(note.get_absolute_url())


class NoteActionView(TransitionView):
    workflow = NOTE_WORKFLOW

    def get_object(self):
        return _visible_note(self.request, self.kwargs["pk"])

    def get_success_url(self, note) -> str:
        # Staff who return a note to its draft no longer see it: they go back to their desk.
        if not selectors.note_list(self.request.user).filter(pk=note.pk).exists():
            return reverse("mptf:desk")
        return super().get_success_url(note)


class NoteAssessView(AllowedMixin, View):
    """Network staff score a note under quality assessment against the stated criteria."""

    template_name = "mptf/note_assess.html"
    allowed = staticmethod(permissions.may_assess)

    def _render(self, request, note, form, status=200):
        return render(request, self.template_name, {"note": note, "form": form}, status=status)

    def _note(self, request, pk):
        note = _visible_note(request, pk)
        if not permissions.can_assess_note(request.user, note):
            raise Http404
        return note

    def get(self, request, pk):
        note = self._note(request, pk)
        criteria = AssessmentCriterion.objects.filter(active=True)
        mine = next((a for a in note.assessments.all() if a.assessor_id == request.user.pk), None)
        initial = {}
        if mine is not None:
            initial["comment"] = mine.comment
            for score in mine.scores.all():
                initial[f"score_{score.criterion.code}"] = score.score
                initial[f"comment_{score.criterion.code}"] = score.comment
        return self._render(request, note, AssessmentForm(criteria=criteria, initial=initial))

    def post(self, request, pk):
        note = self._note(request, pk)
        form = AssessmentForm(request.POST, criteria=AssessmentCriterion.objects.filter(active=True))
        if form.is_valid():
            try:
                services.assessment_record(
                    note=note, actor=request.user, scores=form.scores(), comment=form.cleaned_data["comment"]
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Your assessment is saved."))
                return HttpResponseRedirect(note.get_absolute_url() + "#assessment")
        return self._render(request, note, form, status=400)


class ProgrammeFromNoteView(AllowedMixin, View):
    """A fund manager creates the joint programme of a selected concept note."""

    template_name = "mptf/programme_create.html"
    allowed = staticmethod(permissions.may_manage_programmes)

    def _note(self, request, pk):
        note = _visible_note(request, pk)
        if not permissions.can_create_programme(request.user, note):
            raise Http404
        return note

    def get(self, request, pk):
        note = self._note(request, pk)
        if hasattr(note, "programme"):
            return HttpResponseRedirect(note.programme.get_absolute_url())
        initial = {"budget_usd": services.allocated_to(note)}
        return render(request, self.template_name, {"note": note, "form": ProgrammeCreateForm(initial=initial)})

    def post(self, request, pk):
        note = self._note(request, pk)
        form = ProgrammeCreateForm(request.POST)
        if form.is_valid():
            try:
                programme = services.programme_create_from_note(actor=request.user, note=note, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The joint programme is created and public."))
                return HttpResponseRedirect(programme.get_absolute_url())
        return render(request, self.template_name, {"note": note, "form": form}, status=400)
