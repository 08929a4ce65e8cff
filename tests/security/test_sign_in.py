"""Defects 2 and 3: sign-in guessing, and throttles escaped with X-Forwarded-For."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from gcm_portal.core.clientip import client_address
from gcm_portal.core.models import AuditEntry, SecurityEvent
from tests.factories.accounts import PASSWORD, UserFactory, user_with_role

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/sign-in/"


def _sign_in(client, email, password, address="203.0.113.7", **extra):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=address, **extra)


def test_forty_wrong_passwords_lock_the_account_for_that_address_only(client, settings):
    # The per-address throttle (tested below) would answer first from the 31st attempt on.
    settings.PAGE_RATE_LIMITS = {**settings.PAGE_RATE_LIMITS, "sign-in-address": "100/10m"}
    focal = user_with_role("focal_point", email="focal@example.org")
    codes = [_sign_in(client, "focal@example.org", f"guess-{n}").status_code for n in range(40)]
    assert codes[:4] == [200] * 4  # the form again, with the error
    assert set(codes[4:]) == {429}  # the fifth failure locks
    # The right password no longer works from that address...
    response = _sign_in(client, "FOCAL@example.org ", PASSWORD)
    assert response.status_code == 429
    body = response.content.decode()
    assert "too many failed attempts" in body.lower()
    assert reverse("accounts:password-reset") in body
    assert "_auth_user_id" not in client.session
    # ...but the focal point, elsewhere, signs in: nobody can lock them out from another address.
    response = _sign_in(client, "focal@example.org", PASSWORD, address="198.51.100.20")
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == focal.pk
    # Logged: the failures and the lockout, with the address.
    events = SecurityEvent.objects.filter(username="focal@example.org")
    assert events.filter(event="sign_in_failed", client_address="203.0.113.7").count() >= 5
    locked = SecurityEvent.objects.filter(event="locked_out").first()
    assert locked is not None and locked.client_address == "203.0.113.7" and locked.request_id
    assert SecurityEvent.objects.filter(event="signed_in", actor=focal, client_address="198.51.100.20").exists()


def test_sign_in_is_throttled_per_address_across_accounts(client, settings):
    settings.PAGE_RATE_LIMITS = {**settings.PAGE_RATE_LIMITS, "sign-in-address": "8/10m"}
    codes = [_sign_in(client, f"someone{n}@example.org", "guess").status_code for n in range(10)]
    assert codes[:8] == [200] * 8
    assert codes[8:] == [429, 429]
    assert SecurityEvent.objects.filter(event="sign_in_throttled").count() == 2
    # Another address is not affected.
    assert _sign_in(client, "someone@example.org", "guess", address="198.51.100.1").status_code == 200


def test_the_reset_email_lifts_the_lockout(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="owner@example.org")
    for n in range(6):
        _sign_in(client, "owner@example.org", f"guess-{n}")
    assert _sign_in(client, "owner@example.org", PASSWORD).status_code == 429
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password-reset"), {"email": "owner@example.org"}, REMOTE_ADDR="203.0.113.7")
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    response = client.get(link, REMOTE_ADDR="203.0.113.7")
    response = client.post(
        response["Location"],
        {"new_password1": "a-brand-new-passphrase-9", "new_password2": "a-brand-new-passphrase-9"},
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 302
    assert _sign_in(client, "owner@example.org", "a-brand-new-passphrase-9").status_code == 302
    assert SecurityEvent.objects.filter(event="unlocked", username="owner@example.org").exists()
    user.refresh_from_db()


# ---------------------------------------------------------------------------
# Client address (defect 3)
# ---------------------------------------------------------------------------


def _request(remote="10.0.0.1", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_client_address_ignores_x_forwarded_for_without_trusted_proxies(settings):
    settings.TRUSTED_PROXIES = 0
    assert client_address(_request("192.0.2.9", "1.2.3.4")) == "192.0.2.9"


def test_client_address_believes_only_the_trusted_proxies_entries(settings):
    settings.TRUSTED_PROXIES = 1
    # The proxy overwrites the header: one entry, the address it saw.
    assert client_address(_request("10.0.0.1", "192.0.2.50")) == "192.0.2.50"
    # A proxy that appends: what the client wrote on the left is not believed.
    assert client_address(_request("10.0.0.1", "6.6.6.6, 192.0.2.50")) == "192.0.2.50"
    settings.TRUSTED_PROXIES = 2
    assert client_address(_request("10.0.0.1", "6.6.6.6, 192.0.2.50, 10.0.0.2")) == "192.0.2.50"
    # Garbage or too few entries: the connection's address.
    assert client_address(_request("10.0.0.1", "not-an-address, 10.0.0.2")) == "10.0.0.1"
    assert client_address(_request("10.0.0.1", "")) == "10.0.0.1"


def test_a_fresh_x_forwarded_for_per_request_does_not_escape_the_token_throttle(api_client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "auth": "5/minute"},
    }
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    api_settings.reload()
    SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    try:
        codes = [
            api_client.post(
                "/api/v1/auth/token/",
                {"email": f"nobody{n}@example.org", "password": "guess"},
                REMOTE_ADDR="203.0.113.7",
                HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
            ).status_code
            for n in range(8)
        ]
    finally:
        api_settings.reload()
        SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    assert codes[:5] == [400] * 5
    assert codes[5:] == [429] * 3


def test_the_token_endpoint_shares_the_lockout(api_client):
    UserFactory(email="api@example.org")
    for n in range(5):
        api_client.post(
            "/api/v1/auth/token/", {"email": "api@example.org", "password": f"x{n}"}, REMOTE_ADDR="192.0.2.1"
        )
    response = api_client.post(
        "/api/v1/auth/token/", {"email": "api@example.org", "password": PASSWORD}, REMOTE_ADDR="192.0.2.1"
    )
    assert response.status_code == 429
    assert "token" not in response.json()


def test_audit_entries_carry_the_client_address_and_request_id(client, settings):
    settings.TRUSTED_PROXIES = 1
    admin = user_with_role("admin")
    member = UserFactory()
    client.force_login(admin)
    response = client.post(
        "/admin/accounts/membership/add/",
        {"user": member.pk, "role": "expert_reviewer"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.77",
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="role_granted", object_id=str(member.pk))
    assert entry.client_address == "192.0.2.77"
    assert entry.request_id and entry.request_id == response["X-Request-ID"]


def test_log_lines_are_safe_from_injection(client, caplog, settings):
    # A throttled attempt logs the account typed, whatever it is.
    settings.PAGE_RATE_LIMITS = {**settings.PAGE_RATE_LIMITS, "sign-in-address": "0/10m"}
    forged = "x@example.org\n2026-01-01 INFO gcm_portal.security event=signed_in actor=1"
    with caplog.at_level("INFO", logger="gcm_portal.security"):
        _sign_in(client, forged, "guess")
    lines = [r.getMessage() for r in caplog.records if r.name == "gcm_portal.security"]
    assert lines and all("\n" not in line for line in lines)
    assert any("\\x0a2026-01-01" in line for line in lines)


def test_refused_access_to_a_protected_object_is_recorded(client):
    from tests.factories.reviews import build_world

    world = build_world()
    member = UserFactory()
    client.force_login(member)
    response = client.get(reverse("reviews:report-detail", args=[world.draft_gh.pk]), REMOTE_ADDR="192.0.2.5")
    assert response.status_code == 404
    event = SecurityEvent.objects.get(event="access_refused", actor=member)
    assert event.client_address == "192.0.2.5" and event.request_id
    assert event.detail["status"] == 404 and event.detail["view"] == "reviews:report-detail"
    # A page refused without naming an object (a staff page answering 404 to a member) is not an object
    # lookup and is not recorded; unknown URLs (scanners) neither.
    assert client.get("/curation/").status_code in (403, 404)
    assert client.get("/no-such-page/").status_code == 404
    assert SecurityEvent.objects.filter(event="access_refused", actor=member).count() <= 2
