"""Access policy rows for the champions app."""

from tests.policy.base import PUBLIC, Expect

CHAMPIONS_POLICY: dict[str, list[Expect]] = {
    "champions:index": [Expect(PUBLIC)],
}
