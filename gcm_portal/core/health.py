"""What /healthz reports: the database always, the cache and the broker when configured.

Every probe has a short timeout (``HEALTH_TIMEOUT_SECONDS``), so the answer comes quickly even when a
service hangs. The overall status is:

- ``ok``: everything configured answers;
- ``degraded``: the database answers but the cache or the broker does not. The portal still serves
  pages, the API, sign-in and saving (cache reads miss; queued work waits in the outbox), so the answer
  is 200 and a load balancer keeps the server in rotation;
- ``error``: the database does not answer (503): nothing useful can be served.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils.crypto import get_random_string

__all__ = ["health_report"]


def _timeout() -> float:
    return float(getattr(settings, "HEALTH_TIMEOUT_SECONDS", 1.0))


def _check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return {"status": "error", "vendor": connection.vendor, "error": exc.__class__.__name__}
    return {"status": "ok", "vendor": connection.vendor}


def _redis_ping(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=_timeout(), socket_timeout=_timeout())
    try:
        client.ping()
    finally:
        client.close()


def _check_cache() -> dict:
    config = settings.CACHES["default"]
    backend = config["BACKEND"].rsplit(".", 1)[-1]
    try:
        if "redis" in config["BACKEND"].lower():
            location = config["LOCATION"]
            _redis_ping(location if isinstance(location, str) else location[0])
            # Tell a resilient cache at once that the server is back, rather than at its next retry.
            ping = getattr(cache, "ping", None)
            if ping is not None:
                ping()
            return {"status": "ok", "backend": backend}
        key = f"healthz:{get_random_string(8)}"
        cache.set(key, "1", 5)
        ok = cache.get(key) == "1"
        cache.delete(key)
    except Exception as exc:
        return {"status": "error", "backend": backend, "error": exc.__class__.__name__}
    return {"status": "ok" if ok else "error", "backend": backend}


def _check_broker() -> dict:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"status": "not_configured", "detail": "tasks run in-process"}
    from gcm_portal.celery import app

    url = app.conf.broker_url or ""
    transport = urlsplit(url).scheme or url.split(":", 1)[0]
    try:
        if transport in ("redis", "rediss"):
            _redis_ping(url)
        else:
            with app.connection_for_write() as conn:
                conn.ensure_connection(max_retries=1, timeout=_timeout(), interval_start=0, interval_max=0)
    except Exception as exc:
        return {"status": "error", "error": exc.__class__.__name__}
    return {"status": "ok", "transport": transport}


def _check_outbox() -> dict:
    from .outbox import outbox_backlog

    try:
        backlog = outbox_backlog()
    except Exception as exc:
        return {"status": "error", "error": exc.__class__.__name__}
    return {"status": "ok", **backlog}


def health_report() -> dict:
    checks = {"database": _check_database(), "cache": _check_cache(), "broker": _check_broker()}
    if checks["database"]["status"] == "ok":
        checks["outbox"] = _check_outbox()
    if checks["database"]["status"] != "ok":
        status = "error"
    elif all(check["status"] in ("ok", "not_configured") for check in checks.values()):
        status = "ok"
    else:
        status = "degraded"
    return {"status": status, "checks": checks}
