"""Publication events (gcm_portal/core/publication.py): sent once, after commit, never for a rollback."""

from __future__ import annotations

import pytest
from django.db import transaction

from gcm_portal.core.curation import CurationState, curation_perform
from gcm_portal.core.publication import PublicationEvent, announce, publication_changed
from tests.factories.kit import make_note
from tests.kit.models import Note
from tests.kit.services import note_update
from tests.kit.workflow import NOTE_WORKFLOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def received():
    events: list[tuple[type, PublicationEvent]] = []

    def receiver(sender, event, **kwargs):
        events.append((sender, event))

    publication_changed.connect(receiver)
    yield events
    publication_changed.disconnect(receiver)


def perform(note, action, actor):
    return curation_perform(workflow=NOTE_WORKFLOW, item=note, action=action, actor=actor)


def test_publishing_sends_one_published_event_after_commit(received, author, staff, django_capture_on_commit_callbacks):
    note = make_note(author)
    with django_capture_on_commit_callbacks(execute=True):
        perform(note, "publish", staff)
        assert received == []  # not before the commit
    assert len(received) == 1
    sender, event = received[0]
    assert sender is Note
    assert (event.change, event.kind, event.pk) == ("published", "kit.note", note.pk)
    assert event.url == note.get_absolute_url() == f"/kit/notes/{note.pk}/"
    assert event.obj.pk == note.pk


def test_reopening_a_published_note_sends_withdrawn(received, author, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        note = perform(make_note(author), "publish", staff)
    received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        perform(note, "reopen", staff)
    assert [(e.change, e.pk) for _, e in received] == [("withdrawn", note.pk)]


def test_reopening_a_declined_note_sends_nothing(received, author, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        note = perform(make_note(author), "decline", staff)
        perform(note, "reopen", staff)
    assert received == []


def test_a_staff_edit_of_a_published_note_sends_changed(received, author, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        note = perform(make_note(author), "publish", staff)
    received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        note_update(note=note, actor=staff, expected_version=note.version, title="Edited")
    assert [e.change for _, e in received] == ["changed"]


def test_an_owners_edit_of_a_published_note_sends_withdrawn(
    received, author, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        note = perform(make_note(author), "publish", staff)
    received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        note_update(note=note, actor=author, expected_version=note.version, title="Rewritten")
    assert [(e.change, e.pk) for _, e in received] == [("withdrawn", note.pk)]


def test_nothing_is_sent_when_the_transaction_rolls_back(received, author, staff, django_capture_on_commit_callbacks):
    note = make_note(author)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        perform(note, "publish", staff)
        raise RuntimeError("undo")
    assert received == []
    assert Note.objects.get(pk=note.pk).curation == CurationState.PENDING


def test_an_unknown_change_is_refused(author):
    with pytest.raises(ValueError, match="bogus"):
        announce(make_note(author), "bogus")
