import json
import time

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

# A port where nothing listens: connections are refused at once.
DEAD_REDIS = "redis://127.0.0.1:1/0"


def test_healthz_reports_each_service(client, settings):
    response = client.get("/healthz")
    data = json.loads(response.content)
    assert data["checks"]["database"]["status"] == "ok"
    assert data["checks"]["cache"]["status"] == "ok"
    assert data["checks"]["outbox"] == {"status": "ok", "waiting": 0, "oldest_seconds": 0}
    if settings.CELERY_TASK_ALWAYS_EAGER:
        assert data["checks"]["broker"]["status"] == "not_configured"
    assert response.status_code == 200 and data["status"] == "ok"


def test_healthz_is_never_served_from_the_page_cache(client):
    client.get("/healthz")
    response = client.get("/healthz")
    assert "X-Page-Cache" not in response
    assert "no-cache" in response["Cache-Control"]


def test_healthz_says_degraded_quickly_when_a_configured_redis_is_down(client):
    """A Redis cache configured on a port where nothing listens: /healthz still answers 200 (the portal
    serves without its cache), says ``degraded``, names the cache, and does so at once."""
    caches = {"default": {"BACKEND": "gcm_portal.core.cache.ResilientRedisCache", "LOCATION": DEAD_REDIS}}
    with override_settings(CACHES=caches):
        started = time.monotonic()
        response = client.get("/healthz")
        elapsed = time.monotonic() - started
    data = json.loads(response.content)
    assert response.status_code == 200
    assert data["status"] == "degraded"
    assert data["checks"]["cache"]["status"] == "error"
    assert data["checks"]["database"]["status"] == "ok"
    assert elapsed < 1.5


def test_healthz_says_degraded_when_a_configured_broker_is_down(client, settings):
    from gcm_portal.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    previous = app.conf.broker_url
    app.conf.broker_url = DEAD_REDIS
    try:
        started = time.monotonic()
        response = client.get("/healthz")
        elapsed = time.monotonic() - started
    finally:
        app.conf.broker_url = previous
    data = json.loads(response.content)
    assert response.status_code == 200 and data["status"] == "degraded"
    assert data["checks"]["broker"]["status"] == "error"
    assert elapsed < 1.5
