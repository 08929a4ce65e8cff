"""Reminders before report deadlines: the focal points of each running programme's participating
organisations (a programme that had started by the end of the year reported on, and had not ended
before it) hear 30, 7 and 1 days before the annual reports for last year are due (30 April), for
each report not yet submitted. Idempotent: each reminder goes out once."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Q

from gcm_portal.core.notifications import notify

from ..choices import ProgrammeStatus, ReportKind, ReportStatus
from ..models import JointProgramme, ProgrammeReport, ReportReminder
from ..workflow import entity_focal_points
from .programmes import report_due_date

__all__ = ["REMINDER_DAYS", "report_reminders_send"]

REMINDER_DAYS = (30, 7, 1)


@transaction.atomic
def report_reminders_send(*, today: date) -> list[str]:
    year = today.year - 1
    due = report_due_date(year)
    days_left = (due - today).days
    if days_left not in REMINDER_DAYS:
        return []
    running = (
        JointProgramme.objects.filter(
            status__in=[
                ProgrammeStatus.APPROVED,
                ProgrammeStatus.UNDER_IMPLEMENTATION,
                ProgrammeStatus.OPERATIONALLY_CLOSED,
            ]
        )
        .filter(start_date__year__lte=year)
        .filter(
            Q(end_date__year__gte=year)
            | Q(end_date__isnull=True, status__in=[ProgrammeStatus.APPROVED, ProgrammeStatus.UNDER_IMPLEMENTATION])
        )
        .prefetch_related("participants")
    )
    done = set(
        ProgrammeReport.objects.filter(
            year=year, status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED]
        ).values_list("programme_id", "kind")
    )
    sent = []
    for programme in running:
        for kind in ReportKind.values:
            if (programme.pk, kind) in done:
                continue
            _reminder, created = ReportReminder.objects.get_or_create(
                programme=programme, year=year, kind=kind, days=days_left
            )
            if not created:
                continue
            notify(
                event="mptf_report_reminder",
                recipients=entity_focal_points(p.entity_id for p in programme.participants.all()),
                context={
                    "programme": programme.title,
                    "report": str(ReportKind(kind).label),
                    "year": year,
                    "deadline": due,
                    "days": days_left,
                },
                target=programme,
            )
            sent.append(f"{programme.code}:{year}:{kind}:{days_left}")
    return sent
