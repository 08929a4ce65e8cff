"""The hub's pages render for each reader, with what each may see and do; forms keep what was typed
when a service refuses (400, 412); the event form reads times in the event's own time zone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from knowledge.models import Event, Practice
from tests.factories.knowledge import build_knowledge_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_knowledge_world().build_all()


def public_pages(w) -> list[str]:
    return [
        reverse("knowledge:index"),
        reverse("knowledge:practice-list"),
        w.published.get_absolute_url(),
        reverse("knowledge:resource-list"),
        w.resource_published.get_absolute_url(),
        reverse("knowledge:event-list"),
        reverse("knowledge:event-past"),
        w.event.get_absolute_url(),
        reverse("knowledge:group-list"),
        w.group.get_absolute_url(),
        reverse("knowledge:network-list"),
        w.network.get_absolute_url(),
        reverse("knowledge:space-list"),
        w.space.get_absolute_url(),
        w.space_closed.get_absolute_url(),
        reverse("knowledge:call-list"),
        w.call.get_absolute_url(),
        reverse("knowledge:theme-detail", args=["covid-19"]),
        reverse("knowledge:connection-hub"),
        "/countries/gh/",
        "/",
    ]


def staff_pages(w) -> list[str]:
    return [
        reverse("knowledge:practice-reviewers", args=[w.in_review.pk]),
        w.assignment.get_absolute_url(),
        reverse("knowledge:expert-list"),
        reverse("knowledge:roster-balance"),
        w.expert_pending.get_absolute_url(),
        reverse("knowledge:moderation"),
        reverse("knowledge:request-list"),
        w.request_own.get_absolute_url(),
        w.submitted.get_absolute_url(),
        reverse("knowledge:practice-create"),
        reverse("knowledge:practice-edit", args=[w.submitted.pk]),
        reverse("knowledge:resource-create"),
        reverse("knowledge:resource-edit", args=[w.resource_published.pk]),
        reverse("knowledge:event-create"),
        reverse("knowledge:event-edit", args=[w.event.pk]),
        reverse("knowledge:group-create"),
        reverse("knowledge:group-edit", args=[w.group.pk]),
        reverse("knowledge:network-create"),
        reverse("knowledge:network-edit", args=[w.network.pk]),
        reverse("knowledge:space-create"),
        reverse("knowledge:space-edit", args=[w.space.pk]),
        reverse("knowledge:call-create"),
        reverse("knowledge:call-edit", args=[w.call.pk]),
        "/curation/",
    ]


def test_public_and_staff_pages_render(world, client):
    for url in public_pages(world):
        assert client.get(url).status_code == 200, url
    client.force_login(world.staff)
    for url in [*public_pages(world), *staff_pages(world)]:
        assert client.get(url).status_code == 200, url


def test_focal_points_reviewers_and_members_pages(world, client):
    client.force_login(world.focal_gh)
    for url in ["/my-country/", reverse("knowledge:request-create"), world.request_own.get_absolute_url()]:
        assert client.get(url).status_code == 200, url
    assert "Help with a national plan" in client.get("/my-country/").content.decode()
    client.force_login(world.assignment.expert.user)
    assert client.get(world.assignment.get_absolute_url()).status_code == 200
    assert world.in_review.title in client.get(reverse("knowledge:assignment-list")).content.decode()
    client.force_login(world.member)
    assert client.get(reverse("knowledge:expert-apply")).status_code == 200
    assert "Submitted practice" in client.get(reverse("knowledge:practice-list")).content.decode()


def test_the_country_page_shows_its_un_migration_network(world, client):
    body = client.get("/countries/gh/").content.decode()
    assert "UN Network on Migration in Ghana" in body
    assert "No UN network on migration is recorded for this country" in client.get("/countries/fr/").content.decode()
    # Zambia's network comes from the reference data
    assert "UN Network on Migration in Zambia" in client.get("/countries/zm/").content.decode()


def test_the_assignment_page_hides_the_practice_until_no_conflict_is_declared(world, client):
    assignment = world.assignment
    client.force_login(assignment.expert.user)
    page = client.get(assignment.get_absolute_url()).content.decode()
    assert "declare any conflict of interest" in page
    assert "Licensing of recruitment agencies" not in page  # the description
    response = client.post(reverse("knowledge:assignment-declare", args=[assignment.pk]), {"has_conflict": "no"})
    assert response.status_code == 302
    page = client.get(assignment.get_absolute_url()).content.decode()
    assert "Licensing of recruitment agencies" in page and "Your review" in page
    form = {f"score_{name}": "4" for name in ("objectives", "principles", "results", "innovation", "replicability")}
    response = client.post(
        reverse("knowledge:assignment-review", args=[assignment.pk]), {**form, "recommendation": "publish"}
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == "reviewed" and assignment.scores["results"] == 4


def test_declaring_a_conflict_needs_what_it_is(world, client):
    client.force_login(world.assignment.expert.user)
    response = client.post(reverse("knowledge:assignment-declare", args=[world.assignment.pk]), {"has_conflict": "yes"})
    assert response.status_code == 400
    assert "Say what the conflict of interest is" in response.content.decode()


def test_a_stale_practice_edit_keeps_the_typed_text(world, client):
    practice = world.submitted
    client.force_login(world.member)
    page = client.get(reverse("knowledge:practice-edit", args=[practice.pk]))
    form = page.context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None and not isinstance(value, list)}
    data.update(
        {
            "version": practice.version,
            "title": "My typed title",
            "objectives": [o.pk for o in practice.objectives.all()],
            "principles": [p.pk for p in practice.principles.all()],
            "countries": [c.pk for c in practice.countries.all()],
            "submitter_country": practice.submitter_country_id,
            "contacts-TOTAL_FORMS": "1",
            "contacts-INITIAL_FORMS": "0",
            "contacts-0-name": "Ama Owusu",
        }
    )
    data.pop("call", None)
    Practice.objects.filter(pk=practice.pk).update(version=practice.version + 1)  # someone saved in between
    response = client.post(reverse("knowledge:practice-edit", args=[practice.pk]), data)
    assert response.status_code == 412
    assert "My typed title" in response.content.decode()
    assert Practice.objects.get(pk=practice.pk).title == "Submitted practice"


def test_the_event_form_reads_times_in_the_events_time_zone(world, client):
    client.force_login(world.staff)
    response = client.post(
        reverse("knowledge:event-create"),
        {
            "title": "GCM Talk in Geneva time",
            "kind": "gcm_talk",
            "format": "online",
            "starts_at": "2031-03-10T14:00",
            "ends_at": "2031-03-10T15:30",
            "timezone": "Europe/Zurich",
            "audience": "all",
            "interpretation_languages": ["en", "fr"],
            "publish": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get(title="GCM Talk in Geneva time")
    assert event.starts_at == datetime(2031, 3, 10, 13, 0, tzinfo=ZoneInfo("UTC"))  # 14:00 CET
    assert event.is_public
    page = client.get(event.get_absolute_url()).content.decode()
    assert "14:00" in page or "2 p.m." in page
    edit = client.get(reverse("knowledge:event-edit", args=[event.pk]))
    assert edit.context["form"].initial["starts_at"] == "2031-03-10T14:00"


def test_the_calendar_feed_lists_published_events(world, client):
    response = client.get(reverse("knowledge:event-calendar"))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VCALENDAR" in body and "SUMMARY:GCM Talk" in body
    assert "Draft webinar" not in body


def test_upcoming_and_past_lists(world, client):
    upcoming = client.get(reverse("knowledge:event-list")).content.decode()
    past = client.get(reverse("knowledge:event-past")).content.decode()
    url = world.event.get_absolute_url()
    assert url in upcoming and url not in past
    past_event = Event.objects.get(pk=world.event_pending.pk)  # started now: past once published
    from knowledge import services

    services.event_curate(event=past_event, action="publish", actor=world.staff)
    assert past_event.get_absolute_url() in client.get(reverse("knowledge:event-past")).content.decode()


def test_the_network_list_charts_the_counts_over_time_with_sources(world, client):
    body = client.get(reverse("knowledge:network-list")).content.decode()
    assert "<svg" in body and "The data behind this chart" in body
    assert "2020-10-19" in body and ">31<" in body
    assert "not yet verified against its source" in body  # the October 2020 figures
    assert "coordinators-briefing-24-june-2021" in body


def test_the_roster_balance_shows_charts_with_their_tables(world, client):
    client.force_login(world.staff)
    body = client.get(reverse("knowledge:roster-balance")).content.decode()
    for heading in (
        "Experts by gender",
        "Experts by region of expertise",
        "Experts by working language",
        "Experts per GCM objective",
    ):
        assert heading in body
    assert body.count("<table") >= 5
    assert "No expert covers these objectives yet" in body


def test_the_published_practices_download_as_csv(world, client):
    response = client.get(reverse("knowledge:practice-export") + "?objective=6")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert lines[0].startswith("id,title,organisation")
    assert len(lines) == 2 and "Published practice" in lines[1] and ",1,2," in lines[1]
    assert "Submitted practice" not in body


def test_staff_download_the_roster(world, client):
    import io

    from openpyxl import load_workbook

    client.force_login(world.staff)
    response = client.get(reverse("knowledge:roster-export"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "name" and len(rows) == 1 + 4  # three approved experts and one applicant
    client.force_login(world.member)
    assert client.get(reverse("knowledge:roster-export")).status_code == 404
