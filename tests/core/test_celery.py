"""A real Celery worker, against the real Redis, runs the e-mail task."""

import pytest
from django.core import mail

from gcm_portal.core.tasks import send_email_task


def test_email_task_runs_in_process_in_tests(db):
    """Tests run tasks in-process (see tests/conftest.py); the worker test below uses the real broker."""
    result = send_email_task.delay(["someone@example.org"], "Subject", "Body")
    assert result.get() == 1
    assert mail.outbox[0].subject == "Subject"


@pytest.mark.redis
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_real_worker_completes_the_email_task(settings, empty_queues):
    from celery.contrib.testing.worker import start_worker

    from gcm_portal.celery import app

    assert app.conf.broker_url.startswith("redis://")
    assert not app.conf.task_always_eager
    with start_worker(
        app,
        pool="solo",
        perform_ping_check=False,
        shutdown_timeout=10,
        loglevel="WARNING",
        queues=["celery", "mail", "extract"],
    ):
        result = send_email_task.delay(["worker@example.org"], "From the worker", "Sent by a real worker.")
        assert result.get(timeout=20) == 1
    assert result.status == "SUCCESS"
    assert [m.subject for m in mail.outbox] == ["From the worker"]
