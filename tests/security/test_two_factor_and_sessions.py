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
