"""Two-factor authentication for staff, fund managers and administrators; session lifetimes."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from gcm_portal.core.models import SecurityEvent
from gcm_portal.core.sessions import SEEN_KEY, STARTED_KEY
from tests.factories.accounts import PASSWORD, UserFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _enforced(settings):
    settings.TWO_FACTOR_ENFORCED = True


def _code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def _unthrottle(user):
    from django_otp import devices_for_user

    for device in devices_for_user(user, confirmed=None):
        device.throttle_reset()


def _sign_in(client, email):
    return client.post(reverse("accounts:login"), {"username": email, "password": PASSWORD})


@pytest.mark.parametrize("role", ["network_staff", "fund_manager", "admin"])
def test_privileged_accounts_reach_no_staff_page_nor_the_admin_without_a_second_factor(client, role):
    user = user_with_role(role, email=f"{role}@example.org")
    response = _sign_in(client, user.email)
    assert response.status_code == 302 and reverse("accounts:two-factor-setup") in response["Location"]
    for url in ("/curation/", "/admin/", "/audit/", reverse("accounts:profile"), "/api/v1/me/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "/two-factor/" in response["Location"], url
    assert SecurityEvent.objects.filter(event="access_refused", actor=user).exists()


def test_setting_up_and_using_the_second_factor(client):
    staff = user_with_role("network_staff", email="staff2fa@example.org")
    _sign_in(client, staff.email)
    page = client.get(reverse("accounts:two-factor-setup"))
    assert page.status_code == 200 and b"data:image/svg+xml" in page.content
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert client.post(reverse("accounts:two-factor-setup"), {"token": "000000"}).status_code == 400
    _unthrottle(staff)
    response = client.post(reverse("accounts:two-factor-setup"), {"token": _code(device), "next": "/curation/"})
    assert response.status_code == 200
    codes = response.context["codes"]
    assert len(codes) == 10
    assert client.get("/curation/").status_code == 200
    assert client.get("/admin/").status_code == 200
    # Next sign-in: password, then the code (a recovery code works once).
    client.post(reverse("accounts:logout"))
    response = _sign_in(client, staff.email)
    assert reverse("accounts:two-factor-verify") in response["Location"]
    assert client.get("/curation/").status_code == 302
    assert client.post(reverse("accounts:two-factor-verify"), {"token": "123456"}).status_code == 400
    _unthrottle(staff)  # django-otp slows down guessing: each failure doubles the wait before the next try
    assert client.post(reverse("accounts:two-factor-verify"), {"token": codes[0]}).status_code == 302
    assert client.get("/curation/").status_code == 200
    client.post(reverse("accounts:logout"))
    _sign_in(client, staff.email)
    assert client.post(reverse("accounts:two-factor-verify"), {"token": codes[0]}).status_code == 400  # used
    events = set(SecurityEvent.objects.filter(actor=staff).values_list("event", flat=True))
    assert {"otp_added", "recovery_codes", "otp_verified", "otp_failed"} <= events


def test_members_may_go_without_a_second_factor(client):
    member = UserFactory(email="plain@example.org")
    assert _sign_in(client, member.email)["Location"] == reverse("accounts:profile")
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_an_idle_or_too_old_session_is_signed_out(client, settings):
    member = UserFactory()
    client.force_login(member)
    assert client.get(reverse("accounts:profile")).status_code == 200
    session = client.session
    session[SEEN_KEY] = int(time.time()) - settings.SESSION_IDLE_SECONDS - 5
    session.save()
    assert client.get(reverse("accounts:profile")).status_code == 302
    client.force_login(member)
    session = client.session
    session[STARTED_KEY] = int(time.time()) - settings.SESSION_ABSOLUTE_SECONDS - 5
    session.save()
    assert client.get(reverse("accounts:profile")).status_code == 302
    assert SecurityEvent.objects.filter(event="session_expired", actor=member).count() == 2


def test_staff_sessions_are_shorter(client, settings):
    settings.TWO_FACTOR_ENFORCED = False
    staff = user_with_role("network_staff")
    client.force_login(staff)
    session = client.session
    session[SEEN_KEY] = int(time.time()) - settings.STAFF_SESSION_IDLE_SECONDS - 5
    session.save()
    assert settings.STAFF_SESSION_IDLE_SECONDS < settings.SESSION_IDLE_SECONDS
    assert client.get("/curation/").status_code == 302


def _set_up(client, user) -> tuple[TOTPDevice, list[str]]:
    """Sign in and set up an authenticator app; returns it and the recovery codes shown."""
    _sign_in(client, user.email)
    client.get(reverse("accounts:two-factor-setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("accounts:two-factor-setup"), {"token": _code(device)})
    assert "no-store" in response["Cache-Control"]
    device.refresh_from_db()
    device.last_t = -1  # the set-up code may be given again in this test's 30 seconds
    device.save(update_fields=["last_t"])
    return device, response.context["codes"]


def _signs_in_with(user, code: str) -> bool:
    from django.test import Client

    client = Client()
    _sign_in(client, user.email)
    _unthrottle(user)
    return client.post(reverse("accounts:two-factor-verify"), {"token": code}).status_code == 302


@pytest.mark.parametrize("confirm_with", ["authenticator", "recovery code"])
def test_a_new_set_of_recovery_codes_replaces_the_old_one(client, confirm_with):
    staff = user_with_role("network_staff", email="codes@example.org")
    device, old_codes = _set_up(client, staff)
    url = reverse("accounts:two-factor-recovery-codes")
    assert url in client.get(reverse("accounts:profile")).content.decode()
    page = client.get(url)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert b'<label for="id_token">' in page.content and b"csrfmiddlewaretoken" in page.content
    # A wrong code, or none, issues nothing.
    for wrong in ("", "000000"):
        response = client.post(url, {"token": wrong})
        assert response.status_code == 400 and "codes" not in response.context
        _unthrottle(staff)
    assert SecurityEvent.objects.filter(actor=staff, event="otp_failed", detail__step="recovery codes").count() == 2
    token = _code(device) if confirm_with == "authenticator" else old_codes[1]
    response = client.post(url, {"token": token})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    new_codes = response.context["codes"]
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    assert all(code in response.content.decode() for code in new_codes)
    assert client.get(url).context.get("codes") is None  # shown once
    assert SecurityEvent.objects.filter(actor=staff, event="recovery_codes", detail__reason="renewed").exists()
    assert not _signs_in_with(staff, old_codes[2])  # the old set stopped working at once
    assert _signs_in_with(staff, new_codes[0])


def test_the_recovery_code_page_needs_a_signed_in_account_with_an_authenticator_and_a_csrf_token(client):
    from django.test import Client
    from django_otp.plugins.otp_static.models import StaticDevice

    url = reverse("accounts:two-factor-recovery-codes")
    assert reverse("accounts:login") in client.get(url)["Location"]
    member = UserFactory(email="nocodes@example.org")
    client.force_login(member)
    for response in (client.get(url), client.post(url, {"token": "123456"})):
        assert response.status_code == 302 and response["Location"] == reverse("accounts:two-factor-setup")
    assert not StaticDevice.objects.filter(user=member).exists()
    staff = user_with_role("network_staff", email="csrf@example.org")
    signed_in = Client()
    device, _codes = _set_up(signed_in, staff)
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = signed_in.cookies  # the same session, from a page that sends no CSRF token
    assert strict.get(url).status_code == 200
    assert strict.post(url, {"token": _code(device)}).status_code == 403
    assert not SecurityEvent.objects.filter(actor=staff, event="recovery_codes", detail__reason="renewed").exists()
