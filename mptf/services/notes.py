"""Concept notes: drafting (entity focal points), documents, the workflow, and quality assessment
(Network staff)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gcm_portal import permissions as roles
from gcm_portal.core.attachments import Attachments, attachment_add, attachment_remove
from gcm_portal.core.audit import audit_changes, audit_record
from gcm_portal.core.concurrency import version_claim
from gcm_portal.core.workflow import transition_perform

from .. import permissions, selectors
from ..choices import ConceptNoteStatus
from ..models import (
    AssessmentCriterion,
    AssessmentScore,
    ConceptNote,
    ConceptNoteBudget,
    ConceptNoteDocument,
    QualityAssessment,
)
from ..workflow import NOTE_WORKFLOW
from .common import plain

__all__ = [
    "NOTE_DOCUMENTS",
    "NOTE_FIELDS",
    "assessment_record",
    "note_create",
    "note_document_add",
    "note_document_remove",
    "note_transition",
    "note_update",
]

NOTE_FIELDS = (
    "title",
    "scope",
    "team_name",
    "region",
    "summary",
    "national_partners",
    "stakeholders",
    "thematic_area",
    "window",
    "duration_months",
    "gender_marker",
    "human_rights_marker",
    "covid_dimension",
)
NOTE_RELATIONS = ("countries", "objectives", "principles", "sdg_targets")

NOTE_DOCUMENTS = Attachments(
    model=ConceptNoteDocument,
    parent_field="note",
    parent_queryset=selectors.note_detail,
    may_manage=permissions.can_see_note_working_copy,
    may_change=permissions.can_edit_note,
    visible=selectors.note_documents_visible_to,
    refusal=gettext_lazy("Documents can only be added or removed while the note is a draft, by its lead organisation."),
)


def _budget_lines(note: ConceptNote, lines) -> None:
    """Replace the requested budget: ``lines`` is a list of (UN entity, USD amount)."""
    entities = [entity.pk for entity, _amount in lines]
    if len(entities) != len(set(entities)):
        raise ValidationError({"budget_lines": _("Give each participating organisation once.")})
    for _entity, amount in lines:
        if amount is None or Decimal(amount) < 0:
            raise ValidationError({"budget_lines": _("Requested amounts are zero or more.")})
    note.budget_lines.all().delete()
    ConceptNoteBudget.objects.bulk_create(
        [ConceptNoteBudget(note=note, entity=entity, amount_usd=amount) for entity, amount in lines]
    )


def _snapshot(note: ConceptNote) -> dict:
    values = {name: getattr(note, name) for name in NOTE_FIELDS}
    values.update({name: plain(getattr(note, name)) for name in NOTE_RELATIONS})
    values["budget_lines"] = sorted(f"{line.entity.code}: {line.amount_usd}" for line in note.budget_lines.all())
    return values


@transaction.atomic
def note_create(
    *,
    actor,
    lead_entity,
    title: str,
    countries=(),
    objectives=(),
    principles=(),
    sdg_targets=(),
    budget_lines=(),
    **data,
) -> ConceptNote:
    """An entity focal point starts a draft for their entity (invisible to other entities)."""
    if not roles.represents_entity(actor, lead_entity):
        raise PermissionDenied(_("Entity focal points write concept notes for the entities they represent."))
    unknown = set(data) - set(NOTE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    note = ConceptNote(lead_entity=lead_entity, title=title.strip(), created_by=actor, **data)
    note.full_clean()
    note.save()
    note.countries.set(countries)
    note.objectives.set(objectives)
    note.principles.set(principles)
    note.sdg_targets.set(sdg_targets)
    _budget_lines(note, list(budget_lines))
    audit_record(actor=actor, action="create", target=note, to_state=note.status)
    return note


@transaction.atomic
def note_update(*, note: ConceptNote, actor, expected_version: int, budget_lines=None, **data) -> ConceptNote:
    """Save the lead organisation's edit of a draft made from ``expected_version``."""
    note = ConceptNote.objects.select_for_update().get(pk=note.pk)
    if not permissions.can_edit_note(actor, note):
        raise PermissionDenied(_("Only the lead organisation's focal points edit a draft concept note."))
    unknown = set(data) - set(NOTE_FIELDS) - set(NOTE_RELATIONS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    version_claim(note, expected_version)
    before = _snapshot(note)
    for name, value in data.items():
        if name in NOTE_RELATIONS:
            getattr(note, name).set(value)
        else:
            setattr(note, name, value)
    if "title" in data:
        note.title = note.title.strip()
    note.full_clean()
    note.save()
    if budget_lines is not None:
        _budget_lines(note, list(budget_lines))
    changes = audit_changes(before, _snapshot(note))
    audit_record(actor=actor, action="edit", target=note, changes=changes)
    return note


def note_transition(*, note: ConceptNote, action: str, actor, comment: str = "", expected_version=None) -> ConceptNote:
    return transition_perform(
        workflow=NOTE_WORKFLOW, obj=note, action=action, actor=actor, comment=comment, expected_version=expected_version
    )


def note_document_add(*, note: ConceptNote, actor, upload, language: str = "en"):
    return attachment_add(attachments=NOTE_DOCUMENTS, parent=note, actor=actor, upload=upload, language=language)


def note_document_remove(*, document, actor) -> None:
    attachment_remove(attachments=NOTE_DOCUMENTS, document=document, actor=actor)


# ---------------------------------------------------------------------------
# Quality assessment
# ---------------------------------------------------------------------------


@transaction.atomic
def assessment_record(*, note: ConceptNote, actor, scores: dict, comment: str = "") -> QualityAssessment:
    """Network staff score a note under quality assessment against every criterion in use
    (``scores``: criterion code -> (score, comment)). Saving again replaces the assessor's scores."""
    if not permissions.may_assess(actor):
        raise PermissionDenied(_("Only Network staff assess concept notes."))
    note = ConceptNote.objects.select_for_update().get(pk=note.pk)
    if note.status != ConceptNoteStatus.UNDER_ASSESSMENT:
        raise ValidationError(_("Only a note under quality assessment is scored."))
    criteria = {c.code: c for c in AssessmentCriterion.objects.filter(active=True)}
    missing = sorted(set(criteria) - set(scores))
    unknown = sorted(set(scores) - set(criteria))
    if missing or unknown:
        raise ValidationError(
            {
                "scores": _("Score every criterion in use, and only those: %(codes)s.")
                % {"codes": ", ".join(sorted(criteria))}
            }
        )
    errors = {}
    for code, (score, _text) in scores.items():
        if score is None or not 0 <= int(score) <= criteria[code].max_score:
            errors[code] = _("A score from 0 to %(top)d.") % {"top": criteria[code].max_score}
    if errors:
        raise ValidationError(errors)
    assessment, created = QualityAssessment.objects.update_or_create(
        note=note, assessor=actor, defaults={"comment": comment.strip()}
    )
    assessment.scores.all().delete()
    AssessmentScore.objects.bulk_create(
        [
            AssessmentScore(
                assessment=assessment, criterion=criteria[code], score=int(score), comment=(text or "").strip()
            )
            for code, (score, text) in scores.items()
        ]
    )
    audit_record(
        actor=actor,
        action="assess",
        target=note,
        changes={
            "assessment": {
                "before": None if created else "replaced",
                "after": {c: int(s) for c, (s, _t) in scores.items()},
            }
        },
    )
    return assessment
