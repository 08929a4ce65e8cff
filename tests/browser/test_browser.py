"""The portal in a real Chromium (the Debian package), driven by Playwright."""

from __future__ import annotations

import os

import pytest

from gcm_portal.core.demo import DEMO_PASSWORD, load_demo_data
from tests.browser.conftest import CHROMIUM_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_home_page_renders_real_figures(page, live_server):
    page.goto(live_server.url + "/")
    assert page.title().startswith("Home")
    assert page.locator("html").get_attribute("dir") == "ltr"
    figures = page.locator(".figures .figure").all_inner_texts()
    assert "23" in figures and "193" in figures
    assert page.locator(".objective-grid li").count() == 23


def test_switching_to_arabic_gives_a_right_to_left_page(page, live_server):
    page.goto(live_server.url + "/objectives/")
    with page.expect_navigation():
        page.select_option("#language-select", "ar")
    assert "/ar/objectives/" in page.url
    html = page.locator("html")
    assert html.get_attribute("dir") == "rtl" and html.get_attribute("lang") == "ar"
    direction = page.evaluate("getComputedStyle(document.body).direction")
    assert direction == "rtl"


def test_language_switch_works_without_javascript(live_server, settings):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = settings.LANGUAGE_COOKIE_SECURE = False
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(live_server.url + "/")
        page.select_option("#language-select", "fr")
        with page.expect_navigation():
            page.click(".language-switcher button[type=submit]")
        assert page.url.rstrip("/").endswith("/fr")
        assert page.locator("html").get_attribute("lang") == "fr"
        browser.close()


def test_demo_focal_point_signs_in_and_sees_roles(page, live_server):
    load_demo_data()
    page.goto(live_server.url + "/")
    page.click("text=Sign in")
    page.fill("input[name=username]", "focal.ghana@example.org")
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.url == live_server.url + "/", "sign-in returns to the page it started from"
    assert page.locator(".account-state").inner_text().startswith("Kofi")
    with page.expect_navigation():
        page.click(".account-state a")
    assert "/accounts/profile/" in page.url
    roles = page.locator(".role-list").inner_text()
    assert "Focal point" in roles and "Ghana" in roles
