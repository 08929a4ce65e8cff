"""Faults on loopback, for the reliability tests: a Redis that is not there (a port where nothing
listens, so connections are refused at once) for the cache, the broker or both."""

from __future__ import annotations

from contextlib import contextmanager

from django.test import override_settings

DEAD_REDIS = "redis://127.0.0.1:1/0"


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
def cache_unreachable():
    caches = {
        "default": {
            "BACKEND": "gcm_portal.core.cache.ResilientRedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    with override_settings(CACHES=caches):
        yield


@contextmanager
def redis_unreachable():
    """Cache and broker both on a Redis that is not there."""
    with cache_unreachable(), broker_at(DEAD_REDIS):
        yield
