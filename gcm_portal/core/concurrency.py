"""No lost updates: records carry a ``version``; a write names the version it started from.

HTML forms post the version back in a hidden field; the API uses ``ETag`` / ``If-Match``. The check
and the bump are one conditional UPDATE, so of two editors who started from the same version exactly
one wins, and the other gets :class:`StaleVersion` with the record as it now is.
"""

from __future__ import annotations

from django.db.models import F, Model
from django.utils import timezone
from django.utils.translation import gettext as _

__all__ = ["StaleVersion", "etag_for", "parse_if_match", "version_claim"]


class StaleVersion(Exception):
    def __init__(self, current: Model):
        self.current = current
        super().__init__(_("Someone else saved this record after you opened it. Your changes were not saved."))


def version_claim(obj: Model, expected_version: int) -> None:
    """Claim the right to write ``obj``: bump its version if it is still ``expected_version``.

    Call inside the transaction that then writes the record; raises :class:`StaleVersion` otherwise.
    """
    model = type(obj)
    values = {"version": F("version") + 1}
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        values["updated_at"] = timezone.now()
    if model._default_manager.filter(pk=obj.pk, version=expected_version).update(**values) != 1:
        raise StaleVersion(model._default_manager.get(pk=obj.pk))
    obj.version = expected_version + 1


def etag_for(obj: Model) -> str:
    return f'"{obj.pk}-{obj.version}"'


def parse_if_match(header: str | None, obj: Model) -> int | None:
    """The version an ``If-Match`` header names for ``obj``, ``-1`` when it names another, None when absent."""
    if not header:
        return None
    for tag in header.split(","):
        tag = tag.strip().removeprefix("W/")
        if tag == "*":
            return obj.version
        pk, sep, version = tag.strip('"').partition("-")
        if sep and pk == str(obj.pk) and version.isascii() and version.isdigit():
            return int(version)
    return -1
