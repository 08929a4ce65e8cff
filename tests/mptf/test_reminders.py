"""Reminders before the annual report deadline (30 April): 30, 7 and 1 days before, once each, to the
focal points of running programmes' organisations, for reports not yet submitted."""

from __future__ import annotations

from datetime import date

import pytest

from gcm_portal.core.models import Notification
from mptf import services, tasks
from tests.factories import mptf as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(fm, staff, iom_fp):
    programme = f.make_programme(f.make_note(iom_fp, state="selected", assessor=staff, deciders=fm), fm)
    return services.programme_transition(programme=programme, action="start", actor=fm)


def reminders(user):
    return Notification.objects.filter(recipient=user, event="mptf_report_reminder")


def test_reminders_go_out_once_per_step_for_missing_reports(programme, iom_fp):
    assert services.report_reminders_send(today=date(2024, 3, 1)) == []
    sent = services.report_reminders_send(today=date(2024, 3, 31))  # 30 days before 30 April 2024
    assert sorted(sent) == [f"{programme.code}:2023:financial:30", f"{programme.code}:2023:narrative:30"]
    assert services.report_reminders_send(today=date(2024, 3, 31)) == []  # idempotent
    assert reminders(iom_fp).count() == 2
    assert "30" in reminders(iom_fp).first().title


def test_a_submitted_report_is_not_reminded(programme, iom_fp):
    report = services.report_create(programme=programme, actor=iom_fp, year=2023, kind="narrative", narrative="Done.")
    services.report_transition(report=report, action="submit", actor=iom_fp)
    assert services.report_reminders_send(today=date(2024, 4, 23)) == [f"{programme.code}:2023:financial:7"]


def test_programmes_that_had_not_started_are_not_reminded(programme):
    assert services.report_reminders_send(today=date(2023, 4, 29)) == []  # reports on 2022: it started in 2023


def test_the_beat_task_calls_the_service(programme, monkeypatch):
    calls = []
    monkeypatch.setattr(services, "report_reminders_send", lambda today: calls.append(today) or [])
    tasks.send_report_reminders_task()
    assert len(calls) == 1


def test_the_schedule_runs_the_task():
    from django.conf import settings

    assert settings.CELERY_BEAT_SCHEDULE["mptf-report-reminders"]["task"] == "mptf.send_report_reminders"
