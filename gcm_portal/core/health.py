"""What /healthz reports: the database always, the cache and the broker when configured."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils.crypto import get_random_string


def _check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return {"status": "error", "vendor": connection.vendor, "error": exc.__class__.__name__}
    return {"status": "ok", "vendor": connection.vendor}


def _check_cache() -> dict:
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    key = f"healthz:{get_random_string(8)}"
    try:
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

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return {"status": "error", "error": exc.__class__.__name__}
    return {"status": "ok", "transport": app.conf.broker_url.split(":", 1)[0]}


def health_report() -> dict:
    checks = {"database": _check_database(), "cache": _check_cache(), "broker": _check_broker()}
    healthy = all(check["status"] in ("ok", "not_configured") for check in checks.values())
    return {"status": "ok" if healthy else "error", "checks": checks}
