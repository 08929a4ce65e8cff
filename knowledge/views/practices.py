"""Practices, calls for practices, themes and peer review."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView

from gcm_portal.core.attachments import AttachmentForm
from gcm_portal.core.errors import messages_of
from gcm_portal.core.exports import csv_response
from gcm_portal.core.generic import FilteredListView, TransitionView, parse_id
from gcm_portal.core.workflow import WorkflowError

from .. import permissions, selectors, services
from ..choices import REVIEW_CRITERIA, AssignmentStatus, PracticeStatus
from ..filtersets import PracticeFilterSet, StaffPracticeFilterSet
from ..forms import AssignReviewerForm, CallForm, ContactFormSet, DeclarationForm, PracticeForm, ReviewForm, contacts_of
from ..services.practices import CALL_FIELDS, PRACTICE_FIELDS
from ..workflow import ASSIGNMENT_WORKFLOW, CALL_WORKFLOW, PRACTICE_NEXT_STEP, PRACTICE_WORKFLOW
from .common import ServiceFormView, require

# ---------------------------------------------------------------------------
# Practices
# ---------------------------------------------------------------------------


class PracticeListView(FilteredListView):
    """The repository of practices: published ones for everyone; staff filter every state."""

    template_name = "knowledge/practice_list.html"
    context_object_name = "practices"
    paginate_by = 25

    def get_filterset_class(self):
        return StaffPracticeFilterSet if permissions.is_staff(self.request.user) else PracticeFilterSet

    def get_base_queryset(self):
        queryset = selectors.practice_list(self.request.user)
        if not permissions.is_staff(self.request.user):
            queryset = queryset.published()
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_submit"] = permissions.can_submit_practice(user)
        if user.is_authenticated and not permissions.is_staff(user):
            context["my_practices"] = list(
                selectors.practice_list(user).filter(created_by=user).exclude(status=PracticeStatus.PUBLISHED)
            )
        context["open_calls"] = list(selectors.open_calls(user, timezone.localdate()))
        return context


class PracticeDetailView(DetailView):
    template_name = "knowledge/practice_detail.html"
    context_object_name = "practice"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.practice_detail(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, practice = self.request.user, self.object
        can_edit = permissions.can_edit_practice(user, practice)
        context.update(
            can_edit=can_edit,
            is_staff=permissions.is_staff(user),
            working=permissions.is_staff(user) or permissions.is_practice_owner(user, practice),
            can_see_emails=permissions.can_see_contact_details(user, practice),
            actions=PRACTICE_WORKFLOW.actions_for(practice, user),
            next_step=PRACTICE_NEXT_STEP.get(practice.status),
            review=selectors.public_peer_review(practice),
            documents=services.PRACTICE_DOCUMENTS.visible_to(user, practice),
            document_form=AttachmentForm(attachments=services.PRACTICE_DOCUMENTS) if can_edit else None,
        )
        return context


class PracticeFormView(ServiceFormView):
    """Submit a practice against the Hub's criteria, or edit it (with its contacts)."""

    template_name = "knowledge/practice_form.html"
    form_class = PracticeForm

    def get_object(self):
        pk = self.kwargs.get("pk")
        if pk is None:
            require(permissions.can_submit_practice(self.request.user))
            return None
        practice = get_object_or_404(selectors.practice_detail(self.request.user), pk=pk)
        require(permissions.can_edit_practice(self.request.user, practice))
        return practice

    def get_title(self, obj):
        return _("Edit the practice") if obj else _("Submit a practice")

    def form_kwargs(self, obj):
        return {
            **super().form_kwargs(obj),
            "calls": list(selectors.open_calls(self.request.user, timezone.localdate())),
        }

    def get_form(self, obj, data=None, files=None):
        form = super().get_form(obj, data, files)
        if obj is None and data is None:
            form.initial.setdefault("organisation", self.request.user.organisation)
            if call := parse_id(self.request.GET.get("call")):
                form.initial["call"] = call
        initial = [
            {"name": c.name, "role": c.role, "organisation": c.organisation, "email": c.email}
            for c in (obj.contacts.all() if obj else [])
        ]
        self.contacts = ContactFormSet(data, prefix="contacts", initial=initial or None)
        return form

    def extra_forms_valid(self, obj) -> bool:
        return self.contacts.is_valid()

    def context(self, obj, form, **extra):
        return super().context(obj, form, contacts=self.contacts, **extra)

    def save(self, form, obj):
        data = form.service_data(PRACTICE_FIELDS)
        relations = {
            "objectives": list(form.cleaned_data["objectives"]),
            "principles": list(form.cleaned_data["principles"]),
            "countries": list(form.cleaned_data["countries"]),
            "theme_responses": list(form.cleaned_data["theme_responses"]),
            "contacts": contacts_of(self.contacts),
        }
        if obj is None:
            practice = services.practice_create(actor=self.request.user, data=data, **relations)
            messages.success(
                self.request, _("Thank you. Network staff will check your practice against the Hub's criteria.")
            )
            return practice
        practice = services.practice_update(
            practice=obj,
            actor=self.request.user,
            expected_version=form.cleaned_data["version"] or 0,
            data=data,
            **relations,
        )
        messages.success(self.request, _("The practice is saved."))
        return practice


class PracticeActionView(TransitionView):
    workflow = PRACTICE_WORKFLOW

    def get_object(self):
        return get_object_or_404(selectors.practice_list(self.request.user), pk=self.kwargs["pk"])


class PracticeReviewersView(LoginRequiredMixin, View):
    """Staff choose reviewers: the portal's suggestions (objectives, language and region in common,
    conflicts left out), the panel as it stands and what the Hub's rule still needs."""

    template_name = "knowledge/practice_reviewers.html"

    def practice(self, request, pk):
        require(permissions.is_staff(request.user))
        return get_object_or_404(selectors.practice_detail(request.user), pk=pk)

    def render_page(self, request, practice, form=None, status=200):
        form = form or AssignReviewerForm(experts=selectors.assignable_experts(practice))
        assignments = list(practice.assignments.all())
        review = selectors.public_peer_review(practice)
        return render(
            request,
            self.template_name,
            {
                "practice": practice,
                "suggestions": selectors.reviewer_suggestions(practice),
                "assignments": [(a, ASSIGNMENT_WORKFLOW.actions_for(a, request.user)) for a in assignments],
                "review": review,
                "criteria": REVIEW_CRITERIA,
                "form": form,
                "can_assign": permissions.can_assign_reviewers(request.user, practice),
                "actions": PRACTICE_WORKFLOW.actions_for(practice, request.user),
            },
            status=status,
        )

    def get(self, request, pk):
        return self.render_page(request, self.practice(request, pk))

    def post(self, request, pk):
        practice = self.practice(request, pk)
        form = AssignReviewerForm(request.POST, experts=selectors.assignable_experts(practice))
        if form.is_valid():
            expert = form.cleaned_data["expert"]
            try:
                services.reviewer_assign(practice=practice, expert=expert, actor=request.user)
            except ValidationError as error:
                form.add_error("expert", " ".join(messages_of(error)))
            except PermissionDenied as error:
                messages.error(request, str(error))
                return HttpResponseRedirect(reverse("knowledge:practice-reviewers", args=[pk]))
            else:
                messages.success(request, _("%(expert)s is asked to review the practice.") % {"expert": expert})
                return HttpResponseRedirect(reverse("knowledge:practice-reviewers", args=[pk]))
        practice = self.practice(request, pk)
        return self.render_page(request, practice, form, status=400)


# ---------------------------------------------------------------------------
# An expert's reviews
# ---------------------------------------------------------------------------


class AssignmentListView(LoginRequiredMixin, View):
    """The reviews asked of the signed-in expert."""

    def get(self, request):
        assignments = selectors.assignment_list(request.user).filter(expert__user=request.user)
        return render(request, "knowledge/assignment_list.html", {"assignments": assignments})


class AssignmentDetailView(LoginRequiredMixin, View):
    """The expert first declares any conflict of interest (seeing only who submitted the practice and
    where), then, with none, reads the practice and reviews it. Staff see the whole assignment."""

    template_name = "knowledge/assignment_detail.html"

    def assignment(self, request, pk):
        return get_object_or_404(selectors.assignment_list(request.user), pk=pk)

    def render_page(self, request, assignment, *, declaration=None, review_form=None, status=200):
        user = request.user
        is_expert = permissions.is_assigned_expert(user, assignment)
        shows_practice = assignment.status in (AssignmentStatus.CLEARED, AssignmentStatus.REVIEWED) or (
            permissions.is_staff(user) and not is_expert
        )
        practice = None
        if shows_practice:
            practice = selectors.practice_detail(user).filter(pk=assignment.practice_id).first()
        context = {
            "assignment": assignment,
            "is_expert": is_expert,
            "practice": practice,
            "criteria": [(name, label, assignment.scores.get(name)) for name, label in REVIEW_CRITERIA],
            "actions": ASSIGNMENT_WORKFLOW.actions_for(assignment, user),
        }
        if is_expert and assignment.status == AssignmentStatus.ASSIGNED:
            context["declaration"] = declaration or DeclarationForm()
        if is_expert and assignment.status == AssignmentStatus.CLEARED:
            context["review_form"] = review_form or ReviewForm()
            context["review_blocked"] = assignment.practice.status != PracticeStatus.IN_REVIEW
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        return self.render_page(request, self.assignment(request, pk))


class AssignmentDeclareView(AssignmentDetailView):
    def get(self, request, pk):
        return HttpResponseRedirect(reverse("knowledge:assignment-detail", args=[pk]))

    def post(self, request, pk):
        assignment = self.assignment(request, pk)
        if not permissions.is_assigned_expert(request.user, assignment):
            raise PermissionDenied(_("Only the expert asked declares a conflict of interest."))
        form = DeclarationForm(request.POST)
        if form.is_valid():
            try:
                services.assignment_declare(
                    assignment=assignment,
                    actor=request.user,
                    has_conflict=form.cleaned_data["has_conflict"],
                    note=form.cleaned_data["note"],
                )
            except WorkflowError as error:
                messages.error(request, str(error))
            else:
                if form.cleaned_data["has_conflict"]:
                    messages.success(request, _("Thank you: Network staff will ask another reviewer."))
                else:
                    messages.success(request, _("Thank you. You can now read the practice and review it."))
            return HttpResponseRedirect(reverse("knowledge:assignment-detail", args=[pk]))
        return self.render_page(request, assignment, declaration=form, status=400)


class AssignmentReviewView(AssignmentDetailView):
    def get(self, request, pk):
        return HttpResponseRedirect(reverse("knowledge:assignment-detail", args=[pk]))

    def post(self, request, pk):
        assignment = self.assignment(request, pk)
        if not permissions.is_assigned_expert(request.user, assignment):
            raise PermissionDenied(_("Only the expert asked reviews the practice."))
        form = ReviewForm(request.POST)
        if form.is_valid():
            try:
                services.review_submit(
                    assignment=assignment,
                    actor=request.user,
                    scores=form.scores(),
                    recommendation=form.cleaned_data["recommendation"],
                    comments=form.cleaned_data["comments"],
                )
            except (WorkflowError, ValidationError) as error:
                form.add_error(None, " ".join(messages_of(error)))
            else:
                messages.success(request, _("Thank you: your review is with Network staff."))
                return HttpResponseRedirect(reverse("knowledge:assignment-detail", args=[pk]))
        return self.render_page(request, assignment, review_form=form, status=400)


class AssignmentActionView(TransitionView):
    """Staff withdraw a reviewer."""

    workflow = ASSIGNMENT_WORKFLOW

    def get_object(self):
        return get_object_or_404(selectors.assignment_list(self.request.user), pk=self.kwargs["pk"])

    def get_success_url(self, obj):
        return reverse("knowledge:practice-reviewers", args=[obj.practice_id])


# ---------------------------------------------------------------------------
# Calls for practices and themes
# ---------------------------------------------------------------------------


class CallListView(View):
    def get(self, request):
        calls = selectors.call_list(request.user)
        if not permissions.is_staff(request.user):
            calls = calls.published()
        return render(
            request,
            "knowledge/call_list.html",
            {"calls": calls, "today": timezone.localdate(), "can_open": permissions.can_open_calls(request.user)},
        )


class CallDetailView(DetailView):
    template_name = "knowledge/call_detail.html"
    context_object_name = "call"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.call_list(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["practices"] = selectors.practices_for_call(self.request.user, self.object)
        context["actions"] = CALL_WORKFLOW.actions_for(self.object, self.request.user)
        context["can_edit"] = permissions.can_curate(self.request.user)
        return context


class CallFormView(ServiceFormView):
    form_class = CallForm

    def get_object(self):
        require(permissions.can_open_calls(self.request.user))
        if pk := self.kwargs.get("pk"):
            return get_object_or_404(selectors.call_list(self.request.user), pk=pk)
        return None

    def get_title(self, obj):
        return _("Edit the call for practices") if obj else _("Open a call for practices")

    def save(self, form, obj):
        data = form.service_data(CALL_FIELDS)
        objectives = list(form.cleaned_data["objectives"])
        if obj is None:
            return services.call_create(
                actor=self.request.user, data=data, objectives=objectives, publish=form.cleaned_data["publish"]
            )
        return services.call_update(
            call=obj,
            actor=self.request.user,
            expected_version=form.cleaned_data["version"] or 0,
            data=data,
            objectives=objectives,
        )


class CallActionView(TransitionView):
    workflow = CALL_WORKFLOW

    def get_object(self):
        return get_object_or_404(selectors.call_list(self.request.user), pk=self.kwargs["pk"])


class ThemeDetailView(View):
    def get(self, request, slug):
        theme = get_object_or_404(selectors.theme_detail(), slug=slug)
        practices = selectors.practices_for_theme(request.user, theme)
        calls = selectors.call_list(request.user).published().filter(theme=theme)
        return render(request, "knowledge/theme_detail.html", {"theme": theme, "practices": practices, "calls": calls})


class PracticeExportView(View):
    """The published practices the filters select, as CSV (streamed, spreadsheet-safe)."""

    COLUMNS = [
        "id",
        "title",
        "organisation",
        "countries",
        "geographic_scope",
        "practice_type",
        "objectives",
        "principles",
        "implementation_period",
        "language",
        "un_reviews",
        "external_reviews",
        "published_at",
        "url",
    ]

    def get(self, request):
        base = (
            selectors.practice_detail(request.user)
            .published()
            .prefetch_related("principles")
            .order_by("-published_at", "-pk")
        )
        filterset = PracticeFilterSet(request.GET or None, queryset=base)
        practices = base.none() if filterset.is_bound and not filterset.is_valid() else filterset.qs

        def rows():
            for practice in practices.iterator(chunk_size=500):
                review = selectors.public_peer_review(practice)
                yield [
                    practice.pk,
                    practice.title,
                    practice.organisation,
                    " ".join(c.iso2 for c in practice.countries.all()),
                    practice.geographic_scope,
                    practice.practice_type,
                    " ".join(str(o.number) for o in practice.objectives.all()),
                    " ".join(p.letter for p in practice.principles.all()),
                    practice.implementation_period,
                    practice.language,
                    review.un_reviewed,
                    review.external_reviewed,
                    practice.published_at.date().isoformat() if practice.published_at else "",
                    request.build_absolute_uri(practice.get_absolute_url()),
                ]

        return csv_response("hub-practices.csv", self.COLUMNS, rows())
