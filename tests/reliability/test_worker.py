"""The outbox and a real Celery worker on the real Redis: a task kept while the broker was down is
delivered when it returns, a task delivered twice sends one e-mail, and a worker killed mid-task has
its task delivered again and the e-mail sent exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection, transaction

from gcm_portal.core.email import email_send
from gcm_portal.core.models import OutboxMessage, TaskEffect
from gcm_portal.core.outbox import outbox_relay

from .faults import DEAD_REDIS, QUEUES, broker_at, wait_for


@pytest.mark.redis
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_task_kept_while_the_broker_was_down_is_sent_once_when_it_returns(empty_queues):
    from celery.contrib.testing.worker import start_worker

    from gcm_portal.celery import app

    with broker_at(DEAD_REDIS), transaction.atomic():
        email_send(to=["staff@example.org"], subject="Kept", body="Waited in the outbox.")
    message = OutboxMessage.objects.get()
    assert message.sent_at is None and message.last_error

    OutboxMessage.objects.update(available_at=message.created_at)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10, queues=QUEUES):
        assert outbox_relay() == 1
        wait_for(lambda: len(mail.outbox) == 1, what="the e-mail")
        # Delivered again (a relay that died before marking it sent): the worker runs it, sends nothing.
        OutboxMessage.objects.update(sent_at=None)
        assert outbox_relay() == 1
        with transaction.atomic():
            email_send(to=["staff@example.org"], subject="After", body="Queued behind the repeat.")
        wait_for(lambda: len(mail.outbox) == 2, what="the second e-mail")
    assert [m.subject for m in mail.outbox] == ["Kept", "After"]


def _start_worker(tmp_path: Path, delay: float) -> subprocess.Popen:
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "SECRET_KEY": "worker-test-not-secret",
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:{database['PORT']}"
            f"/{database['NAME']}"
        ),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_VISIBILITY_TIMEOUT": "3",
        "GCM_TEST_EMAIL_DIR": str(tmp_path),
        "GCM_TEST_EMAIL_DELAY": str(delay),
    }
    command = [sys.executable, "-m", "celery", "-A", "gcm_portal", "worker", "-P", "solo", "-Q", ",".join(QUEUES)]
    command += ["--without-heartbeat", "--without-mingle", "--without-gossip", "--loglevel", "WARNING"]
    return subprocess.Popen(command, env=env, start_new_session=True, cwd=settings.BASE_DIR)


def _stop(worker: subprocess.Popen, sig=signal.SIGTERM) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, sig)
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=5)


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_mid_task_leads_to_exactly_one_email(tmp_path, empty_queues):
    with transaction.atomic():
        email_send(to=["staff@example.org"], subject="Once", body="Exactly once.")
    message = OutboxMessage.objects.get()
    assert message.sent_at is not None  # published to the real broker after commit

    first = _start_worker(tmp_path, delay=30)
    try:
        wait_for(lambda: list(tmp_path.glob("started-*")), timeout=60, what="the first worker to start sending")
        _stop(first, signal.SIGKILL)  # killed mid-task: the message was never acknowledged
    finally:
        _stop(first, signal.SIGKILL)
    assert not list(tmp_path.glob("sent-*"))

    second = _start_worker(tmp_path, delay=0)
    try:
        wait_for(lambda: list(tmp_path.glob("sent-*")), timeout=90, what="the redelivered e-mail")
        time.sleep(4)  # past another visibility timeout: nothing more arrives
    finally:
        _stop(second)
    assert len(list(tmp_path.glob("sent-*"))) == 1
    assert TaskEffect.objects.filter(key=f"core.send_email:{message.key}").count() == 1
