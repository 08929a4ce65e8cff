"""Access policy rows for the reviews API (merged into tests/policy.py)."""

from tests.policy_base import Expect

REVIEWS_API_POLICY: dict[str, list[Expect]] = {}
