"""Rate limits for pages that are not API endpoints: sign-in attempts per address, password-reset and
registration e-mails per address and per target address.

A fixed window counted in the cache (``"5/hour"``-style rates, as DRF writes them). A cache that is
down lets requests through (logged): the lockout of :mod:`axes` keeps its own record in the database.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time

from django.conf import settings
from django.core.cache import cache

__all__ = ["parse_rate", "rate_limited", "too_many_requests"]

log = logging.getLogger(__name__)

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])")


def parse_rate(rate: str) -> tuple[int, int]:
    """``"5/h"`` is 5 per hour, ``"30/10m"`` 30 per 10 minutes."""
    match = _RATE.match(rate)
    if match is None:
        raise ValueError(f"not a rate: {rate!r} (write e.g. 5/h or 30/10m)")
    count, multiple, unit = match.groups()
    return int(count), int(multiple or 1) * _PERIODS[unit]


def rate_limited(scope: str, ident: str) -> bool:
    """Count one hit for ``ident`` in ``scope`` (rate from ``settings.PAGE_RATE_LIMITS[scope]``); True when
    it is over the limit. ``ident`` is hashed, so no address or e-mail address is kept in the cache."""
    rate = settings.PAGE_RATE_LIMITS.get(scope)
    if not rate or not ident:
        return False
    limit, period = parse_rate(rate)
    window = int(time.time() // period)
    digest = hashlib.sha256(f"{scope}:{ident}".lower().encode()).hexdigest()[:32]
    key = f"ratelimit:{scope}:{digest}:{window}"
    try:
        cache.add(key, 0, timeout=period + 5)
        count = cache.incr(key)
    except Exception:
        log.warning("rate limit cache unreachable for %s", scope, exc_info=True)
        return False
    # The resilient cache answers None while Redis is unreachable: fail open, as the API throttles do.
    return count is not None and count > limit


def too_many_requests(request, message: str, *, retry_after: int = 600):
    """The page a rate-limited person sees: 429, what happened, and when to try again."""
    from django.shortcuts import render

    response = render(request, "too_many_requests.html", {"message": message}, status=429)
    response["Retry-After"] = str(retry_after)
    return response
