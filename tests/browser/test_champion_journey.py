"""The champions journey in a real Chromium: Ghana's focal point proposes a commitment and a profile
update, staff approve both from the curation page, a visitor reads them on Ghana's champion page and
on the map, and no request leaves the server."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from champions.models import Commitment, ProfileUpdate
from gcm_portal.core.demo import DEMO_PASSWORD, load_demo_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def sign_in(page, live_server, email):
    page.goto(live_server.url + "/accounts/sign-in/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def sign_out(page):
    with page.expect_navigation():
        page.click(".account-state form button")


def test_propose_and_approve_journey(page, live_server):
    load_demo_data()
    requested_hosts = set()
    page.on("request", lambda request: requested_hosts.add(urlparse(request.url).netloc))
    page.on("dialog", lambda dialog: dialog.accept())

    # Ghana's focal point records a commitment from the champion page.
    sign_in(page, live_server, "focal.ghana@example.org")
    page.goto(live_server.url + "/champions/countries/gh/")
    with page.expect_navigation():
        page.click("main a:has-text('Record a commitment')")
    page.select_option("select[name=champion]", label="Ghana")
    page.fill("input[name=title]", "Open a migrant resource centre in Kumasi")
    page.fill("textarea[name=description]", "A one-stop centre for departing and returning migrants.")
    page.check("input[name=objectives][value='3']")
    page.check("input[name=focus_areas][value='1']")
    with page.expect_navigation():
        page.click("form.champion-form button[type=submit]")
    assert "waits for the Network" in page.content()
    commitment = Commitment.objects.get(title="Open a migrant resource centre in Kumasi")

    # ... and proposes a profile update.
    page.goto(live_server.url + "/champions/countries/gh/propose/")
    page.fill("input[name=lead_ministry]", "Ministry of the Interior and Migration")
    page.fill("input[name=change_note]", "New lead ministry")
    with page.expect_navigation():
        page.click("form.champion-form button[type=submit]")
    update = ProfileUpdate.objects.get(change_note="New lead ministry")
    sign_out(page)

    # Not public yet.
    page.goto(live_server.url + "/champions/countries/gh/")
    assert "Open a migrant resource centre in Kumasi" not in page.content()
    assert "Ministry of the Interior and Migration" not in page.content()

    # Staff approve both from the curation page.
    sign_in(page, live_server, "staff@example.org")
    page.goto(live_server.url + "/curation/")
    with page.expect_navigation():
        page.click(f"form[action$='/champions/commitments/{commitment.pk}/actions/publish/'] button")
    with page.expect_navigation():
        page.click(f"form[action$='/champions/profile-updates/{update.pk}/actions/publish/'] button")
    sign_out(page)

    # A visitor reads the approved content, its version history, and the map.
    page.goto(live_server.url + "/champions/countries/gh/")
    content = page.content()
    assert "Open a migrant resource centre in Kumasi" in content
    assert "Ministry of the Interior and Migration" in page.inner_text("main")
    assert page.locator("code.fingerprint").count() >= 2  # two approved profile versions
    page.goto(live_server.url + "/champions/map/?active_on=2020-10-19")
    assert page.locator("svg.map .map-marked").count() == 14
    with page.expect_navigation():
        page.locator("svg.map a[href='/champions/countries/gh/']").click()
    assert page.url.endswith("/champions/countries/gh/")
    assert requested_hosts == {urlparse(live_server.url).netloc}, requested_hosts
