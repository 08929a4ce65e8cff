"""Sign-in protection: the hooks django-axes calls, and the security events of signing in and out.

- Lockout (django-axes, settings ``AXES_*``): failures counted per account and client address together;
  a locked-out person sees why, for how long, and that a password reset lifts it at once.
- Each sign-in, sign-out, failure and lockout is a security event (:func:`gcm_portal.core.security.
  security_event`) with the client address and the request id.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import user_logged_in, user_logged_out, user_login_failed
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from gcm_portal.core.models import SecurityEvent
from gcm_portal.core.security import security_event

__all__ = ["axes_username", "connect_signals", "lockout_lift", "lockout_response"]


def axes_username(request, credentials) -> str:
    """The account a sign-in attempt names: e-mail addresses compare without case or spaces."""
    credentials = credentials or {}
    value = credentials.get("username") or credentials.get("email")
    if value is None and request is not None:
        data = getattr(request, "POST", {})
        value = data.get("username") or data.get("email")
    return str(value or "").strip().lower()[:254]


def lockout_minutes() -> int:
    return round(float(settings.AXES_COOLOFF_TIME) * 60)


def lockout_response(request, original_response=None, credentials=None):
    """429 with what happened and what to do: wait, or reset the password (which lifts the lockout)."""
    minutes = lockout_minutes()
    path = getattr(request, "path", "")
    if path.startswith("/api/"):
        response = JsonResponse(
            {
                "detail": _(
                    "Too many failed sign-in attempts for this account from your address. Try again in "
                    "%(minutes)d minutes, or reset your password."
                )
                % {"minutes": minutes}
            },
            status=429,
        )
    else:
        response = render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


def lockout_lift(*, username: str) -> int:
    """Lift every lockout of an account (after its owner proved control of the e-mail address)."""
    from axes.utils import reset

    removed = reset(username=username.strip().lower())
    if removed:
        security_event(SecurityEvent.Event.UNLOCKED, username=username)
    return removed


def _signed_in(sender, request, user, **kwargs):
    from gcm_portal.core.sessions import session_started

    if request is not None and hasattr(request, "session"):
        session_started(request)
    security_event(SecurityEvent.Event.SIGNED_IN, actor=user, request=request)


def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        security_event(SecurityEvent.Event.SIGNED_OUT, actor=user, request=request)


def _sign_in_failed(sender, credentials, request=None, **kwargs):
    security_event(SecurityEvent.Event.SIGN_IN_FAILED, username=axes_username(None, credentials), request=request)


def _locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    security_event(SecurityEvent.Event.LOCKED_OUT, username=username or "", request=request)


def connect_signals() -> None:
    from axes.signals import user_locked_out

    user_logged_in.connect(_signed_in, dispatch_uid="gcm_security_signed_in")
    user_logged_out.connect(_signed_out, dispatch_uid="gcm_security_signed_out")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="gcm_security_sign_in_failed")
    user_locked_out.connect(_locked_out, dispatch_uid="gcm_security_locked_out")
