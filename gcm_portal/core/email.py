"""Outgoing e-mail: rendered in the recipient's language, sent by a Celery task after commit."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

__all__ = ["email_send", "email_send_template", "render_email"]


def render_email(template_prefix: str, context: dict, *, language: str) -> tuple[str, str]:
    """Render ``<prefix>_subject.txt`` and ``<prefix>_body.txt`` in ``language``."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
        body = render_to_string(f"{template_prefix}_body.txt", context)
    return subject, body


def email_send(*, to: Sequence[str], subject: str, body: str) -> None:
    """Queue one e-mail; nothing is sent if the surrounding transaction rolls back."""
    from .tasks import send_email_task

    recipients = list(to)
    transaction.on_commit(lambda: send_email_task.delay(recipients, subject, body))


def email_send_template(*, to: Sequence[str], template_prefix: str, context: dict, language: str = "en") -> None:
    subject, body = render_email(template_prefix, context, language=language)
    email_send(to=to, subject=subject, body=body)
