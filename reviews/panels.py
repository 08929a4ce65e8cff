"""What this app adds to the kernel's pages: the country page, a focal point's "My country", the staff
curation page and the home page's figures. Registered in ``apps.py``."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import ngettext

from . import permissions, selectors
from .workflow import CONTRIBUTION_WORKFLOW, NEXT_STEP, PLEDGE_WORKFLOW


def country_panel(*, request, country) -> dict:
    user = request.user
    return {
        "template": "reviews/partials/country_panel.html",
        "reports": selectors.reports_for_country(user, country).order_by("-published_at"),
        "pledges": selectors.pledges_for_country(user, country),
        "can_create_report": permissions.can_create_report_for(user, country),
    }


def my_country_panel(*, request, country) -> dict:
    return {
        "template": "reviews/partials/my_country_panel.html",
        **selectors.country_dashboard(country),
        "next_step": NEXT_STEP,
    }


def curation_panel(*, request) -> dict:
    user = request.user
    pledges = list(selectors.pending_pledges(user))
    contributions = list(selectors.contribution_list(user).pending())
    return {
        "template": "reviews/partials/curation_panel.html",
        "counts": selectors.staff_pending_counts(),
        "pledges": [(p, PLEDGE_WORKFLOW.actions_for(p, user)) for p in pledges],
        "contributions": [(c, CONTRIBUTION_WORKFLOW.actions_for(c, user)) for c in contributions],
    }


def home_figures(*, request) -> list[dict]:
    counts = selectors.public_figures()
    return [
        {
            "count": counts["reviews"],
            "label": ngettext("regional review", "regional reviews", counts["reviews"]),
            "url": reverse("reviews:index"),
        },
        {
            "count": counts["reports"],
            "label": ngettext("published voluntary report", "published voluntary reports", counts["reports"]),
            "url": reverse("reviews:report-list"),
        },
        {
            "count": counts["pledges"],
            "label": ngettext("published pledge", "published pledges", counts["pledges"]),
            "url": reverse("reviews:pledge-list"),
        },
    ]
