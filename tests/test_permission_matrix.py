"""Every URL pattern x role against the policy table in tests/policy/."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from tests.policy import COVERED_BY_PREFIX, POLICY, ROLES

pytestmark = pytest.mark.django_db


def _pattern_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _pattern_names(pattern.url_patterns, inner)
        else:
            yield namespace + (pattern.name or f"<unnamed {pattern.pattern}>")


def test_every_url_pattern_is_in_the_policy():
    names = set(_pattern_names(get_resolver().url_patterns))
    uncovered = sorted(name for name in names if name not in POLICY and not name.startswith(tuple(COVERED_BY_PREFIX)))
    assert not uncovered, f"URL patterns missing from tests/policy.py: {uncovered}"
    stale = sorted(set(POLICY) - names)
    assert not stale, f"tests/policy.py names URLs that no longer exist: {stale}"


CASES = [
    pytest.param(name, index, id=f"{name}[{index}]")
    for name, expectations in POLICY.items()
    for index in range(len(expectations))
]


def _ask(client, name: str, expect, url: str, data):
    kwargs = {"data": data} if data is not None else {}
    if expect.method in ("post", "put", "patch") and name.startswith("api:"):
        kwargs["content_type"] = "application/json"
    return getattr(client, expect.method)(url, **kwargs)


@pytest.mark.parametrize(("name", "index"), CASES)
def test_policy(name, index, matrix):
    """One row of the policy, asked by every role. Each role's request runs inside a savepoint that is
    rolled back, so every role meets the same records in the same states."""
    expect = POLICY[name][index]
    users, worlds = matrix
    kwargs, data = expect.kwargs, expect.data
    if callable(kwargs) or callable(data):
        world = worlds[expect.world]
        kwargs = kwargs(world) if callable(kwargs) else kwargs
        data = data(world) if callable(data) else data
    url = reverse(name, kwargs=kwargs)
    wrong = []
    for role in ROLES:
        cache.clear()  # page cache and throttle counters start afresh for each role
        client = Client()
        savepoint = transaction.savepoint()
        try:
            if users[role] is not None:
                client.force_login(users[role])
            response = _ask(client, name, expect, url, data)
        finally:
            transaction.savepoint_rollback(savepoint)
        expected = expect.codes[role]
        if response.status_code != expected:
            wrong.append(f"{role} {expect.method.upper()} {url}: {response.status_code}, expected {expected}")
        elif (
            expected == 302
            and role == "anonymous"
            and name.startswith("accounts:profile")
            and "/accounts/sign-in/" not in response["Location"]
        ):
            wrong.append(f"anonymous {url}: redirected to {response['Location']}, not to sign in")
    assert not wrong, "\n".join(wrong)
