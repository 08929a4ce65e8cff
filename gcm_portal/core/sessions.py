"""Sessions kept in the database and mirrored in the cache: a signed-in page reads its session from the
cache (no query), and the database stays the record, so a cache that is down or emptied signs nobody
out. Django's ``cached_db`` store survives some cache errors; this one survives them all: on load
(including refilling the cache from the database), save, delete and the existence check."""

from __future__ import annotations

import logging

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDbStore
from django.contrib.sessions.backends.db import SessionStore as DbStore

log = logging.getLogger("django.contrib.sessions")


class SessionStore(CachedDbStore):
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
