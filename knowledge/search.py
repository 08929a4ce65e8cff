"""How the hub's own published content enters the unified index (declared in ``apps.py`` like every
other app's): practices, resources, events and discussion spaces."""

from __future__ import annotations

from datetime import datetime, time

from django.utils import timezone

from gcm_portal.core.search import SearchDocument

from .models import DiscussionSpace, Event, Practice, Resource

__all__ = [
    "event_document",
    "practice_document",
    "public_events",
    "public_practices",
    "public_resources",
    "public_spaces",
    "resource_document",
    "space_document",
]


def _at(day) -> datetime | None:
    return timezone.make_aware(datetime.combine(day, time(12))) if day else None


def public_practices():
    return Practice.objects.published().prefetch_related("countries", "objectives", "principles")


def practice_document(practice: Practice) -> SearchDocument:
    return SearchDocument(
        title=practice.title,
        url=practice.get_absolute_url(),
        summary=practice.description[:2000],
        body="\n".join(
            [
                practice.description,
                practice.results,
                practice.lessons,
                practice.replicability,
                practice.implementing_partners,
                practice.organisation,
            ]
        ),
        language=practice.language,
        countries=[c.iso2 for c in practice.countries.all()],
        objectives=[o.number for o in practice.objectives.all()],
        principles=[p.letter for p in practice.principles.all()],
        year=practice.implementation_start,
        published_at=practice.published_at,
    )


def public_resources():
    return Resource.objects.published().prefetch_related("countries", "objectives", "principles")


def resource_document(resource: Resource) -> SearchDocument:
    return SearchDocument(
        title=resource.title,
        url=resource.get_absolute_url(),
        summary=resource.summary[:2000],
        body="\n".join([resource.summary, resource.publisher]),
        language=(resource.languages or ["en"])[0],
        countries=[c.iso2 for c in resource.countries.all()],
        objectives=[o.number for o in resource.objectives.all()],
        principles=[p.letter for p in resource.principles.all()],
        published_at=_at(resource.publication_date) or resource.created_at,
    )


def public_events():
    return Event.objects.published().prefetch_related("objectives")


def event_document(event: Event) -> SearchDocument:
    return SearchDocument(
        title=event.title,
        url=event.get_absolute_url(),
        summary=event.description[:2000],
        body="\n".join([event.description, event.summary, event.organiser, event.location]),
        objectives=[o.number for o in event.objectives.all()],
        published_at=event.starts_at,
    )


def public_spaces():
    return DiscussionSpace.objects.published().prefetch_related("objectives")


def space_document(space: DiscussionSpace) -> SearchDocument:
    return SearchDocument(
        title=space.title,
        url=space.get_absolute_url(),
        summary=space.description[:2000],
        body="\n".join([space.description, space.audience]),
        language=(space.languages or ["en"])[0],
        objectives=[o.number for o in space.objectives.all()],
        published_at=_at(space.opens_on),
    )
