"""Version history for any record: what it said, version by version, and what the public may read.

An app snapshots a record (a plain dict of what readers see) when it matters, typically when staff
publish it (``version_record(obj=..., snapshot=..., published=True)`` in a workflow hook). The public
reads :func:`versions_of` with ``published_only=True``; owners and curators read every version.
Fingerprints are SHA-256 over the snapshot serialised as JSON with sorted keys, no spaces and UTF-8,
so anyone can recompute them.
"""

from __future__ import annotations

import hashlib
import json

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Model, QuerySet

from .models import RecordVersion

__all__ = [
    "canonical_json",
    "fingerprint_of",
    "snapshot_changes",
    "version_record",
    "versions_of",
]


def canonical_json(snapshot: dict) -> bytes:
    return json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def fingerprint_of(snapshot: dict) -> str:
    return hashlib.sha256(canonical_json(snapshot)).hexdigest()


def _key(obj: Model) -> dict:
    return {"content_type": ContentType.objects.get_for_model(obj, for_concrete_model=False), "object_id": str(obj.pk)}


def version_record(*, obj: Model, snapshot: dict, actor=None, note: str = "", published: bool = False) -> RecordVersion:
    """Keep ``snapshot`` as ``obj``'s next version. Call inside the write's transaction."""
    key = _key(obj)
    last = RecordVersion.objects.filter(**key).aggregate(n=Max("number"))["n"] or 0
    return RecordVersion.objects.create(
        **key,
        number=last + 1,
        snapshot=snapshot,
        fingerprint=fingerprint_of(snapshot),
        published=published,
        note=note[:300],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def versions_of(obj: Model, *, published_only: bool = False) -> QuerySet[RecordVersion]:
    """Newest first."""
    versions = RecordVersion.objects.filter(**_key(obj)).select_related("created_by").order_by("-number")
    return versions.filter(published=True) if published_only else versions


def snapshot_changes(old: dict | None, new: dict) -> list[dict]:
    """Per top-level field that differs: ``{"field", "before", "after"}`` (before is None for a first version)."""
    old = old or {}
    return [
        {"field": key, "before": old.get(key), "after": new.get(key)}
        for key in sorted(set(old) | set(new))
        if old.get(key) != new.get(key)
    ]
