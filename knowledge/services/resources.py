"""Writes on resources and events."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gcm_portal.core.curation import CurationState, curation_perform

from .. import permissions
from ..models import Event, Resource
from ..models.experts import UN_LANGUAGE_CHOICES
from ..workflow import EVENT_WORKFLOW, RESOURCE_WORKFLOW
from .common import curated_create, curated_update

__all__ = [
    "EVENT_FIELDS",
    "RESOURCE_FIELDS",
    "event_create",
    "event_curate",
    "event_update",
    "resource_create",
    "resource_curate",
    "resource_update",
]

RESOURCE_FIELDS = (
    "title",
    "summary",
    "resource_type",
    "publisher",
    "publication_date",
    "languages",
    "audience",
    "geographic_scope",
    "working_group",
    "url",
)
EVENT_FIELDS = (
    "title",
    "kind",
    "starts_at",
    "ends_at",
    "timezone",
    "format",
    "location",
    "organiser",
    "interpretation_languages",
    "audience",
    "description",
    "registration_url",
    "recording_url",
    "summary",
)
LANGUAGE_CODES = {code for code, _label in UN_LANGUAGE_CHOICES} | {"other"}


def _check_languages(data: dict, name: str) -> None:
    if name in data:
        codes = list(dict.fromkeys(data[name] or []))
        if not set(codes) <= LANGUAGE_CODES:
            raise ValidationError({name: _("Unknown language code.")})
        data[name] = codes


def _resource_editor(user, resource) -> bool:
    if permissions.can_curate(user):
        return True
    return resource.is_owned_by(user) and resource.curation in (CurationState.PENDING, CurationState.RETURNED)


@transaction.atomic
def resource_create(*, actor, data: dict, objectives=(), principles=(), countries=(), publish: bool = False):
    """Staff add a resource (and may publish it at once); a member's suggestion waits for curation."""
    if not permissions.can_suggest_resource(actor):
        raise PermissionDenied(_("Sign in to suggest a resource."))
    data = dict(data)
    _check_languages(data, "languages")
    return curated_create(
        model=Resource,
        workflow=RESOURCE_WORKFLOW,
        actor=actor,
        data=data,
        m2m={"objectives": list(objectives), "principles": list(principles), "countries": list(countries)},
        fields=RESOURCE_FIELDS,
        publish=publish,
    )


@transaction.atomic
def resource_update(
    *, resource: Resource, actor, expected_version: int, data: dict, objectives=None, principles=None, countries=None
):
    """Staff edit any resource; the member who suggested it while it waits or was returned."""
    data = dict(data)
    _check_languages(data, "languages")
    return curated_update(
        obj=resource,
        workflow=RESOURCE_WORKFLOW,
        actor=actor,
        expected_version=expected_version,
        data=data,
        m2m={"objectives": objectives, "principles": principles, "countries": countries},
        fields=RESOURCE_FIELDS,
        may_edit=_resource_editor,
    )


def resource_curate(*, resource: Resource, action: str, actor, comment: str = ""):
    return curation_perform(workflow=RESOURCE_WORKFLOW, item=resource, action=action, actor=actor, comment=comment)


@transaction.atomic
def event_create(*, actor, data: dict, objectives=(), resources=(), practices=(), publish: bool = False) -> Event:
    """Staff announce an event (GCM Talk, webinar, listening session...)."""
    if not permissions.can_curate(actor):
        raise PermissionDenied(_("Network staff announce events."))
    data = dict(data)
    _check_languages(data, "interpretation_languages")
    return curated_create(
        model=Event,
        workflow=EVENT_WORKFLOW,
        actor=actor,
        data=data,
        m2m={"objectives": list(objectives), "resources": list(resources), "practices": list(practices)},
        fields=EVENT_FIELDS,
        publish=publish,
    )


@transaction.atomic
def event_update(
    *, event: Event, actor, expected_version: int, data: dict, objectives=None, resources=None, practices=None
) -> Event:
    """Staff edit an event, e.g. to add the recording and the summary once it took place."""
    data = dict(data)
    _check_languages(data, "interpretation_languages")
    return curated_update(
        obj=event,
        workflow=EVENT_WORKFLOW,
        actor=actor,
        expected_version=expected_version,
        data=data,
        m2m={"objectives": objectives, "resources": resources, "practices": practices},
        fields=EVENT_FIELDS,
        may_edit=permissions.can_curate,
    )


def event_curate(*, event: Event, action: str, actor, comment: str = ""):
    return curation_perform(workflow=EVENT_WORKFLOW, item=event, action=action, actor=actor, comment=comment)
