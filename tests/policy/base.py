"""Shared vocabulary of the access policy (roles, expected codes).

Codes: 200 ok, 302 redirect (to sign-in for pages that need an account), 401 API without
credentials, 403 signed in but not allowed, 404 not visible, 405 wrong method.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ROLES = (
    "anonymous",
    "member",
    "focal_point",
    "entity_focal_point",
    "expert_reviewer",
    "network_staff",
    "fund_manager",
    "admin",
)
SIGNED_IN = ROLES[1:]


def everyone(code: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, code)


def signed_in(code: int = 200, *, anonymous: int = 302) -> dict[str, int]:
    return {"anonymous": anonymous} | dict.fromkeys(SIGNED_IN, code)


def only(allowed: dict[str, int], *, others: int) -> dict[str, int]:
    return {role: allowed.get(role, others) for role in ROLES}


PUBLIC = everyone(200)
API_SIGNED_IN = signed_in(200, anonymous=401)
ADMIN_SITE = only({"network_staff": 200, "fund_manager": 200, "admin": 200}, others=302)


@dataclass(frozen=True)
class Expect:
    """Expected status per role for one URL and method; ``kwargs`` fill the URL's parameters. Callable
    ``kwargs`` or ``data`` take the ``world`` of records the test builds first (see the matrix test)."""

    codes: dict[str, int]
    method: str = "get"
    kwargs: dict = field(default_factory=dict)
    data: dict | None = None
    world: str = "reviews"
