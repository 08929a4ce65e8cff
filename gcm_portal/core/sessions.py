"""Sessions kept in the database and mirrored in the cache: a signed-in page reads its session from the
cache (no query), and the database stays the record, so a cache that is down or emptied signs nobody
out. Django's ``cached_db`` store survives some cache errors; this one survives them all: on load
(including refilling the cache from the database), save, delete and the existence check.

Each row records whose session it is (:class:`~gcm_portal.core.models.UserSession`), so
:func:`sessions_end_for` ends every session of an account at once: the database rows and the cached
copies."""

from __future__ import annotations

import logging

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDbStore
from django.contrib.sessions.backends.db import SessionStore as DbStore

log = logging.getLogger("django.contrib.sessions")


class SessionStore(CachedDbStore):
    @classmethod
    def get_model_class(cls):
        from .models import UserSession

        return UserSession

    def create_model_instance(self, data):
        instance = super().create_model_instance(data)
        try:
            instance.user_id = int(data.get(SESSION_KEY)) if data.get(SESSION_KEY) is not None else None
        except (TypeError, ValueError):
            instance.user_id = None
        return instance

    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except Exception:
            log.warning("session cache unreachable on load()", exc_info=True)
            data = None
        if data is not None:
            return data
        stored = self._get_session_from_db()
        if not stored:
            return {}
        data = self.decode(stored.session_data)
        try:
            self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=stored.expire_date))
        except Exception:
            log.warning("session cache unreachable on refill", exc_info=True)
        return data

    def exists(self, session_key):
        try:
            return super().exists(session_key)
        except Exception:
            log.warning("session cache unreachable on exists()", exc_info=True)
            return DbStore.exists(self, session_key)

    def delete(self, session_key=None):
        try:
            super().delete(session_key)
        except Exception:
            log.warning("session cache unreachable on delete()", exc_info=True)
            DbStore.delete(self, session_key or self.session_key)


def sessions_end_for(user_id: int, *, keep: str | None = None) -> int:
    """End every session of an account (but ``keep``, the session making the change): the database row
    and the cached copy of each. Returns how many were ended."""
    from .models import UserSession

    keys = list(
        UserSession.objects.filter(user_id=user_id)
        .exclude(session_key=keep or "")
        .values_list("session_key", flat=True)
    )
    for key in keys:
        SessionStore(session_key=key).delete(key)
    return len(keys)


# ---------------------------------------------------------------------------
# Lifetimes: an absolute lifetime and an idle timeout, shorter for accounts that need a second factor
# ---------------------------------------------------------------------------

STARTED_KEY = "_gcm_started"
SEEN_KEY = "_gcm_seen"
SEEN_WRITE_SECONDS = 60  # the last-seen time is written at most once a minute (one session save)


def session_limits(user) -> tuple[int, int]:
    """(absolute lifetime, idle timeout) in seconds for ``user``'s sessions."""
    from django.conf import settings

    from gcm_portal.accounts.twofactor import second_factor_required

    if second_factor_required(user):
        return settings.STAFF_SESSION_ABSOLUTE_SECONDS, settings.STAFF_SESSION_IDLE_SECONDS
    return settings.SESSION_ABSOLUTE_SECONDS, settings.SESSION_IDLE_SECONDS


def session_started(request) -> None:
    """Called when someone signs in: the clocks start now."""
    import time

    now = int(time.time())
    request.session[STARTED_KEY] = now
    request.session[SEEN_KEY] = now


class SessionLifetimeMiddleware:
    """Signs out a session past its absolute lifetime or idle for too long, and says why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        import time

        from django.contrib import messages
        from django.contrib.auth import logout
        from django.utils.translation import gettext as _

        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            started = request.session.get(STARTED_KEY)
            seen = request.session.get(SEEN_KEY)
            if started is None or seen is None:
                session_started(request)
            else:
                absolute, idle = session_limits(user)
                if now - started > absolute or now - seen > idle:
                    from .models import SecurityEvent
                    from .security import security_event

                    security_event(
                        SecurityEvent.Event.SESSION_EXPIRED,
                        actor=user,
                        detail={"reason": "idle" if now - seen > idle else "lifetime"},
                    )
                    logout(request)
                    messages.info(request, _("Your session has ended. Please sign in again."))
                elif now - seen > SEEN_WRITE_SECONDS:
                    request.session[SEEN_KEY] = now
        return self.get_response(request)
