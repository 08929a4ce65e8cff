"""The resilient Redis cache against a real Redis: clearing it leaves the broker's keys alone, and the
page cache's generation counters move together in one pipeline."""

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
