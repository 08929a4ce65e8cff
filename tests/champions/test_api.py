"""The champions API beyond the journey: the answers of every refusal, documents, filters and
query-count guards on every list (a constant number of queries whatever its size)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from champions.workflow import ACTIVITY_WORKFLOW, COMMITMENT_WORKFLOW
from gcm_portal.core.samples import sample_pdf
from tests.factories.accounts import focal_point, user_with_role
from tests.factories.champions import curate, make_activity, make_commitment

pytestmark = pytest.mark.django_db


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture(autouse=True)
def _render_every_page(settings):
    """Count the queries of a render, not of a page-cache hit."""
    settings.PAGE_CACHE_ENABLED = False


def queries(client, url: str) -> int:
    """The queries of a cold render: remembered fragments and choices are forgotten first."""
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/champions/",
        "/api/v1/champion-membership-facts/",
        "/api/v1/champion-commitments/",
        "/api/v1/champion-activities/",
        "/champions/directory/",
        "/champions/map/",
        "/champions/commitments/",
        "/champions/activities/",
        "/champions/",
        "/champions/peer-learning/?champion=gh",
    ],
)
def test_lists_run_a_constant_number_of_queries(url):
    focal, staff = focal_point("GH"), user_with_role("network_staff")
    client = client_for()
    curate(COMMITMENT_WORKFLOW, make_commitment(focal, title="First commitment"), "publish", staff)
    curate(ACTIVITY_WORKFLOW, make_activity(focal, title="First past", days=-2), "publish", staff)
    curate(ACTIVITY_WORKFLOW, make_activity(focal, title="First upcoming", days=2), "publish", staff)
    first = queries(client, url)
    for n in range(4):
        curate(COMMITMENT_WORKFLOW, make_commitment(focal, title=f"Commitment {n}"), "publish", staff)
        curate(ACTIVITY_WORKFLOW, make_activity(focal, title=f"Activity {n}", days=-5 - n), "publish", staff)
        curate(ACTIVITY_WORKFLOW, make_activity(focal, title=f"Upcoming {n}", days=5 + n), "publish", staff)
    assert queries(client, url) == first


def test_the_champion_page_runs_a_bounded_number_of_queries():
    client = client_for()
    assert queries(client, "/champions/countries/gh/") <= 40


def test_champion_detail_and_filters():
    client = client_for()
    ghana = client.get("/api/v1/champions/gh/").json()
    assert ghana["country"] == {"iso2": "GH", "name": "Ghana"} and ghana["active_today"] is True
    assert "ECA" in ghana["commissions"] and ghana["region"] == "202"
    assert (
        client.get("/api/v1/champions/", {"commission": "ECLAC", "active_on": "2020-10-19"}).json()["count"] == 4
    )  # CA, MX, PT, SV
    assert client.get("/api/v1/champions/", {"plan_status": "adopted"}).json()["count"] == 0
    assert client.get("/api/v1/champions/", {"focus_area": "9"}).status_code == 400
    assert client.get("/api/v1/champions/", {"active_on": "2020-13-45"}).status_code == 400


def test_commitment_writes_answer_every_refusal():
    focal, staff = focal_point("GH"), user_with_role("network_staff")
    fp, st = client_for(focal), client_for(staff)
    member = client_for(user_with_role("member"))
    assert (
        client_for().post("/api/v1/champion-commitments/", {"champion": "GH", "title": "x"}, format="json").status_code
        == 401
    )
    assert (
        member.post("/api/v1/champion-commitments/", {"champion": "GH", "title": "x"}, format="json").status_code == 403
    )
    bad = fp.post("/api/v1/champion-commitments/", {"champion": "GH", "title": "x", "version": 3}, format="json")
    assert bad.status_code == 400 and "version" in bad.json()
    assert fp.post("/api/v1/champion-commitments/", {"champion": "MX", "title": "x"}, format="json").status_code == 403
    created = fp.post("/api/v1/champion-commitments/", {"champion": "GH", "title": "x"}, format="json")
    assert created.status_code == 201
    url = created["Location"]
    etag = created["ETag"]
    assert fp.patch(url, {"title": "y"}, format="json").status_code == 428
    assert fp.patch(url, {"title": "y"}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    assert fp.patch(url, {"title": "z"}, format="json", HTTP_IF_MATCH=etag).status_code == 412
    assert fp.post(url + "publish/").status_code == 403
    assert st.post(url + "resubmit/").status_code == 403
    assert st.post(url + "publish/", HTTP_IF_MATCH='"1-1"').status_code == 412
    assert st.post(url + "publish/").status_code == 200
    assert st.post(url + "publish/").status_code == 409
    assert fp.post(url + "revise/").status_code == 404
    evidence = fp.post(
        "/api/v1/champion-commitments/",
        {"champion": "GH", "title": "x", "evidence": [{"title": "t", "url": "ftp://example.org"}]},
        format="json",
    )
    assert evidence.status_code == 400 and "evidence" in evidence.json()


def test_documents_of_a_commitment_through_the_api(client):
    focal = focal_point("GH")
    commitment = make_commitment(focal)
    fp = client_for(focal)
    url = f"/api/v1/champion-commitments/{commitment.pk}/documents/"
    upload = SimpleUploadedFile("evidence.pdf", sample_pdf("Evidence"), content_type="application/pdf")
    response = fp.post(url, {"file": upload, "language": "en"}, format="multipart")
    assert response.status_code == 201, response.content
    listed = fp.get(url).json()
    assert listed[0]["name"] == "evidence.pdf"
    client.force_login(focal)
    assert client.get(listed[0]["download_url"]).status_code == 200
    bad = fp.post(
        url,
        {"file": SimpleUploadedFile("x.pdf", b"<html>", content_type="application/pdf"), "language": "en"},
        format="multipart",
    )
    assert bad.status_code == 400 and "file" in bad.json()
    assert client_for(focal_point("KE")).get(url).status_code == 404


def test_activity_filters_and_write_checks():
    focal, staff = focal_point("GH"), user_with_role("network_staff")
    curate(ACTIVITY_WORKFLOW, make_activity(focal, title="Exchange", kind="peer_exchange"), "publish", staff)
    client = client_for()
    assert client.get("/api/v1/champion-activities/", {"kind": "peer_exchange"}).json()["count"] == 1
    assert (
        client.get("/api/v1/champion-activities/", {"champion": "GH"}).json()["count"] >= 2
    )  # with the seeded Accra dialogue
    assert client.get("/api/v1/champion-activities/", {"kind": "party"}).status_code == 400
    fp = client_for(focal)
    ends_first = fp.post(
        "/api/v1/champion-activities/",
        {"kind": "statement", "title": "x", "start_date": "2030-01-10", "end_date": "2030-01-01", "hosts": ["GH"]},
        format="json",
    )
    assert ends_first.status_code == 400 and "end_date" in ends_first.json()
