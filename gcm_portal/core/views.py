"""Kernel views: the home page, the health check and a list view base that every app's lists share."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import ListView, TemplateView

from gcm_portal import permissions
from gcm_portal.taxonomy import selectors as taxonomy_selectors

from .health import health_report
from .models import AuditEntry
from .notifications import notification_list_for, notifications_mark_read
from .panels import home_figures

MAX_ID = 2**63 - 1


def parse_id(value) -> int | None:
    """A database id from user input, or None ("²" and 10**30 are not ids)."""
    value = (value or "").strip()
    if value.isascii() and value.isdigit() and 0 < int(value) <= MAX_ID:
        return int(value)
    return None


def parse_ids(values) -> list[int]:
    return [i for i in (parse_id(v) for v in values) if i is not None]


class FilteredListView(ListView):
    """A list whose filters come from the app's FilterSet, the same class its API uses.

    Subclasses give ``filterset_class`` and ``get_base_queryset()`` (a selector). The form
    submits by GET, so filtered pages are shareable links and work without JavaScript.
    """

    filterset_class = None
    paginate_by = 50

    def get_base_queryset(self):
        raise NotImplementedError

    def get_queryset(self):
        self.filterset = self.filterset_class(self.request.GET or None, queryset=self.get_base_queryset())
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


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["figures"] = taxonomy_selectors.reference_figures()
        context["app_figures"] = home_figures(self.request)
        context["objectives"] = taxonomy_selectors.objective_list()
        context["commissions"] = taxonomy_selectors.commission_list()
        return context


def healthz(request):
    report = health_report()
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)


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


class StaffRequiredMixin(LoginRequiredMixin):
    """Network staff pages: anonymous visitors are sent to sign in, other users get a 404 (the page's
    existence is not advertised)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not permissions.is_network_staff(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


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


def safe_next(request, fallback: str) -> str:
    """The ``next`` the form posted, when it points inside this site; ``fallback`` otherwise."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback
