"""Writes on working groups (and their open call to join) and UN migration networks."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gcm_portal.accounts.choices import Role
from gcm_portal.core.audit import audit_record
from gcm_portal.core.curation import curation_perform
from gcm_portal.core.notifications import notify_role
from gcm_portal.core.workflow import transition_perform

from .. import permissions
from ..choices import JoinStatus, NetworkKind
from ..models import JoinRequest, MigrationNetwork, WorkingGroup
from ..workflow import GROUP_WORKFLOW, JOIN_WORKFLOW, NETWORK_WORKFLOW
from .common import curated_create, curated_update

__all__ = [
    "GROUP_FIELDS",
    "NETWORK_FIELDS",
    "group_create",
    "group_curate",
    "group_update",
    "join_request_create",
    "join_request_decide",
    "network_create",
    "network_curate",
    "network_update",
]

SOURCE_FIELDS = ("source_title", "source_url", "source_date", "verified")
GROUP_FIELDS = (
    "code",
    "name",
    "workplan_period",
    "description",
    "stakeholder_co_leads",
    "stakeholder_members",
    "call_open",
    "call_text",
    *SOURCE_FIELDS,
)
NETWORK_FIELDS = (
    "kind",
    "name",
    "country",
    "un_team",
    "established_on",
    "co_chairs_other",
    "migration_in_cca",
    "migration_in_cooperation_framework",
    "summary",
    *SOURCE_FIELDS,
)


@transaction.atomic
def group_create(
    *, actor, data: dict, un_co_leads=(), member_entities=(), objectives=(), publish: bool = False
) -> WorkingGroup:
    if not permissions.can_curate(actor):
        raise PermissionDenied(_("Network staff keep the working groups."))
    return curated_create(
        model=WorkingGroup,
        workflow=GROUP_WORKFLOW,
        actor=actor,
        data=data,
        m2m={
            "un_co_leads": list(un_co_leads),
            "member_entities": list(member_entities),
            "objectives": list(objectives),
        },
        fields=GROUP_FIELDS,
        publish=publish,
    )


@transaction.atomic
def group_update(
    *,
    group: WorkingGroup,
    actor,
    expected_version: int,
    data: dict,
    un_co_leads=None,
    member_entities=None,
    objectives=None,
) -> WorkingGroup:
    return curated_update(
        obj=group,
        workflow=GROUP_WORKFLOW,
        actor=actor,
        expected_version=expected_version,
        data=data,
        m2m={"un_co_leads": un_co_leads, "member_entities": member_entities, "objectives": objectives},
        fields=GROUP_FIELDS,
        may_edit=permissions.can_curate,
    )


def group_curate(*, group: WorkingGroup, action: str, actor, comment: str = ""):
    return curation_perform(workflow=GROUP_WORKFLOW, item=group, action=action, actor=actor, comment=comment)


@transaction.atomic
def join_request_create(*, group: WorkingGroup, actor, organisation: str, motivation: str) -> JoinRequest:
    """Answer a working group's open call to join; staff answer it."""
    if not permissions.can_ask_to_join(actor, group):
        raise PermissionDenied(_("This working group has no open call to join."))
    if JoinRequest.objects.filter(group=group, user=actor, status=JoinStatus.RECEIVED).exists():
        raise ValidationError(_("Your request to join is already waiting for an answer."))
    if group.members.filter(pk=actor.pk).exists():
        raise ValidationError(_("You are already a member of this working group."))
    join = JoinRequest(group=group, user=actor, organisation=organisation.strip(), motivation=motivation.strip())
    join.full_clean()
    join.save()
    audit_record(actor=actor, action="create", target=join, to_state=join.status)
    notify_role(
        Role.NETWORK_STAFF,
        event="curation_requested",
        context={"title": str(group), "kind": str(_("request to join")), "by": str(actor)},
        target=join,
        actor=actor,
    )
    return join


def join_request_decide(*, join: JoinRequest, action: str, actor, comment: str = "") -> JoinRequest:
    """Staff accept (the member joins the group) or decline, with a message."""
    return transition_perform(workflow=JOIN_WORKFLOW, obj=join, action=action, actor=actor, comment=comment)


def _check_network(data: dict, current: MigrationNetwork | None = None) -> None:
    kind = data.get("kind", getattr(current, "kind", None))
    country = data.get("country", getattr(current, "country", None))
    if kind == NetworkKind.COUNTRY and country is None:
        raise ValidationError({"country": _("A country network names its country.")})
    if kind == NetworkKind.COUNTRY:
        others = MigrationNetwork.objects.filter(kind=NetworkKind.COUNTRY, country=country)
        if current is not None:
            others = others.exclude(pk=current.pk)
        if others.exists():
            raise ValidationError({"country": _("%(country)s already has a network.") % {"country": country}})


@transaction.atomic
def network_create(*, actor, data: dict, co_chairs=(), member_entities=(), publish: bool = False) -> MigrationNetwork:
    if not permissions.can_curate(actor):
        raise PermissionDenied(_("Network staff keep the list of UN migration networks."))
    _check_network(data)
    return curated_create(
        model=MigrationNetwork,
        workflow=NETWORK_WORKFLOW,
        actor=actor,
        data=data,
        m2m={"co_chairs": list(co_chairs), "member_entities": list(member_entities)},
        fields=NETWORK_FIELDS,
        publish=publish,
    )


@transaction.atomic
def network_update(
    *, network: MigrationNetwork, actor, expected_version: int, data: dict, co_chairs=None, member_entities=None
) -> MigrationNetwork:
    if not permissions.can_curate(actor):
        raise PermissionDenied(_("You may not edit this."))
    _check_network(data, network)
    return curated_update(
        obj=network,
        workflow=NETWORK_WORKFLOW,
        actor=actor,
        expected_version=expected_version,
        data=data,
        m2m={"co_chairs": co_chairs, "member_entities": member_entities},
        fields=NETWORK_FIELDS,
        may_edit=permissions.can_curate,
    )


def network_curate(*, network: MigrationNetwork, action: str, actor, comment: str = ""):
    return curation_perform(workflow=NETWORK_WORKFLOW, item=network, action=action, actor=actor, comment=comment)
