"""The hub's API: a practice's journey through the API alone, the answers a client can get (201, 400,
403, 404, 409, 412, 428), strict input, documents, comments, the staff-only roster, requests for their
requester and staff only, and lists that run a constant number of queries."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from gcm_portal.core.samples import sample_pdf
from gcm_portal.taxonomy.models import Country
from knowledge import services
from knowledge.models import Practice, SupportRequest
from tests.factories.accounts import UserFactory, focal_point, user_with_role
from tests.factories.knowledge import make_practice, move, objectives, peer_reviewed, roster

pytestmark = pytest.mark.django_db

PRACTICES = "/api/v1/hub/practices/"
PRACTICE = {
    "title": "Zero-fee recruitment",
    "objectives": [6],
    "principles": ["a", "c"],
    "implementation_start": 2019,
    "implementation_end": 2022,
    "geographic_scope": "national",
    "countries": ["gh"],
    "practice_type": "policy",
    "description": "Licensing recruiters.",
    "results": "Fees fell.",
    "lessons": "Inspect agencies.",
    "replicability": "Any origin country.",
    "organisation": "An NGO",
    "contacts": [{"name": "Ama Owusu", "email": "ama@example.org"}],
}


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def etag(obj) -> str:
    return f'"{obj.pk}-{obj.version}"'


@pytest.fixture
def staff():
    return user_with_role("network_staff")


@pytest.fixture
def member():
    return UserFactory()


# ---------------------------------------------------------------------------
# Practices
# ---------------------------------------------------------------------------


def test_a_practices_journey_through_the_api(member, staff):
    response = api(member).post(PRACTICES, PRACTICE, format="json")
    assert response.status_code == 201, response.content
    practice = Practice.objects.get(title="Zero-fee recruitment")
    assert response["Location"].endswith(f"{PRACTICES}{practice.pk}/")
    assert response["ETag"] == etag(practice)
    data = response.json()
    assert data["status"] == "submitted" and data["countries"] == ["GH"] and data["objectives"] == [6]
    assert data["contacts"][0]["email"] == "ama@example.org"  # the submitter reads the addresses
    assert api().get(f"{PRACTICES}{practice.pk}/").status_code == 404  # not public yet

    # staff ask for more information; the submitter edits with If-Match and resubmits
    response = api(staff).post(f"{PRACTICES}{practice.pk}/request-info/", {"comment": "Add the fees."}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "info_requested"
    practice.refresh_from_db()
    response = api(member).patch(
        f"{PRACTICES}{practice.pk}/",
        {"results": "Fees fell from 500 to 0."},
        format="json",
        HTTP_IF_MATCH=etag(practice),
    )
    assert response.status_code == 200, response.content
    assert api(member).post(f"{PRACTICES}{practice.pk}/resubmit/").status_code == 200

    # peer review, then publication
    experts = roster(staff)
    practice = Practice.objects.get(pk=practice.pk)
    practice = peer_reviewed(practice, staff, [experts["un1"], experts["ext1"], experts["ext2"]])
    response = api(staff).post(f"{PRACTICES}{practice.pk}/publish/", {"comment": "Published."}, format="json")
    assert response.status_code == 200, response.content
    public = api().get(f"{PRACTICES}{practice.pk}/").json()
    assert public["status"] == "published"
    assert public["peer_review"] == {
        "un_reviews": 1,
        "external_reviews": 2,
        "complete": True,
        "last_reviewed_at": public["peer_review"]["last_reviewed_at"],
    }
    assert public["contacts"] == [{"name": "Ama Owusu", "role": "", "organisation": "", "email": None}]
    assert [a["name"] for a in public["actions"]] == []


def test_publishing_before_the_peer_review_is_complete_is_a_conflict(member, staff):
    practice = move(make_practice(member), staff, "send_to_review")
    response = api(staff).post(f"{PRACTICES}{practice.pk}/publish/", {"comment": "Now."}, format="json")
    assert response.status_code == 409
    assert "peer review is not complete" in response.json()["detail"]
    actions = {a["name"]: a for a in api(staff).get(f"{PRACTICES}{practice.pk}/").json()["actions"]}
    assert not actions["publish"]["enabled"] and "UN" in actions["publish"]["reason"]


def test_writes_need_if_match_and_a_stale_one_answers_412_with_the_current_record(member):
    practice = make_practice(member)
    url = f"{PRACTICES}{practice.pk}/"
    assert api(member).patch(url, {"title": "No header"}, format="json").status_code == 428
    stale = etag(practice)
    assert api(member).patch(url, {"title": "First"}, format="json", HTTP_IF_MATCH=stale).status_code == 200
    response = api(member).patch(url, {"title": "Second"}, format="json", HTTP_IF_MATCH=stale)
    assert response.status_code == 412
    assert response.json()["current"]["title"] == "First"
    assert Practice.objects.get(pk=practice.pk).title == "First"


def test_strict_input_names_refused_and_unknown_fields(member):
    response = api(member).post(PRACTICES, {**PRACTICE, "status": "published", "colour": "blue"}, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert "workflow" in errors["status"][0] and "Unknown field" in errors["colour"][0]
    response = api(member).post(PRACTICES, {**PRACTICE, "objectives": [], "contacts": []}, format="json")
    assert response.status_code == 400


def test_others_may_not_touch_a_submission(member, staff):
    practice = make_practice(member)
    other = UserFactory()
    url = f"{PRACTICES}{practice.pk}/"
    assert api(other).get(url).status_code == 404
    assert api(other).post(f"{url}send-to-review/").status_code == 404
    assert api(member).post(f"{url}send-to-review/").status_code == 403
    assert api().post(PRACTICES, PRACTICE, format="json").status_code == 401


def test_documents_upload_through_the_api(member):
    practice = make_practice(member)
    upload = SimpleUploadedFile("report.pdf", sample_pdf("Report"), content_type="application/pdf")
    response = api(member).post(
        f"{PRACTICES}{practice.pk}/documents/", {"file": upload, "language": "en"}, format="multipart"
    )
    assert response.status_code == 201, response.content
    assert response.json()["name"] == "report.pdf"
    bad = SimpleUploadedFile("report.pdf", b"<html>not a pdf</html>")
    response = api(member).post(
        f"{PRACTICES}{practice.pk}/documents/", {"file": bad, "language": "en"}, format="multipart"
    )
    assert response.status_code == 400 and "file" in response.json()


# ---------------------------------------------------------------------------
# Resources, events, groups, networks, discussions
# ---------------------------------------------------------------------------


def test_a_member_suggests_a_resource_and_staff_publish_it(member, staff):
    response = api(member).post(
        "/api/v1/hub/resources/",
        {
            "title": "Handbook",
            "resource_type": "publication",
            "publisher": "A university",
            "url_link": "https://example.org/h",
        },
        format="json",
    )
    assert response.status_code == 201 and response.json()["curation"] == "pending"
    pk = response.json()["id"]
    assert api().get(f"/api/v1/hub/resources/{pk}/").status_code == 404
    assert api(staff).post(f"/api/v1/hub/resources/{pk}/publish/").status_code == 200
    data = api().get(f"/api/v1/hub/resources/{pk}/").json()
    assert data["curation"] == "published" and data["url_link"] == "https://example.org/h"


def test_one_file_per_language_through_the_api(staff):
    item = services.resource_create(
        actor=staff, data={"title": "R", "resource_type": "tool", "publisher": "P"}, publish=True
    )
    url = f"/api/v1/hub/resources/{item.pk}/documents/"

    def upload(language):
        file = SimpleUploadedFile("r.pdf", sample_pdf("R"), content_type="application/pdf")
        return api(staff).post(url, {"file": file, "language": language}, format="multipart")

    assert upload("en").status_code == 201
    response = upload("en")
    assert response.status_code == 400 and "language" in response.json()
    assert upload("fr").status_code == 201
    assert sorted(f["language"] for f in api().get(f"/api/v1/hub/resources/{item.pk}/").json()["files"]) == ["en", "fr"]


def test_staff_announce_events_in_their_time_zone(staff, member):
    event = {
        "title": "GCM Talk",
        "kind": "gcm_talk",
        "format": "online",
        "starts_at": "2031-05-04T14:00:00+02:00",
        "timezone": "Europe/Zurich",
    }
    assert api(member).post("/api/v1/hub/events/", event, format="json").status_code == 403
    response = api(staff).post("/api/v1/hub/events/", event, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["starts_at"].startswith("2031-05-04T12:00:00")
    response = api(staff).post("/api/v1/hub/events/", {**event, "timezone": "Nowhere/City"}, format="json")
    assert response.status_code == 400 and "timezone" in response.json()


def test_network_documents_name_their_category(staff):
    network = services.network_create(
        actor=staff,
        data={"kind": "country", "name": "N", "country": Country.objects.get(iso2="GH"), "un_team": "UNCT"},
        publish=True,
    )
    file = SimpleUploadedFile("workplan.pdf", sample_pdf("W"), content_type="application/pdf")
    response = api(staff).post(
        f"/api/v1/hub/networks/{network.pk}/documents/",
        {"file": file, "category": "workplan", "language": "en"},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    assert response.json()["category"] == "workplan"
    assert api().get(f"/api/v1/hub/networks/{network.pk}/").json()["documents"][0]["category"] == "workplan"


def test_comments_through_the_api(staff, member):
    from datetime import timedelta

    from django.utils import timezone

    space = services.space_create(
        actor=staff,
        data={
            "title": "S",
            "description": "D",
            "audience": "A",
            "languages": ["en"],
            "opens_on": timezone.localdate(),
            "closes_on": timezone.localdate() + timedelta(days=3),
        },
        questions=["Q?"],
        publish=True,
    )
    url = f"/api/v1/hub/discussions/{space.pk}/comments/"
    response = api(member).post(url, {"body": "My view.", "question": space.questions.get().pk}, format="json")
    assert response.status_code == 201, response.content
    parent = response.json()["id"]
    assert api(member).post(url, {"body": "Reply.", "parent": parent}, format="json").status_code == 201
    assert api(member).post(url, {"body": "Reply.", "parent": 999999}, format="json").status_code == 400
    assert api(member).post(url, {"body": "Reply.", "question": 999999}, format="json").status_code == 400
    assert api().post(url, {"body": "Anon."}, format="json").status_code == 401
    listed = api().get(url).json()
    assert listed["count"] == 2 and listed["results"][1]["parent"] == parent


def test_the_roster_is_for_staff_only(staff, member):
    from tests.factories.knowledge import make_expert

    expert = make_expert(organisation="A university", cv=False)
    assert api().get("/api/v1/hub/experts/").status_code == 401
    assert api(member).get("/api/v1/hub/experts/").status_code == 403
    assert api(expert.user).get(f"/api/v1/hub/experts/{expert.pk}/").status_code == 403
    assert api(staff).get("/api/v1/hub/experts/").json()["count"] == 1
    response = api(staff).post(f"/api/v1/hub/experts/{expert.pk}/approve/")
    assert response.status_code == 200 and response.json()["status"] == "approved"


def test_support_requests_for_their_focal_point_and_staff(staff):
    focal = focal_point("GH")
    request = {"country": "gh", "title": "Help", "objectives": [23], "support_kinds": ["peer"], "description": "D"}
    response = api(focal).post("/api/v1/hub/support-requests/", request, format="json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert api(focal_point("GH")).get(f"/api/v1/hub/support-requests/{pk}/").status_code == 404
    assert (
        api(focal).post("/api/v1/hub/support-requests/", {**request, "country": "MX"}, format="json").status_code == 403
    )
    response = api(staff).post(f"/api/v1/hub/support-requests/{pk}/discuss/", {"comment": "On it."}, format="json")
    assert response.status_code == 200
    data = api(focal).get(f"/api/v1/hub/support-requests/{pk}/").json()
    assert data["status"] == "in_discussion" and data["messages"][0]["body"] == "On it."
    assert api(staff).post(f"/api/v1/hub/support-requests/{pk}/match/").status_code == 409
    assert SupportRequest.objects.get(pk=pk).requested_by == focal


# ---------------------------------------------------------------------------
# Constant query counts
# ---------------------------------------------------------------------------


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


def test_every_hub_list_runs_a_constant_number_of_queries(staff, settings):
    settings.PAGE_CACHE_ENABLED = False  # the rendering is measured, not the page cache
    from tests.factories.knowledge import KnowledgeWorld

    member = UserFactory()
    focal = focal_point("GH")
    urls = [
        "/api/v1/hub/practices/",
        "/api/v1/hub/resources/",
        "/api/v1/hub/events/",
        "/api/v1/hub/working-groups/",
        "/api/v1/hub/networks/",
        "/api/v1/hub/network-counts/",
        "/api/v1/hub/discussions/",
        "/api/v1/hub/experts/",
        "/api/v1/hub/support-requests/",
    ]
    readers = [APIClient(), api(staff), api(focal)]

    def add(countries):
        KnowledgeWorld(focal_gh=focal, network_countries=countries).build_all()

    add(("GH", "MX"))
    cases = [
        (c, url)
        for c in readers
        for url in urls
        if c is readers[1] or ("experts" not in url and (c is readers[2] or "support" not in url))
    ]
    [queries(c, url) for c, url in cases]  # each reader's roles are read once, then kept
    small = [queries(c, url) for c, url in cases]
    for countries in (("SN", "KE"), ("FR", "DE")):
        add(countries)
    large = [queries(c, url) for c, url in cases]
    assert small == large
    assert api().get("/api/v1/hub/practices/").json()["count"] == 3
    assert member  # a member without records reads the same lists


def test_support_request_list_grows_without_more_queries(staff):
    focal = focal_point("GH")

    def ask(n):
        services.support_request_create(
            actor=focal,
            country=Country.objects.get(iso2="GH"),
            data={"title": f"Request {n}", "description": "D", "support_kinds": ["peer"]},
            objectives=objectives(23),
        )

    ask(0)
    [queries(api(u), "/api/v1/hub/support-requests/") for u in (staff, focal)]  # roles read once, then kept
    small = [queries(api(u), "/api/v1/hub/support-requests/") for u in (staff, focal)]
    for n in range(1, 8):
        ask(n)
    assert [queries(api(u), "/api/v1/hub/support-requests/") for u in (staff, focal)] == small


def test_events_filter_upcoming_and_past(staff):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    for title, days in (("Soon", 3), ("Over", -3)):
        services.event_create(
            actor=staff,
            data={"title": title, "kind": "webinar", "format": "online", "starts_at": now + timedelta(days=days)},
            publish=True,
        )
    assert [e["title"] for e in api().get("/api/v1/hub/events/?when=upcoming").json()["results"]] == ["Soon"]
    assert [e["title"] for e in api().get("/api/v1/hub/events/?when=past").json()["results"]] == ["Over"]
    assert api().get("/api/v1/hub/events/?when=tomorrow").status_code == 400
