"""The Connection Hub: a focal point's request is visible only to that focal point and to staff (404 for
everyone else, other focal points included), moves received → in discussion → matched → in progress →
closed with the requester kept informed, is matched to records or labelled links, and the public sees
only anonymised counts."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from gcm_portal.core.models import Notification
from gcm_portal.core.workflow import TransitionNotAllowed
from gcm_portal.taxonomy.models import Country, UnEntity
from knowledge import selectors, services
from knowledge.choices import RequestStatus
from knowledge.models import SupportMessage, SupportRequest
from tests.factories.accounts import UserFactory, focal_point, user_with_role
from tests.factories.knowledge import make_expert, objectives

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return user_with_role("network_staff")


@pytest.fixture
def focal_gh():
    return focal_point("GH")


def ask(actor, country="GH", title="Help with a national plan", **data):
    return services.support_request_create(
        actor=actor,
        country=Country.objects.get(iso2=country),
        data={"title": title, "description": "We need advice.", "support_kinds": ["technical", "peer"], **data},
        objectives=objectives(23, 1),
    )


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


# ---------------------------------------------------------------------------
# Who sees a request
# ---------------------------------------------------------------------------


def test_a_request_is_visible_only_to_its_focal_point_and_staff(focal_gh, staff, client):
    request = ask(focal_gh)
    other_gh = focal_point("GH")
    mexico = focal_point("MX")
    outsiders = [
        other_gh,
        mexico,
        UserFactory(),
        user_with_role("expert_reviewer"),
        user_with_role("entity_focal_point"),
    ]
    url = request.get_absolute_url()
    api_url = f"/api/v1/hub/support-requests/{request.pk}/"
    for user in (focal_gh, staff):
        client.force_login(user)
        assert client.get(url).status_code == 200
        assert api(user).get(api_url).status_code == 200
        assert SupportRequest.objects.visible_to(user).filter(pk=request.pk).exists()
    for user in outsiders:
        client.force_login(user)
        assert client.get(url).status_code == 404, user
        assert client.get(reverse("knowledge:request-edit", args=[request.pk])).status_code == 404
        assert api(user).get(api_url).status_code == 404, user
        assert request.pk not in [r["id"] for r in api(user).get("/api/v1/hub/support-requests/").json()["results"]]
        assert not SupportRequest.objects.visible_to(user).exists()
    client.logout()
    assert client.get(url).status_code == 302
    assert api().get(api_url).status_code == 401


def test_a_focal_point_asks_only_for_a_country_they_represent(focal_gh):
    with pytest.raises(PermissionDenied):
        ask(focal_gh, country="MX")
    with pytest.raises(PermissionDenied):
        ask(UserFactory())
    with pytest.raises(ValidationError):
        ask(focal_gh, support_kinds=["money"])
    request = ask(focal_gh)
    assert request.status == RequestStatus.RECEIVED and request.requested_by == focal_gh


def test_staff_hear_of_a_new_request(focal_gh, staff):
    ask(focal_gh)
    assert Notification.objects.filter(recipient=staff, event="hub_request_received").exists()


# ---------------------------------------------------------------------------
# Lifecycle
# ---------------------------------------------------------------------------


def test_the_request_moves_through_its_lifecycle_and_the_requester_is_kept_informed(focal_gh, staff):
    request = ask(focal_gh)
    request = services.support_request_transition(
        request=request, action="discuss", actor=staff, comment="We will propose experts."
    )
    assert request.status == RequestStatus.IN_DISCUSSION
    assert SupportMessage.objects.get(request=request).body == "We will propose experts."
    with pytest.raises(TransitionNotAllowed, match="at least one match"):
        services.support_request_transition(request=request, action="match", actor=staff)
    expert = make_expert(staff=staff, organisation="ILO", un=True, entity="ILO", cv=False)
    services.support_match_add(request=request, actor=staff, kind="expert", target=expert, note="A specialist.")
    request = services.support_request_transition(
        request=SupportRequest.objects.get(pk=request.pk), action="match", actor=staff
    )
    request = services.support_request_transition(request=request, action="start", actor=staff)
    assert request.status == RequestStatus.IN_PROGRESS
    request = services.support_request_transition(
        request=request, action="close", actor=focal_gh, comment="Done, thanks."
    )
    assert request.status == RequestStatus.CLOSED and request.closed_at is not None
    notices = Notification.objects.filter(recipient=focal_gh, event="hub_request_update")
    # discuss, match added, matched, started (the requester's own closing is not notified to them)
    assert notices.count() == 4
    assert Notification.objects.filter(
        recipient=staff, event="hub_request_update", body__contains="Done, thanks."
    ).exists()
    with pytest.raises(PermissionDenied):
        services.support_message_add(request=request, actor=focal_gh, body="After closing.")


def test_only_staff_triage_and_only_the_requester_or_staff_close(focal_gh, staff):
    from gcm_portal.core.workflow import TransitionForbidden

    request = ask(focal_gh)
    with pytest.raises(TransitionForbidden):
        services.support_request_transition(request=request, action="discuss", actor=focal_gh)
    with pytest.raises(TransitionForbidden):
        services.support_request_transition(request=request, action="close", actor=focal_point("GH"), comment="x")


def test_matches_name_records_of_this_app_and_the_kernel_or_a_labelled_link(focal_gh, staff):
    request = ask(focal_gh)
    expert = make_expert(staff=staff, organisation="ILO", un=True, entity="ILO", cv=False)
    ilo = UnEntity.objects.get(code="ILO")
    morocco = Country.objects.get(iso2="MA")
    services.support_match_add(request=request, actor=staff, kind="expert", target=expert)
    services.support_match_add(request=request, actor=staff, kind="un_entity", target=ilo)
    services.support_match_add(request=request, actor=staff, kind="peer_state", target=morocco)
    from champions.models import Champion
    from tests.factories import mptf as trust_fund

    pipeline = trust_fund.make_note(trust_fund.entity_fp("IOM"), state="pipeline", assessor=staff)
    draft = trust_fund.make_note(trust_fund.entity_fp("IOM"), title="A draft")
    moroccan_champion = Champion.objects.get(country=morocco)
    note = services.support_match_add(request=request, actor=staff, kind="concept_note", target=pipeline)
    champion = services.support_match_add(request=request, actor=staff, kind="champion", target=moroccan_champion)
    matches = list(request.matches.all())
    assert [m.target for m in matches] == [expert, ilo, morocco, pipeline, moroccan_champion]
    assert matches[0].content_type == ContentType.objects.get_for_model(expert)
    assert note.url == pipeline.get_absolute_url() and note.label == pipeline.title
    assert champion.url == moroccan_champion.get_absolute_url() and champion.label == "Morocco"
    with pytest.raises(ValidationError):
        services.support_match_add(request=request, actor=staff, kind="champion")  # the champion is needed
    with pytest.raises(ValidationError):
        services.support_match_add(request=request, actor=staff, kind="expert", target=morocco)
    with pytest.raises(ValidationError, match="pipeline"):
        services.support_match_add(request=request, actor=staff, kind="concept_note", target=draft)
    jamaica = Champion.objects.create(country=Country.objects.get(iso2="JM"))  # not (yet) a champion: no period
    with pytest.raises(ValidationError, match="current champion"):
        services.support_match_add(request=request, actor=staff, kind="champion", target=jamaica)
    with pytest.raises(PermissionDenied):
        services.support_match_add(request=request, actor=focal_gh, kind="peer_state", target=morocco)


def test_only_published_practices_and_rostered_experts_are_matched(focal_gh, staff):
    from tests.factories.knowledge import make_practice

    request = ask(focal_gh)
    with pytest.raises(ValidationError):
        services.support_match_add(request=request, actor=staff, kind="practice", target=make_practice(UserFactory()))
    with pytest.raises(ValidationError):
        services.support_match_add(
            request=request, actor=staff, kind="expert", target=make_expert(organisation="X", cv=False)
        )


def test_the_requester_edits_only_while_the_request_is_new(focal_gh, staff):
    request = ask(focal_gh)
    request = services.support_request_update(
        request=request, actor=focal_gh, expected_version=request.version, data={"urgency": "high"}
    )
    assert request.urgency == "high"
    request = services.support_request_transition(request=request, action="discuss", actor=staff)
    with pytest.raises(PermissionDenied):
        services.support_request_update(
            request=request, actor=focal_gh, expected_version=request.version, data={"urgency": "low"}
        )
    request = services.support_request_update(
        request=request, actor=staff, expected_version=request.version, data={"urgency": "low"}
    )
    assert request.urgency == "low"


def test_messages_go_both_ways(focal_gh, staff, client):
    request = ask(focal_gh)
    client.force_login(focal_gh)
    response = client.post(reverse("knowledge:request-message", args=[request.pk]), {"body": "Any news?"})
    assert response.status_code == 302
    assert Notification.objects.filter(recipient=staff, body__contains="Any news?").exists()
    client.force_login(staff)
    client.post(reverse("knowledge:request-message", args=[request.pk]), {"body": "Yes, next week."})
    assert Notification.objects.filter(recipient=focal_gh, body__contains="Yes, next week.").exists()


# ---------------------------------------------------------------------------
# What the public sees: anonymised counts
# ---------------------------------------------------------------------------


def test_the_public_sees_anonymised_counts_by_objective_and_region_never_the_requests(focal_gh, client):
    ask(focal_gh, title="A secret Ghana request")
    ask(focal_point("MX"), country="MX", title="A secret Mexico request")
    counts = selectors.public_counts()
    assert counts["total"] == 2
    assert {o.number: n for o, n in counts["objectives"]}[23] == 2
    regions = {r.code: n for r, n in counts["regions"]}
    assert regions["002"] == 1 and regions["019"] == 1
    assert dict(counts["kinds"])["Technical advice"] == 2
    body = client.get(reverse("knowledge:connection-hub")).content.decode()
    assert "secret" not in body and "Ghana" not in body and "Mexico" not in body
    assert "2 requests received" in body


def test_public_counts_cost_a_fixed_number_of_queries(focal_gh, django_assert_max_num_queries):
    ask(focal_gh)
    with django_assert_max_num_queries(5):
        selectors.public_counts()
    for n in range(5):
        ask(focal_gh, title=f"Request {n}")
    with django_assert_max_num_queries(5):
        selectors.public_counts()
