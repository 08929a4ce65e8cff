"""A Redis cache that the portal can live without.

Everything the portal keeps in the cache can be recomputed or read from the database: rendered pages,
fragments, throttle counters, session mirrors. So when Redis is unreachable, :class:`ResilientRedisCache`
answers every read as a miss, drops every write, and the request carries on (pages render, the API
answers without counting, sessions come from the database).

- **Logged once per outage**: a WARNING when the cache stops answering, an INFO when it answers again;
  nothing per request in between.
- **No waiting on a dead server**: after a failure, the cache is not asked again for
  ``RETRY_SECONDS`` (``OPTIONS["retry_seconds"]``, 5 by default) in this process; requests meanwhile
  miss at once instead of each waiting for a socket timeout.
- **No stale pages after the outage**: writes made while the cache was unreachable could not bump the
  page cache's generations, so when the cache answers again the callbacks registered with
  :func:`on_cache_recovery` run (the page cache bumps every generation it knows).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from django.core.cache.backends.base import DEFAULT_TIMEOUT, default_key_func
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

__all__ = ["ResilientRedisCache", "on_cache_recovery"]

log = logging.getLogger(__name__)

_recovery_callbacks: list[Callable[[], None]] = []


def on_cache_recovery(callback: Callable[[], None]) -> None:
    """Run ``callback()`` each time a resilient cache answers again after an outage (once per process)."""
    if callback not in _recovery_callbacks:
        _recovery_callbacks.append(callback)


class _Down(Exception):
    """Raised inside the wrapper while the cache is known to be down."""


class _ReusedClients(RedisCacheClient):
    """Django's client builds a new ``redis.Redis`` for every operation, and each copies some 170
    response callbacks: 0.4 ms, twice per page-cache hit, more than the round trips. A client per
    connection pool is built once and reused (it is thread-safe; the pool reconnects after a fork)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, where an unreachable server is a miss (see the module)."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.retry_seconds = float(options.pop("retry_seconds", 5))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = _ReusedClients
        self._counted_get = None  # the script of get_with_counters(), registered at first use
        self._lock = threading.Lock()
        self._down_since: float | None = None
        self._retry_at = 0.0

    # -- state ---------------------------------------------------------------

    @property
    def available(self) -> bool:
        """False while the last attempt failed and the retry delay has not passed."""
        return self._down_since is None

    def _guard(self) -> None:
        if self._down_since is not None and time.monotonic() < self._retry_at:
            raise _Down

    def _failed(self, exc: Exception) -> None:
        with self._lock:
            first = self._down_since is None
            now = time.monotonic()
            if first:
                self._down_since = now
            self._retry_at = now + self.retry_seconds
        if first:
            log.warning(
                "cache %s unreachable (%s: %s): serving without it, retrying every %s s",
                self._servers,
                exc.__class__.__name__,
                exc,
                self.retry_seconds,
            )

    def _succeeded(self) -> None:
        if self._down_since is None:
            return
        with self._lock:
            if self._down_since is None:
                return
            outage = time.monotonic() - self._down_since
            self._down_since = None
        log.info("cache %s reachable again after %.1f s", self._servers, outage)
        for callback in list(_recovery_callbacks):
            try:
                callback()
            except Exception:
                log.warning("cache recovery callback %r failed", callback, exc_info=True)

    def _call(self, default, method, *args, **kwargs):
        try:
            self._guard()
            result = method(*args, **kwargs)
        except _Down:
            return default
        except (ValueError, TypeError):
            raise  # the caller's error (incr of a missing key), not the server's
        except Exception as exc:
            self._failed(exc)
            return default
        self._succeeded()
        return result

    # -- the cache API ---------------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._call({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call(False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        return self._call(None, super().incr, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(None, super().delete_many, keys, version)

    def clear(self):
        """Delete this cache's own keys (those under its key prefix), not the whole Redis database:
        the Celery broker may keep its queues in the same database, and Django's ``clear()`` would
        flush them with the cache."""
        return self._call(False, self._clear_own_keys)

    def _clear_own_keys(self) -> bool:
        client = self._cache.get_client(write=True)
        batch = []
        for key in client.scan_iter(match=self.make_key("*", version="*"), count=1000):
            batch.append(key)
            if len(batch) == 500:
                client.unlink(*batch)
                batch = []
        if batch:
            client.unlink(*batch)
        return True

    def bump_counters(self, keys, start: int) -> None:
        """Add one to each counter in ``keys``, a missing one starting from ``start``: one round trip for
        them all (a pipeline of SET NX and INCR), where ``incr()`` takes two per key."""

        def run():
            pipe = self._cache.get_client(write=True).pipeline(transaction=False)
            for key in keys:
                full = self.make_and_validate_key(key)
                pipe.set(full, start, nx=True)
                pipe.incr(full)
            pipe.execute()

        self._call(None, run)

    # Reads the counters, appends their values to the stem, and reads the value under that key: all in
    # the server, so the caller waits for one round trip instead of two.
    _COUNTED_GET = """
    local counters = redis.call('MGET', unpack(KEYS))
    local values = {}
    for i = 1, #KEYS do values[i] = counters[i] or '0' end
    return {values, redis.call('GET', ARGV[1] .. table.concat(values, '.'))}
    """

    def get_with_counters(self, counter_keys: list[str], stem: str):
        """The values of the counters in ``counter_keys`` (0 when missing) and the value stored under
        ``stem`` followed by those values joined with dots (None when missing), in one round trip: the
        page cache's lookup of an entry under the current generations. None when the server is
        unreachable. Standalone Redis only (the entry's key is computed in the server)."""
        if self.key_func is not default_key_func:
            return None  # the entry's key could not be built in the server

        def run():
            client = self._cache.get_client(write=False)
            if self._counted_get is None:
                self._counted_get = client.register_script(self._COUNTED_GET)
            keys = [self.make_and_validate_key(key) for key in counter_keys]
            counters, raw = self._counted_get(keys=keys, args=[self.make_and_validate_key(stem)], client=client)
            value = None if raw is None else self._cache._serializer.loads(raw)
            return [int(counter) for counter in counters], value

        return self._call(None, run)

    def ping(self) -> bool:
        """Ask the server directly (no retry delay): True when it answers."""
        try:
            client = self._cache.get_client(write=False)
            ok = bool(client.ping())
        except Exception as exc:
            self._failed(exc)
            return False
        self._succeeded()
        return ok
