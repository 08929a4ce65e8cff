"""What the hub's pages share: a form page that calls a service and maps its refusals to the kernel's
answers (400, 403, 409, 412), keeping what was typed."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.views import View

from gcm_portal.core.concurrency import StaleVersion
from gcm_portal.core.errors import messages_of, status_for
from gcm_portal.core.generic import add_service_error
from gcm_portal.core.workflow import WorkflowError

__all__ = ["ServiceFormView", "require"]


class ServiceFormView(LoginRequiredMixin, View):
    """GET shows the form; POST validates it and calls :meth:`save` (a service). A refusal re-renders
    the form with what was typed: 400 for bad input, 403 for a refusal, 409 for a wrong state, 412 when
    someone saved in between (the form then carries the current version)."""

    template_name = "knowledge/form.html"
    form_class = None
    title = ""
    success_message = ""
    multipart = False

    def get_object(self):
        """The record edited (None when creating); raise Http404 when the user may not use this page."""
        return None

    def form_kwargs(self, obj) -> dict:
        if issubclass(self.form_class, forms.ModelForm):
            return {"instance": obj} if obj is not None else {}
        return {}

    def get_form(self, obj, data=None, files=None):
        return self.form_class(data, files, **self.form_kwargs(obj))

    def save(self, form, obj):
        raise NotImplementedError

    def success_url(self, result) -> str:
        return result.get_absolute_url()

    def context(self, obj, form, **extra) -> dict:
        return {"form": form, "object": obj, "title": self.get_title(obj), "multipart": self.multipart, **extra}

    def get_title(self, obj) -> str:
        return str(self.title)

    def extra_forms_valid(self, obj) -> bool:
        return True

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        return render(request, self.template_name, self.context(obj, self.get_form(obj)))

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        form = self.get_form(obj, request.POST, request.FILES)
        status = 400
        if form.is_valid() and self.extra_forms_valid(obj):
            try:
                result = self.save(form, obj)
            except StaleVersion as conflict:
                form.data = form.data.copy()
                form.data["version"] = conflict.current.version
                form.add_error(None, str(conflict))
                status = 412
            except ValidationError as error:
                add_service_error(form, error)
            except (PermissionDenied, WorkflowError) as error:
                form.add_error(None, " ".join(messages_of(error)) or str(error))
                status = status_for(error) or 400
            else:
                if self.success_message:
                    messages.success(request, self.success_message)
                return HttpResponseRedirect(self.success_url(result))
        return render(request, self.template_name, self.context(obj, form), status=status)


def require(condition: bool) -> None:
    """A page the user may not use is a 404 (its existence is not advertised)."""
    if not condition:
        raise Http404
