"""Kernel background tasks. Thin: plain values in, one call out.

Every task is acknowledged late (``CELERY_TASK_ACKS_LATE``): a worker killed mid-task has it delivered
again. Tasks whose effect leaves the database (an e-mail) claim it with
:func:`~gcm_portal.core.outbox.effect_once` under their task id, which is the outbox message's key, so
a task delivered twice sends once.
"""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail


@shared_task(
    bind=True,
    name="core.send_email",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_email_task(self, to: list[str], subject: str, body: str) -> int:
    """Send one plain-text e-mail, once per task id; returns the number of messages the backend accepted
    (0 for a repeated delivery)."""
    from .outbox import effect_once

    with effect_once(f"core.send_email:{self.request.id}") as first:
        if not first:
            return 0
        return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to, fail_silently=False)


@shared_task(name="core.extract_text")
def extract_text_task(label: str, pk: int) -> str:
    """Extract the text of an uploaded document so search can use it (idempotent: it rewrites the text)."""
    from .extract import document_text_extract

    return document_text_extract(label=label, pk=pk)


@shared_task(name="core.outbox_relay")
def outbox_relay_task() -> int:
    """Periodic (beat): relay what the outbox still holds, and forget what was sent long ago."""
    from .outbox import outbox_prune, outbox_relay

    sent = outbox_relay()
    outbox_prune()
    return sent
