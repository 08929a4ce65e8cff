"""The hub's demo content: every section filled through the real services, labelled as demonstration,
and a second load that creates nothing new."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.http import HttpRequest

from gcm_portal.core.audit import AuditEntry
from gcm_portal.core.curation import CurationState
from gcm_portal.core.demo import DEMO_PASSWORD, load_demo_data
from knowledge.choices import AssignmentStatus, PracticeStatus, RequestStatus
from knowledge.demo import load_knowledge_demo
from knowledge.models import (
    CallForPractices,
    Comment,
    CommentReport,
    DiscussionSpace,
    Event,
    Expert,
    JoinRequest,
    MigrationNetwork,
    Practice,
    Resource,
    ReviewAssignment,
    SupportMatch,
    SupportRequest,
    WorkingGroup,
)
from knowledge.workflow import peer_review_of
from tests.module_records import demo_content

pytestmark = pytest.mark.django_db


demo = demo_content(load_knowledge_demo)


def counts() -> dict:
    result = {model.__name__: model.objects.count() for model in apps.get_app_config("knowledge").get_models()}
    result["audit"] = AuditEntry.objects.count()
    return result


def test_loading_twice_creates_nothing_new(demo):
    first = counts()
    load_demo_data()
    assert counts() == first


def test_practices_in_every_state_with_a_real_peer_review(demo):
    assert set(Practice.objects.values_list("status", flat=True)) == set(PracticeStatus.values)
    for practice in Practice.objects.published():
        assert peer_review_of(practice).complete
    disputed = Practice.objects.get(title__startswith="Health cards")
    review = peer_review_of(disputed)
    assert review.disagree and review.reviewed == 4 and disputed.status == PracticeStatus.PUBLISHED
    statuses = set(ReviewAssignment.objects.values_list("status", flat=True))
    assert {AssignmentStatus.ASSIGNED, AssignmentStatus.CONFLICT, AssignmentStatus.REVIEWED} <= statuses
    assert CallForPractices.objects.get().practices.count() == 2


def test_every_section_is_filled(demo):
    assert Expert.objects.approved().filter(organisation_type="un").count() >= 2
    assert Expert.objects.approved().filter(organisation_type="external").count() >= 4
    assert Expert.objects.filter(status="submitted").exists()
    assert Resource.objects.filter(curation=CurationState.PUBLISHED).count() >= 4
    assert Resource.objects.filter(curation=CurationState.PENDING).exists()
    assert Resource.objects.filter(files__language="fr").exists()
    from django.utils import timezone

    now = timezone.now()
    assert Event.objects.published().upcoming(now).count() >= 2 and Event.objects.published().past(now).count() >= 2
    assert Event.objects.exclude(recording_url="").exclude(summary="").exists()
    assert WorkingGroup.objects.filter(call_open=True).exists() and JoinRequest.objects.exists()
    assert MigrationNetwork.objects.filter(country__iso2__in=["GH", "MX", "MA"]).count() == 3
    open_space, closed = DiscussionSpace.objects.order_by("-closes_on")
    assert open_space.is_open() and not closed.is_open()
    assert Comment.objects.filter(hidden=True).exists() and Comment.objects.filter(parent__isnull=False).exists()
    assert CommentReport.objects.filter(status="open").exists()
    assert set(SupportRequest.objects.values_list("status", flat=True)) >= {
        RequestStatus.RECEIVED,
        RequestStatus.IN_PROGRESS,
        RequestStatus.CLOSED,
    }
    kinds = set(SupportMatch.objects.filter(content_type__isnull=False).values_list("kind", flat=True))
    assert {"expert", "un_entity", "concept_note"} <= kinds  # records, the trust fund's included


def test_invented_content_is_labelled_as_demonstration(demo):
    for model, field in [
        (Practice, "title"),
        (Event, "title"),
        (DiscussionSpace, "title"),
        (SupportRequest, "title"),
        (CallForPractices, "title"),
    ]:
        for value in model.objects.values_list(field, flat=True):
            assert "(demonstration)" in value, value
    for resource in Resource.objects.all():
        assert "(demonstration)" in resource.title or resource.title.endswith("(A/76/642)")
    for network in MigrationNetwork.objects.filter(source_url=""):
        assert "(demonstration)" in network.name
    for group in WorkingGroup.objects.filter(source_url=""):
        assert "(demonstration)" in group.name
    for expert in Expert.objects.exclude(user__email="reviewer@example.org"):
        assert "(demonstration)" in expert.user.full_name


def test_demo_pages_render_for_each_role(demo, client):
    for url in [
        "/hub/",
        "/hub/practices/",
        "/hub/resources/",
        "/hub/events/",
        "/hub/events/past/",
        "/hub/networks/",
        "/hub/discussions/",
        "/hub/connection-hub/",
        "/countries/gh/",
    ]:
        assert client.get(url).status_code == 200, url
    for practice in Practice.objects.published():
        assert client.get(practice.get_absolute_url()).status_code == 200
    for email, url in [
        ("staff@example.org", "/curation/"),
        ("staff@example.org", "/hub/discussions/moderation/"),
        ("staff@example.org", "/hub/experts/balance/"),
        ("focal.ghana@example.org", "/my-country/"),
        ("reviewer@example.org", "/hub/reviews/"),
        ("expert.lina@example.org", "/hub/reviews/"),
    ]:
        assert client.login(request=HttpRequest(), username=email, password=DEMO_PASSWORD), email
        assert client.get(url).status_code == 200, (email, url)
        client.logout()
