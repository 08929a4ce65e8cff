"""One form view for this app's create and edit pages: the form comes from the page, the write from a
service; refusals are shown on the form (400), and an edit made from a stale version keeps what was
typed (409)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.views import View

from gcm_portal.core.concurrency import StaleVersion
from gcm_portal.core.generic import add_service_error


class ServiceFormView(LoginRequiredMixin, View):
    template_name = ""
    page_title = ""
    intro = ""
    form_class = None
    success_message = ""

    def get_object(self):
        """The record edited (None to create); raise Http404 when the user may not use the page."""
        return None

    def form_kwargs(self, obj) -> dict:
        return {}

    def initial(self, obj) -> dict:
        return {}

    def save(self, form, obj):
        raise NotImplementedError

    def context(self, obj) -> dict:
        return {}

    def render_form(self, form, obj, status=200):
        return render(
            self.request,
            self.template_name,
            {"form": form, "object": obj, "page_title": self.page_title, "intro": self.intro, **self.context(obj)},
            status=status,
        )

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        initial = self.initial(obj)
        if obj is not None and hasattr(obj, "version"):
            initial["version"] = obj.version
        return self.render_form(self.form_class(initial=initial, **self.form_kwargs(obj)), obj)

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        form = self.form_class(request.POST, **self.form_kwargs(obj))
        if form.is_valid():
            try:
                saved = self.save(form, obj)
            except StaleVersion as conflict:
                form.data = form.data.copy()
                form.data["version"] = conflict.current.version
                form.add_error(None, str(conflict))
                return self.render_form(form, obj, status=409)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            except ValidationError as error:
                add_service_error(form, error)
            else:
                if self.success_message:
                    messages.success(request, self.success_message)
                return HttpResponseRedirect(saved.get_absolute_url())
        return self.render_form(form, obj, status=400)
