"""What the hub's services share: creating and editing curated records staff keep."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from gcm_portal.core.audit import audit_changes, audit_record
from gcm_portal.core.concurrency import version_claim
from gcm_portal.core.curation import CurationState, curation_perform, curation_submitted
from gcm_portal.core.publication import CHANGED, announce
from gcm_portal.core.workflow import Workflow

from .. import permissions


def _values(obj, names) -> dict:
    values = {}
    for name in names:
        value = getattr(obj, name)
        values[name] = str(value) if hasattr(value, "_meta") else value
    return values


def _m2m_values(obj, m2m: dict) -> dict:
    return {name: sorted(str(v) for v in getattr(obj, name).all()) for name in m2m}


def check_fields(data: dict, allowed) -> None:
    forbidden = set(data) - set(allowed)
    if forbidden:
        raise ValidationError(
            _("These fields cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(forbidden))}
        )


def curated_create(*, model, workflow: Workflow, actor, data: dict, m2m: dict, fields, publish: bool = False):
    """Create a curated record (waiting for curation); staff may publish it at once, which announces it."""
    check_fields(data, fields)
    if publish and not permissions.can_curate(actor):
        raise PermissionDenied(_("Only Network staff publish."))
    obj = model(**data, created_by=actor)
    obj.full_clean()
    obj.save()
    for name, values in m2m.items():
        if values is not None:
            getattr(obj, name).set(values)
    if publish:
        audit_record(actor=actor, action="create", target=obj, to_state=obj.curation)
        obj = curation_perform(workflow=workflow, item=obj, action="publish", actor=actor)
    else:
        curation_submitted(item=obj, actor=actor)
    return obj


def curated_update(*, obj, workflow: Workflow, actor, expected_version: int, data: dict, m2m: dict, fields, may_edit):
    """Edit a curated record from ``expected_version``. Staff edits keep a published record public and
    announce the change; anyone else's edit of a published record sends it back to curation."""
    if not may_edit(actor, obj):
        raise PermissionDenied(_("You may not edit this."))
    check_fields(data, fields)
    m2m = {name: values for name, values in m2m.items() if values is not None}
    version_claim(obj, expected_version)
    before = {**_values(obj, data), **_m2m_values(obj, m2m)}
    for name, value in data.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    for name, values in m2m.items():
        getattr(obj, name).set(values)
    after = {**_values(obj, data), **_m2m_values(obj, m2m)}
    changes = audit_changes(before, after)
    audit_record(actor=actor, action="edit", target=obj, changes=changes)
    if obj.curation == CurationState.PUBLISHED and changes:
        if permissions.can_curate(actor):
            announce(obj, CHANGED)
        else:
            from gcm_portal.core.workflow import transition_perform

            obj = transition_perform(workflow=workflow, obj=obj, action="revise", actor=actor)
    return obj
