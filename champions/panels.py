"""What this app adds to the kernel's pages: every country page (champion status, focus areas, plan
status), a focal point's "My country", the staff's curation page and the home page's figures.
Registered in ``apps.py``."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from . import permissions, selectors
from .workflow import ACTIVITY_WORKFLOW, COMMITMENT_WORKFLOW, CONFIRMATION_WORKFLOW, PROFILE_WORKFLOW


def country_panel(*, request, country) -> dict:
    """Shown on every country page, champion or not."""
    champion = selectors.champion_for_country(country)
    return {
        "template": "champions/partials/country_panel.html",
        "champion": champion,
        "active": selectors.is_active(champion) if champion else False,
        "can_apply": permissions.can_apply_for(request.user, country),
    }


def my_country_panel(*, request, country) -> dict:
    """What the focal point has under way: each item's title, link and state (no prefetch of what the
    full pages show)."""
    user = request.user
    champion = selectors.champion_state_for_country(country)
    active = selectors.is_active(champion) if champion else False
    return {
        "template": "champions/partials/my_country_panel.html",
        "champion": champion,
        "active": active,
        "profile_updates": _under_way(selectors.profile_update_list(user).filter(champion__country=country))
        if champion
        else [],
        "commitments": _under_way(selectors.commitment_list(user).filter(champion__country=country))
        if champion
        else [],
        "activities": _under_way(selectors.activity_list(user).filter(hosts=country)),
        "confirmations": selectors.confirmation_list(user).filter(country=country).prefetch_related(None)[:5],
        "can_apply": permissions.can_apply_for(user, country, active=active),
        "can_propose": bool(champion) and permissions.can_propose_for(user, champion, active=active),
    }


def _under_way(queryset):
    return queryset.exclude(curation="published").prefetch_related(None)[:10]


def curation_panel(*, request) -> dict:
    user = request.user

    def with_actions(queryset, workflow):
        return [(item, workflow.actions_for(item, user)) for item in queryset]

    return {
        "template": "champions/partials/curation_panel.html",
        "counts": selectors.pending_counts(),
        "profiles": with_actions(selectors.profile_update_list(user).pending(), PROFILE_WORKFLOW),
        "commitments": with_actions(selectors.commitment_list(user).pending(), COMMITMENT_WORKFLOW),
        "activities": with_actions(selectors.activity_list(user).pending(), ACTIVITY_WORKFLOW),
        "confirmations": with_actions(selectors.confirmation_list(user).pending(), CONFIRMATION_WORKFLOW),
        "requests": selectors.open_requests(user),
    }


def home_figures(*, request) -> list[dict]:
    count = len(selectors.champion_country_ids_on(timezone.localdate()))
    return [
        {
            "count": count,
            "label": ngettext("champion country", "champion countries", count),
            "url": reverse("champions:directory"),
        }
    ]
