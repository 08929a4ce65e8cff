"""Figures of the hub as a whole."""

from __future__ import annotations

from gcm_portal.core.curation import CurationState

from ..choices import NetworkKind
from ..models import Event, MigrationNetwork, Practice, Resource

__all__ = ["hub_figures"]


def hub_figures() -> dict[str, int]:
    """The published counts the hub's front page and the home page show (four queries)."""
    return {
        "practices": Practice.objects.published().count(),
        "resources": Resource.objects.filter(curation=CurationState.PUBLISHED).count(),
        "events": Event.objects.filter(curation=CurationState.PUBLISHED).count(),
        "networks": MigrationNetwork.objects.filter(curation=CurationState.PUBLISHED, kind=NetworkKind.COUNTRY).count(),
    }
