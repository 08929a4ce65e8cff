import json

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_healthz_reports_each_service(client, settings):
    response = client.get("/healthz")
    data = json.loads(response.content)
    assert data["checks"]["database"]["status"] == "ok"
    assert data["checks"]["cache"]["status"] == "ok"
    if settings.CELERY_TASK_ALWAYS_EAGER:
        assert data["checks"]["broker"]["status"] == "not_configured"
    assert response.status_code == 200 and data["status"] == "ok"


def test_healthz_says_so_when_a_configured_redis_is_down(client):
    """A Redis cache configured on a port where nothing listens: /healthz answers 503 and names it."""
    dead = "redis://127.0.0.1:6390/0"
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": dead,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    with override_settings(CACHES=caches):
        response = client.get("/healthz")
    data = json.loads(response.content)
    assert response.status_code == 503
    assert data["checks"]["cache"]["status"] == "error"


def test_healthz_says_so_when_a_configured_broker_is_down(client, settings):
    from gcm_portal.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    previous = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:6390/0"
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url = previous
    data = json.loads(response.content)
    assert response.status_code == 503
    assert data["checks"]["broker"]["status"] == "error"
