"""Discussion spaces: threaded comments, reports with a reason, one moderation queue across all spaces
(hide, restore, dismiss), and closed spaces that are read-only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from gcm_portal.core.models import Notification
from knowledge import selectors, services
from knowledge.choices import ReportStatus
from knowledge.models import Comment, CommentReport
from tests.factories.accounts import UserFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return user_with_role("network_staff")


@pytest.fixture
def member():
    return UserFactory(full_name="Mara Member")


@pytest.fixture
def reader():
    return UserFactory(full_name="Rita Reader")


def open_space(staff, *, moderator=None, title="Local implementation", opens=-1, closes=30):
    today = timezone.localdate()
    return services.space_create(
        actor=staff,
        data={
            "title": title,
            "description": "What works locally?",
            "moderator": moderator,
            "audience": "Local governments",
            "languages": ["en", "fr", "es"],
            "opens_on": today + timedelta(days=opens),
            "closes_on": today + timedelta(days=closes),
        },
        questions=["Which services reach everyone?", "How do levels of government coordinate?"],
        publish=True,
    )


@pytest.fixture
def space(staff):
    return open_space(staff)


# ---------------------------------------------------------------------------
# Comments and replies
# ---------------------------------------------------------------------------


def test_staff_open_a_space_with_its_questions_moderator_audience_languages_and_dates(staff, member):
    space = open_space(staff, moderator=member)
    assert [q.text for q in space.questions.all()] == [
        "Which services reach everyone?",
        "How do levels of government coordinate?",
    ]
    assert space.moderator == member and space.languages == ["en", "fr", "es"] and space.is_open()
    with pytest.raises(ValidationError):
        services.space_create(
            actor=staff,
            data={
                "title": "T",
                "description": "D",
                "audience": "A",
                "languages": [],
                "opens_on": timezone.localdate(),
                "closes_on": timezone.localdate(),
            },
            questions=["Q"],
        )
    with pytest.raises(PermissionDenied):
        open_space(member)


def test_members_comment_and_reply_in_threads(space, member, reader):
    question = space.questions.first()
    comment = services.comment_post(space=space, actor=member, body="Health cards for all.", question=question)
    reply = services.comment_post(space=space, actor=reader, body="Same here.", parent=comment, language="fr")
    assert reply.question == question  # a reply answers its parent's question
    thread = selectors.comment_thread(space, reader)
    assert [node.comment for node in thread] == [comment]
    assert [node.comment for node in thread[0].replies] == [reply]
    with pytest.raises(ValidationError):
        services.comment_post(space=space, actor=member, body="   ")


def test_anonymous_visitors_read_but_do_not_comment(space, member, client):
    services.comment_post(space=space, actor=member, body="Readable by all.")
    assert "Readable by all." in client.get(space.get_absolute_url()).content.decode()
    response = client.post(reverse("knowledge:comment-post", args=[space.pk]), {"body": "Anon", "language": "en"})
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]
    assert not Comment.objects.filter(body="Anon").exists()


# ---------------------------------------------------------------------------
# A closed space is read-only
# ---------------------------------------------------------------------------


def test_a_closed_space_refuses_new_comments_everywhere(staff, member, client):
    closed = open_space(staff, title="Closed", opens=-30, closes=-1)
    assert not closed.is_open()
    with pytest.raises(PermissionDenied, match="closed"):
        services.comment_post(space=closed, actor=member, body="Too late.")
    client.force_login(member)
    response = client.post(reverse("knowledge:comment-post", args=[closed.pk]), {"body": "Too late.", "language": "en"})
    assert response.status_code == 403
    assert "closed" in response.content.decode()
    page = client.get(closed.get_absolute_url()).content.decode()
    assert "read-only" in page and 'name="body"' not in page
    api = APIClient()
    api.force_authenticate(member)
    assert (
        api.post(f"/api/v1/hub/discussions/{closed.pk}/comments/", {"body": "Too late."}, format="json").status_code
        == 403
    )
    assert not Comment.objects.filter(body="Too late.").exists()


def test_a_space_not_yet_open_or_not_published_takes_no_comment(staff, member):
    future = open_space(staff, title="Soon", opens=5, closes=30)
    with pytest.raises(PermissionDenied):
        services.comment_post(space=future, actor=member, body="Early.")
    draft = services.space_create(
        actor=staff,
        data={
            "title": "Draft",
            "description": "D",
            "audience": "A",
            "languages": ["en"],
            "opens_on": timezone.localdate(),
            "closes_on": timezone.localdate(),
        },
        questions=["Q?"],
    )
    with pytest.raises(PermissionDenied):
        services.comment_post(space=draft, actor=member, body="Early.")


# ---------------------------------------------------------------------------
# Reports and moderation
# ---------------------------------------------------------------------------


def test_a_reported_comment_disappears_once_hidden_and_comes_back_when_restored(space, staff, member, reader, client):
    comment = services.comment_post(space=space, actor=member, body="Buy cheap documents here.")
    client.force_login(reader)
    response = client.post(reverse("knowledge:comment-report", args=[comment.pk]), {"reason": "Spam."})
    assert response.status_code == 302
    report = CommentReport.objects.get(comment=comment)
    assert report.reason == "Spam." and report.status == ReportStatus.OPEN
    assert Notification.objects.filter(recipient=staff, event="hub_comment_reported").exists()

    # the moderator finds it in the one queue across all spaces and hides it
    client.force_login(staff)
    queue = client.get(reverse("knowledge:moderation")).content.decode()
    assert "Buy cheap documents here." in queue and "Spam." in queue
    response = client.post(reverse("knowledge:comment-moderate", args=[comment.pk, "hide"]))
    assert response.status_code == 302
    assert CommentReport.objects.get(pk=report.pk).status == ReportStatus.HIDDEN

    # gone for everyone but moderators
    client.logout()
    assert "Buy cheap documents here." not in client.get(space.get_absolute_url()).content.decode()
    client.force_login(reader)
    assert "Buy cheap documents here." not in client.get(space.get_absolute_url()).content.decode()
    assert client.get(reverse("knowledge:comment-report", args=[comment.pk])).status_code == 404
    api = APIClient()
    assert "Buy cheap documents here." not in api.get(f"/api/v1/hub/discussions/{space.pk}/comments/").content.decode()
    client.force_login(staff)
    page = client.get(space.get_absolute_url()).content.decode()
    assert "Buy cheap documents here." in page and "Hidden by a moderator" in page

    # restored: back for everyone
    assert client.post(reverse("knowledge:comment-moderate", args=[comment.pk, "restore"])).status_code == 302
    client.logout()
    assert "Buy cheap documents here." in client.get(space.get_absolute_url()).content.decode()
    assert "Buy cheap documents here." in api.get(f"/api/v1/hub/discussions/{space.pk}/comments/").content.decode()


def test_dismissing_reports_keeps_the_comment(space, staff, member, reader):
    comment = services.comment_post(space=space, actor=member, body="A sharp but fair point.")
    services.comment_report(comment=comment, actor=reader, reason="Rude.")
    services.comment_moderate(comment=comment, actor=staff, action="dismiss")
    assert CommentReport.objects.get(comment=comment).status == ReportStatus.DISMISSED
    assert not Comment.objects.get(pk=comment.pk).hidden
    assert selectors.moderation_queue(staff)["reported"] == []
    with pytest.raises(ValidationError):
        services.comment_moderate(comment=comment, actor=staff, action="dismiss")


def test_a_report_needs_a_reason_and_is_made_once(space, member, reader):
    comment = services.comment_post(space=space, actor=member, body="Hm.")
    with pytest.raises(ValidationError):
        services.comment_report(comment=comment, actor=reader, reason=" ")
    services.comment_report(comment=comment, actor=reader, reason="Off topic.")
    with pytest.raises(ValidationError, match="already reported"):
        services.comment_report(comment=comment, actor=reader, reason="Again.")
    with pytest.raises(PermissionDenied):  # nobody reports their own comment
        services.comment_report(comment=comment, actor=member, reason="Mine.")


def test_the_queue_covers_every_space_and_a_named_moderator_only_theirs(staff, member, reader):
    moderator = UserFactory(full_name="Moderator")
    first = open_space(staff, moderator=moderator, title="First")
    second = open_space(staff, title="Second")
    a = services.comment_post(space=first, actor=member, body="In the first.")
    b = services.comment_post(space=second, actor=member, body="In the second.")
    for comment in (a, b):
        services.comment_report(comment=comment, actor=reader, reason="Check.")
    assert set(selectors.moderation_queue(staff)["reported"]) == {a, b}
    assert selectors.moderation_queue(moderator)["reported"] == [a]
    services.comment_moderate(comment=a, actor=moderator, action="hide")
    with pytest.raises(PermissionDenied):
        services.comment_moderate(comment=b, actor=moderator, action="hide")
    with pytest.raises(PermissionDenied):
        services.comment_moderate(comment=b, actor=reader, action="hide")


def test_replies_to_a_hidden_comment_stay_visible(space, staff, member, reader):
    parent = services.comment_post(space=space, actor=member, body="Hidden parent.")
    reply = services.comment_post(space=space, actor=reader, body="A good reply.", parent=parent)
    services.comment_moderate(comment=parent, actor=staff, action="hide")
    thread = selectors.comment_thread(space, reader)
    assert [node.comment for node in thread] == [reply] and thread[0].reply_to_hidden
    with pytest.raises(ValidationError):
        services.comment_post(
            space=space, actor=member, body="Reply to hidden.", parent=Comment.objects.get(pk=parent.pk)
        )
    moderator_thread = selectors.comment_thread(space, staff)
    assert moderator_thread[0].comment == parent and moderator_thread[0].replies[0].comment == reply


def test_moderation_is_audited(space, staff, member):
    from gcm_portal.core.audit import audit_list_for

    comment = services.comment_post(space=space, actor=member, body="x")
    services.comment_moderate(comment=comment, actor=staff, action="hide")
    services.comment_moderate(comment=comment, actor=staff, action="restore")
    assert [e.action for e in audit_list_for(comment)] == ["moderate_restore", "moderate_hide"]
