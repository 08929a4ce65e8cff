"""The transactional outbox: work for the task queue, written in the same transaction as the change that
caused it, and relayed to Celery after.

Enqueueing a task straight to the broker after commit loses it when the broker is down at that moment
(or the process dies between the commit and the publish). Here a service calls :func:`outbox_enqueue`
inside its transaction; the task is a row (:class:`~gcm_portal.core.models.OutboxMessage`) that commits
or rolls back with the change. A **relay** then hands unsent rows to Celery and marks them sent:

- right after the commit (``on_commit``), unless the broker failed moments ago in this process;
- every ``OUTBOX_RELAY_SECONDS`` by the beat task ``core.outbox_relay``;
- on demand: ``manage.py outbox_relay`` (``--watch N`` repeats every N seconds).

A row that cannot be published stays unsent, with its error, and is tried again after a growing delay
(capped at 5 minutes). Delivery is **at least once**: a relay that dies between publishing and marking
sends the task again, and a worker killed mid-task has it redelivered (``acks_late``). The row's key is
the Celery task id, and tasks with an effect outside the database wrap it in :func:`effect_once`, so a
task delivered twice has its effect once.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import OutboxMessage, TaskEffect

__all__ = ["effect_once", "outbox_backlog", "outbox_enqueue", "outbox_prune", "outbox_relay"]

log = logging.getLogger(__name__)

MAX_DELAY_SECONDS = 300
# After a failed publish, the after-commit attempts of this process wait this long (the beat task and
# the command still try), so requests do not each wait on a dead broker.
BROKER_PAUSE_SECONDS = 5


class _BrokerState:
    def __init__(self):
        self.lock = threading.Lock()
        self.paused_until = 0.0
        self.down = False

    def failed(self, exc: Exception) -> None:
        with self.lock:
            first = not self.down
            self.down = True
            self.paused_until = time.monotonic() + BROKER_PAUSE_SECONDS
        if first:
            log.warning("outbox: broker unreachable (%s: %s); tasks wait in the outbox", exc.__class__.__name__, exc)

    def succeeded(self) -> None:
        if self.down:
            with self.lock:
                self.down = False
                self.paused_until = 0.0
            log.info("outbox: broker reachable again")

    def paused(self) -> bool:
        return self.down and time.monotonic() < self.paused_until


_broker = _BrokerState()


def outbox_enqueue(
    task: str, *, args: Sequence = (), kwargs: dict | None = None, key: str = "", using: str = "default"
) -> OutboxMessage:
    """Queue Celery task ``task`` (its registered name) with JSON-serialisable ``args``/``kwargs``.
    The row is written now, in the open transaction, and relayed after it commits; nothing is sent if it
    rolls back. ``key`` (default: a random one) becomes the task id."""
    message = OutboxMessage.objects.using(using).create(
        key=key or uuid.uuid4().hex,
        task=task,
        args=list(args),
        kwargs=dict(kwargs or {}),
        available_at=timezone.now(),
    )
    pk = message.pk
    transaction.on_commit(lambda: _relay_after_commit(pk, using), using=using)
    return message


def _relay_after_commit(pk: int, using: str) -> None:
    if _broker.paused():
        return
    try:
        outbox_relay(ids=[pk], using=using)
    except Exception:
        # The change is committed; the row waits for the next relay. Never fail the request for it.
        log.exception("outbox: relay after commit failed for message %s", pk)


def _publish(message: OutboxMessage) -> None:
    from gcm_portal.celery import app

    if app.conf.task_always_eager:
        if message.task not in app.tasks:
            app.loader.import_default_modules()  # every app's tasks module (the worker does it at start)
        app.tasks[message.task].apply_async(args=message.args, kwargs=message.kwargs, task_id=message.key)
    else:
        app.send_task(message.task, args=message.args, kwargs=message.kwargs, task_id=message.key, retry=False)


def _delay(attempts: int) -> timedelta:
    return timedelta(seconds=min(MAX_DELAY_SECONDS, 2 ** min(attempts, 10)))


def outbox_relay(*, ids: Iterable[int] | None = None, limit: int = 500, using: str = "default") -> int:
    """Hand unsent, due messages to Celery, oldest first; returns how many were sent. Stops at the first
    broker failure (the rest would fail alike). Safe to run in several processes at once: each message
    is locked while it is published (rows locked by another relay are skipped on PostgreSQL)."""
    pending = OutboxMessage.objects.using(using).filter(sent_at__isnull=True, available_at__lte=timezone.now())
    if ids is not None:
        pending = pending.filter(pk__in=list(ids))
    sent = 0
    for pk in list(pending.order_by("pk").values_list("pk", flat=True)[:limit]):
        with transaction.atomic(using=using):
            message = (
                OutboxMessage.objects.using(using)
                .select_for_update(skip_locked=True)
                .filter(pk=pk, sent_at__isnull=True)
                .first()
            )
            if message is None:
                continue
            try:
                with transaction.atomic(using=using):
                    _publish(message)
            except Exception as exc:
                message.attempts += 1
                message.last_error = f"{exc.__class__.__name__}: {exc}"[:300]
                message.available_at = timezone.now() + _delay(message.attempts)
                message.save(update_fields=["attempts", "last_error", "available_at"])
                from gcm_portal.celery import app

                if app.conf.task_always_eager:
                    log.exception("outbox: task %s (%s) failed", message.task, message.key)
                    continue
                _broker.failed(exc)
                break
            message.sent_at = timezone.now()
            message.attempts += 1
            message.save(update_fields=["sent_at", "attempts"])
            sent += 1
    if sent:
        _broker.succeeded()
    return sent


def outbox_backlog(using: str = "default") -> dict:
    """How many messages wait, and the age in seconds of the oldest (for /healthz and monitoring)."""
    oldest = (
        OutboxMessage.objects.using(using)
        .filter(sent_at__isnull=True)
        .order_by("pk")
        .values_list("created_at", flat=True)
        .first()
    )
    waiting = OutboxMessage.objects.using(using).filter(sent_at__isnull=True).count() if oldest else 0
    age = int((timezone.now() - oldest).total_seconds()) if oldest else 0
    return {"waiting": waiting, "oldest_seconds": age}


def outbox_prune(*, using: str = "default") -> int:
    """Forget sent messages and task effects older than ``OUTBOX_KEEP_DAYS``; returns how many rows went."""
    cutoff = timezone.now() - timedelta(days=getattr(settings, "OUTBOX_KEEP_DAYS", 7))
    sent, _ = OutboxMessage.objects.using(using).filter(sent_at__lt=cutoff).delete()
    effects, _ = TaskEffect.objects.using(using).filter(done_at__lt=cutoff).delete()
    return sent + effects


@contextmanager
def effect_once(key: str, *, using: str = "default") -> Iterator[bool]:
    """``with effect_once(key) as first: if first: ...``: ``first`` is True for the first delivery of
    ``key`` only. The mark is written in the same transaction as the block, so an effect that fails
    leaves no mark and is tried again; two deliveries at once on PostgreSQL wait for each other."""
    with transaction.atomic(using=using):
        try:
            with transaction.atomic(using=using):
                TaskEffect.objects.using(using).create(key=key[:100])
        except IntegrityError:
            first = False
        else:
            first = True
        yield first
