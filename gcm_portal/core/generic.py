"""Generic pages every app configures with attributes instead of writing again: role gates, filtered
lists, a workflow action run from a button, and the same action on many records at once.

An app's ``views.py`` then reads as a list of classes::

    class PracticeActionView(TransitionView):
        workflow = PRACTICE_WORKFLOW

        def get_object(self):
            return get_object_or_404(selectors.practice_list(self.request.user), pk=self.kwargs["pk"])
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView

from gcm_portal import permissions
from gcm_portal.accounts.choices import Role

from .errors import messages_of
from .workflow import TransitionForbidden, Workflow, WorkflowError, transition_perform, transition_perform_many

__all__ = [
    "BulkTransitionView",
    "FilteredListView",
    "RoleRequiredMixin",
    "StaffRequiredMixin",
    "TransitionView",
    "add_service_error",
    "parse_id",
    "parse_ids",
    "safe_next",
]

MAX_ID = 2**63 - 1


def parse_id(value) -> int | None:
    """A database id from user input, or None ("²" and 10**30 are not ids)."""
    value = (value or "").strip()
    if value.isascii() and value.isdigit() and 0 < int(value) <= MAX_ID:
        return int(value)
    return None


def parse_ids(values) -> list[int]:
    return [i for i in (parse_id(v) for v in values) if i is not None]


def safe_next(request, fallback: str) -> str:
    """The ``next`` the form posted, when it points inside this site; ``fallback`` otherwise."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


def add_service_error(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: per field where the form has that field."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# ---------------------------------------------------------------------------
# Role gates
# ---------------------------------------------------------------------------


class RoleRequiredMixin(LoginRequiredMixin):
    """A page for holders of ``required_role``: anonymous visitors are sent to sign in, other users get
    a 404 (the page's existence is not advertised)."""

    required_role: str = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not permissions.has_role(request.user, self.required_role):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class StaffRequiredMixin(RoleRequiredMixin):
    required_role = Role.NETWORK_STAFF


# ---------------------------------------------------------------------------
# Lists
# ---------------------------------------------------------------------------


class FilteredListView(ListView):
    """A list whose filters come from the app's FilterSet, the same class its API uses.

    Subclasses give ``filterset_class`` and ``get_base_queryset()`` (a selector). The form
    submits by GET, so filtered pages are shareable links and work without JavaScript.
    """

    filterset_class = None
    paginate_by = 50

    def get_base_queryset(self):
        raise NotImplementedError

    def get_filterset_class(self):
        return self.filterset_class

    def get_queryset(self):
        self.filterset = self.get_filterset_class()(self.request.GET or None, queryset=self.get_base_queryset())
        if self.filterset.is_bound and not self.filterset.is_valid():
            return self.filterset.queryset.none()
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filterset"] = self.filterset
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_without_page"] = query.urlencode()
        return context


# ---------------------------------------------------------------------------
# Workflow actions
# ---------------------------------------------------------------------------


def _state_label(obj, workflow: Workflow) -> str:
    display = getattr(obj, f"get_{workflow.state_field}_display", None)
    return str(display() if display else getattr(obj, workflow.state_field)).lower()


class TransitionView(LoginRequiredMixin, View):
    """``POST …/<pk>/actions/<action>/``: one endpoint for every action of a workflow table; what is
    possible, and for whom, comes from the table. The record comes from :meth:`get_object` (a selector:
    what the user may not see is a 404, and so is an action that is not in the table or is internal). A
    refused action is explained in a message; an action the user may never take is a 403."""

    workflow: Workflow
    success_message = gettext_lazy("Done: “%(title)s” is now %(state)s.")

    def get_object(self):
        raise NotImplementedError

    def perform(self, obj, action: str, comment: str):
        return transition_perform(
            workflow=self.workflow, obj=obj, action=action, actor=self.request.user, comment=comment
        )

    def get_success_url(self, obj) -> str:
        return safe_next(self.request, obj.get_absolute_url())

    def post(self, request, *args, **kwargs):
        if kwargs["action"] not in self.workflow.public_actions:
            raise Http404
        obj = self.get_object()
        try:
            obj = self.perform(obj, kwargs["action"], request.POST.get("comment", ""))
        except TransitionForbidden as error:
            raise PermissionDenied(str(error)) from None
        except (WorkflowError, ValidationError) as error:
            messages.error(request, " ".join(messages_of(error)))
        else:
            messages.success(request, self.success_message % {"title": obj, "state": _state_label(obj, self.workflow)})
        return HttpResponseRedirect(self.get_success_url(obj))


class BulkTransitionView(LoginRequiredMixin, View):
    """``POST`` one action for many records, each succeeding or failing on its own with its reason.
    Actions that need a comment are refused here: each record deserves its own explanation."""

    workflow: Workflow
    actions: tuple[str, ...] = ()
    id_field = "ids"
    success_message = gettext_lazy("%(count)d done.")

    def get_queryset(self):
        """The records the user may see (a selector)."""
        raise NotImplementedError

    def get_success_url(self) -> str:
        raise NotImplementedError

    def describe(self, obj) -> str:
        return str(obj)

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        ids = parse_ids(request.POST.getlist(self.id_field))
        if action not in self.actions or not ids:
            messages.error(request, _("Choose items and an action."))
            return HttpResponseRedirect(self.get_success_url())
        if self.workflow.needs_comment(action):
            messages.error(request, _("This action needs a comment for each item: take it one by one."))
            return HttpResponseRedirect(self.get_success_url())
        result = transition_perform_many(
            workflow=self.workflow, objects=self.get_queryset().filter(pk__in=ids), action=action, actor=request.user
        )
        for obj, reason in result.refused:
            messages.error(request, f"{self.describe(obj)}: {reason}")
        if result.done:
            messages.success(request, self.success_message % {"count": len(result.done)})
        return HttpResponseRedirect(self.get_success_url())
