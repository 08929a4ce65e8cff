"""Kernel pages: home, search, notifications, the audit log, and the two pages apps fill with panels:
"My country" (a focal point's work for the countries they represent) and "Curation" (what waits for
Network staff)."""

from __future__ import annotations

import sys
from functools import partial

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template import loader
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.defaults import page_not_found
from django.views.defaults import server_error as default_server_error
from django.views.generic import ListView, TemplateView

from gcm_portal import permissions
from gcm_portal.taxonomy import selectors as taxonomy_selectors
from gcm_portal.taxonomy.models import Country

from .generic import StaffRequiredMixin, parse_ids
from .health import health_report
from .models import AuditEntry
from .notifications import notification_list_for, notifications_mark_read
from .registry import home_figures, panels_for


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        """Everything below the search box is the same for every reader and kept as one fragment
        (``{% remember %}``), so the figures are callables, computed only when the fragment is rendered."""
        context = super().get_context_data(**kwargs)
        context["figures"] = taxonomy_selectors.reference_figures
        context["app_figures"] = partial(home_figures, self.request)
        context["objectives"] = taxonomy_selectors.objective_titles()
        context["commissions"] = taxonomy_selectors.commission_list()
        return context


@never_cache
def healthz(request):
    """200 while the database answers (``ok``, or ``degraded`` when the cache or broker does not), 503
    when it does not (see :mod:`gcm_portal.core.health`). Never served from the page cache."""
    report = health_report()
    return JsonResponse(report, status=503 if report["status"] == "error" else 200)


healthz.page_cache = False


class SearchView(TemplateView):
    """Search across everything published. Today it covers the GCM reference data."""

    template_name = "search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        q = self.request.GET.get("q", "").strip()[:200]
        results = taxonomy_selectors.reference_search(q) if q else {}
        context.update(q=q, results=results, total=sum(len(v) for v in results.values()))
        return context


class NotificationListView(LoginRequiredMixin, ListView):
    """The signed-in user's on-site notices; POST marks them read."""

    template_name = "notifications.html"
    context_object_name = "notifications"
    paginate_by = 30

    def get_queryset(self):
        return notification_list_for(self.request.user)

    def post(self, request):
        ids = parse_ids(request.POST.getlist("notification")) or None
        notifications_mark_read(user=request.user, ids=ids)
        return HttpResponseRedirect(reverse("notifications"))


class NotificationOpenView(LoginRequiredMixin, View):
    """Follow a notice's link and mark it read (another user's notice is a 404)."""

    def get(self, request, pk):
        notification = get_object_or_404(notification_list_for(request.user), pk=pk)
        notifications_mark_read(user=request.user, ids=[notification.pk])
        return HttpResponseRedirect(notification.url or reverse("notifications"))


class MyCountryView(LoginRequiredMixin, TemplateView):
    """A focal point's page: per country they represent, what each app asks of them (deadlines, drafts,
    pledges, requests)."""

    template_name = "my_country.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        countries = Country.objects.filter(pk__in=permissions.country_ids_represented(self.request.user))
        context["countries"] = [
            {"country": country, "panels": panels_for("my_country", request=self.request, country=country)}
            for country in countries.order_by("sort_name")
        ]
        context["is_staff"] = permissions.is_network_staff(self.request.user)
        return context


class CurationView(StaffRequiredMixin, TemplateView):
    """What waits for Network staff, app by app, each panel linking to its full queue."""

    template_name = "curation.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["panels"] = panels_for("curation", request=self.request)
        return context


class AuditLogView(StaffRequiredMixin, ListView):
    """Who did what, when, from which state to which."""

    template_name = "audit_log.html"
    context_object_name = "entries"
    paginate_by = 50

    def get_queryset(self):
        queryset = AuditEntry.objects.select_related("actor", "content_type")
        action = self.request.GET.get("action", "").strip()
        if action:
            queryset = queryset.filter(action=action)
        record = self.request.GET.get("record", "").strip()
        if record:
            queryset = queryset.filter(object_repr__icontains=record)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_without_page"] = query.urlencode()
        return context


DATABASE_ERRORS = (OperationalError, InterfaceError)


def service_unavailable(request) -> HttpResponse:
    """503 with ``Retry-After``: the database did not answer (unreachable, connection killed, statement
    timeout). Rendered without the database (no context processors), JSON under /api/. Whatever the
    request was writing was rolled back with its transaction; Django drops the broken connection when
    the request ends and the next request connects afresh."""
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"detail": str(_("The service is briefly unavailable. Try again shortly."))}, status=503
        )
    else:
        response = HttpResponse(loader.get_template("503.html").render({"LANGUAGE_CODE": get_language()}), status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    """Django's 500, except for a database fault: a 503 page (:func:`service_unavailable`)."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return service_unavailable(request)
    return default_server_error(request)


def not_found(request, exception=None):
    """404 for paths no route matches: JSON under /api/, the site's page elsewhere."""
    if request.path.startswith("/api/"):
        from gcm_portal.api.errors import api_not_found

        return api_not_found(request, exception)
    return page_not_found(request, exception)
