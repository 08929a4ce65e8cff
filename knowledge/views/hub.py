"""The hub's front page and its theme pages."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.views import View

from .. import permissions, selectors
from ..models import Theme


class HubIndexView(View):
    """Every section of the hub with what is new in it."""

    def get(self, request):
        user, now = request.user, timezone.now()
        context = {
            "practices": selectors.practice_list(user).published()[:4],
            "resources": selectors.resource_list(user).published()[:4],
            "events": selectors.event_list(user).published().upcoming(now)[:3],
            "calls": selectors.open_calls(user, timezone.localdate())[:3],
            "spaces": selectors.space_list(user).published()[:3],
            "groups": selectors.group_list(user).published()[:6],
            "themes": Theme.objects.all(),
            "figures": selectors.hub_figures(),
            "is_staff": permissions.is_staff(user),
        }
        return render(request, "knowledge/index.html", context)
