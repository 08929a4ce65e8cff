"""Registries through which domain apps plug into the kernel, so the kernel never names an app.

Each app calls these from its ``AppConfig.ready()``:

- :func:`register_urls`: its pages, mounted under a prefix (with the language prefix) in the root URLconf;
- :func:`register_api_router`: its REST router, merged under ``/api/v1/``;
- :func:`register_nav_link` / :func:`register_personal_link`: links in the main navigation and in the
  signed-in user's menu, each with an optional predicate saying who sees it;
- :func:`register_admin_roles`: which roles manage the app's records in the Django admin;
- :func:`register_panel`: content for a kernel page's slot: ``"country"`` (the country page),
  ``"my_country"`` (the focal point's page) and ``"curation"`` (the staff's page); and
  :func:`register_home_figures` for the home page's counts.

Registration is idempotent (registering the same thing twice keeps one), and order follows ``order``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse

__all__ = [
    "NavLink",
    "UrlMount",
    "admin_roles",
    "api_routers",
    "home_figures",
    "nav_links",
    "panels_for",
    "personal_links",
    "register_admin_roles",
    "register_api_router",
    "register_home_figures",
    "register_nav_link",
    "register_panel",
    "register_personal_link",
    "register_urls",
    "url_mounts",
]

PANEL_SLOTS = ("country", "objective", "my_country", "curation")


@dataclass(frozen=True)
class UrlMount:
    prefix: str
    module: str
    namespace: str


@dataclass(frozen=True)
class NavLink:
    key: str
    label: str
    url_name: str
    order: int = 100
    visible: Callable[..., bool] | None = field(default=None, compare=False)

    def shown_to(self, user) -> bool:
        return self.visible is None or bool(self.visible(user))

    @property
    def url(self) -> str:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:  # pragma: no cover - a registration error shows as a missing link
            return ""


_urls: dict[str, UrlMount] = {}
_api_routers: list = []
_nav_links: dict[str, NavLink] = {}
_personal_links: dict[str, NavLink] = {}
_panels: dict[str, list[tuple[int, Callable]]] = {slot: [] for slot in PANEL_SLOTS}
_home_figures: list[Callable[..., list[dict]]] = []
_admin_roles: dict[str, frozenset[str]] = {}


def register_urls(prefix: str, module: str, *, namespace: str) -> None:
    """Mount ``module``'s urlpatterns at ``prefix`` (e.g. ``"reviews/"``) with a URL namespace."""
    _urls[namespace] = UrlMount(prefix, module, namespace)


def url_mounts() -> list[UrlMount]:
    return sorted(_urls.values(), key=lambda m: m.prefix)


def register_api_router(router) -> None:
    if router not in _api_routers:
        _api_routers.append(router)


def api_routers() -> list:
    return list(_api_routers)


def register_nav_link(key: str, label, url_name: str, *, order: int = 100, visible=None) -> None:
    """A link in the main navigation; registering the same key again replaces it."""
    _nav_links[key] = NavLink(key, label, url_name, order, visible)


def register_personal_link(key: str, label, url_name: str, *, order: int = 100, visible=None) -> None:
    """A link in the signed-in user's menu, for those ``visible(user)`` admits."""
    _personal_links[key] = NavLink(key, label, url_name, order, visible)


def _links(registry: dict[str, NavLink], user) -> list[NavLink]:
    return sorted((link for link in registry.values() if link.shown_to(user)), key=lambda link: link.order)


def nav_links(user) -> list[NavLink]:
    return _links(_nav_links, user)


def personal_links(user) -> list[NavLink]:
    if not getattr(user, "is_authenticated", False):
        return []
    return _links(_personal_links, user)


def register_panel(slot: str, panel: Callable[..., dict | None], *, order: int = 100) -> None:
    """``panel(request=..., **page_context)`` returns ``{"template": ..., **context}`` or None when it
    has nothing to show."""
    if slot not in _panels:
        raise ValueError(f"unknown panel slot {slot!r}; slots: {', '.join(PANEL_SLOTS)}")
    if all(existing is not panel for _, existing in _panels[slot]):
        _panels[slot].append((order, panel))
        _panels[slot].sort(key=lambda item: item[0])


def panels_for(slot: str, *, request, exclude_apps: tuple[str, ...] = (), **context) -> list[dict]:
    """The slot's panels that have something to show. ``exclude_apps`` leaves out (without computing them)
    the panels of those apps, for an app's own page that shows its part itself.

    For an anonymous visitor, who sees only what is public, each panel is rendered once and its HTML
    remembered (:func:`gcm_portal.core.pagecache.remember`) until anything public changes: a country page
    shown with the page cache bypassed, or in another language, reuses it. A panel whose HTML used a
    CSRF token is never remembered. Signed-in readers, who may see more, always get the panel computed."""
    chosen = [panel for _, panel in _panels[slot] if panel.__module__.partition(".")[0] not in exclude_apps]
    user = getattr(request, "user", None)
    if user is not None and user.is_anonymous:
        rendered = (_public_panel(slot, panel, request, context) for panel in chosen)
        return [{"template": "includes/remembered_panel.html", "html": html} for html in rendered if html]
    return [p for p in (panel(request=request, **context) for panel in chosen) if p]


class _Personal(Exception):
    """A panel's HTML carries something of its reader's (a CSRF token): not to be remembered."""


def _public_panel(slot: str, panel, request, context: dict) -> str:
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe

    from .pagecache import CSRF_USED, GLOBAL, remember

    def build() -> str:
        data = panel(request=request, **context)
        if not data:
            return ""
        # Django marks a request whose CSRF token was asked for; the mark is set aside while the panel
        # renders, to see whether the panel itself asked, and put back after.
        earlier = request.META.pop(CSRF_USED, False)
        html = render_to_string(data["template"], {"panel": data}, request=request)
        used = request.META.pop(CSRF_USED, False)
        if earlier or used:
            request.META[CSRF_USED] = True
        if used:
            raise _Personal(html)
        return html

    vary = ",".join(f"{name}={_context_key(value)}" for name, value in sorted(context.items()))
    vary += "|" + request.get_full_path()  # a panel may read the query; the language is varied on already
    try:
        html = remember(f"panel:{slot}:{panel.__module__}.{panel.__qualname__}", [GLOBAL], build, vary=vary)
    except _Personal as personal:
        html = personal.args[0]
    return mark_safe(html)  # rendered by the template engine, which escaped it


def _context_key(value) -> str:
    meta = getattr(value, "_meta", None)
    return f"{meta.label_lower}:{value.pk}" if meta is not None else str(value)


def register_home_figures(provider: Callable[..., list[dict]]) -> None:
    """Home page figures: ``provider(request=...)`` returns ``[{"count": int, "label": str, "url": str}]``."""
    if provider not in _home_figures:
        _home_figures.append(provider)


def home_figures(request) -> list[dict]:
    return [figure for provider in _home_figures for figure in provider(request=request)]


def register_admin_roles(app_label: str, *roles: str) -> None:
    """The roles whose holders manage ``app_label``'s records in the Django admin (superusers manage all)."""
    _admin_roles[app_label] = frozenset(roles)


def admin_roles() -> dict[str, frozenset[str]]:
    return dict(_admin_roles)
