"""The champions demo content: every section filled through the services, labelled as demonstration,
and a second load that creates nothing new."""

import pytest
from django.http import HttpRequest

from champions.demo import load_champions_demo
from champions.models import (
    Activity,
    Champion,
    Commitment,
    CommitmentUpdate,
    Confirmation,
    ConsultationResponse,
    MembershipFact,
    PeerLearningRequest,
    PeerPairing,
    ProfileUpdate,
)
from gcm_portal.core.demo import DEMO_PASSWORD, load_demo_data
from gcm_portal.core.models import RecordVersion
from tests.module_records import demo_content

pytestmark = pytest.mark.django_db


demo = demo_content(load_champions_demo)


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Activity,
            Champion,
            Commitment,
            CommitmentUpdate,
            Confirmation,
            ConsultationResponse,
            MembershipFact,
            PeerLearningRequest,
            PeerPairing,
            ProfileUpdate,
            RecordVersion,
        )
    }


def test_every_section_is_filled_and_labelled(demo):
    assert set(Commitment.objects.values_list("curation", flat=True)) == {"published", "pending", "returned"}
    assert set(Commitment.objects.values_list("status", flat=True)) == {"in_progress", "planned", "achieved", "dropped"}
    assert set(Activity.objects.exclude(created_by=None).values_list("curation", flat=True)) == {
        "published",
        "pending",
        "returned",
    }
    for title in Commitment.objects.values_list("title", flat=True):
        assert "(demonstration)" in title
    for title in Activity.objects.exclude(created_by=None).values_list("title", flat=True):
        assert "(demonstration)" in title
    ghana = Champion.objects.get(country__iso2="GH")
    assert ghana.plan_status == "adopted" and "(demonstration)" in ghana.plan_title
    assert ProfileUpdate.objects.filter(curation="pending").exists()
    assert ConsultationResponse.objects.count() == 2
    assert PeerPairing.objects.exists() and PeerLearningRequest.objects.filter(status="routed").exists()
    assert Confirmation.objects.get().curation == "pending"
    assert RecordVersion.objects.filter(published=True).count() >= 5


def test_loading_twice_creates_nothing_new(demo):
    first = _counts()
    load_demo_data()
    assert _counts() == first


def test_demo_pages_render_for_each_role(demo, client):
    for url in (
        "/champions/",
        "/champions/countries/gh/",
        "/champions/commitments/",
        "/champions/activities/",
        "/champions/map/",
    ):
        assert client.get(url).status_code == 200, url
    for email, url in [
        ("focal.ghana@example.org", "/champions/consultations/"),
        ("focal.ghana@example.org", "/my-country/"),
        ("focal.jamaica@example.org", "/my-country/"),
        ("staff@example.org", "/curation/"),
    ]:
        assert client.login(request=HttpRequest(), username=email, password=DEMO_PASSWORD)
        assert client.get(url).status_code == 200, (email, url)
        client.logout()
