"""Helpers the app's services share."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .. import permissions


def require_money_role(actor) -> None:
    if not permissions.may_record_money(actor):
        raise PermissionDenied(_("Only fund managers and Network staff record money."))


def require_programme_role(actor) -> None:
    if not permissions.may_manage_programmes(actor):
        raise PermissionDenied(_("Only fund managers manage joint programmes."))


def plain(value):
    """A value as the audit log keeps it (models by their name, lists of names)."""
    if hasattr(value, "all"):
        return sorted(str(v) for v in value.all())
    if isinstance(value, list | tuple | set):
        return sorted(str(v) for v in value)
    return value
