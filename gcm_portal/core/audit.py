"""The audit log's one entry point.

``changes`` has one shape everywhere: ``{field: {"before": value, "after": value}}``, values as JSON
(text longer than ``MAX_VALUE_CHARS`` is cut, with "…"). :func:`audit_changes` builds it from two
dicts of a record's values; a document added or removed is ``{"documents": {"before": None, "after":
"name.pdf"}}`` and the reverse.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet

from .models import AuditEntry
from .security import current_context

__all__ = ["audit_changes", "audit_list_for", "audit_record"]

MAX_VALUE_CHARS = 1000


def _plain(value):
    """A JSON value for the log: models by their name, dates as ISO text, long text cut."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    text = str(value)
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


def audit_changes(before: dict, after: dict) -> dict:
    """``{field: {"before": ..., "after": ...}}`` for each field whose value differs."""
    return {
        key: {"before": _plain(before.get(key)), "after": _plain(after.get(key))}
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def _check_shape(changes: dict) -> dict:
    if not isinstance(changes, dict):
        raise ValueError(f"audit changes must be a mapping of field to {{'before', 'after'}}, not {changes!r}")
    for field, change in changes.items():
        if not isinstance(change, dict) or set(change) != {"before", "after"}:
            raise ValueError(f"audit changes for {field!r} must be {{'before': ..., 'after': ...}}, not {change!r}")
    return {field: {"before": _plain(c["before"]), "after": _plain(c["after"])} for field, c in changes.items()}


def audit_record(
    *,
    actor,
    action: str,
    target: Model,
    from_state: str = "",
    to_state: str = "",
    comment: str = "",
    changes: dict | None = None,
) -> AuditEntry:
    context = current_context()
    return AuditEntry.objects.create(
        client_address=context.client_address or None,
        request_id=context.request_id,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        object_id=str(target.pk),
        object_repr=str(target)[:300],
        from_state=from_state,
        to_state=to_state,
        comment=comment,
        changes=_check_shape(changes or {}),
    )


def audit_list_for(target: Model) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(target, for_concrete_model=False), object_id=str(target.pk)
    ).select_related("actor")
