"""Kernel background tasks. Thin: plain values in, one call out."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail


@shared_task(
    name="core.send_email",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_email_task(to: list[str], subject: str, body: str) -> int:
    """Send one plain-text e-mail; returns the number of messages the backend accepted."""
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to, fail_silently=False)


@shared_task(name="core.extract_text")
def extract_text_task(label: str, pk: int) -> str:
    """Extract the text of an uploaded document so search can use it."""
    from .extract import document_text_extract

    return document_text_extract(label=label, pk=pk)
