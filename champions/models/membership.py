"""Reference data of the initiative: the focus areas, each champion and its membership periods, the
facts behind them with their sources, co-chair periods and the counts public sources state."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gcm_portal.taxonomy.models import Translatable

from ..choices import FactKind, PlanStatus

__all__ = [
    "Champion",
    "ChampionFocusArea",
    "CoChairPeriod",
    "CountStatement",
    "FocusArea",
    "Membership",
    "MembershipFact",
    "active_condition",
]


class SourcedFields(models.Model):
    """Where a fact comes from: a document's title, its address and its date."""

    source_title = models.CharField(_("source"), max_length=300, blank=True)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    source_date = models.DateField(_("source date"), null=True, blank=True)
    verified = models.BooleanField(
        _("verified"),
        default=True,
        help_text=_("Untick when the fact has not been checked against its public source."),
    )

    class Meta:
        abstract = True

    @property
    def source(self) -> dict:
        return {"title": self.source_title, "url": self.source_url, "date": self.source_date}


class FocusArea(Translatable, SourcedFields):
    """One of the five areas champions committed to (reference data)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


def active_condition(day: date, prefix: str = "") -> Q:
    """A membership period that covers ``day``: it started on or before it and had not ended."""
    return Q(**{f"{prefix}starts_on__lte": day}) & (
        Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gt": day})
    )


class ChampionQuerySet(models.QuerySet):
    def active_on(self, day: date) -> ChampionQuerySet:
        return self.filter(Exists(Membership.objects.filter(active_condition(day), champion=OuterRef("pk"))))


class Champion(models.Model):
    """A country in the initiative, with its approved public profile. The profile changes only when
    Network staff publish a focal point's proposed update (``ProfileUpdate``)."""

    country = models.OneToOneField(
        "taxonomy.Country", on_delete=models.PROTECT, related_name="champion", verbose_name=_("country")
    )
    summary = models.TextField(_("summary"), blank=True)
    priority_objectives = models.ManyToManyField(
        "taxonomy.Objective", blank=True, related_name="+", verbose_name=_("priority objectives")
    )
    coordination_body = models.CharField(_("whole-of-government coordination body"), max_length=300, blank=True)
    lead_ministry = models.CharField(_("lead ministry"), max_length=300, blank=True)
    plan_status = models.CharField(
        _("national implementation plan"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.NONE
    )
    plan_title = models.CharField(_("plan title"), max_length=300, blank=True)
    plan_adopted_on = models.DateField(_("plan adopted on"), null=True, blank=True)
    plan_objectives = models.ManyToManyField(
        "taxonomy.Objective", blank=True, related_name="+", verbose_name=_("objectives the plan covers")
    )
    focus_areas = models.ManyToManyField(
        FocusArea, through="ChampionFocusArea", related_name="champions", verbose_name=_("focus areas")
    )
    profile_updated_at = models.DateTimeField(_("profile approved"), null=True, blank=True)

    objects = ChampionQuerySet.as_manager()

    class Meta:
        ordering = ["country__sort_name"]
        verbose_name = _("champion country")
        verbose_name_plural = _("champion countries")

    def __str__(self) -> str:
        return self.country.name

    def get_absolute_url(self) -> str:
        return reverse("champions:champion-detail", args=[self.country.iso2.lower()])


class ChampionFocusArea(models.Model):
    """A focus area a champion pursues, and what it did under it (approved text)."""

    champion = models.ForeignKey(Champion, on_delete=models.CASCADE, related_name="focus_area_rows")
    focus_area = models.ForeignKey(FocusArea, on_delete=models.PROTECT, related_name="+")
    what_it_did = models.TextField(_("what it did"), blank=True)

    class Meta:
        ordering = ["focus_area__number"]
        constraints = [models.UniqueConstraint(fields=["champion", "focus_area"], name="one_row_per_focus_area")]
        verbose_name = _("focus area pursued")
        verbose_name_plural = _("focus areas pursued")

    def __str__(self) -> str:
        return f"{self.champion}: {self.focus_area}"


class Membership(models.Model):
    """One period of membership. Its dates are derived from its facts (``services.membership_refresh``):
    ``starts_on`` is the joined date when a source gives it, otherwise the earliest date a source
    confirms the State was a champion."""

    champion = models.ForeignKey(Champion, on_delete=models.CASCADE, related_name="memberships")
    joined_on = models.DateField(_("joined"), null=True, blank=True, editable=False)
    confirmed_by = models.DateField(_("confirmed a champion by"), null=True, blank=True, editable=False)
    left_on = models.DateField(_("left"), null=True, blank=True, editable=False)
    starts_on = models.DateField(_("counted from"), null=True, blank=True, editable=False, db_index=True)
    note = models.TextField(_("note"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["champion__country__sort_name", "starts_on"]
        constraints = [
            models.CheckConstraint(
                name="membership_leaves_after_it_starts",
                condition=Q(left_on__isnull=True) | Q(starts_on__isnull=True) | Q(left_on__gt=models.F("starts_on")),
            )
        ]
        verbose_name = _("membership period")
        verbose_name_plural = _("membership periods")

    def __str__(self) -> str:
        return f"{self.champion} ({self.starts_on or '?'} - {self.left_on or ''})"

    def get_absolute_url(self) -> str:
        return self.champion.get_absolute_url() + "#membership"


class MembershipFact(SourcedFields):
    """What one source says about one membership period, dated."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="facts")
    kind = models.CharField(_("fact"), max_length=20, choices=FactKind.choices)
    date = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("membership fact")
        verbose_name_plural = _("membership facts")

    def __str__(self) -> str:
        return f"{self.membership.champion}: {self.get_kind_display()} {self.date}"

    def get_absolute_url(self) -> str:
        return self.membership.get_absolute_url()


class CoChairPeriod(SourcedFields):
    champion = models.ForeignKey(Champion, on_delete=models.CASCADE, related_name="co_chair_periods")
    starts_on = models.DateField(pgettext_lazy("start of a period", "from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["starts_on", "champion__country__sort_name"]
        verbose_name = _("co-chair period")
        verbose_name_plural = _("co-chair periods")

    def __str__(self) -> str:
        return f"{self.champion} co-chair"


class CountStatement(SourcedFields):
    """A number of champions a public source states on a date (kept even where sources disagree)."""

    date = models.DateField(_("date"))
    count = models.PositiveIntegerField(_("number of champions stated"))
    wording = models.CharField(_("what the source says"), max_length=300, blank=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("count stated by a source")
        verbose_name_plural = _("counts stated by sources")

    def __str__(self) -> str:
        return f"{self.count} ({self.date})"
