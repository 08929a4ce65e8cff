"""Defect 5: API tokens were stored in plain text, never expired and survived a password change."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from gcm_portal.accounts.models import ApiToken
from gcm_portal.accounts.services import api_token_create
from gcm_portal.core.models import SecurityEvent, UserSession
from tests.factories.accounts import PASSWORD, UserFactory, user_with_role

pytestmark = pytest.mark.django_db


def _me(api_client, key):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api_client.get("/api/v1/me/")


def test_only_a_hash_of_the_key_is_stored(api_client):
    UserFactory(email="script@example.org")
    response = api_client.post(
        "/api/v1/auth/token/", {"email": "script@example.org", "password": PASSWORD, "name": "nightly export"}
    )
    assert response.status_code == 200
    key = response.json()["token"]
    token = ApiToken.objects.get()
    assert token.name == "nightly export"
    assert token.expires_at > timezone.now() + timedelta(days=89)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_apitoken")
        stored = " ".join(str(v) for row in cursor.fetchall() for v in row)
    assert key not in stored and key[8:] not in stored
    assert _me(api_client, key).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert SecurityEvent.objects.filter(event="token_created", detail__token=token.pk).exists()


def test_an_expired_token_is_refused(api_client):
    user = UserFactory()
    token, key = api_token_create(user=user, name="old", days=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert _me(api_client, key).status_code == 401


def test_tokens_are_listed_and_revoked_on_the_profile_page(client, api_client):
    user = UserFactory()
    other = UserFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:token-create"), {"name": "dashboard", "days": "30"})
    assert response.status_code == 302
    response = client.get(reverse("accounts:profile"))
    assert "no-store" in response["Cache-Control"]  # the key is in the page: no cache keeps it
    page = response.content.decode()
    key = re.search(r"<code>(gcm_[^<]+)</code>", page).group(1)
    assert "dashboard" in page
    # Shown once only.
    assert key not in client.get(reverse("accounts:profile")).content.decode()
    assert _me(api_client, key).status_code == 200
    token = ApiToken.objects.get(user=user)
    # Someone else's token cannot be revoked (and is not revealed).
    others, _key = api_token_create(user=other, name="theirs")
    assert client.post(reverse("accounts:token-revoke", args=[others.pk])).status_code == 404
    assert ApiToken.objects.filter(pk=others.pk).exists()
    assert client.post(reverse("accounts:token-revoke", args=[token.pk])).status_code == 302
    assert _me(api_client, key).status_code == 401
    assert SecurityEvent.objects.filter(event="token_revoked", actor=user).exists()


def _signed_in_elsewhere(user):
    from django.test import Client

    other = Client()
    other.force_login(user)
    return other


def test_changing_the_password_ends_every_other_session_and_token(client, api_client):
    user = UserFactory()
    _token, key = api_token_create(user=user, name="script")
    elsewhere = _signed_in_elsewhere(user)
    client.force_login(user)
    response = client.post(
        reverse("accounts:password-change"),
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-pass-2026",
            "new_password2": "another-long-pass-2026",
        },
    )
    assert response.status_code == 302
    assert _me(api_client, key).status_code == 401
    assert not ApiToken.objects.filter(user=user).exists()
    assert elsewhere.get(reverse("accounts:profile")).status_code == 302  # signed out
    assert client.get(reverse("accounts:profile")).status_code == 200  # this session goes on
    assert UserSession.objects.filter(user_id=user.pk).count() == 1
    assert SecurityEvent.objects.filter(event="credentials_revoked", actor=user).exists()


def test_resetting_the_password_ends_every_session_and_token(client, api_client, django_capture_on_commit_callbacks):
    user = UserFactory(email="reset@example.org")
    _token, key = api_token_create(user=user, name="script")
    elsewhere = _signed_in_elsewhere(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password-reset"), {"email": "reset@example.org"})
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    response = client.get(link)
    client.post(
        response["Location"], {"new_password1": "a-brand-new-passphrase-9", "new_password2": "a-brand-new-passphrase-9"}
    )
    assert _me(api_client, key).status_code == 401
    assert elsewhere.get(reverse("accounts:profile")).status_code == 302
    assert not UserSession.objects.filter(user_id=user.pk).exists()


def test_deactivating_an_account_ends_every_session_and_token(client, api_client, admin_user):
    user = UserFactory()
    _token, key = api_token_create(user=user, name="script")
    elsewhere = _signed_in_elsewhere(user)
    user.is_active = False
    user.save()
    assert _me(api_client, key).status_code == 401
    assert not ApiToken.objects.filter(user=user).exists()
    assert not UserSession.objects.filter(user_id=user.pk).exists()
    assert elsewhere.get(reverse("accounts:profile")).status_code == 302


def test_a_password_hash_upgrade_at_sign_in_revokes_nothing(settings):
    user = UserFactory()
    _token, _key = api_token_create(user=user, name="script")
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    assert user.check_password(PASSWORD)  # rehashed with the preferred hasher and saved
    assert ApiToken.objects.filter(user=user).exists()


def test_accounts_that_need_a_second_factor_cannot_get_a_token_with_a_password_alone(api_client):
    user_with_role("network_staff", email="staff.api@example.org")
    response = api_client.post("/api/v1/auth/token/", {"email": "staff.api@example.org", "password": PASSWORD})
    assert response.status_code == 403
    assert not ApiToken.objects.exists()
