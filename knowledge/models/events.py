"""Events: GCM Talks, webinars, listening sessions and others."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gcm_portal.core.curation import CuratedModel, CuratedQuerySet

from ..choices import Audience, EventFormat, EventKind

__all__ = ["Event"]


class EventQuerySet(CuratedQuerySet):
    def upcoming(self, now):
        """Events that have not ended (an event without an end counts until its start)."""
        return self.filter(Q(ends_at__gte=now) | Q(ends_at__isnull=True, starts_at__gte=now)).order_by("starts_at")

    def past(self, now):
        return self.exclude(Q(ends_at__gte=now) | Q(ends_at__isnull=True, starts_at__gte=now)).order_by("-starts_at")


class Event(CuratedModel):
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("type of event"), max_length=20, choices=EventKind.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Zurich",
        help_text=_("The time zone the times are announced in, e.g. Europe/Zurich (CET) or America/New_York."),
    )
    format = models.CharField(_("format"), max_length=20, choices=EventFormat.choices)
    location = models.CharField(_("location or platform"), max_length=300, blank=True)
    organiser = models.CharField(_("main organiser"), max_length=300, blank=True)
    interpretation_languages = models.JSONField(_("interpretation languages"), default=list, blank=True)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.ALL)
    description = models.TextField(_("description"), blank=True)
    registration_url = models.URLField(_("registration"), max_length=500, blank=True)
    recording_url = models.URLField(_("recording"), max_length=500, blank=True)
    summary = models.TextField(_("summary of the discussion"), blank=True)
    objectives = models.ManyToManyField(
        "taxonomy.Objective", blank=True, related_name="+", verbose_name=_("objectives")
    )
    resources = models.ManyToManyField(
        "knowledge.Resource", blank=True, related_name="events", verbose_name=_("linked resources")
    )
    practices = models.ManyToManyField(
        "knowledge.Practice", blank=True, related_name="events", verbose_name=_("linked practices")
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="event_ends_after_it_starts",
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
            )
        ]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:event-detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError({"timezone": _("Give a time zone name such as Europe/Zurich.")}) from None

    @property
    def zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo("UTC")
