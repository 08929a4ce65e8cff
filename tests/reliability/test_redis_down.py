"""Redis is optional at every moment: with the cache and the broker unreachable (a dead port, and a
Redis server the test stops and starts again), the pages, the API, sign-in, saving a draft and
submitting it keep working; the staff e-mail waits in the outbox and leaves once the broker answers
again, once."""

from __future__ import annotations

import logging
import time
from contextlib import nullcontext

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from gcm_portal.core.models import Notification, OutboxMessage
from gcm_portal.core.outbox import outbox_relay
from reviews.models import VoluntaryReport
from tests.factories.accounts import PASSWORD, focal_point, user_with_role
from tests.factories.reviews import eca_review, make_report

from .faults import DEAD_REDIS, QUEUES, broker_at, cache_at, cache_unreachable, redis_unreachable, wait_for

pytestmark = pytest.mark.django_db


def _edit_form(report: VoluntaryReport) -> dict:
    return {
        "version": report.version,
        "title": "Ghana 2025 review, revised",
        "review": eca_review().pk,
        "languages": ["en"],
        "review_process": "Whole-of-government consultation.",
        "policy_framework": "",
        "national_plan": "",
        "means_of_implementation": "",
        "next_steps": "",
        "objectives": [],
        "principles": [],
        "progress-TOTAL_FORMS": "1",
        "progress-INITIAL_FORMS": "0",
        "progress-0-objective": report.progress.first().objective_id,
        "progress-0-status": "in_progress",
        "progress-0-measures": "Fair recruitment law adopted.",
    }


def _work_while_redis_is_down(client: Client, fp, report: VoluntaryReport, staff, commit) -> None:
    """Pages, the API, sign-in, saving a draft and submitting it, with Redis unreachable; ``commit``
    runs the after-commit callbacks of a request (a no-op in a transactional test)."""
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("reviews:index")).status_code == 200
    assert client.get("/api/v1/voluntary-reports/").status_code == 200
    assert client.get("/api/v1/review-cycles/").status_code == 200

    response = client.post(reverse("accounts:login"), {"username": fp.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert client.get(reverse("accounts:profile")).status_code == 200

    with commit():
        response = client.post(reverse("reviews:report-edit", args=[report.pk]), _edit_form(report))
    assert response.status_code == 302, response.content.decode()[:2000]
    report.refresh_from_db()
    assert report.title == "Ghana 2025 review, revised"

    with commit():
        response = client.post(reverse("reviews:report-transition", args=[report.pk, "submit"]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted"
    # The on-site notice is in the database already; the e-mail waits in the outbox.
    assert Notification.objects.filter(recipient=staff, event="report_submitted").count() == 1
    waiting = OutboxMessage.objects.filter(sent_at__isnull=True, task="core.send_email")
    assert waiting.count() == 1 and "Connection" in waiting.get().last_error
    assert mail.outbox == []

    # The signed-in API works too, and a page under a session still answers.
    assert client.get("/api/v1/voluntary-reports/").status_code == 200
    assert client.get(report.get_absolute_url()).status_code == 200


def test_pages_api_sign_in_draft_and_submission_work_without_redis(caplog, django_capture_on_commit_callbacks):
    fp = focal_point("GH")
    staff = user_with_role("network_staff")
    report = make_report(fp, "GH")
    mail.outbox.clear()
    caplog.set_level(logging.INFO, logger="gcm_portal")
    with redis_unreachable():
        _work_while_redis_is_down(Client(), fp, report, staff, lambda: django_capture_on_commit_callbacks(execute=True))

    # Logged once per outage, not once per request.
    outages = [r for r in caplog.records if r.name == "gcm_portal.core.cache" and r.levelno == logging.WARNING]
    assert len(outages) == 1, [r.getMessage() for r in outages]
    broker = [r for r in caplog.records if r.name == "gcm_portal.core.outbox" and r.levelno == logging.WARNING]
    assert len(broker) == 1

    # The broker is back (here: tasks in-process): the relay delivers the e-mail, once.
    OutboxMessage.objects.update(available_at=OutboxMessage.objects.get().created_at)
    assert outbox_relay() == 1
    assert [m.to for m in mail.outbox] == [[staff.email]]
    assert outbox_relay() == 0
    assert len(mail.outbox) == 1


@pytest.mark.redis
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_redis_stopped_a_draft_is_submitted_and_the_staff_email_arrives_once_it_is_back(loopback_redis):
    """The whole drill on a Redis server the test runs itself, as cache and broker: stopped, the portal
    keeps working; started again, the cache answers again without a restart and a real worker sends the
    staff e-mail that waited in the outbox, once."""
    from celery.contrib.testing.worker import start_worker
    from django.core.cache import cache

    fp = focal_point("GH")
    staff = user_with_role("network_staff")
    report = make_report(fp, "GH")
    mail.outbox.clear()
    loopback_redis.start()
    with cache_at(loopback_redis.url), broker_at(loopback_redis.url) as app:
        cache.set("before", 1)
        assert cache.get("before") == 1
        loopback_redis.stop()

        _work_while_redis_is_down(Client(), fp, report, staff, nullcontext)

        loopback_redis.start()
        assert wait_for(lambda: cache.add("after", 1) and cache.get("after") == 1, timeout=15, what="the cache")
        # Skip the back-off the failed attempt set; beat's relay (every 30 s) would do the same later.
        OutboxMessage.objects.update(available_at=OutboxMessage.objects.get().created_at)
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10, queues=QUEUES):
            assert outbox_relay() == 1
            wait_for(lambda: len(mail.outbox) == 1, what="the staff e-mail")
            assert outbox_relay() == 0
            time.sleep(1)
    assert [m.to for m in mail.outbox] == [[staff.email]]
    assert OutboxMessage.objects.get().sent_at is not None


def test_a_broker_down_at_commit_keeps_the_task_and_a_second_delivery_has_no_effect(
    django_capture_on_commit_callbacks,
):
    from gcm_portal.core.email import email_send
    from gcm_portal.core.tasks import send_email_task

    with broker_at(DEAD_REDIS), django_capture_on_commit_callbacks(execute=True):
        email_send(to=["a@example.org"], subject="Kept", body="Waits for the broker.")
    message = OutboxMessage.objects.get()
    assert message.sent_at is None and message.attempts == 1 and message.last_error
    assert message.available_at > message.created_at  # tried again later, not at every relay

    message.available_at = message.created_at
    message.save()
    assert outbox_relay() == 1
    assert [m.subject for m in mail.outbox] == ["Kept"]
    # Delivered again (a relay that died before marking it sent, a redelivery after a worker died):
    # same task id, no second e-mail.
    result = send_email_task.apply(args=message.args, task_id=message.key)
    assert result.get() == 0
    assert len(mail.outbox) == 1


def test_a_rolled_back_change_queues_nothing(django_capture_on_commit_callbacks):
    from django.db import transaction

    from gcm_portal.core.email import email_send

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):  # noqa: SIM117
        with transaction.atomic():
            email_send(to=["a@example.org"], subject="Never", body="Rolled back.")
            raise RuntimeError
    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []


@pytest.mark.redis
def test_the_page_cache_forgets_pages_stored_before_an_outage(settings):
    """A write while the cache was unreachable could not invalidate: when the cache answers again every
    generation is bumped, so no page stored before the outage is served."""
    from django.core.cache import caches

    from gcm_portal.core import pagecache

    settings.PAGE_CACHE_ENABLED = True
    before = pagecache.generations(["*"])
    cache = caches["default"]
    cache._failed(ConnectionError("simulated"))
    cache._retry_at = 0
    cache.get("anything")  # answers: recovery
    assert pagecache.generations(["*"])["*"] != before["*"]


def test_cache_errors_are_misses_with_a_real_resilient_cache_on_a_dead_port():
    with cache_unreachable():
        from django.core.cache import cache

        assert cache.get("k") is None
        assert cache.get("k", "default") == "default"
        assert cache.set("k", 1) is None
        assert cache.add("k", 1) is False
        assert cache.get_many(["a", "b"]) == {}
        assert cache.incr("k") is None
        assert cache.delete("k") is False


def test_the_relay_command_sends_what_waits(capsys):
    from django.core.management import call_command

    from gcm_portal.core.email import email_send

    with broker_at(DEAD_REDIS):
        email_send(to=["a@example.org"], subject="Waiting", body="For the command.")
    OutboxMessage.objects.update(available_at=OutboxMessage.objects.get().created_at)
    call_command("outbox_relay")
    assert "relayed 1; waiting 0" in capsys.readouterr().out
    assert [m.subject for m in mail.outbox] == ["Waiting"]
