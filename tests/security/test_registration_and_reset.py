"""Defects 7, 8 and 9: reset and registration e-mails without limits, registration that revealed
accounts, and confirmation links that could be replayed."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from gcm_portal.accounts.models import User
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def _register(client, email, address="203.0.113.9"):
    return client.post(
        reverse("accounts:register"),
        {
            "email": email,
            "full_name": "Someone",
            "organisation": "",
            "preferred_language": "en",
            "password1": "a-strong-passphrase-2026",
            "password2": "a-strong-passphrase-2026",
        },
        REMOTE_ADDR=address,
    )


def test_eleven_reset_requests_send_at_most_three_emails_to_one_address(client, django_capture_on_commit_callbacks):
    UserFactory(email="target@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        codes = [
            client.post(
                reverse("accounts:password-reset"), {"email": "target@example.org"}, REMOTE_ADDR=f"198.51.100.{n}"
            ).status_code
            for n in range(11)
        ]
    assert codes == [302] * 11  # the same answer every time: nothing is revealed
    assert len([m for m in mail.outbox if m.to == ["target@example.org"]]) == 3


def test_reset_requests_are_throttled_per_client_address(client, settings):
    settings.PAGE_RATE_LIMITS = {**settings.PAGE_RATE_LIMITS, "password-reset-address": "4/h"}
    codes = [
        client.post(
            reverse("accounts:password-reset"), {"email": f"x{n}@example.org"}, REMOTE_ADDR="203.0.113.1"
        ).status_code
        for n in range(6)
    ]
    assert codes == [302] * 4 + [429] * 2


def test_registration_is_throttled_per_client_address(client, settings):
    settings.PAGE_RATE_LIMITS = {**settings.PAGE_RATE_LIMITS, "register-address": "3/h"}
    codes = [_register(client, f"new{n}@example.org").status_code for n in range(5)]
    assert codes == [302] * 3 + [429] * 2
    assert User.objects.filter(email__startswith="new").count() == 3


def test_registration_answers_the_same_for_an_existing_address_and_tells_its_owner(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="known@example.org", full_name="Known Person")
    with django_capture_on_commit_callbacks(execute=True):
        existing = _register(client, "Known@Example.org")
        new = _register(client, "unknown@example.org", address="203.0.113.10")
    assert existing.status_code == new.status_code == 302
    assert existing["Location"] == new["Location"]
    assert User.objects.filter(email__iexact="known@example.org").count() == 1
    owner_mail = [m for m in mail.outbox if m.to == ["known@example.org"]]
    assert len(owner_mail) == 1 and reverse("accounts:password-reset") in owner_mail[0].body
    # The known account's password did not change.
    assert not User.objects.get(email="known@example.org").check_password("a-strong-passphrase-2026")


def test_a_confirmation_link_works_once_and_never_re_enables_a_disabled_account(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _register(client, "replay@example.org")
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    assert client.get(link).status_code == 302
    user = User.objects.get(email="replay@example.org")
    assert user.is_active and user.email_confirmed_at is not None
    # Staff disable the account; the old link is replayed.
    user.is_active = False
    user.save()
    response = client.get(link)
    assert response.status_code == 200
    assert "already been used" in response.content.decode()
    user.refresh_from_db()
    assert not user.is_active
