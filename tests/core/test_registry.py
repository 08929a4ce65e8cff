"""Registries (gcm_portal/core/registry.py): how the kit plugs its links, panels, pages and API in."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from gcm_portal.accounts.services import role_grant
from gcm_portal.core import registry
from gcm_portal.core.curation import curation_perform
from tests.factories.kit import make_note
from tests.kit.views import country_panel
from tests.kit.workflow import NOTE_WORKFLOW

pytestmark = pytest.mark.django_db


def main_nav(html: str) -> str:
    match = re.search(r'<nav class="main-nav".*?</nav>', html, re.S)
    assert match, "the base layout has no main navigation"
    return match.group(0)


def account_links(html: str) -> str:
    match = re.search(r'<div class="account-state">.*?</div>', html, re.S)
    assert match, "the base layout has no account area"
    return match.group(0)


def page(client, url: str, user=None) -> str:
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# ---------------------------------------------------------------------------
# Links
# ---------------------------------------------------------------------------


def test_the_kits_nav_link_is_in_the_main_navigation(client):
    nav = main_nav(page(client, reverse("search")))
    assert f'<a href="{reverse("kit:note-list")}">Kit notes</a>' in nav


def test_a_focal_point_sees_my_country_and_not_curation(client, focal_gh):
    links = account_links(page(client, reverse("search"), focal_gh))
    assert f'href="{reverse("my-country")}"' in links and "My country" in links
    assert f'href="{reverse("curation")}"' not in links


def test_staff_see_curation_and_not_my_country(client, staff):
    links = account_links(page(client, reverse("search"), staff))
    assert f'href="{reverse("curation")}"' in links and "Curation" in links
    assert f'href="{reverse("my-country")}"' not in links


def test_an_anonymous_visitor_sees_neither_personal_link(client):
    html = page(client, reverse("search"))
    assert f'href="{reverse("my-country")}"' not in html
    assert f'href="{reverse("curation")}"' not in html
    assert registry.personal_links(None) == []


def test_registering_a_nav_link_again_replaces_it(monkeypatch, author):
    monkeypatch.setattr(registry, "_nav_links", dict(registry._nav_links))
    registry.register_nav_link("extra", "First", "search", order=1)
    registry.register_nav_link("extra", "Second", "search", order=1, visible=lambda user: True)
    labels = [link.label for link in registry.nav_links(author)]
    assert labels.count("Second") == 1 and "First" not in labels
    assert labels[0] == "Second"  # ordered by ``order``


def test_the_remembered_navigation_follows_the_links_shown_and_the_page(client, settings, monkeypatch, staff):
    """The shell's navigation is a remembered fragment (base.html): it varies by the set of links a
    reader is shown and by the page (aria-current), never shared across them."""
    settings.PAGE_CACHE_ENABLED = False
    monkeypatch.setattr(registry, "_nav_links", dict(registry._nav_links))
    registry.register_nav_link("staff-only", "Staff desk", "curation", order=1, visible=lambda user: user.is_staff)
    staff.is_staff = True
    staff.save()
    assert "Staff desk" not in main_nav(page(client, reverse("search")))
    client.force_login(staff)
    assert "Staff desk" in main_nav(page(client, reverse("search")))
    client.logout()
    assert "Staff desk" not in main_nav(page(client, reverse("search")))
    # the "Search" link, whichever app serves it (the hub replaces the kernel's), marks its own page
    search = re.search(r'<a href="([^"]+)"[^>]*>Search</a>', main_nav(page(client, reverse("search")))).group(1)
    assert f'href="{search}" aria-current="page"' in main_nav(page(client, search))
    assert 'aria-current="page"' not in main_nav(page(client, reverse("taxonomy:objective-list")))


# ---------------------------------------------------------------------------
# Panels
# ---------------------------------------------------------------------------


def test_an_unknown_panel_slot_is_refused():
    with pytest.raises(ValueError, match="sidebar"):
        registry.register_panel("sidebar", country_panel)


def test_registering_the_same_panel_twice_keeps_one(monkeypatch, rf, ghana):
    monkeypatch.setattr(registry, "_panels", {slot: [] for slot in registry.PANEL_SLOTS})
    calls = []

    def panel(*, request, country):
        calls.append(country)
        return {"template": "kit/country_panel.html", "notes": []}

    registry.register_panel("country", panel, order=5)
    registry.register_panel("country", panel, order=5)
    assert sum(1 for _, p in registry._panels["country"] if p is panel) == 1
    assert len(registry.panels_for("country", request=rf.get("/"), country=ghana)) == 1
    assert calls == [ghana]


def test_panels_of_an_excluded_app_are_not_computed(monkeypatch, rf, ghana):
    monkeypatch.setattr(registry, "_panels", {slot: [] for slot in registry.PANEL_SLOTS})
    calls = []

    def panel(*, request, country):
        calls.append(country)
        return {"template": "kit/country_panel.html", "notes": []}

    registry.register_panel("country", panel)
    assert registry.panels_for("country", request=rf.get("/"), exclude_apps=("tests",), country=ghana) == []
    assert calls == []
    assert len(registry.panels_for("country", request=rf.get("/"), exclude_apps=("champions",), country=ghana)) == 1


def test_an_anonymous_visitor_gets_each_panel_rendered_once_until_something_public_changes(
    monkeypatch, client, author, staff, settings
):
    settings.PAGE_CACHE_ENABLED = False  # the country page itself is rendered each time
    calls = []

    def counted(*, request, country):
        calls.append(request.user.is_authenticated)
        return country_panel(request=request, country=country)

    monkeypatch.setattr(registry, "_panels", {slot: [] for slot in registry.PANEL_SLOTS})
    registry.register_panel("country", counted)
    url = reverse("taxonomy:country-detail", args=["gh"])
    curation_perform(workflow=NOTE_WORKFLOW, item=make_note(author, "First note"), action="publish", actor=staff)
    first = page(client, url)
    assert "First note" in first and page(client, url) == first
    assert calls == [False]  # the second page reused the panel's HTML

    curation_perform(workflow=NOTE_WORKFLOW, item=make_note(author, "Second note"), action="publish", actor=staff)
    assert "Second note" in page(client, url)  # a publication: rendered anew
    assert calls == [False, False]

    client.force_login(author)
    page(client, url)
    page(client, url)
    assert calls == [False, False, True, True]  # a signed-in reader may see more: computed each time


def test_a_panel_that_shows_a_form_to_the_public_is_not_remembered(monkeypatch, rf, ghana):
    from django.contrib.auth.models import AnonymousUser

    monkeypatch.setattr(registry, "_panels", {slot: [] for slot in registry.PANEL_SLOTS})
    calls = []

    def with_a_form(*, request, country):
        calls.append(1)
        return {"template": "kit/form_panel.html"}

    registry.register_panel("country", with_a_form)
    for _ in range(2):
        request = rf.get("/countries/gh/")
        request.user = AnonymousUser()
        (panel,) = registry.panels_for("country", request=request, country=ghana)
        assert 'name="csrfmiddlewaretoken"' in panel["html"]
    assert calls == [1, 1]


def test_the_kits_country_panel_shows_published_ghana_notes_only(client, author, staff):
    curation_perform(workflow=NOTE_WORKFLOW, item=make_note(author, "Shown note"), action="publish", actor=staff)
    make_note(author, "Waiting note")
    make_note(author, "Mexico-only note", countries=("MX",))
    html = page(client, reverse("taxonomy:country-detail", args=["gh"]))
    assert "<h2>Kit notes</h2>" in html
    assert "Shown note" in html
    assert "Waiting note" not in html


def test_the_kits_country_panel_is_absent_without_notes(client):
    html = page(client, reverse("taxonomy:country-detail", args=["gh"]))
    assert "<h2>Kit notes</h2>" not in html


# ---------------------------------------------------------------------------
# API router and kernel pages
# ---------------------------------------------------------------------------


def test_the_kits_api_router_is_mounted_and_listed():
    api = APIClient()
    response = api.get("/api/v1/kit-notes/")
    assert response.status_code == 200
    root = api.get("/api/v1/")
    assert root.status_code == 200
    assert root.json()["kit-notes"].endswith("/api/v1/kit-notes/")


def test_my_country_has_a_section_per_represented_country(client, focal_gh):
    role_grant(user=focal_gh, role="focal_point", country="MX")
    html = page(client, reverse("my-country"), focal_gh)
    assert html.count('<section class="dashboard-country"') == 2
    assert 'id="country-GH"' in html and 'id="country-MX"' in html


def test_my_country_for_someone_who_represents_no_country(client, author):
    html = page(client, reverse("my-country"), author)
    assert 'class="dashboard-country"' not in html


def test_curation_page_is_404_for_non_staff_and_200_for_staff(client, author, focal_gh, staff):
    for user in (author, focal_gh):
        client.force_login(user)
        assert client.get(reverse("curation")).status_code == 404
    client.force_login(staff)
    assert client.get(reverse("curation")).status_code == 200
