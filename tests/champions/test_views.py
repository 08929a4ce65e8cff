"""Pages of the champions app: the chart and the map with their table alternatives and nothing loaded
from elsewhere, profiles and their approved versions, joining, tool piloting, peer learning, panels."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from champions import selectors, services
from champions.models import Champion, ConsultationResponse, PeerPairing, ProfileUpdate
from champions.workflow import CONFIRMATION_WORKFLOW, PROFILE_WORKFLOW
from gcm_portal.core.attachments import attachment_add
from gcm_portal.core.versions import versions_of
from gcm_portal.taxonomy.models import Country
from tests.factories.accounts import focal_point, user_with_role
from tests.factories.champions import (
    champion,
    curate,
    make_commitment,
    make_consultation,
    make_profile_update,
    objectives,
    pdf,
)
from tests.factories.reviews import downloaded, make_pledge

pytestmark = pytest.mark.django_db

# Attributes through which a page makes the browser fetch something.
FETCHING = re.compile(
    r"""(?:src|srcset|xlink:href|data)\s*=\s*["']\s*(?:https?:)?//|<link[^>]+href=["']\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|<image\b|@import""",
    re.I,
)


def assert_nothing_fetched_elsewhere(response):
    body = response.content.decode()
    assert not FETCHING.search(body), FETCHING.search(body).group(0)
    assert "default-src 'self'" in response["Content-Security-Policy"]


# ---------------------------------------------------------------------------
# Done when: the chart and the map render with no request leaving the server, each with a text or
# table alternative
# ---------------------------------------------------------------------------


def test_the_membership_chart_is_server_drawn_with_its_data_table(client):
    response = client.get("/champions/")
    assert response.status_code == 200
    assert_nothing_fetched_elsewhere(response)
    body = response.content.decode()
    assert '<svg class="chart"' in body and "<script" not in body.split('<svg class="chart"')[1].split("</svg>")[0]
    table = body.split('class="chart-data"')[1]
    assert "2020-10-19" in table and '<th scope="row">2021-06-24</th>' in table
    # 14 named on the day of the briefing, 23 stated in June 2021
    assert re.search(r"2020-10-19</th><td>14</td><td>14</td>", table)
    assert re.search(r"2021-06-24</th><td>17</td><td>23</td>", table)


def test_the_map_is_server_drawn_with_a_table_alternative(client):
    response = client.get("/champions/map/", {"active_on": "2020-10-19"})
    assert response.status_code == 200
    assert_nothing_fetched_elsewhere(response)
    body = response.content.decode()
    svg = body.split('<svg class="map"')[1].split("</svg>")[0]
    assert svg.count('class="map-marked"') == 14 and "<title>Ghana" in svg
    assert 'href="/champions/countries/gh/"' in svg
    table = body.split("<table", 1)[1]
    assert "14 champion countries on" in table
    for name in ("Bangladesh", "Guinea-Bissau", "Thailand", "Ghana"):
        assert name in table
    assert "Kenya" not in table


def test_the_map_defaults_to_today(client):
    body = client.get("/champions/map/").content.decode()
    assert body.split('<svg class="map"')[1].count('class="map-marked"') == len(
        selectors.champion_country_ids_on(timezone.localdate())
    )


# ---------------------------------------------------------------------------
# Directory, champion pages, country pages
# ---------------------------------------------------------------------------


def test_directory_filters_by_active_date_commission_region_and_focus_area(client):
    body = client.get("/champions/directory/", {"active_on": "2020-10-19", "commission": "ECLAC"}).content.decode()
    assert "Mexico" in body and "El Salvador" in body and "Colombia" not in body
    body = client.get("/champions/directory/", {"region": "202"}).content.decode()  # Sub-Saharan Africa
    assert "Ghana" in body and "Mexico" not in body
    staff = user_with_role("network_staff")
    curate(PROFILE_WORKFLOW, make_profile_update(staff, "MX"), "publish", staff)
    body = client.get("/champions/directory/", {"focus_area": "1"}).content.decode()
    assert "Mexico" in body and "Ghana" not in body
    assert client.get("/champions/directory/", {"active_on": "yesterday"}).status_code == 200


def test_a_champion_page_lists_reports_and_pledges_through_the_other_apps_panels(client):
    focal = focal_point("GH")
    staff = user_with_role("network_staff")
    from reviews import services as reviews_services

    reviews_services.pledge_curate(
        pledge=make_pledge(focal, "Ghana's pledge on recruitment"), action="publish", actor=staff
    )
    body = client.get("/champions/countries/gh/").content.decode()
    assert "Ghana&#x27;s pledge on recruitment" in body or "Ghana's pledge on recruitment" in body
    assert "Voluntary GCM reports" in body
    assert "The Coordinator&#x27;s Briefing 19 October 2020" in body or "Briefing 19 October 2020" in body


def test_every_country_page_has_the_champion_panel_and_non_champions_keep_complete_pages(client):
    ghana = client.get("/countries/gh/").content.decode()
    assert "GCM Champion country" in ghana and "/champions/countries/gh/" in ghana
    france = client.get("/countries/fr/")
    assert france.status_code == 200
    body = france.content.decode()
    assert "Not a champion country." in body and "Voluntary GCM reports" in body and "Regional commissions" in body


def test_approving_a_profile_update_changes_the_public_profile_and_keeps_a_version(client):
    focal, staff = focal_point("GH"), user_with_role("network_staff")
    update = make_profile_update(
        focal, plan_status="adopted", plan_title="National plan", plan_adopted_on=date(2024, 3, 1)
    )
    attachment_add(
        attachments=services.PROFILE_DOCUMENTS, parent=update, actor=focal, upload=pdf("plan.pdf"), language="en"
    )
    assert "National plan" not in client.get("/champions/countries/gh/").content.decode()
    curate(PROFILE_WORKFLOW, update, "publish", staff)
    ghana = champion("GH")
    assert ghana.plan_status == "adopted" and ghana.coordination_body == "National committee"
    assert [r.focus_area.number for r in ghana.focus_area_rows.all()] == [1]
    body = client.get("/champions/countries/gh/").content.decode()
    assert "National plan" in body and "plan.pdf" in body
    version = versions_of(ghana, published_only=True).get()
    page = client.get(f"/champions/countries/gh/versions/{version.number}/")
    assert version.fingerprint in page.content.decode()
    assert (
        client.get(f"/champions/profile-updates/{update.pk}/documents/{update.documents.get().pk}/").status_code == 200
    )


def test_a_focal_point_proposes_a_profile_update_from_the_form(client):
    focal = focal_point("GH")
    client.force_login(focal)
    form = client.get("/champions/countries/gh/propose/")
    assert form.status_code == 200 and "Focus area 1" in form.content.decode()
    response = client.post(
        "/champions/countries/gh/propose/",
        {"summary": "New summary", "plan_status": "adopted", "priority_objectives": ["6"], "focus_1": "Shared."},
    )
    assert response.status_code == 400 and "adopted" in response.content.decode()
    response = client.post(
        "/champions/countries/gh/propose/",
        {
            "summary": "New summary",
            "plan_status": "in_preparation",
            "priority_objectives": ["6"],
            "focus_2": "Piloted.",
        },
    )
    assert response.status_code == 302
    update = ProfileUpdate.objects.get(summary="New summary")
    assert update.focus_notes == {"2": "Piloted."} and update.curation == "pending"
    assert champion("GH").summary == ""  # nothing public until staff approve
    client.force_login(focal_point("KE"))
    assert client.get("/champions/countries/gh/propose/").status_code == 404


def test_a_stale_edit_of_a_proposal_keeps_the_typed_text(client):
    focal = focal_point("GH")
    update = make_profile_update(focal)
    client.force_login(focal)
    response = client.post(
        f"/champions/profile-updates/{update.pk}/edit/",
        {"version": update.version - 1 or 99, "summary": "Typed text", "plan_status": "none"},
    )
    assert response.status_code == 409 and "Typed text" in response.content.decode()


# ---------------------------------------------------------------------------
# Commitments: progress and evidence
# ---------------------------------------------------------------------------


def test_progress_updates_are_dated_and_set_the_status(client):
    focal = focal_point("GH")
    commitment = make_commitment(focal, evidence=[{"title": "Pledge", "url": "/reviews/pledges/1/"}])
    client.force_login(focal)
    today = timezone.localdate()
    response = client.post(
        f"/champions/commitments/{commitment.pk}/progress/",
        {"date": today.isoformat(), "status": "in_progress", "text": "Forty inspectors trained."},
    )
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == "in_progress" and commitment.updates.get().text == "Forty inspectors trained."
    client.post(
        f"/champions/commitments/{commitment.pk}/progress/",
        {"date": (today + timedelta(days=3)).isoformat(), "status": "achieved", "text": "Future."},
    )
    assert commitment.updates.count() == 1
    assert commitment.evidence.get().kind == "pledge"
    with pytest.raises(Exception):  # noqa: B017
        make_commitment(focal, title="Bad link", evidence=[{"title": "x", "url": "javascript:alert(1)"}])


# ---------------------------------------------------------------------------
# Activities: calendar, feed, archive
# ---------------------------------------------------------------------------


def test_calendar_feed_lists_upcoming_published_activities_only(client):
    focal, staff = focal_point("GH"), user_with_role("network_staff")
    from champions.workflow import ACTIVITY_WORKFLOW
    from tests.factories.champions import make_activity

    upcoming = curate(ACTIVITY_WORKFLOW, make_activity(focal, title="Upcoming exchange", days=10), "publish", staff)
    make_activity(focal, title="Not approved yet", days=12)
    response = client.get("/champions/activities/upcoming.ics")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "SUMMARY:Upcoming exchange" in body and "Not approved yet" not in body
    assert f"champions-activity-{upcoming.pk}@" in body
    archive = client.get("/champions/activities/").content.decode()
    assert "Informal cross-regional dialogue of GCM champion countries, Accra" in archive  # seeded, with its source


# ---------------------------------------------------------------------------
# Joining
# ---------------------------------------------------------------------------


def test_a_country_joins_with_its_letter_and_staff_publish_the_membership(client):
    focal = focal_point("JM")
    staff = user_with_role("network_staff")
    client.force_login(focal)
    assert client.get("/champions/join/").status_code == 200
    response = client.post(
        "/champions/join/",
        {"country": Country.objects.get(iso2="JM").pk, "letter_date": "2026-01-15", "signed_by": "Minister"},
    )
    assert response.status_code == 302
    letter = selectors.confirmation_list(staff).get()
    attachment_add(attachments=services.CONFIRMATION_DOCUMENTS, parent=letter, actor=focal, upload=pdf(), language="en")
    assert not selectors.is_champion_on(letter.country, timezone.localdate())
    curate(CONFIRMATION_WORKFLOW, letter, "publish", staff)
    assert selectors.is_champion_on(letter.country, date(2026, 1, 15))
    assert not selectors.is_champion_on(letter.country, date(2026, 1, 14))
    fact = Champion.objects.get(country__iso2="JM").memberships.get().facts.get()
    assert fact.kind == "joined" and "Letter of confirmation" in fact.source_title
    assert client.get("/champions/join/").status_code == 404  # a champion now


# ---------------------------------------------------------------------------
# Tool piloting
# ---------------------------------------------------------------------------


def test_a_closed_consultation_is_answered_by_champions_and_compared_by_staff(client):
    staff = user_with_role("network_staff")
    consultation = make_consultation(staff)
    ghana, mexico = focal_point("GH"), focal_point("MX")
    for user, answers in ((ghana, ["Clear.", "Examples."]), (mexico, ["Mostly.", "Budgets."])):
        client.force_login(user)
        response = client.post(consultation.get_absolute_url(), {"answer_0": answers[0], "answer_1": answers[1]})
        assert response.status_code == 302, response.content.decode()[:500]
    # a second save edits the same response
    client.force_login(ghana)
    client.post(consultation.get_absolute_url(), {"answer_0": "Very clear.", "answer_1": "Examples.", "version": 1})
    assert ConsultationResponse.objects.count() == 2
    # closed to others
    for user in (user_with_role("member"), focal_point("FR"), user_with_role("entity_focal_point")):
        client.force_login(user)
        assert client.get(consultation.get_absolute_url()).status_code == 404
    client.force_login(staff)
    table = client.get(f"/champions/consultations/{consultation.pk}/answers/").content.decode()
    assert "Very clear." in table and "Mostly." in table and table.index("Ghana") < table.index("Mexico")
    csv_text = downloaded(client.get(f"/champions/consultations/{consultation.pk}/answers.csv"))
    assert csv_text.splitlines()[0] == "Question,Ghana,Mexico"
    assert "1. What works?,Very clear.,Mostly." in csv_text
    workbook = load_workbook(io.BytesIO(client.get(f"/champions/consultations/{consultation.pk}/answers.xlsx").content))
    rows = list(workbook.active.values)
    assert rows[0] == ("Question", "Ghana", "Mexico") and rows[2][2] == "Budgets."


def test_answers_are_refused_once_the_consultation_closed(client):
    staff = user_with_role("network_staff")
    consultation = make_consultation(staff, open_=False)
    with pytest.raises(Exception, match="not open"):
        services.consultation_answer(
            consultation=consultation, champion=champion("GH"), actor=focal_point("GH"), answers=["a", "b"]
        )


# ---------------------------------------------------------------------------
# Peer learning
# ---------------------------------------------------------------------------


def test_peer_suggestions_rank_by_overlap_and_show_it(client):
    staff = user_with_role("network_staff")
    for iso2, numbers, notes in (
        ("GH", (2, 6, 10), {"1": "a", "3": "b"}),
        ("MA", (2, 10), {"1": "c"}),
        ("MX", (6,), {}),
    ):
        update = services.profile_update_create(
            actor=staff, champion=champion(iso2), data={}, priority_objectives=objectives(*numbers), focus_notes=notes
        )
        curate(PROFILE_WORKFLOW, update, "publish", staff)
    suggestions = selectors.peer_suggestions(champion("GH"))
    assert [s.champion.country.iso2 for s in suggestions] == ["MA", "MX"]
    assert [o.number for o in suggestions[0].objectives] == [2, 10]
    assert [a.number for a in suggestions[0].focus_areas] == [1]
    body = client.get("/champions/peer-learning/", {"champion": "gh"}).content.decode()
    assert "Morocco" in body and "Mexico" in body


def test_any_state_asks_and_staff_route_to_a_champion(client):
    staff, focal = user_with_role("network_staff"), focal_point("JM")
    client.force_login(focal)
    response = client.post(
        "/champions/peer-learning/requests/new/",
        {"country": Country.objects.get(iso2="JM").pk, "objective": "19", "description": "Diaspora engagement."},
    )
    assert response.status_code == 302
    request = selectors.request_list(staff).get()
    client.force_login(staff)
    assert (
        client.post(
            f"/champions/peer-learning/requests/{request.pk}/route/", {"champion": champion("GH").pk, "note": "Ghana."}
        ).status_code
        == 302
    )
    request.refresh_from_db()
    assert request.status == "routed" and request.routed_to.country.iso2 == "GH"
    from gcm_portal.core.models import Notification

    notice = Notification.objects.get(recipient=focal, event="peer_request_routed")
    assert "Ghana" in notice.body and "Ghana." in notice.body
    # the routed champion's focal point now sees it; Kenya's does not
    client.force_login(focal_point("GH"))
    assert client.get(request.get_absolute_url()).status_code == 200
    client.force_login(focal_point("KE"))
    assert client.get(request.get_absolute_url()).status_code == 404
    # routing to a country that is not a champion is refused
    with pytest.raises(Exception, match="champion today"):
        services.request_route(
            request=request, actor=staff, champion=Champion.objects.create(country=Country.objects.get(iso2="FR"))
        )


def test_staff_record_a_pairing_with_its_outcome(client):
    staff = user_with_role("network_staff")
    client.force_login(staff)
    response = client.post(
        "/champions/peer-learning/pairings/new/",
        {
            "first": champion("GH").pk,
            "second": champion("MA").pk,
            "started_on": "2025-01-10",
            "objectives": ["10"],
            "outcome": "A joint workshop.",
        },
    )
    assert response.status_code == 302
    assert PeerPairing.objects.get().outcome == "A joint workshop."
    assert "A joint workshop." in client.get("/champions/peer-learning/").content.decode()
    same = client.post(
        "/champions/peer-learning/pairings/new/",
        {"first": champion("GH").pk, "second": champion("GH").pk, "started_on": "2025-01-10"},
    )
    assert same.status_code == 400


# ---------------------------------------------------------------------------
# Kernel pages: my country, curation, home
# ---------------------------------------------------------------------------


def test_my_country_and_curation_panels(client):
    focal, staff = focal_point("GH"), user_with_role("network_staff")
    make_commitment(focal, title="Waiting commitment")
    client.force_login(focal)
    body = client.get("/my-country/").content.decode()
    assert "Propose a profile or plan update" in body and "Waiting commitment" in body
    client.force_login(focal_point("JM"))
    assert "letter of confirmation" in client.get("/my-country/").content.decode()
    client.force_login(staff)
    body = client.get("/curation/").content.decode()
    assert "Waiting commitment" in body and "/champions/commitments/" in body
    home = client.get("/").content.decode()
    assert "champion countries" in home
