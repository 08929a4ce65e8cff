"""The resilient Redis cache against a real Redis: clearing it leaves the broker's keys alone, the page
cache's generation counters move together in one pipeline, and an entry is found under the current
generations in one round trip."""

from __future__ import annotations

import pytest
import redis
from django.conf import settings
from django.core.cache import cache

from gcm_portal.core import pagecache

pytestmark = pytest.mark.redis


@pytest.fixture
def raw():
    client = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])
    yield client
    client.close()


def test_clear_deletes_the_cache_keys_and_leaves_a_queue_in_the_same_database(raw):
    queue = "gcm-test-queue-" + settings.CACHES["default"]["KEY_PREFIX"]
    raw.rpush(queue, "a task")
    cache.set("page", "rendered")
    cache.set("other-version", "rendered", version=7)
    try:
        assert cache.clear()
        assert cache.get("page") is None
        assert cache.get("other-version", version=7) is None
        assert raw.lrange(queue, 0, -1) == [b"a task"]
    finally:
        raw.delete(queue)


def test_bump_counters_starts_a_missing_counter_from_the_given_value_and_adds_one_to_the_others(raw):
    cache.set("gen:a", 41, timeout=None)
    cache.bump_counters(["gen:a", "gen:b"], start=1_000)
    assert cache.get("gen:a") == 42
    assert cache.get("gen:b") == 1_001


def test_a_bump_on_redis_moves_each_kind_its_app_and_the_global_generation():
    kinds = ["reviews.voluntaryreport", "reviews.*", "champions.champion", "champions.*", pagecache.GLOBAL]
    before = pagecache.generations(kinds)
    pagecache._bump_now(["reviews.voluntaryreport", "champions.champion"])
    after = pagecache.generations(kinds)
    assert all(after[kind] > before[kind] for kind in kinds), (before, after)


def test_get_with_counters_reads_the_counters_and_the_value_under_them_in_one_round_trip(monkeypatch):
    cache.set("gen:x", 7, timeout=None)
    cache.set("entry:5f:7.0", ("stored", [1, 2]))
    cache.get_with_counters(["gen:x"], "entry:5f:")  # the script is loaded into the server once
    client = cache._cache.get_client(write=False)
    sent = []
    execute = client.execute_command
    monkeypatch.setattr(client, "execute_command", lambda *args, **kw: sent.append(args[0]) or execute(*args, **kw))

    assert cache.get_with_counters(["gen:x", "gen:missing"], "entry:5f:") == ([7, 0], ("stored", [1, 2]))
    assert sent == ["EVALSHA"]
    cache.bump_counters(["gen:x"], start=0)
    assert cache.get_with_counters(["gen:x", "gen:missing"], "entry:5f:") == ([8, 0], None)


def test_the_cache_reuses_one_redis_client_per_connection_pool():
    backend = cache._cache
    assert backend.get_client(write=True) is backend.get_client(write=True)


def test_a_remembered_fragment_is_found_under_the_current_generations_and_rebuilt_after_a_bump():
    calls = []
    assert pagecache.remember("t", ["reviews.*"], lambda: calls.append(1) or "built") == "built"
    assert pagecache.remember("t", ["reviews.*"], lambda: calls.append(1) or "built") == "built"
    assert calls == [1]
    pagecache._bump_now(["reviews.voluntaryreport"])
    assert pagecache.remember("t", ["reviews.*"], lambda: calls.append(1) or "rebuilt") == "rebuilt"
