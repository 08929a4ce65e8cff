"""Security events: sign-ins, failures, lockouts, second-factor changes, tokens, refused access.

:func:`security_event` is the one entry point. Each event is stored (:class:`~gcm_portal.core.models.
SecurityEvent`) with the actor, the client address (:mod:`gcm_portal.core.clientip`), the request id
and the path, and written as one log line on the ``gcm_portal.security`` logger. Values that come
from the client (an e-mail address typed into a form, a path) are escaped before they reach the log,
so nobody can forge a log line with a newline.

The request id and the client address of the request being served are kept in a context variable by
:class:`RequestContextMiddleware`; the audit log reads them too.
"""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar
from dataclasses import dataclass

from .clientip import client_address

__all__ = [
    "RequestContext",
    "RequestContextMiddleware",
    "current_context",
    "log_safe",
    "security_event",
]

log = logging.getLogger("gcm_portal.security")

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    client_address: str = ""
    path: str = ""


_NO_REQUEST = RequestContext()
_context: ContextVar[RequestContext | None] = ContextVar("gcm_request_context", default=None)


def current_context() -> RequestContext:
    return _context.get() or _NO_REQUEST


class RequestContextMiddleware:
    """Gives every request an id (``X-Request-ID``, the proxy's when it sends a well-formed one and is
    trusted, else a new one), resolves the client address once, and sends the id back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings

        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        trusted = settings.TRUSTED_PROXIES > 0 and _REQUEST_ID.match(incoming)
        request_id = incoming if trusted else uuid.uuid4().hex
        request.request_id = request_id
        token = _context.set(RequestContext(request_id, client_address(request), request.path[:300]))
        try:
            response = self.get_response(request)
        finally:
            _context.reset(token)
        response.headers.setdefault("X-Request-ID", request_id)
        return response


def log_safe(value, limit: int = 300) -> str:
    """``value`` as one line of text: control characters (newlines included) escaped, length capped."""
    text = str(value)[:limit]
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def security_event(event: str, *, actor=None, username: str = "", detail: dict | None = None, request=None):
    """Record a security event and log it. ``username`` is what was typed (for failures of unknown
    accounts); ``request`` is only needed outside a request cycle's middleware (it is read for its
    address and path then)."""
    from .models import SecurityEvent

    context = current_context()
    if request is not None and not context.request_id:
        django_request = getattr(request, "_request", request)
        context = RequestContext(
            getattr(django_request, "request_id", ""),
            client_address(django_request),
            getattr(django_request, "path", "")[:300],
        )
    actor = actor if getattr(actor, "is_authenticated", False) and getattr(actor, "pk", None) else None
    entry = SecurityEvent.objects.create(
        event=event,
        actor=actor,
        username=str(username or "")[:254],
        client_address=context.client_address or None,
        request_id=context.request_id,
        path=context.path,
        detail=detail or {},
    )
    log.info(
        "event=%s actor=%s username=%s address=%s request_id=%s path=%s detail=%s",
        event,
        actor.pk if actor else "-",
        log_safe(username or "-"),
        context.client_address or "-",
        context.request_id or "-",
        log_safe(context.path or "-"),
        log_safe(detail or {}),
    )
    return entry


class RefusedAccessMiddleware:
    """Records every refused access to a protected object: a 403, or a 404 answered by a view that
    looked a record up (a URL with arguments) for a signed-in account or an API client. Unknown URLs
    (scanners) are not recorded."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        status = response.status_code
        if status in (403, 404):
            match = getattr(request, "resolver_match", None)
            user = getattr(request, "user", None)
            signed_in = bool(user is not None and user.is_authenticated)
            if match is not None and (
                status == 403 or (match.kwargs and (signed_in or "HTTP_AUTHORIZATION" in request.META))
            ):
                security_event(
                    "access_refused",
                    actor=user if signed_in else None,
                    detail={"status": status, "view": match.view_name, "method": request.method},
                )
        return response
