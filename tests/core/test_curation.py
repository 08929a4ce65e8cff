"""Curation (gcm_portal/core/curation.py) with the kit's Note: who sees what, who may do what, who hears."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from gcm_portal.accounts.services import role_revoke
from gcm_portal.core.audit import audit_list_for
from gcm_portal.core.curation import CurationState, curation_perform
from gcm_portal.core.models import Notification
from gcm_portal.core.workflow import CommentRequired, TransitionForbidden
from tests.factories.kit import make_note
from tests.kit.models import Note
from tests.kit.services import note_update
from tests.kit.workflow import NOTE_WORKFLOW

pytestmark = pytest.mark.django_db


def perform(note, action, actor, comment=""):
    return curation_perform(workflow=NOTE_WORKFLOW, item=note, action=action, actor=actor, comment=comment)


@pytest.fixture
def notes(author, stranger, staff):
    """Ghana notes by ``author`` in three states, a Ghana note by someone else, and a Mexico note."""
    return {
        "pending": make_note(author, "Pending"),
        "published": perform(make_note(author, "Published"), "publish", staff),
        "returned": perform(make_note(author, "Returned"), "return", staff, "More, please."),
        "other_gh": make_note(stranger, "Someone else's Ghana note"),
        "mexico": make_note(stranger, "Mexico note", countries=("MX",)),
    }


def titles_visible_to(user) -> set[str]:
    return set(Note.objects.visible_to(user).values_list("title", flat=True))


# ---------------------------------------------------------------------------
# Visibility
# ---------------------------------------------------------------------------


def test_anonymous_visitors_see_only_published_notes(notes):
    assert titles_visible_to(AnonymousUser()) == {"Published"}


def test_the_author_sees_their_own_pending_and_returned_notes(notes, author):
    assert titles_visible_to(author) == {"Pending", "Published", "Returned"}


def test_ghanas_focal_point_sees_every_ghana_note(notes, focal_gh):
    assert titles_visible_to(focal_gh) == {"Pending", "Published", "Returned", "Someone else's Ghana note"}
    # a note about two countries is listed once
    make_note(notes["pending"].created_by, "Two countries", countries=("GH", "MX"))
    assert Note.objects.visible_to(focal_gh).filter(title="Two countries").count() == 1


def test_a_mexico_focal_point_does_not_see_ghanas_pending_notes(notes, focal_mx):
    assert titles_visible_to(focal_mx) == {"Published", "Mexico note"}


def test_staff_see_everything(notes, staff):
    assert titles_visible_to(staff) == {n.title for n in notes.values()}


# ---------------------------------------------------------------------------
# Decisions and who hears of them
# ---------------------------------------------------------------------------


def test_staff_hear_of_a_new_note(author, staff):
    note = make_note(author, "Fresh")
    notice = Notification.objects.get(recipient=staff, event="curation_requested")
    assert notice.url == note.get_absolute_url()
    assert "Fresh" in notice.title
    assert not Notification.objects.filter(recipient=author).exists()
    [entry] = audit_list_for(note)
    assert (entry.action, entry.to_state) == ("create", "pending")


def test_publishing_tells_the_author_with_a_link(author, staff):
    note = perform(make_note(author, "To publish"), "publish", staff)
    assert note.curation == CurationState.PUBLISHED
    notice = Notification.objects.get(recipient=author, event="curation_decided")
    assert notice.url == note.get_absolute_url()
    assert "To publish" in notice.title
    # the curator is not told of their own decision
    assert not Notification.objects.filter(recipient=staff, event="curation_decided").exists()


def test_return_needs_a_comment_and_tells_the_author(author, staff):
    note = make_note(author)
    with pytest.raises(CommentRequired):
        perform(note, "return", staff)
    assert Note.objects.get(pk=note.pk).curation == CurationState.PENDING
    returned = perform(note, "return", staff, "Add sources.")
    assert returned.curation == CurationState.RETURNED
    notice = Notification.objects.get(recipient=author, event="curation_decided")
    assert "Add sources." in notice.body


def test_only_the_owner_resubmits(notes, author, staff, stranger, focal_gh):
    returned = notes["returned"]
    for someone in (staff, stranger):
        with pytest.raises(TransitionForbidden):
            perform(returned, "resubmit", someone)
    assert Note.objects.get(pk=returned.pk).curation == CurationState.RETURNED
    Notification.objects.all().delete()
    assert perform(returned, "resubmit", author).curation == CurationState.PENDING
    # staff hear it waits again
    assert Notification.objects.filter(recipient=staff, event="curation_requested").exists()


def test_ghanas_focal_point_owns_a_ghana_note_and_may_resubmit_it(notes, focal_gh):
    assert notes["returned"].is_owned_by(focal_gh)
    assert perform(notes["returned"], "resubmit", focal_gh).curation == CurationState.PENDING


def test_only_staff_reopen(notes, author, focal_gh, staff):
    published = notes["published"]
    for someone in (author, focal_gh):
        with pytest.raises(TransitionForbidden):
            perform(published, "reopen", someone)
    assert Note.objects.get(pk=published.pk).curation == CurationState.PUBLISHED
    assert perform(published, "reopen", staff).curation == CurationState.PENDING


def test_ownership_follows_the_current_role(notes, focal_gh):
    pending = notes["pending"]
    assert pending.is_owned_by(focal_gh)
    assert Note.objects.visible_to(focal_gh).filter(pk=pending.pk).exists()
    assert role_revoke(user=focal_gh, role="focal_point", country="GH") == 1
    assert not pending.is_owned_by(focal_gh)
    assert not Note.objects.visible_to(focal_gh).filter(pk=pending.pk).exists()
    with pytest.raises(TransitionForbidden):
        perform(notes["returned"], "resubmit", focal_gh)


def test_an_inactive_author_owns_nothing(notes, author):
    author.is_active = False
    author.save()
    assert not notes["pending"].is_owned_by(author)


# ---------------------------------------------------------------------------
# Edits of a published note
# ---------------------------------------------------------------------------


def test_an_owners_edit_of_a_published_note_sends_it_back_to_curation(notes, author, staff):
    published = notes["published"]
    Notification.objects.all().delete()
    edited = note_update(note=published, actor=author, expected_version=published.version, title="Rewritten")
    stored = Note.objects.get(pk=published.pk)
    assert stored.curation == edited.curation == CurationState.PENDING
    assert stored.title == "Rewritten"
    entry = audit_list_for(stored).first()
    assert (entry.action, entry.from_state, entry.to_state) == ("revise", "published", "pending")
    assert Notification.objects.filter(recipient=staff, event="curation_requested").exists()
    assert not Note.objects.visible_to(AnonymousUser()).filter(pk=published.pk).exists()


def test_a_staff_edit_keeps_a_published_note_published(notes, staff):
    published = notes["published"]
    note_update(note=published, actor=staff, expected_version=published.version, title="Copy-edited")
    stored = Note.objects.get(pk=published.pk)
    assert (stored.curation, stored.title) == (CurationState.PUBLISHED, "Copy-edited")
    assert not audit_list_for(stored).filter(action="revise").exists()
