"""Follows and digests: a user following the Philippines receives one digest listing a newly published
Philippines report and practice, each saying why, and no digest on a day with nothing new."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from gcm_portal.taxonomy.models import Country, Objective
from knowledge.models import Follow
from knowledge.services.follows import digests_send, follow_create
from reviews.models import RegionalReview
from tests.factories.accounts import UserFactory, focal_point, user_with_role
from tests.factories.knowledge import make_practice, move, peer_reviewed, roster
from tests.factories.reviews import make_report
from tests.factories.reviews import move as report_move

pytestmark = pytest.mark.django_db


def publish_philippines(staff, django_capture_on_commit_callbacks):
    focal = focal_point("PH")
    review = RegionalReview.objects.filter(code__endswith="escap").first()
    with django_capture_on_commit_callbacks(execute=True):
        report = make_report(focal, "PH", review=review, title="Philippines voluntary review")
        report = report_move(report_move(report, focal, "submit"), staff, "publish")
        experts = roster(staff)
        practice = peer_reviewed(
            make_practice(UserFactory(), title="Pre-departure orientation", country_codes=("PH",)),
            staff,
            [experts["un1"], experts["ext1"], experts["ext2"]],
        )
        practice = move(practice, staff, "publish")
    return report, practice


def test_philippines_digest_once_and_none_when_nothing_is_new(django_capture_on_commit_callbacks):
    staff = user_with_role("network_staff")
    reader = UserFactory(preferred_language="fr")
    other = UserFactory()
    start = timezone.now()
    follow_create(actor=reader, country=Country.objects.get(iso2="PH"), frequency="daily")
    follow_create(actor=other, country=Country.objects.get(iso2="MX"), frequency="daily")
    report, practice = publish_philippines(staff, django_capture_on_commit_callbacks)

    mail.outbox.clear()
    today = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send(now=today) == 1  # nothing new for Mexico: no digest for its follower
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [reader.email]
    assert report.title in message.body and practice.title in message.body
    assert message.body.count("Philippines") >= 2  # each item says why: "you follow Philippines"
    assert Follow.objects.get(user=reader).last_sent_at == today
    assert start < today

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send(now=today + timedelta(days=1)) == 0
    assert mail.outbox == []


def test_weekly_digest_waits_a_week_and_combined_follows_narrow(django_capture_on_commit_callbacks):
    staff = user_with_role("network_staff")
    reader = UserFactory()
    follow_create(
        actor=reader,
        country=Country.objects.get(iso2="PH"),
        objective=Objective.objects.get(number=23),
        frequency="weekly",
    )
    follow_create(actor=reader, query="q=orientation", frequency="weekly")
    Follow.objects.update(last_sent_at=timezone.now() - timedelta(days=1))
    publish_philippines(staff, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send(now=timezone.now()) == 0  # the last weekly digest is a day old
        assert digests_send(now=timezone.now() + timedelta(days=7)) == 1
    body = mail.outbox[0].body
    assert "Pre-departure orientation" in body  # the saved search
    assert "Philippines voluntary review" not in body  # PH + objective 23: neither is tagged 23
    assert "orientation" in body.split("Pre-departure orientation", 1)[1]  # why: your search


def test_follow_pages_and_command(client):
    reader = UserFactory()
    client.force_login(reader)
    response = client.post("/hub/follows/new/", {"country": "ph", "frequency": "daily"})
    assert response.status_code == 302
    follow = Follow.objects.get(user=reader)
    assert follow.country.iso2 == "PH"
    assert "Philippines" in client.get("/hub/follows/").content.decode()
    other = UserFactory()
    client.force_login(other)
    assert client.post(f"/hub/follows/{follow.pk}/delete/").status_code == 404
    client.force_login(reader)
    assert client.post(f"/hub/follows/{follow.pk}/delete/").status_code == 302
    assert not Follow.objects.exists()
    call_command("send_digests", verbosity=0)
