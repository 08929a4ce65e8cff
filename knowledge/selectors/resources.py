"""Reads of resources and events."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from gcm_portal.core.calendar import CalendarEvent
from gcm_portal.core.curation import CurationState

from ..models import Event, Practice, Resource

__all__ = [
    "calendar_events",
    "event_detail",
    "event_list",
    "resource_detail",
    "resource_list",
]


def resource_list(user) -> QuerySet[Resource]:
    return Resource.objects.visible_to(user).select_related("working_group").prefetch_related("objectives", "files")


def resource_detail(user) -> QuerySet[Resource]:
    return resource_list(user).prefetch_related(
        "countries",
        "principles",
        Prefetch("events", queryset=Event.objects.filter(curation=CurationState.PUBLISHED)),
    )


def event_list(user) -> QuerySet[Event]:
    return Event.objects.visible_to(user).prefetch_related("objectives")


def event_detail(user) -> QuerySet[Event]:
    return event_list(user).prefetch_related(
        Prefetch("resources", queryset=Resource.objects.filter(curation=CurationState.PUBLISHED)),
        Prefetch("practices", queryset=Practice.objects.published()),
    )


def calendar_events(now, *, absolute) -> list[CalendarEvent]:
    """Published events from a month ago onwards, for calendar applications."""
    from datetime import timedelta

    events = Event.objects.published().filter(starts_at__gte=now - timedelta(days=31)).order_by("starts_at")
    return [
        CalendarEvent(
            uid=f"hub-event-{e.pk}",
            title=e.title,
            start=e.starts_at,
            end=e.ends_at,
            description=e.description or e.summary,
            location=e.location,
            url=absolute(e.get_absolute_url()),
        )
        for e in events
    ]
