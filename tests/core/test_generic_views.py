"""The generic workflow page (gcm_portal/core/generic.py TransitionView) through the kit's note actions."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gcm_portal.core.curation import CurationState, curation_perform
from tests.factories.kit import make_note
from tests.kit.models import Note
from tests.kit.workflow import NOTE_WORKFLOW

pytestmark = pytest.mark.django_db


def action_url(note, action: str) -> str:
    return reverse("kit:note-action", args=[note.pk, action])


@pytest.fixture
def pending(author):
    return make_note(author, "Pending note")


@pytest.fixture
def published(author, staff):
    return curation_perform(
        workflow=NOTE_WORKFLOW, item=make_note(author, "Public note"), action="publish", actor=staff
    )


@pytest.mark.parametrize("action", ["revise", "fly"])
def test_an_internal_or_unknown_action_is_404(client, staff, published, action):
    client.force_login(staff)
    assert client.post(action_url(published, action)).status_code == 404
    assert Note.objects.get(pk=published.pk).curation == CurationState.PUBLISHED


def test_the_owner_revising_through_the_page_is_404_too(client, author, published):
    client.force_login(author)
    assert client.post(action_url(published, "revise")).status_code == 404
    assert Note.objects.get(pk=published.pk).curation == CurationState.PUBLISHED


def test_a_forbidden_action_is_403(client, author, pending):
    client.force_login(author)
    assert client.post(action_url(pending, "publish")).status_code == 403
    assert Note.objects.get(pk=pending.pk).curation == CurationState.PENDING


def test_anonymous_visitors_are_sent_to_sign_in(client, pending):
    response = client.post(action_url(pending, "publish"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_an_action_in_the_wrong_state_redirects_with_an_error_message(client, staff, published):
    client.force_login(staff)
    response = client.post(action_url(published, "publish"))
    assert response.status_code == 302
    assert response["Location"] == published.get_absolute_url()
    page = client.get(response["Location"]).content.decode()
    assert 'class="message message-error"' in page
    assert "is not possible while the record is" in page
    assert Note.objects.get(pk=published.pk).curation == CurationState.PUBLISHED


def test_a_missing_comment_redirects_with_an_error_message(client, staff, pending):
    client.force_login(staff)
    response = client.post(action_url(pending, "return"), {"comment": " "}, follow=True)
    assert "Please explain in a comment." in response.content.decode()
    assert Note.objects.get(pk=pending.pk).curation == CurationState.PENDING


def test_a_successful_action_follows_an_on_site_next(client, staff, pending):
    client.force_login(staff)
    target = reverse("kit:note-list") + "?country=gh"
    response = client.post(action_url(pending, "publish"), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == target
    assert Note.objects.get(pk=pending.pk).curation == CurationState.PUBLISHED
    page = client.get(target).content.decode()
    assert "message-success" in page and "Pending note" in page


@pytest.mark.parametrize("next_url", ["https://evil.example/phish", "//evil.example/", "http://evil.example"])
def test_an_off_site_next_is_ignored(client, staff, pending, next_url):
    client.force_login(staff)
    response = client.post(action_url(pending, "publish"), {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == pending.get_absolute_url()
    assert Note.objects.get(pk=pending.pk).curation == CurationState.PUBLISHED
