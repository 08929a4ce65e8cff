"""The client's address, from the proxy configuration: one answer for throttles, lockout and the audit log.

``TRUSTED_PROXIES`` says how many reverse proxies stand in front of the portal (0 by default: the
portal faces the clients, and ``X-Forwarded-For`` is ignored, since any client can send it). With N
proxies, each appending the address it saw to ``X-Forwarded-For``, the client is the N-th entry from
the right; entries further left were written by the client and are never believed. The documented
proxy configuration (docs/deployment.md) overwrites the header with the address it saw, so with one
proxy the header holds exactly one address.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings

__all__ = ["client_address"]


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request) -> str:
    """The client's IP address as text ("" when there is none, e.g. a request built in a test)."""
    request = getattr(request, "_request", request)  # a DRF request wraps Django's
    cached = getattr(request, "_gcm_client_address", None)
    if cached is not None:
        return cached
    remote = _valid(request.META.get("REMOTE_ADDR", "") or "") or ""
    address = remote
    proxies = settings.TRUSTED_PROXIES
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            address = _valid(forwarded[-proxies]) or remote
    request._gcm_client_address = address
    return address
