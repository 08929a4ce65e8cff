"""Calendar feeds (iCalendar, RFC 5545) for upcoming events, activities and deadlines.

:func:`ics_response` turns :class:`CalendarEvent` items into a ``text/calendar`` download that calendar
applications subscribe to. Text is escaped and lines folded at 75 octets as the RFC requires; times are
written in UTC; an event without a time is an all-day event.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

__all__ = ["CalendarEvent", "ics_calendar", "ics_response"]


@dataclass(frozen=True)
class CalendarEvent:
    uid: str  # stable across feeds, e.g. "activity-12"
    title: str
    start: date | datetime
    end: date | datetime | None = None
    description: str = ""
    location: str = ""
    url: str = ""


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545, 3.1)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _moment(name: str, value: date | datetime) -> str:
    if isinstance(value, datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return f"{name}:{value.astimezone(UTC):%Y%m%dT%H%M%SZ}"
    return f"{name};VALUE=DATE:{value:%Y%m%d}"


def ics_calendar(events: Iterable[CalendarEvent], *, name: str) -> str:
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0] or "gcm-portal"
    stamp = f"{timezone.now().astimezone(UTC):%Y%m%dT%H%M%SZ}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//GCM Portal//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for event in events:
        end = event.end
        if end is None and not isinstance(event.start, datetime):
            end = event.start + timedelta(days=1)  # all-day events end on the next day (exclusive)
        lines += ["BEGIN:VEVENT", f"UID:{event.uid}@{host}", f"DTSTAMP:{stamp}", _moment("DTSTART", event.start)]
        if end is not None:
            lines.append(_moment("DTEND", end))
        lines.append(f"SUMMARY:{_escape(event.title)}")
        if event.description:
            lines.append(f"DESCRIPTION:{_escape(event.description)}")
        if event.location:
            lines.append(f"LOCATION:{_escape(event.location)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def ics_response(events: Iterable[CalendarEvent], *, name: str, filename: str) -> HttpResponse:
    response = HttpResponse(ics_calendar(events, name=name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
