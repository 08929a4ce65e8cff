"""Publication events: the kernel's one signal for "what the public can see has changed".

A domain app announces when a record becomes public, changes while public, or stops being public.
The signal is sent after the transaction commits (never for a rolled-back change). Listeners (the hub's index, the page cache) receive a
:class:`PublicationEvent`; they never import the domain app, and the domain app never imports them.

Workflow hooks for the usual cases are here too: ``announce_published``, ``announce_changed`` and
``announce_withdrawn`` take a :class:`~gcm_portal.core.workflow.TransitionEvent`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Model
from django.dispatch import Signal

__all__ = [
    "CHANGED",
    "PUBLISHED",
    "WITHDRAWN",
    "PublicationEvent",
    "announce",
    "announce_changed",
    "announce_published",
    "announce_withdrawn",
    "publication_changed",
]

PUBLISHED = "published"
CHANGED = "changed"
WITHDRAWN = "withdrawn"
CHANGES = (PUBLISHED, CHANGED, WITHDRAWN)

# Sent with ``event=PublicationEvent(...)`` after commit. The sender is the record's model class.
publication_changed = Signal()


@dataclass(frozen=True)
class PublicationEvent:
    change: str  # published, changed or withdrawn
    kind: str  # the model's label, e.g. "reviews.voluntaryreport"
    pk: int
    url: str  # the record's public page ("" when it has none)
    obj: Model


def _public_url(obj: Model) -> str:
    get_url = getattr(obj, "get_absolute_url", None)
    return get_url() if callable(get_url) else ""


def announce(obj: Model, change: str) -> None:
    """Tell listeners, after commit, that ``obj`` became public, changed while public or stopped being
    public. Nothing is sent for a rolled-back change. Listeners are idempotent: announcing twice is
    harmless."""
    if change not in CHANGES:
        raise ValueError(f"unknown publication change {change!r}")
    event = PublicationEvent(change=change, kind=obj._meta.label_lower, pk=obj.pk, url=_public_url(obj), obj=obj)
    transaction.on_commit(lambda: publication_changed.send(sender=type(obj), event=event))


def announce_published(event) -> None:
    announce(event.obj, PUBLISHED)


def announce_changed(event) -> None:
    announce(event.obj, CHANGED)


def announce_withdrawn(event) -> None:
    announce(event.obj, WITHDRAWN)
