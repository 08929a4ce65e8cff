"""Faults on loopback, for the reliability tests: a Redis that is not there (a port where nothing
listens, so connections are refused at once) for the cache, the broker or both; and a Redis server the
test starts, stops and starts again itself."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from contextlib import contextmanager

from django.test import override_settings

DEAD_REDIS = "redis://127.0.0.1:1/0"
QUEUES = ["celery", "mail", "extract", "index"]


def wait_for(condition, timeout: float = 30.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def _reset_broker_connections(app) -> None:
    from kombu import pools

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def broker_at(url: str, *, eager: bool = False):
    """Celery publishes to ``url`` (not in-process) for the duration."""
    from gcm_portal.celery import app

    previous = app.conf.broker_url, app.conf.task_always_eager
    _reset_broker_connections(app)
    app.conf.broker_url, app.conf.task_always_eager = url, eager
    try:
        yield app
    finally:
        _reset_broker_connections(app)
        app.conf.broker_url, app.conf.task_always_eager = previous


@contextmanager
def cache_at(url: str):
    """The default cache is the portal's resilient Redis cache at ``url`` for the duration."""
    caches = {
        "default": {
            "BACKEND": "gcm_portal.core.cache.ResilientRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    with override_settings(CACHES=caches):
        yield


def cache_unreachable():
    return cache_at(DEAD_REDIS)


@contextmanager
def redis_unreachable():
    """Cache and broker both on a Redis that is not there."""
    with cache_unreachable(), broker_at(DEAD_REDIS):
        yield


class LoopbackRedis:
    """A Redis server of the test's own on a free loopback port: ``stop()`` shuts it down (clients get
    "connection refused", as when Redis dies), ``start()`` brings it back on the same port, empty."""

    def __init__(self) -> None:
        self.executable = shutil.which("redis-server")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self) -> None:
        command = [self.executable, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly"]
        self.process = subprocess.Popen([*command, "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not self.answers():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"redis-server did not start on port {self.port}")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None
        assert not self.answers()
