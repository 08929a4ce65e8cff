"""Outgoing e-mail: rendered in the recipient's language, sent by a Celery task through the outbox."""

from __future__ import annotations

from collections.abc import Sequence

from django.template import Context, engines
from django.utils import translation

from .outbox import outbox_enqueue

__all__ = ["email_send", "email_send_template", "render_email"]


def render_email(template_prefix: str, context: dict, *, language: str) -> tuple[str, str]:
    """Render ``<prefix>_subject.txt`` and ``<prefix>_body.txt`` in ``language`` as plain text: without
    HTML escaping, so a comment with "&" or "<" arrives as written."""
    engine = engines["django"].engine
    with translation.override(language):
        subject = " ".join(
            engine.get_template(f"{template_prefix}_subject.txt").render(Context(context, autoescape=False)).split()
        )
        body = engine.get_template(f"{template_prefix}_body.txt").render(Context(context, autoescape=False))
    return subject, body


def email_send(*, to: Sequence[str], subject: str, body: str) -> None:
    """Queue one e-mail through the outbox (written in the open transaction, sent after it commits);
    nothing is sent if the transaction rolls back, and nothing is lost if the broker is down."""
    outbox_enqueue("core.send_email", args=[list(to), subject, body])


def email_send_template(*, to: Sequence[str], template_prefix: str, context: dict, language: str = "en") -> None:
    subject, body = render_email(template_prefix, context, language=language)
    email_send(to=to, subject=subject, body=body)
