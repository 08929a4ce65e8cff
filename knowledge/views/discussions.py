"""Discussion spaces: threads, comments and replies, reports and the moderation queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView

from gcm_portal.accounts.models import User
from gcm_portal.core.errors import messages_of
from gcm_portal.core.generic import FilteredListView, TransitionView, add_service_error

from .. import permissions, selectors, services
from ..filtersets import SpaceFilterSet
from ..forms import CommentForm, ReportForm, SpaceForm
from ..models import Comment
from ..services.discussions import SPACE_FIELDS
from ..workflow import SPACE_WORKFLOW
from .common import ServiceFormView, require


class SpaceListView(FilteredListView):
    template_name = "knowledge/space_list.html"
    context_object_name = "spaces"
    filterset_class = SpaceFilterSet

    def get_base_queryset(self):
        spaces = selectors.space_list(self.request.user)
        return spaces if permissions.can_curate(self.request.user) else spaces.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_create"] = permissions.can_curate(self.request.user)
        context["can_moderate"] = permissions.moderates_any_space(self.request.user)
        return context


class SpaceDetailView(DetailView):
    template_name = "knowledge/space_detail.html"
    context_object_name = "space"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.space_detail(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, space = self.request.user, self.object
        can_comment = permissions.can_comment(user, space)
        context.update(
            thread=selectors.comment_thread(space, user),
            can_comment=can_comment,
            is_moderator=permissions.is_moderator(user, space),
            is_open=space.is_open(),
            comment_form=kwargs.get("comment_form") or (CommentForm(space=space) if can_comment else None),
            actions=SPACE_WORKFLOW.actions_for(space, user),
            can_edit=permissions.can_curate(user),
            signed_in=permissions.is_signed_in(user),
        )
        return context


class SpaceFormView(ServiceFormView):
    form_class = SpaceForm

    def get_object(self):
        require(permissions.can_curate(self.request.user))
        if pk := self.kwargs.get("pk"):
            return get_object_or_404(selectors.space_detail(self.request.user), pk=pk)
        return None

    def get_title(self, obj):
        return _("Edit the discussion space") if obj else _("Open a discussion space")

    def form_kwargs(self, obj):
        return {**super().form_kwargs(obj), "moderators": User.objects.filter(is_active=True).order_by("full_name")}

    def save(self, form, obj):
        data = form.service_data(SPACE_FIELDS)
        if obj is None:
            return services.space_create(
                actor=self.request.user,
                data=data,
                questions=form.question_list(),
                objectives=list(form.cleaned_data["objectives"]),
                publish=form.cleaned_data["publish"],
            )
        return services.space_update(
            space=obj,
            actor=self.request.user,
            expected_version=form.cleaned_data["version"] or 0,
            data=data,
            questions=form.question_list(),
            objectives=list(form.cleaned_data["objectives"]),
        )


class SpaceActionView(TransitionView):
    workflow = SPACE_WORKFLOW

    def get_object(self):
        return get_object_or_404(selectors.space_list(self.request.user), pk=self.kwargs["pk"])


class CommentPostView(LoginRequiredMixin, View):
    """Comment on a space or reply to a comment. A closed space refuses (403) and says so."""

    def post(self, request, pk):
        space = get_object_or_404(selectors.space_detail(request.user), pk=pk)
        form = CommentForm(request.POST, space=space)
        if form.is_valid():
            parent = None
            if parent_id := form.cleaned_data.get("parent"):
                parent = selectors.visible_comments(space, request.user).filter(pk=parent_id).first()
                if parent is None:
                    raise Http404
            try:
                comment = services.comment_post(
                    space=space,
                    actor=request.user,
                    body=form.cleaned_data["body"],
                    language=form.cleaned_data["language"],
                    question=form.cleaned_data["question"],
                    parent=parent,
                )
            except PermissionDenied as error:
                messages.error(request, str(error))
                return render(
                    request, "knowledge/space_closed.html", {"space": space, "message": str(error)}, status=403
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Your comment is posted."))
                return HttpResponseRedirect(comment.get_absolute_url())
        view = SpaceDetailView()
        view.setup(request, pk=pk)
        view.object = space
        context = view.get_context_data(object=space, comment_form=form)
        return render(request, SpaceDetailView.template_name, context, status=400)


def _comment(request, pk) -> Comment:
    """A comment of a space the user may see, as the user may see it (a hidden one only for moderators)."""
    comment = get_object_or_404(Comment.objects.select_related("space"), pk=pk)
    space = get_object_or_404(selectors.space_list(request.user), pk=comment.space_id)
    if comment.hidden and not permissions.is_moderator(request.user, space):
        raise Http404
    return comment


class CommentReportView(LoginRequiredMixin, View):
    """Anyone signed in reports a comment to the moderators, with a reason."""

    template_name = "knowledge/comment_report.html"

    def get(self, request, pk):
        comment = _comment(request, pk)
        return render(request, self.template_name, {"comment": comment, "form": ReportForm()})

    def post(self, request, pk):
        comment = _comment(request, pk)
        form = ReportForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                services.comment_report(comment=comment, actor=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                add_service_error(form, error)
            except PermissionDenied as error:
                form.add_error(None, str(error))
                status = 403
            else:
                messages.success(request, _("Thank you: a moderator will look at the comment."))
                return HttpResponseRedirect(comment.get_absolute_url())
        return render(request, self.template_name, {"comment": comment, "form": form}, status=status)


class ModerationQueueView(LoginRequiredMixin, View):
    """One queue across all spaces: reported comments to hide or dismiss, hidden ones to restore."""

    def get(self, request):
        require(permissions.moderates_any_space(request.user))
        return render(request, "knowledge/moderation.html", selectors.moderation_queue(request.user))


class CommentModerateView(LoginRequiredMixin, View):
    def post(self, request, pk, action):
        if action not in services.MODERATION_ACTIONS:
            raise Http404
        comment = _comment(request, pk)
        if not permissions.is_moderator(request.user, comment.space):
            raise PermissionDenied(_("Only the space's moderators moderate it."))
        # the request is read before anything is written: one that cannot be read (too large, broken)
        # is refused with nothing moderated
        next_url = request.POST.get("next")
        try:
            services.comment_moderate(comment=comment, actor=request.user, action=action)
        except ValidationError as error:
            messages.error(request, " ".join(messages_of(error)))
        else:
            messages.success(
                request,
                {
                    "hide": _("The comment is hidden."),
                    "restore": _("The comment is restored."),
                    "dismiss": _("The reports are dismissed."),
                }[action],
            )
        if next_url == "space":
            return HttpResponseRedirect(comment.get_absolute_url())
        return HttpResponseRedirect(reverse("knowledge:moderation"))
