"""The Steering Committee: meetings, dated decisions with their reasons (recording a decision moves the
concept notes it names), and meeting documents, confidential or public."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gcm_portal.core.attachments import Attachments
from gcm_portal.core.audit import audit_record
from gcm_portal.core.publication import PUBLISHED, announce
from gcm_portal.core.workflow import transition_perform

from .. import permissions, selectors
from ..choices import ConceptNoteStatus, DecisionKind
from ..models import CommitteeDecision, CommitteeMeeting, ConceptNote, MeetingDocument
from ..workflow import NOTE_WORKFLOW

__all__ = ["CONFIDENTIAL_DOCUMENTS", "PUBLIC_DOCUMENTS", "decision_record", "meeting_create"]


def _may_manage(user, meeting) -> bool:
    return permissions.may_record_decisions(user)


def _confidential_visible(user, meeting) -> list:
    return list(meeting.documents.all()) if permissions.may_see_confidential(user) else []


_meetings = lambda user: selectors.meeting_list()  # noqa: E731 - meetings are public

CONFIDENTIAL_DOCUMENTS = Attachments(
    model=MeetingDocument,
    parent_field="meeting",
    parent_queryset=_meetings,
    may_change=_may_manage,
    visible=_confidential_visible,
    defaults={"confidential": True},
    refusal=gettext_lazy("Only fund managers add or remove meeting documents."),
)
PUBLIC_DOCUMENTS = Attachments(
    model=MeetingDocument,
    parent_field="meeting",
    parent_queryset=_meetings,
    may_change=_may_manage,
    defaults={"confidential": False},
    refusal=gettext_lazy("Only fund managers add or remove meeting documents."),
)


def _require_decider(actor) -> None:
    if not permissions.may_record_decisions(actor):
        raise PermissionDenied(_("Only fund managers record the Steering Committee's meetings and decisions."))


@transaction.atomic
def meeting_create(*, actor, title: str, held_on: date, location: str = "", summary: str = "") -> CommitteeMeeting:
    _require_decider(actor)
    meeting = CommitteeMeeting(
        title=title.strip(), held_on=held_on, location=location.strip(), summary=summary.strip(), created_by=actor
    )
    meeting.full_clean()
    meeting.save()
    audit_record(actor=actor, action="create", target=meeting)
    announce(meeting, PUBLISHED)
    return meeting


# Which state each decision needs its notes in, and what it does to them.
NEEDS = {
    DecisionKind.SELECT: ConceptNoteStatus.PIPELINE,
    DecisionKind.KEEP: ConceptNoteStatus.PIPELINE,
    DecisionKind.NOT_SELECT: ConceptNoteStatus.PIPELINE,
    DecisionKind.ALLOCATE: ConceptNoteStatus.SELECTED,
}
MOVES = {DecisionKind.SELECT: "select", DecisionKind.NOT_SELECT: "not_select"}


@transaction.atomic
def decision_record(
    *,
    actor,
    meeting: CommitteeMeeting,
    kind: str,
    concept_notes,
    reasons: str,
    amount_usd: Decimal | None = None,
) -> CommitteeDecision:
    """Record a decision of ``meeting`` and move the notes it names: *select* and *not select* take
    notes out of the pipeline (through the workflow, so each move is audited, notified and announced),
    *keep in the pipeline* leaves them there, *allocate* gives an amount to one selected note. All or
    nothing: if one note cannot move, nothing is recorded."""
    _require_decider(actor)
    reasons = (reasons or "").strip()
    if not reasons:
        raise ValidationError({"reasons": _("Give the reasons for the decision.")})
    if kind not in DecisionKind.values:
        raise ValidationError({"kind": _("Choose the decision.")})
    notes = list(ConceptNote.objects.select_for_update().filter(pk__in=[n.pk for n in concept_notes]).order_by("pk"))
    if not notes:
        raise ValidationError({"concept_notes": _("Name the concept notes the decision is about.")})
    if kind == DecisionKind.ALLOCATE:
        if len(notes) != 1:
            raise ValidationError({"concept_notes": _("An allocation is for one concept note.")})
        if amount_usd is None or amount_usd <= 0:
            raise ValidationError({"amount_usd": _("Give the amount allocated, in US dollars.")})
    elif amount_usd is not None:
        raise ValidationError({"amount_usd": _("Only an allocation carries an amount.")})
    wrong = [n for n in notes if n.status != NEEDS[kind]]
    if wrong:
        raise ValidationError(
            {
                "concept_notes": _("These notes are not %(state)s: %(titles)s")
                % {"state": ConceptNoteStatus(NEEDS[kind]).label.lower(), "titles": "; ".join(n.title for n in wrong)}
            }
        )
    decision = CommitteeDecision(meeting=meeting, kind=kind, amount_usd=amount_usd, reasons=reasons, created_by=actor)
    decision.full_clean()
    decision.save()
    decision.concept_notes.set(notes)
    for note in notes:
        if kind in MOVES:
            transition_perform(workflow=NOTE_WORKFLOW, obj=note, action=MOVES[kind], actor=actor, comment=reasons)
        else:
            audit_record(actor=actor, action=f"decision_{kind}", target=note, comment=reasons)
    audit_record(
        actor=actor,
        action="decide",
        target=meeting,
        comment=reasons,
        changes={"decisions": {"before": None, "after": f"{kind}: {', '.join(n.title for n in notes)}"}},
    )
    announce(decision, PUBLISHED)
    return decision
