"""What the hub adds to the kernel's pages: each country page shows its UN migration network and
published practices; a focal point's "My country" their Connection Hub requests; the staff's curation
page what waits in the hub; the home page the hub's figures. Registered in ``apps.py``."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import ngettext

from gcm_portal.core.curation import CurationState

from . import permissions, selectors
from .choices import ExpertStatus, PracticeStatus, RequestStatus
from .models import Expert, Practice, Resource, SupportRequest


def country_panel(*, request, country) -> dict:
    user = request.user
    return {
        "template": "knowledge/partials/country_panel.html",
        "network": selectors.network_for_country(user, country),
        "practices": list(selectors.practice_list(user).published().filter(countries=country)[:5]),
    }


def my_country_panel(*, request, country) -> dict:
    user = request.user
    return {
        "template": "knowledge/partials/my_country_panel.html",
        "requests": list(
            selectors.request_list(user).filter(country=country).prefetch_related(None).order_by("-created_at")[:10]
        ),
        "can_request": permissions.can_request_support_for(user, country),
    }


def curation_panel(*, request) -> dict:
    user = request.user
    return {
        "template": "knowledge/partials/curation_panel.html",
        "practices_submitted": Practice.objects.filter(status=PracticeStatus.SUBMITTED).count(),
        "practices_in_review": Practice.objects.filter(status=PracticeStatus.IN_REVIEW).count(),
        "resources": Resource.objects.filter(curation=CurationState.PENDING).count(),
        "applications": Expert.objects.filter(status=ExpertStatus.SUBMITTED).count(),
        "requests": SupportRequest.objects.filter(status=RequestStatus.RECEIVED).count(),
        "joins": list(selectors.join_requests_waiting(user)),
        "reports": selectors.open_report_count(user),
    }


def home_figures(*, request) -> list[dict]:
    counts = selectors.hub_figures()
    return [
        {
            "count": counts["practices"],
            "label": ngettext("peer-reviewed practice", "peer-reviewed practices", counts["practices"]),
            "url": reverse("knowledge:practice-list"),
        },
        {
            "count": counts["resources"],
            "label": ngettext("hub resource", "hub resources", counts["resources"]),
            "url": reverse("knowledge:resource-list"),
        },
        {
            "count": counts["networks"],
            "label": ngettext(
                "UN country network on migration", "UN country networks on migration", counts["networks"]
            ),
            "url": reverse("knowledge:network-list"),
        },
    ]


def country_overview_panel(*, request, country) -> dict:
    """Everything published about the country across the portal, from the unified index: counts by
    kind linking to the search, the latest items, the objectives covered, the matrix and a follow button."""
    from .selectors.overview import country_overview

    overview = country_overview(country)
    return {
        "template": "knowledge/partials/country_overview_panel.html",
        **overview,
        "objective_counts": sorted(overview["objectives"].items()),
    }


def objective_panel(*, request, objective) -> dict:
    """Everything tagged with the objective, by kind, each linking to the search with its facets."""
    from .selectors.overview import objective_overview

    return {"template": "knowledge/partials/objective_panel.html", **objective_overview(objective)}
