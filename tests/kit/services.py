from django.core.exceptions import PermissionDenied
from django.db import transaction

from gcm_portal.core.concurrency import version_claim
from gcm_portal.core.curation import CurationState, curation_submitted
from gcm_portal.core.publication import CHANGED, announce
from gcm_portal.core.workflow import transition_perform

from .models import Note
from .workflow import NOTE_WORKFLOW


@transaction.atomic
def note_create(*, actor, title: str, body: str = "", countries=(), objectives=()) -> Note:
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("Sign in to write a note.")
    note = Note(title=title, body=body, created_by=actor)
    note.full_clean()
    note.save()
    note.countries.set(countries)
    note.objectives.set(objectives)
    curation_submitted(item=note, actor=actor)
    return note


@transaction.atomic
def note_update(*, note: Note, actor, expected_version: int, **values) -> Note:
    """The owner's edit of a published note sends it back to curation; a curator's keeps it public."""
    if not (note.is_owned_by(actor) or note.may_curate(actor)):
        raise PermissionDenied("You may not edit this note.")
    version_claim(note, expected_version)
    for name in ("countries", "objectives"):
        if name in values:
            getattr(note, name).set(values.pop(name))
    for name, value in values.items():
        setattr(note, name, value)
    note.full_clean()
    note.save()
    if note.curation == CurationState.PUBLISHED and note.may_curate(actor):
        announce(note, CHANGED)
    elif note.curation == CurationState.PUBLISHED:
        note = transition_perform(workflow=NOTE_WORKFLOW, obj=note, action="revise", actor=actor)
    return note
