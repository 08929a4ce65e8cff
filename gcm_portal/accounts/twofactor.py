"""Two-factor authentication (django-otp): TOTP from an authenticator app, with single-use recovery codes.

- Required for administrators, accounts with admin-site access, Network staff and fund managers
  (:func:`second_factor_required`); optional for everyone else, and asked at every sign-in once set up.
- :class:`SecondFactorMiddleware` stops a signed-in account that needs a second factor and has not given
  one in this session before any page but the second-factor pages and signing out: staff pages and the
  admin are never reached with a password alone. ``TWO_FACTOR_ENFORCED`` (on unless a test turns it off)
  switches the gate.
- A new set of recovery codes (:func:`recovery_codes_renew`) is issued only to an account with a confirmed
  authenticator, against a current code from it or a current recovery code; the old set stops working at
  once.
- Setting up, verifying, failing, issuing recovery codes and removing the second factor are security
  events (:func:`gcm_portal.core.security.security_event`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from gcm_portal.core.models import SecurityEvent
from gcm_portal.core.security import security_event
from gcm_portal.permissions import PRIVILEGED_ROLES, is_admin, roles_of

__all__ = [
    "RECOVERY_CODES",
    "SecondFactorMiddleware",
    "has_second_factor",
    "has_totp",
    "recovery_codes_issue",
    "recovery_codes_renew",
    "second_factor_next",
    "second_factor_remove",
    "second_factor_required",
    "second_factor_verify",
    "totp_confirm",
    "totp_pending",
]

RECOVERY_CODES = 10
SESSION_WANTS = "_gcm_second_factor"

# Pages a signed-in account reaches before giving its second factor.
OPEN_VIEWS = frozenset(
    {
        "accounts:two-factor-setup",
        "accounts:two-factor-verify",
        "accounts:logout",
        "set_language",
        "healthz",
    }
)


def second_factor_required(user) -> bool:
    """Administrators, Network staff and fund managers sign in with a second factor."""
    if is_admin(user) or getattr(user, "is_staff", False):
        return True
    return any(grant.role in PRIVILEGED_ROLES for grant in roles_of(user))


def has_second_factor(user) -> bool:
    from django_otp import user_has_device

    return user_has_device(user, confirmed=True)


def has_totp(user) -> bool:
    """Whether the account has a confirmed authenticator app (recovery codes alone do not count)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def _safe(next_url: str, request) -> str:
    if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        return next_url
    return reverse("accounts:profile")


def second_factor_next(request, next_url: str) -> str | None:
    """Where a person who just signed in with a password goes first: the second-factor page when their
    account has one or must have one (None: nowhere, they are done)."""
    user = request.user
    if not (second_factor_required(user) or has_second_factor(user)):
        return None
    request.session[SESSION_WANTS] = True
    page = "accounts:two-factor-verify" if has_second_factor(user) else "accounts:two-factor-setup"
    return reverse(page) + "?" + urlencode({"next": _safe(next_url, request)})


def totp_pending(user):
    """The account's authenticator being set up (unconfirmed), made on first call."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
    return device


@transaction.atomic
def totp_confirm(request, token: str) -> list[str] | None:
    """Confirm the pending authenticator with a first code; returns new recovery codes, or None."""
    from django_otp import login as otp_login

    device = totp_pending(request.user)
    if not device.verify_token((token or "").strip().replace(" ", "")):
        security_event(SecurityEvent.Event.OTP_FAILED, actor=request.user, detail={"step": "setup"})
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    request.session.pop(SESSION_WANTS, None)
    security_event(SecurityEvent.Event.OTP_ADDED, actor=request.user, detail={"device": "totp"})
    return recovery_codes_issue(request.user, reason="setup")


def recovery_codes_issue(user, *, reason: str) -> list[str]:
    """Ten new single-use recovery codes (the old ones stop working); shown once. ``reason``: "setup" or
    "renewed", recorded with the security event."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    device, _created = StaticDevice.objects.get_or_create(user=user, name="recovery", defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    security_event(SecurityEvent.Event.RECOVERY_CODES, actor=user, detail={"reason": reason})
    return codes


@transaction.atomic
def recovery_codes_renew(user, token: str) -> list[str] | None:
    """A new set of recovery codes for an account with a confirmed authenticator, confirmed with a current
    code from it or one of the current recovery codes (spent by this); None when the code is not right
    (django-otp's throttle slows guessing). The old codes stop working in the same transaction."""
    from django_otp import devices_for_user

    token = (token or "").strip().replace(" ", "")
    confirmed = token and any(
        device.verify_token(token) for device in devices_for_user(user, confirmed=True, for_verify=True)
    )
    if not confirmed:
        security_event(SecurityEvent.Event.OTP_FAILED, actor=user, detail={"step": "recovery codes"})
        return None
    return recovery_codes_issue(user, reason="renewed")


def second_factor_verify(request, token: str) -> bool:
    """Check a code from the authenticator or a recovery code; on success this session is verified."""
    from django_otp import devices_for_user
    from django_otp import login as otp_login

    token = (token or "").strip().replace(" ", "")
    with transaction.atomic():
        for device in devices_for_user(request.user, confirmed=True, for_verify=True):
            if device.verify_token(token):
                otp_login(request, device)
                request.session.pop(SESSION_WANTS, None)
                security_event(
                    SecurityEvent.Event.OTP_VERIFIED, actor=request.user, detail={"device": type(device).__name__}
                )
                return True
    security_event(SecurityEvent.Event.OTP_FAILED, actor=request.user, detail={"step": "verify"})
    return False


def second_factor_remove(user) -> None:
    """Remove every second factor of an account that is not required to have one."""
    from django_otp import devices_for_user

    for device in devices_for_user(user, confirmed=None):
        device.delete()
    security_event(SecurityEvent.Event.OTP_REMOVED, actor=user)


class SecondFactorMiddleware:
    """The gate: a signed-in account that needs a second factor (required, or set up and asked for at
    sign-in) reaches nothing but the second-factor pages until it has given one in this session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.TWO_FACTOR_ENFORCED:
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_VIEWS:
            return None
        if not (request.session.get(SESSION_WANTS) or second_factor_required(user)):
            return None
        security_event(SecurityEvent.Event.ACCESS_REFUSED, actor=user, detail={"reason": "second factor"})
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": _("Give your second factor first (sign in on the web).")}, status=403)
        page = "accounts:two-factor-verify" if has_second_factor(user) else "accounts:two-factor-setup"
        return HttpResponseRedirect(reverse(page) + "?" + urlencode({"next": request.get_full_path()}))
