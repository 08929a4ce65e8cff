"""API rate limits that fit an open-data portal.

Each request is counted once: anonymous requests by address (``anon``), signed-in ones by account
(``user``); DRF's pair of default throttles would count an anonymous request twice. Anonymous reads
served from the page cache (:mod:`gcm_portal.core.pagecache`) never reach a throttle and are not counted.

Every counted answer says where the client stands, in the IETF ``RateLimit`` header fields
(draft-ietf-httpapi-ratelimit-headers): ``RateLimit-Limit``, ``RateLimit-Remaining`` and
``RateLimit-Reset`` (seconds until the window has room again), with ``RateLimit-Policy``
(``<limit>;w=<window seconds>``). A 429 adds ``Retry-After``.
"""

from __future__ import annotations

from dataclasses import dataclass

from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle

from gcm_portal.core.clientip import client_address

__all__ = ["AnonymousRateThrottle", "ClientScopedRateThrottle", "RateLimitHeadersMiddleware", "SignedInRateThrottle"]


@dataclass
class RateLimitState:
    limit: int
    remaining: int
    reset: int
    window: int


class _Reporting:
    """Records where the client stands on the Django request, for the headers."""

    def allow_request(self, request, view):
        allowed = super().allow_request(request, view)
        if getattr(self, "key", None) is not None and self.rate:
            reset = int(self.duration - (self.now - self.history[-1])) if self.history else 0
            if not allowed:
                reset = int(self.wait() or 0)
            state = RateLimitState(
                limit=self.num_requests,
                remaining=max(0, self.num_requests - len(self.history)),
                reset=max(0, reset),
                window=int(self.duration),
            )
            request._request.ratelimit = state
        return allowed

    def get_cache_key(self, request, view):
        self.key = None
        key = super().get_cache_key(request, view)
        self.key = key
        return key

    def get_ident(self, request):
        """The client address from the proxy configuration (``TRUSTED_PROXIES``), never a header value
        the client chose: a fresh ``X-Forwarded-For`` per request does not escape the limit."""
        return client_address(request)


class AnonymousRateThrottle(_Reporting, AnonRateThrottle):
    """Anonymous clients, by address (``DEFAULT_THROTTLE_RATES["anon"]``)."""


class SignedInRateThrottle(_Reporting, UserRateThrottle):
    """Signed-in clients, by account (``DEFAULT_THROTTLE_RATES["user"]``); anonymous ones are left to
    :class:`AnonymousRateThrottle`, so nobody is counted twice."""

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            self.key = None
            return None
        return super().get_cache_key(request, view)


class ClientScopedRateThrottle(_Reporting, ScopedRateThrottle):
    """A view's own scope (``throttle_scope``), e.g. the token endpoint's ``auth``, counted per account
    when signed in, else per client address."""


class RateLimitHeadersMiddleware:
    """Adds the ``RateLimit`` fields to API answers that were counted."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        state = getattr(request, "ratelimit", None)
        if state is not None:
            response.headers["RateLimit-Limit"] = str(state.limit)
            response.headers["RateLimit-Remaining"] = str(state.remaining)
            response.headers["RateLimit-Reset"] = str(state.reset)
            response.headers["RateLimit-Policy"] = f"{state.limit};w={state.window}"
        return response
