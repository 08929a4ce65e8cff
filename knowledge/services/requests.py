"""Writes on Connection Hub requests: a focal point's request, staff matches and messages."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from champions.models import Champion
from gcm_portal.accounts.choices import Role
from gcm_portal.core.audit import audit_changes, audit_record
from gcm_portal.core.concurrency import version_claim
from gcm_portal.core.notifications import choice_label, notify, notify_role
from gcm_portal.core.workflow import transition_perform
from gcm_portal.taxonomy.models import Country, UnEntity
from mptf.choices import PUBLIC_NOTE_STATES
from mptf.models import ConceptNote

from .. import permissions
from ..choices import ExpertStatus, MatchKind, PracticeStatus, SupportKind
from ..models import Expert, Practice, SupportMatch, SupportMessage, SupportRequest
from ..workflow import REQUEST_WORKFLOW

__all__ = [
    "REQUEST_FIELDS",
    "support_match_add",
    "support_message_add",
    "support_request_create",
    "support_request_transition",
    "support_request_update",
]

REQUEST_FIELDS = ("title", "description", "support_kinds", "urgency")
# What each kind of match may point to in this app and the kernel.
MATCH_MODELS = {
    MatchKind.EXPERT: Expert,
    MatchKind.UN_ENTITY: UnEntity,
    MatchKind.PRACTICE: Practice,
    MatchKind.PEER_STATE: Country,
    MatchKind.CHAMPION: Champion,
    MatchKind.CONCEPT_NOTE: ConceptNote,
}


def _check_request(data: dict, objectives) -> None:
    errors = {}
    if objectives is not None and not objectives:
        errors["objectives"] = _("Choose the GCM objectives the request is about.")
    if "support_kinds" in data:
        kinds = list(dict.fromkeys(data["support_kinds"] or []))
        if not kinds or not set(kinds) <= set(SupportKind.values):
            errors["support_kinds"] = _("Choose the kind of support you need.")
        data["support_kinds"] = kinds
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def support_request_create(*, actor, country, data: dict, objectives) -> SupportRequest:
    """A focal point asks for support for a country they represent; staff are told."""
    if not permissions.can_request_support_for(actor, country):
        raise PermissionDenied(_("Focal points ask for support for the countries they represent."))
    data = dict(data)
    unknown = set(data) - set(REQUEST_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    objectives = list(objectives)
    _check_request(data, objectives)
    if "support_kinds" not in data:
        raise ValidationError({"support_kinds": _("Choose the kind of support you need.")})
    request = SupportRequest(country=country, requested_by=actor, **data)
    request.full_clean()
    request.save()
    request.objectives.set(objectives)
    audit_record(actor=actor, action="create", target=request, to_state=request.status)
    notify_role(
        Role.NETWORK_STAFF,
        event="hub_request_received",
        context={"title": request.title, "country": country.name},
        target=request,
        actor=actor,
    )
    return request


@transaction.atomic
def support_request_update(
    *, request: SupportRequest, actor, expected_version: int, data: dict, objectives=None
) -> SupportRequest:
    """The requester edits while the request has just been received; staff until it is closed."""
    if not permissions.can_edit_request(actor, request):
        raise PermissionDenied(_("This request cannot be edited in its current state."))
    data = dict(data)
    unknown = set(data) - set(REQUEST_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    _check_request(data, list(objectives) if objectives is not None else None)
    version_claim(request, expected_version)
    before = {name: getattr(request, name) for name in data}
    if objectives is not None:
        before["objectives"] = sorted(o.number for o in request.objectives.all())
    for name, value in data.items():
        setattr(request, name, value)
    request.full_clean()
    request.save()
    after = {name: getattr(request, name) for name in data}
    if objectives is not None:
        request.objectives.set(objectives)
        after["objectives"] = sorted(o.number for o in objectives)
    audit_record(actor=actor, action="edit", target=request, changes=audit_changes(before, after))
    return request


def support_request_transition(
    *, request: SupportRequest, action: str, actor, comment: str = "", expected_version=None
) -> SupportRequest:
    """received → in discussion → matched → in progress → closed; the requester hears of every move."""
    return transition_perform(
        workflow=REQUEST_WORKFLOW,
        obj=request,
        action=action,
        actor=actor,
        comment=comment,
        expected_version=expected_version,
    )


def _target_label(kind: str, target) -> str:
    if kind == MatchKind.EXPERT:
        return f"{target} ({target.organisation})"
    if kind == MatchKind.UN_ENTITY:
        return f"{target.code}: {target.name}"
    if kind == MatchKind.CHAMPION:
        return str(target.country)
    if kind == MatchKind.CONCEPT_NOTE:
        return target.title
    return str(target)


def _target_url(kind: str, target) -> str:
    if kind == MatchKind.UN_ENTITY:
        from django.urls import reverse

        return reverse("taxonomy:entity-list") + f"#{target.code}"
    return target.get_absolute_url()


@transaction.atomic
def support_match_add(
    *, request: SupportRequest, actor, kind: str, target=None, label: str = "", url: str = "", note: str = ""
) -> SupportMatch:
    """Staff match a request to an expert on the roster, a UN entity, a published practice, a peer State, a
    current champion country or a concept note in the trust fund's pipeline (or selected)."""
    if not permissions.is_staff(actor):
        raise PermissionDenied(_("Network staff match requests."))
    if not permissions.can_write_to_request(actor, request):
        raise ValidationError(_("A closed request takes no new match."))
    if kind not in MatchKind.values:
        raise ValidationError({"kind": _("Unknown kind of match.")})
    label = (label or "").strip()
    match = SupportMatch(request=request, kind=kind, note=(note or "").strip(), created_by=actor)
    model = MATCH_MODELS[kind]
    if not isinstance(target, model):
        raise ValidationError({"target": _("Choose what the request is matched to.")})
    if kind == MatchKind.EXPERT and target.status != ExpertStatus.APPROVED:
        raise ValidationError({"target": _("Only experts on the roster can be matched.")})
    if kind == MatchKind.PRACTICE and target.status != PracticeStatus.PUBLISHED:
        raise ValidationError({"target": _("Only published practices can be matched.")})
    if (
        kind == MatchKind.CHAMPION
        and not Champion.objects.active_on(timezone.localdate()).filter(pk=target.pk).exists()
    ):
        raise ValidationError({"target": _("Only a current champion country can be matched.")})
    if kind == MatchKind.CONCEPT_NOTE and target.status not in PUBLIC_NOTE_STATES:
        raise ValidationError({"target": _("Only a concept note in the pipeline, or selected, can be matched.")})
    match.content_type = ContentType.objects.get_for_model(model)
    match.object_id = target.pk
    match.label = label or _target_label(kind, target)
    match.url = _target_url(kind, target)
    match.full_clean()
    match.save()
    audit_record(
        actor=actor,
        action="match",
        target=request,
        changes={"matches": {"before": None, "after": f"{match.get_kind_display()}: {match.label}"}},
    )
    if request.requested_by is not None:
        notify(
            event="hub_request_update",
            recipients=[request.requested_by],
            context={
                "title": request.title,
                "status": choice_label(request, "status"),
                "message": _("Matched to %(kind)s: %(label)s")
                % {"kind": match.get_kind_display(), "label": match.label},
            },
            target=request,
            actor=actor,
        )
    return match


@transaction.atomic
def support_message_add(*, request: SupportRequest, actor, body: str) -> SupportMessage:
    """The requester and staff write to each other on an open request; the other side is told."""
    if not permissions.can_write_to_request(actor, request):
        raise PermissionDenied(_("This request takes no more messages."))
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write a message first.")})
    message = SupportMessage.objects.create(request=request, author=actor, body=body)
    context = {"title": request.title, "status": choice_label(request, "status"), "message": body}
    if permissions.is_requester(actor, request):
        notify_role(Role.NETWORK_STAFF, event="hub_request_update", context=context, target=request, actor=actor)
    elif request.requested_by is not None:
        notify(
            event="hub_request_update", recipients=[request.requested_by], context=context, target=request, actor=actor
        )
    return message
