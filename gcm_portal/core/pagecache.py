"""The public page cache: anonymous GET answers of public pages and API reads, stored whole (status,
headers, body) and invalidated exactly.

**What is stored.** A GET or HEAD that reaches a view, from a visitor with no session cookie and no
credentials (so never a signed-in user or an API client with a token, and no database query to find out), answered 200 with a complete body, that did not use
a CSRF token, set a cookie or carry a pending message. Anything personal fails one of these tests, so it
never enters the cache. Views may opt out with ``page_cache = False`` (a class attribute, a viewset
attribute, or a function attribute).

**The key** is the host, the path, the query string, the active language and, for the API, the format
asked for, together with the *generations* of what the view shows.

**Invalidation.** Every write to a table of a tracked app (``PAGE_CACHE_TRACKED_APPS``: the reference
data and the domain apps), however it is issued (``save()``, ``QuerySet.update()``, ``bulk_create``, the
workflow engine's conditional updates, raw SQL: an execute wrapper on every database connection sees
them all), and every publication event (:mod:`gcm_portal.core.publication`), bumps generation counters,
at first write and again when the transaction commits: the model's own ("reviews.voluntaryreport"), its
app's ("reviews.*") and the global one ("*"). A view that shows
only some kinds declares them (``page_cache_kinds = ("taxonomy.*",)``) and is invalidated only by those;
every other view depends on the global generation, so any change to anything public renders it anew. The time-to-live (``PAGE_CACHE_SECONDS``) is a safety net for
what changes with the calendar (deadlines, "upcoming"), not the invalidation mechanism.

**Conditional requests.** Stored answers carry an ``ETag`` (a hash of the body, unless the view set its
own) and ``Last-Modified`` (when it was rendered); ``If-None-Match`` gets a 304 with no body.

**Where it runs.** First in the middleware stack: a hit is answered before any other middleware
(session, locale, CSRF, authentication, messages, throttles) runs, from the path's language (its
prefix, or the default language) and the view the path resolves to; a miss is stored as the full stack
answered it, outer headers included. A cached answer costs no database query and is not counted by the
API's throttles. Answers to signed-in users are marked ``Cache-Control: private`` so no shared cache keeps them.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections.abc import Iterable
from functools import lru_cache

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import connections, transaction
from django.db.backends.signals import connection_created
from django.dispatch import receiver
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language

from .cache import on_cache_recovery
from .publication import publication_changed

__all__ = [
    "GLOBAL",
    "PageCacheMiddleware",
    "bump",
    "connect_invalidation",
    "generations",
    "page_cache_kinds_of",
    "remember",
]

log = logging.getLogger(__name__)

GLOBAL = "*"
GENERATION_PREFIX = "pc:gen:"
ENTRY_PREFIX = "pc:page:"
# Set by Django's get_token() on a request whose CSRF token a page or form used: nothing to share.
CSRF_USED = "CSRF_COOKIE_NEEDS_UPDATE"
HEADER = "X-Page-Cache"  # "hit" or "miss", for the benchmark and the curious
# Per-request headers never stored: cookies, the cache's own header, the throttles' counters.
SKIPPED_HEADERS = {
    "set-cookie",
    "x-page-cache",
    "ratelimit-limit",
    "ratelimit-remaining",
    "ratelimit-reset",
    "ratelimit-policy",
}


# ---------------------------------------------------------------------------
# Generations
# ---------------------------------------------------------------------------


def generations(kinds: Iterable[str]) -> dict[str, int]:
    """The current generation of each kind (0 when never bumped). One cache round trip."""
    keys = {GENERATION_PREFIX + kind: kind for kind in kinds}
    try:
        found = cache.get_many(list(keys))
    except Exception:
        log.warning("page cache: generations unavailable", exc_info=True)
        return {}
    return {kind: int(found.get(key, 0)) for key, kind in keys.items()}


def _bump_now(kinds: Iterable[str]) -> None:
    apps_of = {kind.split(".")[0] + ".*" for kind in kinds if "." in kind}
    everything = {*kinds, *apps_of, GLOBAL}
    # A first bump starts from the clock, so a key never repeats after the cache is emptied.
    start = int(time.time() * 1000)
    if bump_counters := getattr(cache, "bump_counters", None):  # Redis: one round trip for them all
        bump_counters([GENERATION_PREFIX + kind for kind in sorted(everything)], start)
        return
    for kind in everything:
        key = GENERATION_PREFIX + kind
        try:
            try:
                cache.incr(key)
            except ValueError:
                cache.add(key, start, timeout=None)
        except Exception:
            log.warning("page cache: could not bump %s", kind, exc_info=True)


class _Pending:
    """The kinds written in the open transaction, bumped once more when it commits."""

    def __init__(self):
        self.kinds: set[str] = set()

    def flush(self) -> None:
        _bump_now(self.kinds)


def bump(*kinds: str, using: str = "default") -> None:
    """Invalidate the pages showing ``kinds`` (and every page depending on the global generation): at
    once, and again after the open transaction commits (once per kind), so that a page rendered from the
    old data while it was open is never kept as fresh. A rolled-back write costs one extra render."""
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        _bump_now(kinds)
        return
    pending = getattr(connection, "_page_cache_pending", None)
    if pending is None or not any(entry[1] == pending.flush for entry in connection.run_on_commit):
        pending = _Pending()  # none registered yet, or it was rolled back with its savepoint
        connection._page_cache_pending = pending
        transaction.on_commit(pending.flush, using=using)
    pending.kinds.update(kinds)
    _bump_now(kinds)


WRITE = re.compile(r'^\s*(?:UPDATE|INSERT\s+INTO|DELETE\s+FROM)\s+"?([A-Za-z0-9_]+)"?', re.IGNORECASE)
_tables: dict[str, str] = {}  # db table -> the model label whose pages show it


def _watch_writes(execute, sql, params, many, context):
    """An execute wrapper on every database connection: any INSERT, UPDATE or DELETE on a tracked table,
    however it was issued (save, QuerySet.update, bulk_create, a workflow's conditional update, raw SQL),
    bumps its kind. The write itself goes first; only a write that succeeded invalidates."""
    result = execute(sql, params, many, context)
    if sql[:1] in "UIDuid " and (match := WRITE.match(sql)) and (label := _tables.get(match.group(1))):
        bump(label, using=context["connection"].alias)
    return result


def _on_connection(sender, connection, **kwargs) -> None:
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_writes)


def _on_publication(sender, event, **kwargs) -> None:
    # Already after commit: bump at once.
    _bump_now([event.kind])


def _bump_everything() -> None:
    """After a cache outage: writes made meanwhile could not bump their generations, so every page
    stored before the outage is dropped (every tracked model, its app and the global generation)."""
    _bump_now(set(_tables.values()))


def connect_invalidation() -> None:
    """Watch writes to the tracked apps' tables on every database connection, and listen to publication
    events (from the kernel's AppConfig.ready)."""
    tracked = set(getattr(settings, "PAGE_CACHE_TRACKED_APPS", ()))
    for model in apps.get_models(include_auto_created=True):
        owner = model
        if model._meta.auto_created:  # a many-to-many table: its pages are its owner's
            owner = model._meta.auto_created
        if owner._meta.app_label in tracked:
            _tables[model._meta.db_table] = owner._meta.label_lower
    connection_created.connect(_on_connection, dispatch_uid="pagecache:writes")
    for connection in connections.all(initialized_only=True):
        _on_connection(None, connection)
    publication_changed.connect(_on_publication, dispatch_uid="pagecache:publication")
    on_cache_recovery(_bump_everything)


# ---------------------------------------------------------------------------
# Fragments and values: the same generations, for parts of pages everyone sees alike
# ---------------------------------------------------------------------------

FRAGMENT_PREFIX = "pc:frag:"


def remember(name: str, kinds: Iterable[str], build, *, vary: str = ""):
    """``build()``'s value, kept until a write to one of ``kinds`` (or the safety-net lifetime): for blocks
    that are the same for every reader (figures, reference lists, a country's public panels), so signed-in
    pages and cold renders reuse them too. Varies by the active language and ``vary``. Without a reachable
    cache, ``build()`` runs every time."""
    kinds = tuple(sorted(set(kinds))) or (GLOBAL,)
    key, value = _lookup(FRAGMENT_PREFIX, [name, vary, get_language() or ""], kinds)
    if key is None:
        return build()
    if value is None:
        value = build()
        try:
            cache.set(key, value, settings.PAGE_CACHE_SECONDS)
        except Exception:
            log.warning("page cache: fragment write failed", exc_info=True)
    return value


def _lookup(prefix: str, parts: list[str], kinds: tuple[str, ...]) -> tuple[str | None, object]:
    """The key under which a value built from ``parts`` is kept at the current generations of ``kinds``,
    and the value kept there (None when there is none). The key is None when the cache is unreachable.
    One round trip with the Redis cache (``get_with_counters``), two with the others."""
    stem = prefix + hashlib.sha256("\n".join([*parts, ",".join(kinds)]).encode()).hexdigest() + ":"
    counted_get = getattr(cache, "get_with_counters", None)
    found = counted_get([GENERATION_PREFIX + kind for kind in kinds], stem) if counted_get else None
    if found is not None:
        counters, value = found
        return stem + ".".join(map(str, counters)), value
    gens = generations(kinds)
    if not gens:
        return None, None
    key = stem + ".".join(str(gens[kind]) for kind in kinds)
    try:
        return key, cache.get(key)
    except Exception:
        log.warning("page cache: read failed", exc_info=True)
        return None, None


# ---------------------------------------------------------------------------
# Which views, which kinds
# ---------------------------------------------------------------------------


def _view_owner(view_func):
    """The class (Django CBV or DRF viewset) behind a view function, or the function itself."""
    return getattr(view_func, "view_class", None) or getattr(view_func, "cls", None) or view_func


def page_cache_kinds_of(view_func, method: str) -> tuple[str, ...] | None:
    """The kinds a view's answer depends on, (GLOBAL,) by default, or None when it is not cached."""
    owner = _view_owner(view_func)
    if getattr(owner, "page_cache", True) is False or getattr(view_func, "page_cache", True) is False:
        return None
    actions = getattr(view_func, "actions", None)  # DRF viewsets: cache list and retrieve reads only
    if actions is not None and actions.get(method.lower()) not in ("list", "retrieve"):
        return None
    kinds = getattr(owner, "page_cache_kinds", None) or getattr(view_func, "page_cache_kinds", None)
    return tuple(sorted(kinds)) if kinds else (GLOBAL,)


# ---------------------------------------------------------------------------
# The middleware
# ---------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _kinds_of_path(path_info: str, language: str, urlconf) -> tuple[str, ...] | None:
    """The kinds of the view a path resolves to (None when it is not cached or not found), remembered
    per process: a hit then costs no URL resolution."""
    try:
        with translation.override(language):
            match = resolve(path_info, urlconf)
    except Resolver404:
        return None
    return page_cache_kinds_of(match.func, "GET")


@receiver(setting_changed)
def _forget_resolutions(*, setting, **kwargs) -> None:
    if setting in ("ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE"):
        _kinds_of_path.cache_clear()


def _anonymous_visitor(request) -> bool:
    """No session, no credentials, no pending message: decided without touching the database."""
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
        and "Authorization" not in request.headers
        and getattr(request, "_force_auth_user", None) is None  # DRF's test client
    )


def _api_format(request) -> str:
    if not request.path.startswith("/api/"):
        return ""
    return request.GET.get("format", "") + "|" + request.headers.get("Accept", "").split(",")[0].strip()


def _path_language(request) -> str:
    """The language the locale middleware will choose: the URL's prefix, else the default language
    (the portal's URLs use i18n_patterns without a prefix for the default language)."""
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def _etag_matches(request, etag: str) -> bool:
    wanted = request.headers.get("If-None-Match", "")
    if not wanted:
        return False
    tags = {t.strip().removeprefix("W/") for t in wanted.split(",")}
    return "*" in tags or etag.removeprefix("W/") in tags


class PageCacheMiddleware:
    """Serves stored answers before the view runs, and stores the cacheable ones (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key, entry = self._find(request)
        if entry is not None:
            return self._answer(request, entry)
        response = self.get_response(request)
        if key is not None:
            self._store(request, response, key)
        elif getattr(request, "user", None) is not None and request.user.is_authenticated:
            patch_cache_control(response, private=True)
        return response

    @staticmethod
    def _find(request) -> tuple[str | None, object]:
        """The entry's key when the answer may come from (or go into) the cache, else None; and the
        stored entry, if any. The key is the host, path, query, language and API format, and the
        generations of what the view shows."""
        if not getattr(settings, "PAGE_CACHE_ENABLED", True):
            return None, None
        if request.method not in ("GET", "HEAD") or not _anonymous_visitor(request):
            return None, None
        language = _path_language(request)
        kinds = _kinds_of_path(request.path_info, language, getattr(request, "urlconf", None))
        if kinds is None:
            return None, None
        parts = [request.get_host(), request.path, request.META.get("QUERY_STRING", ""), language, _api_format(request)]
        return _lookup(ENTRY_PREFIX, parts, kinds)

    @staticmethod
    def _answer(request, entry) -> HttpResponse:
        status, headers, content = entry
        etag = next((v for k, v in headers if k.lower() == "etag"), "")
        if etag and _etag_matches(request, etag):
            response = HttpResponseNotModified()
            for name, value in headers:
                if name.lower() in ("etag", "last-modified", "cache-control", "vary"):
                    response.headers[name] = value
        else:
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response.headers[name] = value
        response.headers[HEADER] = "hit"
        return response

    @staticmethod
    def _storable(request, response) -> bool:
        """Nothing personal: no cookie set or to be set (session, messages, CSRF) and no CSRF token in
        the page. Outer middleware sets its cookies after this one, so their causes are checked here."""
        session = getattr(request, "session", None)
        queued = getattr(getattr(request, "_messages", None), "_queued_messages", None)
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get(CSRF_USED)
            and not (session is not None and session.modified)
            and not queued
        )

    def _store(self, request, response, key: str) -> None:
        if not self._storable(request, response):
            return
        if not response.has_header("ETag"):
            response.headers["ETag"] = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        response.headers.setdefault("Last-Modified", http_date())
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        headers = [(k, v) for k, v in response.items() if k.lower() not in SKIPPED_HEADERS]
        try:
            cache.set(key, (response.status_code, headers, response.content), settings.PAGE_CACHE_SECONDS)
        except Exception:
            log.warning("page cache: write failed", exc_info=True)
            return
        response.headers[HEADER] = "miss"
        if _etag_matches(request, response.headers["ETag"]):
            # A revalidation of a page that had dropped out of the cache: still nothing to download.
            response.status_code = 304
            response.content = b""
