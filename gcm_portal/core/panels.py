"""Country pages belong to the kernel, but their content comes from the domain apps: each app
registers a panel here in its AppConfig.ready(), so the kernel never imports a domain app."""

from __future__ import annotations

from collections.abc import Callable

CountryPanel = Callable[..., dict | None]

_country_panels: list[CountryPanel] = []


def register_country_panel(panel: CountryPanel) -> None:
    if panel not in _country_panels:
        _country_panels.append(panel)


def country_panels(country, request) -> list[dict]:
    """Each panel returns ``{"template": ..., **context}`` or None when it has nothing to show."""
    return [p for p in (panel(country=country, request=request) for panel in _country_panels) if p]


# Home page figures: each app adds its own counts (``[{"count": int, "label": str, "url": str}]``).
_home_figures: list[Callable[..., list[dict]]] = []


def register_home_figures(provider: Callable[..., list[dict]]) -> None:
    if provider not in _home_figures:
        _home_figures.append(provider)


def home_figures(request) -> list[dict]:
    return [figure for provider in _home_figures for figure in provider(request=request)]
