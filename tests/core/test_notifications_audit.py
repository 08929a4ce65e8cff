"""Notifications (gcm_portal/core/notifications.py) and the audit log (gcm_portal/core/audit.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import translation

from gcm_portal.core.audit import MAX_VALUE_CHARS, audit_changes, audit_list_for, audit_record
from gcm_portal.core.email import render_email
from gcm_portal.core.models import AuditEntry, Notification
from gcm_portal.core.notifications import choice_label, notify, notify_role
from tests.factories.accounts import UserFactory, focal_point
from tests.factories.kit import make_note

pytestmark = pytest.mark.django_db

DECIDED = {"title": "Safe pathways", "kind": "note", "decision": "published", "comment": ""}


# ---------------------------------------------------------------------------
# notify
# ---------------------------------------------------------------------------


def test_a_notification_needs_a_target_or_a_path(author):
    with pytest.raises(ValueError, match="target= or path="):
        notify(event="curation_decided", recipients=[author], context=DECIDED)
    assert not Notification.objects.exists()


def test_a_target_gives_the_link(author, stranger):
    note = make_note(stranger)
    [notice] = notify(event="curation_decided", recipients=[author], context=DECIDED, target=note)
    assert notice.url == note.get_absolute_url()
    assert notice.recipient == author


def test_notify_skips_the_actor_inactive_users_and_duplicates(author, stranger):
    inactive = UserFactory(is_active=False)
    sent = notify(
        event="curation_decided",
        recipients=[author, author, stranger, inactive],
        context=DECIDED,
        path="/kit/notes/",
        actor=stranger,
    )
    assert [n.recipient for n in sent] == [author]
    assert Notification.objects.count() == 1


def test_notify_role_reaches_only_that_roles_holders_for_that_country(ghana, focal_gh, focal_mx, staff, author):
    other_gh = focal_point("GH")
    sent = notify_role(
        "focal_point",
        country=ghana,
        event="curation_requested",
        context={"title": "T", "kind": "note", "by": "someone"},
        path="/kit/notes/",
        actor=other_gh,
    )
    assert {n.recipient for n in sent} == {focal_gh}
    assert set(Notification.objects.values_list("recipient", flat=True)) == {focal_gh.pk}


def test_the_notice_is_written_in_the_recipients_language(author):
    french = UserFactory(preferred_language="fr")
    [in_english] = notify(event="curation_decided", recipients=[author], context=DECIDED, path="/kit/notes/")
    [in_french] = notify(event="curation_decided", recipients=[french], context=DECIDED, path="/kit/notes/")
    assert in_english.title == "Published: Safe pathways"
    assert in_french.title == "Publié : Safe pathways"
    assert in_french.body.startswith("Bonjour")
    # exactly what the French templates render, and the link is the French page
    subject, _body = render_email(
        "notifications/curation_decided",
        {**DECIDED, "recipient_name": str(french), "link": "http://x/fr/kit/notes/"},
        language="fr",
    )
    assert in_french.title == subject
    assert in_french.url == "/fr/kit/notes/"
    assert in_english.url == "/kit/notes/"
    # the sender's language is left as it was
    assert translation.get_language() == "en"


def test_an_actor_working_in_french_notifies_an_english_recipient_in_english(author, stranger):
    note = make_note(stranger)
    with translation.override("fr"):
        [notice] = notify(event="curation_decided", recipients=[author], context=DECIDED, target=note)
        assert translation.get_language() == "fr"
    assert notice.title == "Published: Safe pathways"
    assert notice.url == f"/kit/notes/{note.pk}/"


def test_email_leaves_only_after_commit(author, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(event="curation_decided", recipients=[author], context=DECIDED, path="/kit/notes/")
        assert mail.outbox == []
        assert Notification.objects.filter(recipient=author).exists()  # the on-site notice is immediate
    [message] = mail.outbox
    assert message.to == [author.email]
    assert message.subject == "Published: Safe pathways"
    assert "/kit/notes/" in message.body


def test_no_email_when_the_transaction_rolls_back(author, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        notify(event="curation_decided", recipients=[author], context=DECIDED, path="/kit/notes/")
        raise RuntimeError
    assert mail.outbox == []
    assert not Notification.objects.exists()


# ---------------------------------------------------------------------------
# audit
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        {"title": "new"},
        {"title": {"before": "old"}},
        {"title": {"before": "old", "after": "new", "why": "x"}},
        {"title": ["old", "new"]},
    ],
)
def test_audit_record_refuses_changes_of_the_wrong_shape(author, changes):
    note = make_note(author)
    count = AuditEntry.objects.count()
    with pytest.raises(ValueError, match="title"):
        audit_record(actor=author, action="edit", target=note, changes=changes)
    assert AuditEntry.objects.count() == count


def test_audit_record_refuses_changes_that_are_not_a_mapping(author):
    note = make_note(author)
    with pytest.raises(ValueError):
        audit_record(actor=author, action="edit", target=note, changes=[("title", {"before": 1, "after": 2})])


def test_audit_record_stores_changes_as_json_values(author):
    note = make_note(author)
    entry = audit_record(
        actor=author,
        action="edit",
        target=note,
        changes={"when": {"before": date(2024, 1, 2), "after": None}, "amount": {"before": Decimal("1.5"), "after": 2}},
    )
    entry.refresh_from_db()
    assert entry.changes == {
        "when": {"before": "2024-01-02", "after": None},
        "amount": {"before": "1.5", "after": 2},
    }
    assert audit_list_for(note).first() == entry


def test_audit_record_of_an_anonymous_actor_has_no_actor(author):
    from django.contrib.auth.models import AnonymousUser

    entry = audit_record(actor=AnonymousUser(), action="view", target=make_note(author))
    assert entry.actor is None


def test_audit_changes_keeps_only_what_changed_in_one_shape():
    long_before, long_after = "a" * 5000, "b" * 5000
    changes = audit_changes(
        {
            "title": "Same",
            "due": date(2024, 5, 1),
            "at": datetime(2024, 5, 1, 9, 30, tzinfo=UTC),
            "body": long_before,
            "n": 1,
        },
        {
            "title": "Same",
            "due": date(2024, 6, 1),
            "at": datetime(2024, 5, 1, 10, 0, tzinfo=UTC),
            "body": long_after,
            "x": True,
        },
    )
    assert set(changes) == {"due", "at", "body", "n", "x"}
    assert changes["at"] == {"before": "2024-05-01T09:30:00+00:00", "after": "2024-05-01T10:00:00+00:00"}
    assert changes["due"] == {"before": "2024-05-01", "after": "2024-06-01"}
    assert changes["n"] == {"before": 1, "after": None}
    assert changes["x"] == {"before": None, "after": True}
    body = changes["body"]
    assert len(body["before"]) == len(body["after"]) == MAX_VALUE_CHARS
    assert body["before"].endswith("…") and body["after"].startswith("bbb")
    # nothing changed, nothing reported
    assert audit_changes({"a": 1}, {"a": 1}) == {}


def test_a_choice_label_in_a_notice_is_read_in_each_recipients_language(author):
    """choice_label keeps the label lazy, where get_FOO_display() would fix the actor's language."""
    note = make_note(author)
    label = choice_label(note, "curation")
    with translation.override("fr"):
        french, display_in_french = str(label), note.get_curation_display()
    assert str(label) == note.get_curation_display()
    assert french == display_in_french and french != str(label)
    note.curation = "no-such-state"
    assert choice_label(note, "curation") == "no-such-state"
