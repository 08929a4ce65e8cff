"""One entry point for telling people something: an on-site notice plus an e-mail, each in the
recipient's own language. Services call :func:`notify` (or :func:`notify_role`) inside their
transaction; e-mail leaves only after commit, so a rolled-back action notifies no one.

Every notification links to the thing it is about: give ``target`` (a record with
``get_absolute_url``) or an explicit ``path``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Model, QuerySet
from django.urls import translate_url
from django.utils import timezone

from gcm_portal.accounts.selectors import users_with_role

from .email import email_send, render_email
from .models import Notification

__all__ = ["choice_label", "notification_list_for", "notifications_mark_read", "notify", "notify_role", "unread_count"]


def choice_label(obj: Model, field: str):
    """The label of ``obj``'s choice in ``field``, still lazy, for a notice's context: ``get_FOO_display()``
    translates at once into the actor's language, while each recipient should read their own."""
    return dict(obj._meta.get_field(field).flatchoices).get(getattr(obj, field), getattr(obj, field))


def _localised_url(path: str, language: str) -> str:
    # ``path`` was reversed in the active language (the actor's); translate_url resolves it there.
    return translate_url(path, language) if path else ""


def _path_of(target: Model | None, path: str) -> str:
    if path:
        return path
    if target is not None:
        return target.get_absolute_url()
    raise ValueError("A notification links to what it is about: give target= or path=.")


def notify(
    *, event: str, recipients: Iterable, context: dict, target: Model | None = None, path: str = "", actor=None
) -> list[Notification]:
    """Send ``event`` (templates ``notifications/<event>_subject.txt`` and ``_body.txt``) to each
    active recipient once; the actor is not told of their own action."""
    path = _path_of(target, path)
    sent: list[Notification] = []
    seen: set[int] = set()
    for user in recipients:
        if user.pk in seen or not user.is_active or (actor is not None and user.pk == getattr(actor, "pk", None)):
            continue
        seen.add(user.pk)
        language = user.preferred_language or settings.LANGUAGE_CODE
        local_path = _localised_url(path, language)
        link = f"{settings.SITE_URL}{local_path}"
        subject, body = render_email(
            f"notifications/{event}", {**context, "recipient_name": str(user), "link": link}, language=language
        )
        sent.append(
            Notification.objects.create(recipient=user, event=event, title=subject[:300], body=body, url=local_path)
        )
        email_send(to=[user.email], subject=subject, body=body)
    return sent


def notify_role(
    role: str,
    *,
    event: str,
    context: dict,
    target: Model | None = None,
    path: str = "",
    actor=None,
    country=None,
    entity=None,
) -> list[Notification]:
    """:func:`notify` every active holder of ``role`` (for one country or entity when given)."""
    return notify(
        event=event,
        recipients=users_with_role(role, country=country, entity=entity),
        context=context,
        target=target,
        path=path,
        actor=actor,
    )


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
