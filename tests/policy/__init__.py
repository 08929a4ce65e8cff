"""The access policy: for every URL pattern, what each role gets. The single source of truth the
permission-matrix test checks; every new URL must appear here or the suite fails. Each app's rows live
in its own module here (``kernel``, ``reviews``, ``reviews_api``, ``champions``, ``kit``, ``knowledge``,
``knowledge_api``...) and are
merged below.

Codes: 200 ok, 302 redirect (to sign-in for pages that need an account), 401 API without
credentials, 403 signed in but not allowed, 404 not visible, 405 wrong method.
"""

from __future__ import annotations

from .base import ROLES, SIGNED_IN, Expect
from .champions import CHAMPIONS_POLICY
from .kernel import KERNEL_POLICY
from .kit import KIT_POLICY
from .knowledge import KNOWLEDGE_POLICY
from .knowledge_api import KNOWLEDGE_API_POLICY
from .mptf import MPTF_POLICY
from .mptf_api import MPTF_API_POLICY
from .reviews import REVIEWS_POLICY
from .reviews_api import REVIEWS_API_POLICY

__all__ = ["COVERED_BY_PREFIX", "POLICY", "ROLES", "SIGNED_IN"]

POLICY: dict[str, list[Expect]] = {}
for rows in (
    KERNEL_POLICY,
    CHAMPIONS_POLICY,
    REVIEWS_POLICY,
    REVIEWS_API_POLICY,
    KIT_POLICY,
    MPTF_POLICY,
    MPTF_API_POLICY,
    KNOWLEDGE_POLICY,
    KNOWLEDGE_API_POLICY,
):
    overlap = set(POLICY) & set(rows)
    assert not overlap, f"URL names in two policy modules: {sorted(overlap)}"
    POLICY.update(rows)

# Whole URL groups covered by the representative rows above, with the reason.
COVERED_BY_PREFIX = {
    "admin:": "Django admin views: the site admits only staff roles (admin:index row) and each model "
    "checks its own permissions, which follow roles (admin changelist rows).",
}
