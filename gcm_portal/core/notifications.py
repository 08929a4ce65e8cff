"""One entry point for telling people something: an on-site notice plus an e-mail, each in the
recipient's own language. Services call :func:`notify` inside their transaction; e-mail leaves only
after commit, so a rolled-back action notifies no one."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db.models import QuerySet
from django.urls import translate_url
from django.utils import timezone

from .email import email_send, render_email
from .models import Notification

__all__ = ["notification_list_for", "notifications_mark_read", "notify", "unread_count"]


def _localised_url(path: str, language: str) -> str:
    # ``path`` was reversed in the active language (the actor's); translate_url resolves it there.
    return translate_url(path, language) if path else ""


def notify(*, event: str, recipients: Iterable, context: dict, path: str = "", actor=None) -> list[Notification]:
    """Send ``event`` (templates ``notifications/<event>_subject.txt`` and ``_body.txt``) to each
    active recipient once; the actor is not told of their own action."""
    sent: list[Notification] = []
    seen: set[int] = set()
    for user in recipients:
        if user.pk in seen or not user.is_active or (actor is not None and user.pk == getattr(actor, "pk", None)):
            continue
        seen.add(user.pk)
        language = user.preferred_language or settings.LANGUAGE_CODE
        local_path = _localised_url(path, language)
        link = f"{settings.SITE_URL}{local_path}" if local_path else ""
        subject, body = render_email(
            f"notifications/{event}", {**context, "recipient_name": str(user), "link": link}, language=language
        )
        sent.append(
            Notification.objects.create(recipient=user, event=event, title=subject[:300], body=body, url=local_path)
        )
        email_send(to=[user.email], subject=subject, body=body)
    return sent


def notification_list_for(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    queryset = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        queryset = queryset.filter(pk__in=list(ids))
    return queryset.update(read_at=timezone.now())
