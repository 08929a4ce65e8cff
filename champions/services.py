"""Writes of the champions app. Each owns its transaction, checks who may (``permissions``), validates
with ``full_clean()``, writes an audit row and leaves notifications and publication events to run
after commit. Curation moves go through the kernel engine with this app's tables (``workflow.py``)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gcm_portal import permissions as roles
from gcm_portal.accounts.choices import Role
from gcm_portal.core.audit import audit_changes, audit_record
from gcm_portal.core.concurrency import version_claim
from gcm_portal.core.curation import CurationState, curation_submitted
from gcm_portal.core.notifications import notify_role
from gcm_portal.core.publication import CHANGED, announce
from gcm_portal.core.workflow import transition_perform

from . import permissions, records, selectors
from .choices import CommitmentStatus
from .models import (
    Activity,
    Champion,
    Commitment,
    CommitmentEvidence,
    CommitmentUpdate,
    Confirmation,
    Consultation,
    ConsultationResponse,
    Membership,
    MembershipFact,
    PeerLearningRequest,
    PeerPairing,
    ProfileUpdate,
)
from .workflow import ACTIVITY_WORKFLOW, COMMITMENT_WORKFLOW, REQUEST_WORKFLOW

__all__ = [
    "activity_create",
    "activity_update",
    "commitment_create",
    "commitment_progress_add",
    "commitment_update",
    "confirmation_create",
    "consultation_answer",
    "membership_fact_create",
    "membership_fact_delete",
    "membership_fact_update",
    "pairing_create",
    "profile_update_create",
    "profile_update_edit",
    "request_create",
    "request_route",
]


def _staff_only(actor) -> None:
    if not roles.is_network_staff(actor):
        raise PermissionDenied(_("Only Network staff do this."))


# ---------------------------------------------------------------------------
# Membership facts (staff correct the reference data)
# ---------------------------------------------------------------------------

FACT_FIELDS = ("kind", "date", "source_title", "source_url", "source_date", "note", "verified")


@transaction.atomic
def membership_fact_create(*, actor, membership: Membership, kind: str, date: date, **values) -> MembershipFact:
    _staff_only(actor)
    unknown = set(values) - set(FACT_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    fact = MembershipFact(membership=membership, kind=kind, date=date, **values)
    fact.full_clean()
    fact.save()
    records.membership_refresh(membership)
    audit_record(
        actor=actor, action="fact_add", target=membership, changes={"facts": {"before": None, "after": str(fact)}}
    )
    announce(membership.champion, CHANGED)
    return fact


@transaction.atomic
def membership_fact_update(*, fact: MembershipFact, actor, expected_version: int, **values) -> MembershipFact:
    _staff_only(actor)
    version_claim(fact, expected_version)
    before = {name: getattr(fact, name) for name in values}
    for name, value in values.items():
        if name not in FACT_FIELDS:
            raise ValidationError({name: _("This field cannot be changed here.")})
        setattr(fact, name, value)
    fact.full_clean()
    fact.save()
    records.membership_refresh(fact.membership)
    audit_record(actor=actor, action="fact_edit", target=fact, changes=audit_changes(before, values))
    announce(fact.membership.champion, CHANGED)
    return fact


@transaction.atomic
def membership_fact_delete(*, fact: MembershipFact, actor) -> None:
    _staff_only(actor)
    membership = fact.membership
    audit_record(
        actor=actor, action="fact_remove", target=membership, changes={"facts": {"before": str(fact), "after": None}}
    )
    fact.delete()
    records.membership_refresh(membership)
    announce(membership.champion, CHANGED)


# ---------------------------------------------------------------------------
# Profile and plan updates
# ---------------------------------------------------------------------------

PROFILE_FIELDS = (
    "summary",
    "coordination_body",
    "lead_ministry",
    "plan_status",
    "plan_title",
    "plan_adopted_on",
    "change_note",
)


def _focus_notes(notes: dict | None) -> dict:
    return {str(k): (v or "").strip() for k, v in (notes or {}).items()}


@transaction.atomic
def profile_update_create(
    *, actor, champion: Champion, data: dict, priority_objectives=(), plan_objectives=(), focus_notes=None
) -> ProfileUpdate:
    if not permissions.can_propose_for(actor, champion):
        raise PermissionDenied(_("Only the champion's focal points and Network staff propose profile updates."))
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    update = ProfileUpdate(champion=champion, created_by=actor, focus_notes=_focus_notes(focus_notes), **data)
    update.full_clean()
    update.save()
    update.priority_objectives.set(priority_objectives)
    update.plan_objectives.set(plan_objectives)
    curation_submitted(item=update, actor=actor)
    return update


@transaction.atomic
def profile_update_edit(
    *,
    update: ProfileUpdate,
    actor,
    expected_version: int,
    data: dict,
    priority_objectives=None,
    plan_objectives=None,
    focus_notes=None,
) -> ProfileUpdate:
    """Change a proposal while it waits or was returned (an approved one is history: propose anew)."""
    if not permissions.can_edit_curated(actor, update):
        raise PermissionDenied(_("You may not edit this proposal."))
    if update.curation not in (CurationState.PENDING, CurationState.RETURNED):
        raise ValidationError(_("This proposal was decided; propose a new update instead."))
    version_claim(update, expected_version)
    for name, value in data.items():
        if name not in PROFILE_FIELDS:
            raise ValidationError({name: _("This field cannot be changed here.")})
        setattr(update, name, value)
    if focus_notes is not None:
        update.focus_notes = _focus_notes(focus_notes)
    update.full_clean()
    update.save()
    if priority_objectives is not None:
        update.priority_objectives.set(priority_objectives)
    if plan_objectives is not None:
        update.plan_objectives.set(plan_objectives)
    audit_record(
        actor=actor, action="edit", target=update, changes=audit_changes({}, {k: str(v) for k, v in data.items()})
    )
    return update


# ---------------------------------------------------------------------------
# Commitments
# ---------------------------------------------------------------------------


def _check_links(evidence) -> list[dict]:
    rows = []
    check = URLValidator(schemes=["http", "https"])
    for item in evidence or ():
        title, url = (item.get("title") or "").strip(), (item.get("url") or "").strip()
        if not title or not url:
            raise ValidationError({"evidence": _("Each evidence link needs a title and an address.")})
        if not url.startswith("/") or url.startswith("//"):
            try:
                check(url)
            except ValidationError:
                raise ValidationError(
                    {"evidence": _("“%(url)s” is neither a page of this portal (/…) nor a web address.") % {"url": url}}
                ) from None
        rows.append({"title": title[:300], "url": url[:500]})
    return rows


@transaction.atomic
def commitment_create(
    *,
    actor,
    champion: Champion,
    title: str,
    description: str = "",
    status: str = CommitmentStatus.PLANNED,
    objectives=(),
    focus_areas=(),
    evidence=(),
) -> Commitment:
    if not permissions.can_propose_for(actor, champion):
        raise PermissionDenied(_("Only the champion's focal points and Network staff record its commitments."))
    links = _check_links(evidence)
    commitment = Commitment(
        champion=champion, title=title.strip(), description=description, status=status, created_by=actor
    )
    commitment.full_clean()
    commitment.save()
    commitment.objectives.set(objectives)
    commitment.focus_areas.set(focus_areas)
    CommitmentEvidence.objects.bulk_create(CommitmentEvidence(commitment=commitment, **row) for row in links)
    curation_submitted(item=commitment, actor=actor)
    return commitment


def _after_owner_edit(item, actor, workflow, changed: bool):
    """An owner's change to what a published item says sends it back to curation (the kernel's internal
    ``revise``); a curator's edit keeps it public and announces the change."""
    if item.curation != CurationState.PUBLISHED or not changed:
        return item
    if roles.is_network_staff(actor):
        announce(item, CHANGED)
        return item
    return transition_perform(workflow=workflow, obj=item, action="revise", actor=actor)


@transaction.atomic
def commitment_update(*, commitment: Commitment, actor, expected_version: int, **values) -> Commitment:
    if not permissions.can_edit_curated(actor, commitment):
        raise PermissionDenied(_("You may not edit this commitment."))
    version_claim(commitment, expected_version)
    before = records.commitment_snapshot(commitment)
    if "evidence" in values:
        links = _check_links(values.pop("evidence"))
        commitment.evidence.all().delete()
        CommitmentEvidence.objects.bulk_create(CommitmentEvidence(commitment=commitment, **row) for row in links)
    for name in ("objectives", "focus_areas"):
        if name in values:
            getattr(commitment, name).set(values.pop(name))
    for name, value in values.items():
        if name not in ("title", "description", "status"):
            raise ValidationError({name: _("This field cannot be changed here.")})
        setattr(commitment, name, value)
    commitment.full_clean()
    commitment.save()
    changes = audit_changes(before, records.commitment_snapshot(commitment))
    audit_record(actor=actor, action="edit", target=commitment, changes=changes)
    return _after_owner_edit(commitment, actor, COMMITMENT_WORKFLOW, bool(changes))


@transaction.atomic
def commitment_progress_add(*, commitment: Commitment, actor, date: date, text: str, status: str) -> CommitmentUpdate:
    """A dated progress update, which also sets the commitment's status. On a published commitment an
    owner's update goes to curation again before the public reads it."""
    if not permissions.can_edit_curated(actor, commitment):
        raise PermissionDenied(_("You may not update this commitment."))
    if date > timezone.localdate():
        raise ValidationError(
            {"date": _("A progress update reports what happened: give today's date or an earlier one.")}
        )
    update = CommitmentUpdate(commitment=commitment, date=date, text=text.strip(), status=status, created_by=actor)
    update.full_clean()
    update.save()
    Commitment.objects.filter(pk=commitment.pk).update(status=status)
    commitment.refresh_from_db()
    audit_record(
        actor=actor,
        action="progress",
        target=commitment,
        comment=update.text,
        changes={"status": {"before": None, "after": status}},
    )
    _after_owner_edit(commitment, actor, COMMITMENT_WORKFLOW, True)
    return update


# ---------------------------------------------------------------------------
# Activities
# ---------------------------------------------------------------------------


def _check_hosts(actor, hosts) -> None:
    if not hosts:
        raise ValidationError({"hosts": _("Name at least one host country.")})
    if not roles.is_network_staff(actor):
        own = permissions.champion_country_ids_represented(actor)
        if not any(c.pk in own for c in hosts):
            raise ValidationError({"hosts": _("Focal points record activities their champion country hosts.")})


def _check_dates(start_date, end_date) -> None:
    if end_date and start_date and end_date < start_date:
        raise ValidationError({"end_date": _("An activity ends on or after the day it starts.")})


@transaction.atomic
def activity_create(
    *,
    actor,
    kind: str,
    title: str,
    start_date: date,
    end_date: date | None = None,
    location: str = "",
    hosts=(),
    champions=(),
    other_states=(),
    objectives=(),
    summary: str = "",
    recommendations: str = "",
) -> Activity:
    if not permissions.can_propose(actor):
        raise PermissionDenied(_("Only champions' focal points and Network staff record activities."))
    hosts = list(hosts)
    _check_hosts(actor, hosts)
    _check_dates(start_date, end_date)
    activity = Activity(
        kind=kind,
        title=title.strip(),
        start_date=start_date,
        end_date=end_date,
        location=location,
        summary=summary,
        recommendations=recommendations,
        created_by=actor,
    )
    activity.full_clean()
    activity.save()
    activity.hosts.set(hosts)
    activity.champions.set(champions)
    activity.other_states.set(other_states)
    activity.objectives.set(objectives)
    curation_submitted(item=activity, actor=actor)
    return activity


@transaction.atomic
def activity_update(*, activity: Activity, actor, expected_version: int, **values) -> Activity:
    if not permissions.can_edit_curated(actor, activity):
        raise PermissionDenied(_("You may not edit this activity."))
    if "hosts" in values:
        _check_hosts(actor, list(values["hosts"]))
    version_claim(activity, expected_version)
    before = records.activity_snapshot(activity)
    for name in ("hosts", "champions", "other_states", "objectives"):
        if name in values:
            getattr(activity, name).set(values.pop(name))
    for name, value in values.items():
        if name not in ("kind", "title", "start_date", "end_date", "location", "summary", "recommendations"):
            raise ValidationError({name: _("This field cannot be changed here.")})
        setattr(activity, name, value)
    _check_dates(activity.start_date, activity.end_date)
    activity.full_clean()
    activity.save()
    changes = audit_changes(before, records.activity_snapshot(activity))
    audit_record(actor=actor, action="edit", target=activity, changes=changes)
    return _after_owner_edit(activity, actor, ACTIVITY_WORKFLOW, bool(changes))


# ---------------------------------------------------------------------------
# Joining: the letter of confirmation
# ---------------------------------------------------------------------------


@transaction.atomic
def confirmation_create(*, actor, country, letter_date: date, signed_by: str, note: str = "") -> Confirmation:
    if not permissions.can_apply_for(actor, country):
        raise PermissionDenied(_("A focal point of a country that is not yet a champion sends its letter."))
    if Confirmation.objects.filter(country=country, curation=CurationState.PENDING).exists():
        raise ValidationError(_("A letter from this country already waits for the Network."))
    if letter_date > timezone.localdate():
        raise ValidationError({"letter_date": _("The letter's date cannot be in the future.")})
    confirmation = Confirmation(
        country=country, letter_date=letter_date, signed_by=signed_by.strip(), note=note, created_by=actor
    )
    confirmation.full_clean()
    confirmation.save()
    curation_submitted(item=confirmation, actor=actor)
    return confirmation


# ---------------------------------------------------------------------------
# Tool piloting
# ---------------------------------------------------------------------------


@transaction.atomic
def consultation_answer(
    *, consultation: Consultation, champion: Champion, actor, answers: list[str], expected_version: int | None = None
) -> ConsultationResponse:
    """A champion's answers, written (or rewritten) while the consultation is open."""
    if not permissions.can_answer_for(actor, champion):
        raise PermissionDenied(_("Only the champion's focal points answer for it."))
    if not consultation.is_open_on(timezone.localdate()):
        raise ValidationError(_("The consultation is not open."))
    questions = consultation.question_list
    if len(answers) != len(questions):
        raise ValidationError(_("Answer each question (an answer may be empty)."))
    answers = [(a or "").strip()[:10000] for a in answers]
    response = ConsultationResponse.objects.filter(consultation=consultation, champion=champion).first()
    if response is None:
        response = ConsultationResponse.objects.create(
            consultation=consultation, champion=champion, answers=answers, submitted_by=actor
        )
        audit_record(actor=actor, action="answer", target=consultation, comment=champion.country.name)
        return response
    version_claim(response, expected_version if expected_version is not None else response.version)
    response.answers, response.submitted_by = answers, actor
    response.save()
    audit_record(actor=actor, action="answer_edit", target=consultation, comment=champion.country.name)
    return response


# ---------------------------------------------------------------------------
# Peer learning
# ---------------------------------------------------------------------------


@transaction.atomic
def pairing_create(
    *, actor, first: Champion, second: Champion, started_on: date, outcome: str = "", objectives=()
) -> PeerPairing:
    _staff_only(actor)
    if first.pk == second.pk:
        raise ValidationError({"second": _("Pair two different champions.")})
    pairing = PeerPairing(first=first, second=second, started_on=started_on, outcome=outcome, recorded_by=actor)
    pairing.full_clean()
    pairing.save()
    pairing.objectives.set(objectives)
    audit_record(actor=actor, action="pair", target=pairing)
    announce(pairing, "published")
    return pairing


@transaction.atomic
def request_create(*, actor, country, objective, description: str) -> PeerLearningRequest:
    if not (roles.is_network_staff(actor) or roles.represents_country(actor, country)):
        raise PermissionDenied(_("Focal points ask for their own country."))
    request = PeerLearningRequest(
        country=country, objective=objective, description=description.strip(), created_by=actor
    )
    request.full_clean()
    request.save()
    audit_record(actor=actor, action="create", target=request, to_state=request.status)
    notify_role(
        Role.NETWORK_STAFF,
        event="curation_requested",
        context={"title": str(request), "kind": str(request._meta.verbose_name), "by": str(actor)},
        target=request,
        actor=actor,
    )
    return request


@transaction.atomic
def request_route(*, request: PeerLearningRequest, actor, champion: Champion, note: str = "") -> PeerLearningRequest:
    """Staff route a request to a champion (active today), with a note for both countries."""
    if not selectors.is_champion_on(champion.country_id, timezone.localdate()):
        raise ValidationError({"champion": _("Route requests to a country that is a champion today.")})
    if champion.country_id == request.country_id:
        raise ValidationError({"champion": _("Route the request to another country.")})
    request = transition_perform(
        workflow=REQUEST_WORKFLOW,
        obj=request,
        action="route",
        actor=actor,
        comment=note,
        updates={"routed_to": champion, "staff_note": note.strip()},
    )
    for country in (request.country, champion.country):
        notify_role(
            Role.FOCAL_POINT,
            country=country,
            event="peer_request_routed",
            context={"title": str(request), "champion": champion.country.name, "comment": note},
            target=request,
            actor=actor,
        )
    return request


# ---------------------------------------------------------------------------
# Documents (the kernel's attachments): plan documents, commitment and activity documents, letters of
# confirmation and consultation documents
# ---------------------------------------------------------------------------

from gcm_portal.core.attachments import Attachments  # noqa: E402

from .models import ActivityDocument, CommitmentDocument, ConfirmationDocument, ConsultationDocument, ProfileDocument  # noqa: E402

WAITING = (CurationState.PENDING, CurationState.RETURNED)


def _while_waiting(user, item) -> bool:
    """Owners add or remove documents while the item waits for curation or was returned; staff at any
    time (a document on a published item is then public)."""
    if roles.is_network_staff(user):
        return True
    return item.curation in WAITING and permissions.can_edit_curated(user, item)


PROFILE_DOCUMENTS = Attachments(
    model=ProfileDocument,
    parent_field="profile_update",
    parent_queryset=selectors.profile_update_list,
    may_manage=permissions.can_edit_curated,
    may_change=_while_waiting,
)
COMMITMENT_DOCUMENTS = Attachments(
    model=CommitmentDocument,
    parent_field="commitment",
    parent_queryset=selectors.commitment_list,
    may_manage=permissions.can_edit_curated,
    may_change=_while_waiting,
)
ACTIVITY_DOCUMENTS = Attachments(
    model=ActivityDocument,
    parent_field="activity",
    parent_queryset=selectors.activity_list,
    may_manage=permissions.can_edit_curated,
    may_change=_while_waiting,
)
CONFIRMATION_DOCUMENTS = Attachments(
    model=ConfirmationDocument,
    parent_field="confirmation",
    parent_queryset=selectors.confirmation_list,
    may_manage=lambda user, letter: roles.is_network_staff(user) or letter.is_owned_by(user),
    may_change=lambda user, letter: (
        letter.curation in WAITING and (roles.is_network_staff(user) or letter.is_owned_by(user))
    ),
)
CONSULTATION_DOCUMENTS = Attachments(
    model=ConsultationDocument,
    parent_field="consultation",
    parent_queryset=lambda user: (
        selectors.consultation_list() if permissions.can_see_consultations(user) else Consultation.objects.none()
    ),
    may_change=lambda user, consultation: roles.is_network_staff(user),
)
