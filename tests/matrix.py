"""The permission matrix's records, shared by every module that asks the policy's URLs as its roles
(tests/test_permission_matrix.py, the hostile-input corpus in tests/security/test_corpus.py): a user of
every role and every app's world of records in every state (the focal_point role is Ghana's focal
point), built once for the module by the ``matrix`` fixture (tests/conftest.py, module_records.py)."""

from __future__ import annotations

from tests.factories.accounts import user_with_role
from tests.factories.champions import build_champions_world
from tests.factories.kit import build_kit_world
from tests.factories.knowledge import build_knowledge_world
from tests.factories.mptf import build_mptf_world
from tests.factories.reviews import build_world
from tests.policy import ROLES

WORLDS = {
    "reviews": build_world,
    "kit": build_kit_world,
    "champions": build_champions_world,
    "mptf": build_mptf_world,
    "knowledge": build_knowledge_world,
}


def build_matrix() -> tuple[dict, dict]:
    """``(users, worlds)``: a user of every role (None for anonymous) and every app's world."""
    users = {role: user_with_role(role) if role != "anonymous" else None for role in ROLES}
    worlds = {name: build(focal_gh=users["focal_point"]) for name, build in WORLDS.items()}
    worlds["knowledge"].build_all()  # built on first use elsewhere: here, before any role's savepoint
    return users, worlds
