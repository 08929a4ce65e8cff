"""Resources (one file per language, suggestions that wait for curation), events, working groups with
their open call to join, UN migration networks, the expert roster, and the reference data with its
sources."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gcm_portal import permissions as roles
from gcm_portal.core.attachments import attachment_add
from gcm_portal.core.curation import CurationState
from gcm_portal.core.models import Notification
from gcm_portal.core.workflow import TransitionNotAllowed
from gcm_portal.taxonomy.models import Country, UnEntity
from knowledge import selectors, services
from knowledge.choices import ExpertStatus, JoinStatus
from knowledge.models import ExpertCV, MigrationNetwork, NetworkCount, Resource, WorkingGroup
from tests.factories.accounts import UserFactory, user_with_role
from tests.factories.knowledge import make_expert, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return user_with_role("network_staff")


@pytest.fixture
def member():
    return UserFactory()


# ---------------------------------------------------------------------------
# Resources
# ---------------------------------------------------------------------------


def resource(actor, publish=False, **data):
    return services.resource_create(
        actor=actor,
        data={"title": "Guidance", "resource_type": "guidance", "publisher": "UN Network on Migration", **data},
        publish=publish,
    )


def test_a_members_suggestion_waits_for_curation(member, staff):
    suggestion = resource(member, title="A useful handbook")
    assert suggestion.curation == CurationState.PENDING
    assert Notification.objects.filter(recipient=staff, event="curation_requested").exists()
    assert not Resource.objects.visible_to(UserFactory()).filter(pk=suggestion.pk).exists()
    with pytest.raises(PermissionDenied):
        resource(member, publish=True)
    returned = services.resource_curate(resource=suggestion, action="return", actor=staff, comment="Add the link.")
    returned = services.resource_update(
        resource=returned, actor=member, expected_version=returned.version, data={"url": "https://www.example.org/h"}
    )
    resubmitted = services.resource_curate(resource=returned, action="resubmit", actor=member)
    published = services.resource_curate(resource=resubmitted, action="publish", actor=staff)
    assert published.is_public
    with pytest.raises(PermissionDenied):  # no longer editable by the member once public
        services.resource_update(
            resource=published, actor=member, expected_version=published.version, data={"title": "x"}
        )


def test_one_file_per_language(staff):
    item = resource(staff, publish=True)
    attachment_add(attachments=services.RESOURCE_FILES, parent=item, actor=staff, upload=pdf("en.pdf"), language="en")
    attachment_add(attachments=services.RESOURCE_FILES, parent=item, actor=staff, upload=pdf("fr.pdf"), language="fr")
    with pytest.raises(ValidationError, match="already has a file in this language"):
        attachment_add(
            attachments=services.RESOURCE_FILES, parent=item, actor=staff, upload=pdf("en2.pdf"), language="en"
        )
    assert sorted(item.files.values_list("language", flat=True)) == ["en", "fr"]


def test_resources_carry_the_hubs_facets(staff):
    group = WorkingGroup.objects.get(code="CWG 2.1")
    item = services.resource_create(
        actor=staff,
        data={
            "title": "Training package",
            "resource_type": "wg_output",
            "publisher": "UN Network on Migration",
            "publication_date": timezone.localdate(),
            "languages": ["en", "es"],
            "audience": "un_system",
            "geographic_scope": "global",
            "working_group": group,
            "url": "https://www.example.org/training",
        },
        publish=True,
    )
    assert item in group.outputs.all()
    with pytest.raises(ValidationError):
        resource(staff, languages=["klingon"])


# ---------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------


def test_an_event_needs_a_known_time_zone_and_ends_after_it_starts(staff):
    now = timezone.now()
    base = {"title": "E", "kind": "webinar", "format": "online", "starts_at": now}
    with pytest.raises(ValidationError):
        services.event_create(actor=staff, data={**base, "timezone": "Mars/Olympus"})
    with pytest.raises(ValidationError):
        services.event_create(actor=staff, data={**base, "ends_at": now - timedelta(hours=1)})
    with pytest.raises(PermissionDenied):
        services.event_create(actor=UserFactory(), data=base)


def test_upcoming_and_past_events(staff):
    now = timezone.now()
    soon = services.event_create(
        actor=staff,
        data={"title": "Soon", "kind": "webinar", "format": "online", "starts_at": now + timedelta(days=1)},
        publish=True,
    )
    running = services.event_create(
        actor=staff,
        data={
            "title": "Running",
            "kind": "webinar",
            "format": "online",
            "starts_at": now - timedelta(hours=1),
            "ends_at": now + timedelta(hours=1),
        },
        publish=True,
    )
    over = services.event_create(
        actor=staff,
        data={"title": "Over", "kind": "webinar", "format": "online", "starts_at": now - timedelta(days=2)},
        publish=True,
    )
    events = selectors.event_list(staff)
    assert list(events.upcoming(now)) == [running, soon]
    assert list(events.past(now)) == [over]


# ---------------------------------------------------------------------------
# Working groups and the open call to join
# ---------------------------------------------------------------------------


def test_the_seeded_working_groups_have_their_co_leads_and_sources():
    cwg = WorkingGroup.objects.get(code="CWG 2.2")
    assert {e.code for e in cwg.un_co_leads.all()} == {"IOM", "OHCHR", "UNDP"}
    assert cwg.is_public and cwg.verified and cwg.source_url.startswith("https://migrationnetwork.un.org/")
    atd = WorkingGroup.objects.get(name="Alternatives to Detention")
    assert atd.stakeholder_co_lead_list == ["International Detention Coalition"]
    assert {e.code for e in atd.un_co_leads.all()} == {"UNHCR", "UNICEF"}


def test_staff_answer_requests_to_join(staff, member):
    group = services.group_create(
        actor=staff,
        data={"name": "Access to services", "call_open": True},
        un_co_leads=[UnEntity.objects.get(code="WHO")],
        publish=True,
    )
    join = services.join_request_create(group=group, actor=member, organisation="An NGO", motivation="We run clinics.")
    with pytest.raises(ValidationError, match="already waiting"):
        services.join_request_create(group=group, actor=member, organisation="An NGO", motivation="Again.")
    with pytest.raises(TransitionNotAllowed):  # a message is needed
        services.join_request_decide(join=join, action="accept", actor=staff)
    join = services.join_request_decide(join=join, action="accept", actor=staff, comment="Welcome.")
    assert join.status == JoinStatus.ACCEPTED and member in group.members.all()
    assert "Welcome." in Notification.objects.filter(recipient=member, event="hub_join_decided").get().body
    with pytest.raises(ValidationError, match="already a member"):
        services.join_request_create(group=group, actor=member, organisation="An NGO", motivation="Again.")


def test_no_request_to_join_without_an_open_call(staff, member):
    group = services.group_create(actor=staff, data={"name": "Closed group"}, publish=True)
    with pytest.raises(PermissionDenied):
        services.join_request_create(group=group, actor=member, organisation="x", motivation="y")


# ---------------------------------------------------------------------------
# UN migration networks
# ---------------------------------------------------------------------------


def test_a_country_has_one_network_and_a_country_network_names_its_country(staff):
    ghana = Country.objects.get(iso2="GH")
    services.network_create(actor=staff, data={"kind": "country", "name": "Ghana", "country": ghana, "un_team": "UNCT"})
    with pytest.raises(ValidationError, match="already has a network"):
        services.network_create(
            actor=staff, data={"kind": "country", "name": "Again", "country": ghana, "un_team": "UNCT"}
        )
    with pytest.raises(ValidationError):
        services.network_create(actor=staff, data={"kind": "country", "name": "Nowhere", "un_team": "UNCT"})
    regional = services.network_create(
        actor=staff, data={"kind": "regional", "name": "Region", "un_team": "Arab region"}
    )
    assert regional.country is None


def test_network_counts_over_time_come_with_their_sources():
    counts = {c.on.isoformat(): c for c in NetworkCount.objects.all()}
    october = counts["2020-10-19"]
    assert (october.country_networks, october.regional_networks) == (31, 6)
    assert october.source_url.endswith("coordinators-briefing-19-october-2020")
    assert not october.verified  # the figures await a check against the briefing's published text
    assert counts["2021-03-18"].country_networks == 45 and counts["2021-06-24"].country_networks == 52
    assert counts["2021-06-24"].verified
    chart = selectors.network_chart(list(NetworkCount.objects.order_by("on")))
    assert chart.rows[0] == ["2020-10-19", "31", "6"]


def test_the_seeded_networks_come_from_public_sources():
    zambia = MigrationNetwork.objects.get(country__iso2="ZM")
    assert zambia.is_public and zambia.source_url.startswith("https://migrationnetwork.un.org/")
    asia = MigrationNetwork.objects.get(kind="regional")
    assert "Asia and the Pacific" in asia.name and asia.source_date is not None


# ---------------------------------------------------------------------------
# The expert roster
# ---------------------------------------------------------------------------


def test_an_application_in_any_un_language_with_a_cv(member):
    expert = make_expert(user=member, organisation="A university", languages=("fr", "ar"))
    assert expert.status == ExpertStatus.SUBMITTED
    assert ExpertCV.objects.filter(expert=expert).count() == 1
    with pytest.raises(ValidationError, match="already applied"):
        make_expert(user=member, organisation="Again")
    with pytest.raises(ValidationError):
        make_expert(organisation="X", languages=("tlh",))
    with pytest.raises(ValidationError):
        make_expert(organisation="X", objective_numbers=())


def test_approving_makes_the_expert_an_expert_reviewer(staff, member):
    expert = make_expert(user=member, organisation="A university")
    assert not roles.is_expert_reviewer(member)
    expert = services.expert_transition(expert=expert, action="approve", actor=staff)
    member = type(member).objects.get(pk=member.pk)
    assert expert.status == ExpertStatus.APPROVED and roles.is_expert_reviewer(member)
    assert Notification.objects.filter(recipient=member, event="hub_expert_decided").exists()
    services.expert_transition(expert=expert, action="remove", actor=staff, comment="Left the field.")
    assert not roles.is_expert_reviewer(type(member).objects.get(pk=member.pk))


def test_declining_needs_a_message(staff, member):
    expert = make_expert(user=member, organisation="A university")
    with pytest.raises(TransitionNotAllowed):
        services.expert_transition(expert=expert, action="decline", actor=staff)
    expert = services.expert_transition(expert=expert, action="decline", actor=staff, comment="Not enough experience.")
    assert expert.status == ExpertStatus.DECLINED
    assert not roles.is_expert_reviewer(member)


def test_a_cv_is_seen_by_its_expert_and_staff_only(staff, member, client):
    expert = make_expert(user=member, organisation="A university")
    cv = expert.cvs.get()
    url = f"/hub/experts/{expert.pk}/cv/{cv.pk}/"
    client.force_login(member)
    assert client.get(url).status_code == 200
    client.force_login(staff)
    assert client.get(url).status_code == 200
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_the_roster_balance(staff):
    make_expert(staff=staff, organisation="A", gender="woman", languages=("en", "fr"), objective_numbers=(6,), cv=False)
    make_expert(
        staff=staff,
        organisation="B",
        gender="man",
        un=True,
        entity="IOM",
        region="142",
        languages=("ar",),
        objective_numbers=(6, 7),
        cv=False,
    )
    make_expert(organisation="C", cv=False)  # not approved: not counted
    balance = selectors.roster_balance()
    assert balance["total"] == 2 and balance["pending"] == 1
    assert dict(balance["gender"].rows)["Woman"] == "1"
    assert dict(balance["language"].rows)["Arabic"] == "1"
    assert dict(balance["organisation"].rows)["UN system entity"] == "1"
    assert dict(balance["objectives"].rows)["6. Recruitment and decent work"] == "2"
    assert len(balance["uncovered"]) == 21
