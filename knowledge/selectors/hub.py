"""Figures of the hub as a whole."""

from __future__ import annotations

from django.db.models import Count, IntegerField, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from gcm_portal.core.curation import CurationState
from gcm_portal.taxonomy.models import Objective

from ..choices import NetworkKind, PracticeStatus
from ..models import Event, MigrationNetwork, Practice, Resource

__all__ = ["hub_figures"]


def _count(queryset: QuerySet) -> Coalesce:
    """``queryset``'s size as a scalar subquery (0 when empty)."""
    counted = queryset.order_by().annotate(_all=Value(1)).values("_all").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def hub_figures() -> dict[str, int]:
    """The published counts the hub's front page and the home page show, in one query (read beside the
    first objective, which the reference data always holds)."""
    published = Q(curation=CurationState.PUBLISHED)
    row = (
        Objective.objects.order_by("number")
        .annotate(
            practices=_count(Practice.objects.filter(status=PracticeStatus.PUBLISHED)),
            resources=_count(Resource.objects.filter(published)),
            events=_count(Event.objects.filter(published)),
            networks=_count(MigrationNetwork.objects.filter(published, kind=NetworkKind.COUNTRY)),
        )
        .values("practices", "resources", "events", "networks")
        .first()
    )
    return row or {"practices": 0, "resources": 0, "events": 0, "networks": 0}
