"""With a real Celery worker on the real Redis: publishing makes a record findable within seconds, and
withdrawing it removes it."""

from __future__ import annotations

import time

import pytest

from knowledge import services
from tests.factories.accounts import user_with_role


def found(client, q: str) -> bool:
    return any(
        hit["title"] == "Seasonal worker guidance" for hit in client.get("/api/v1/search/", {"q": q}).json()["results"]
    )


def wait_for(condition, seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.redis
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publishing_is_findable_within_seconds_with_a_worker(client, settings):
    from celery.contrib.testing.worker import start_worker

    from gcm_portal.celery import app

    settings.PAGE_CACHE_ENABLED = False
    assert not app.conf.task_always_eager
    staff = user_with_role("network_staff")
    with start_worker(
        app, pool="solo", perform_ping_check=False, shutdown_timeout=10, loglevel="WARNING", queues=["celery", "index"]
    ):
        resource = services.resource_create(
            actor=staff,
            data={"title": "Seasonal worker guidance", "resource_type": "guidance", "publisher": "ILO"},
            publish=True,
        )
        assert wait_for(lambda: found(client, "seasonal"))
        services.resource_curate(resource=resource, action="reopen", actor=staff, comment="Withdrawn for a fix.")
        assert wait_for(lambda: not found(client, "seasonal"))
