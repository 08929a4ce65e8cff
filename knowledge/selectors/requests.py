"""Reads of Connection Hub requests: the requester's and staff's lists, and the public's anonymised
counts."""

from __future__ import annotations

from collections import Counter

from django.db.models import Prefetch, QuerySet

from gcm_portal.taxonomy.models import M49Region, Objective

from ..choices import RequestStatus, SupportKind
from ..models import SupportMatch, SupportMessage, SupportRequest

__all__ = ["public_counts", "request_detail", "request_list"]


def request_list(user) -> QuerySet[SupportRequest]:
    return (
        SupportRequest.objects.visible_to(user).select_related("country", "requested_by").prefetch_related("objectives")
    )


def request_detail(user) -> QuerySet[SupportRequest]:
    return request_list(user).prefetch_related(
        Prefetch("matches", queryset=SupportMatch.objects.select_related("content_type", "created_by")),
        Prefetch("messages", queryset=SupportMessage.objects.select_related("author")),
    )


def public_counts() -> dict:
    """How many requests there are per GCM objective, per region and per kind of support: counts only,
    never a request, a country or a requester. Three queries."""
    rows = list(SupportRequest.objects.values_list("pk", "country__region_id", "support_kinds", "status"))
    objective_rows = SupportRequest.objects.values_list("objectives__number", flat=True)
    by_objective = Counter(n for n in objective_rows if n is not None)
    by_region = Counter(region for _pk, region, _kinds, _status in rows if region)
    by_kind = Counter(kind for _pk, _region, kinds, _status in rows for kind in set(kinds or []))
    by_status = Counter(status for *_rest, status in rows)
    regions = M49Region.objects.filter(level="region").order_by("name")
    return {
        "total": len(rows),
        "objectives": [(o, by_objective.get(o.number, 0)) for o in Objective.objects.all()],
        "regions": [(r, by_region.get(r.pk, 0)) for r in regions],
        "kinds": [(label, by_kind.get(value, 0)) for value, label in SupportKind.choices],
        "statuses": [(label, by_status.get(value, 0)) for value, label in RequestStatus.choices],
    }
