"""The issue's journey: a Ghana focal point proposes a commitment and an activity; staff approve one and
return the other with a comment; the public sees only the approved one; a Kenya focal point gets 404 on
Ghana's pending items. Through the pages and through the API."""

from __future__ import annotations

import pytest
from django.core import mail
from rest_framework.test import APIClient

from champions.models import Activity, Commitment
from gcm_portal.core.models import Notification
from gcm_portal.core.versions import versions_of
from gcm_portal.taxonomy.models import Country
from tests.factories.accounts import focal_point, user_with_role
from tests.factories.champions import champion

pytestmark = pytest.mark.django_db


def test_ghana_proposes_staff_approve_one_and_return_the_other_kenya_sees_nothing(
    client, django_capture_on_commit_callbacks
):
    ghana_fp, kenya_fp = focal_point("GH"), focal_point("KE")
    staff = user_with_role("network_staff")
    ghana = Country.objects.get(iso2="GH")

    # The Ghana focal point proposes a commitment and an activity from the pages.
    client.force_login(ghana_fp)
    response = client.post(
        "/champions/commitments/new/",
        {
            "champion": champion("GH").pk,
            "title": "Train labour inspectors on fair recruitment",
            "description": "Two hundred inspectors by 2027.",
            "status": "planned",
            "objectives": ["6"],
            "focus_areas": ["1"],
            "evidence": "Our pledge | /reviews/pledges/",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    commitment = Commitment.objects.get(title="Train labour inspectors on fair recruitment")
    response = client.post(
        "/champions/activities/new/",
        {
            "kind": "peer_exchange",
            "title": "Peer exchange on fair recruitment",
            "start_date": "2030-03-10",
            "hosts": [ghana.pk],
            "champions": [champion("GH").pk],
            "objectives": ["6"],
            "summary": "Ghana hosts its peers.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    activity = Activity.objects.get(title="Peer exchange on fair recruitment")
    assert commitment.curation == activity.curation == "pending"
    assert Notification.objects.filter(recipient=staff, event="curation_requested").count() == 2

    # A Kenya focal point gets 404 on Ghana's pending items, pages and API alike.
    client.force_login(kenya_fp)
    for url in (
        commitment.get_absolute_url(),
        activity.get_absolute_url(),
        f"/champions/commitments/{commitment.pk}/edit/",
    ):
        assert client.get(url).status_code == 404, url
    api = APIClient()
    api.force_authenticate(kenya_fp)
    assert api.get(f"/api/v1/champion-commitments/{commitment.pk}/").status_code == 404
    assert api.get(f"/api/v1/champion-activities/{activity.pk}/").status_code == 404
    assert api.post(f"/api/v1/champion-commitments/{commitment.pk}/resubmit/").status_code == 404

    # Staff approve the commitment and return the activity with a comment.
    client.force_login(staff)
    assert client.post(f"/champions/commitments/{commitment.pk}/actions/publish/").status_code == 302
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        returned = client.post(
            f"/champions/activities/{activity.pk}/actions/return/", {"comment": "Please add the agenda."}
        )
    assert returned.status_code == 302
    commitment.refresh_from_db()
    activity.refresh_from_db()
    assert commitment.curation == "published" and activity.curation == "returned"
    assert versions_of(commitment, published_only=True).count() == 1
    notice = Notification.objects.get(recipient=ghana_fp, event="curation_decided", url=activity.get_absolute_url())
    assert "Please add the agenda." in notice.body
    assert any("Please add the agenda." in m.body for m in mail.outbox)

    # The public sees only the approved one.
    client.logout()
    assert client.get(commitment.get_absolute_url()).status_code == 200
    assert client.get(activity.get_absolute_url()).status_code == 404
    listing = client.get("/champions/commitments/").content.decode()
    assert commitment.title in listing
    calendar = client.get("/champions/activities/").content.decode()
    assert activity.title not in calendar
    profile = client.get("/champions/countries/gh/").content.decode()
    assert commitment.title in profile and activity.title not in profile
    public = APIClient()
    assert [c["id"] for c in public.get("/api/v1/champion-commitments/").json()["results"]] == [commitment.pk]
    assert activity.pk not in [a["id"] for a in public.get("/api/v1/champion-activities/").json()["results"]]

    # Ghana's focal point reads the comment, fixes the activity and resubmits it.
    client.force_login(ghana_fp)
    page = client.get(activity.get_absolute_url()).content.decode()
    assert "Resubmit" in page
    assert client.post(f"/champions/activities/{activity.pk}/actions/resubmit/").status_code == 302
    activity.refresh_from_db()
    assert activity.curation == "pending"


def test_the_same_journey_through_the_api():
    ghana_fp, kenya_fp = focal_point("GH"), focal_point("KE")
    staff = user_with_role("network_staff")
    fp, ke, st, public = APIClient(), APIClient(), APIClient(), APIClient()
    fp.force_authenticate(ghana_fp)
    ke.force_authenticate(kenya_fp)
    st.force_authenticate(staff)

    created = fp.post(
        "/api/v1/champion-commitments/",
        {
            "champion": "gh",
            "title": "Publish migration data",
            "objectives": [1],
            "focus_areas": [3],
            "evidence": [{"title": "Report", "url": "/reviews/reports/"}],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    commitment = created.json()
    assert created["ETag"] == f'"{commitment["id"]}-1"' and commitment["curation"] == "pending"
    assert commitment["evidence"][0]["kind"] == "report"
    activity = fp.post(
        "/api/v1/champion-activities/",
        {"kind": "technical_meeting", "title": "Technical meeting", "start_date": "2030-05-01", "hosts": ["GH"]},
        format="json",
    )
    assert activity.status_code == 201, activity.content
    activity = activity.json()

    # Kenya may not create for Ghana nor see Ghana's pending items.
    refused = ke.post(
        "/api/v1/champion-activities/",
        {"kind": "statement", "title": "Not ours", "start_date": "2030-05-01", "hosts": ["GH"]},
        format="json",
    )
    assert refused.status_code == 400 and "hosts" in refused.json()
    assert ke.post("/api/v1/champion-commitments/", {"champion": "GH", "title": "X"}, format="json").status_code == 403
    assert ke.get(f"/api/v1/champion-commitments/{commitment['id']}/").status_code == 404

    assert st.post(f"/api/v1/champion-commitments/{commitment['id']}/publish/").status_code == 200
    assert st.post(f"/api/v1/champion-activities/{activity['id']}/return/").status_code == 400  # needs a comment
    returned = st.post(f"/api/v1/champion-activities/{activity['id']}/return/", {"comment": "Agenda?"}, format="json")
    assert returned.status_code == 200 and returned.json()["curation"] == "returned"
    assert st.post(f"/api/v1/champion-activities/{activity['id']}/publish/").status_code == 409

    assert public.get(f"/api/v1/champion-commitments/{commitment['id']}/").status_code == 200
    assert public.get(f"/api/v1/champion-activities/{activity['id']}/").status_code == 404


def test_an_owner_edit_of_a_published_commitment_goes_back_to_curation():
    ghana_fp, staff = focal_point("GH"), user_with_role("network_staff")
    fp, st = APIClient(), APIClient()
    fp.force_authenticate(ghana_fp)
    st.force_authenticate(staff)
    created = fp.post("/api/v1/champion-commitments/", {"champion": "GH", "title": "A"}, format="json").json()
    url = f"/api/v1/champion-commitments/{created['id']}/"
    st.post(url + "publish/")
    etag = fp.get(url)["ETag"]
    edited = fp.patch(url, {"title": "A, changed"}, format="json", HTTP_IF_MATCH=etag)
    assert edited.status_code == 200 and edited.json()["curation"] == "pending"
    assert APIClient().get(url).status_code == 404
    # a staff edit keeps it public
    st.post(url + "publish/")
    etag = st.get(url)["ETag"]
    assert st.patch(url, {"status": "in_progress"}, format="json", HTTP_IF_MATCH=etag).json()["curation"] == "published"
    assert fp.patch(url, {"title": "B"}, format="json", HTTP_IF_MATCH=etag).status_code == 412
    assert fp.patch(url, {"curation": "published"}, format="json", HTTP_IF_MATCH=etag).status_code == 400
