"""What champions' focal points propose and Network staff curate (the kernel's curation workflow):
profile and plan updates, commitments with their progress, activities, and a country's letter of
confirmation that it joins the initiative."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gcm_portal.core.curation import CuratedModel
from gcm_portal.core.files import PrivateFile

from ..choices import ActivityKind, CommitmentStatus, PlanStatus
from .membership import Champion, FocusArea

__all__ = [
    "Activity",
    "ActivityDocument",
    "Commitment",
    "CommitmentDocument",
    "CommitmentEvidence",
    "CommitmentUpdate",
    "Confirmation",
    "ConfirmationDocument",
    "ProfileDocument",
    "ProfileUpdate",
]


class ProfileUpdate(CuratedModel):
    """A proposed version of a champion's profile and national implementation plan. Publishing it
    makes it the public profile (and a published version in the profile's history)."""

    curation_country_field = "champion__country"

    champion = models.ForeignKey(Champion, on_delete=models.CASCADE, related_name="profile_updates")
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
    # {"<focus area number>": "what the country did under it"}: the areas it pursues
    focus_notes = models.JSONField(_("focus areas pursued"), default=dict, blank=True)
    change_note = models.CharField(_("what changes"), max_length=300, blank=True)

    class Meta(CuratedModel.Meta):
        verbose_name = _("profile update")
        verbose_name_plural = _("profile updates")

    def __str__(self) -> str:
        return _("Profile update for %(country)s") % {"country": self.champion.country.name}

    def get_absolute_url(self) -> str:
        return reverse("champions:profile-update-detail", args=[self.pk])


class ProfileDocument(PrivateFile):
    """A document of the national implementation plan, public once its update is published."""

    profile_update = models.ForeignKey(ProfileUpdate, on_delete=models.CASCADE, related_name="documents")
    language = models.CharField(_("language"), max_length=10, default="en")

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("plan document")
        verbose_name_plural = _("plan documents")


class Commitment(CuratedModel):
    curation_country_field = "champion__country"

    champion = models.ForeignKey(Champion, on_delete=models.CASCADE, related_name="commitments")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=CommitmentStatus.choices, default=CommitmentStatus.PLANNED
    )
    objectives = models.ManyToManyField(
        "taxonomy.Objective", blank=True, related_name="+", verbose_name=_("objectives")
    )
    focus_areas = models.ManyToManyField(FocusArea, blank=True, related_name="+", verbose_name=_("focus areas"))

    class Meta(CuratedModel.Meta):
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("champions:commitment-detail", args=[self.pk])


class CommitmentUpdate(models.Model):
    """A dated progress update on a commitment."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(_("date"))
    text = models.TextField(_("progress"))
    status = models.CharField(_("status after this update"), max_length=20, choices=CommitmentStatus.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return f"{self.commitment}: {self.date}"


class CommitmentEvidence(models.Model):
    """A link to a report, a pledge, a document or a page that shows the commitment's progress."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(_("link"), max_length=500, help_text=_("A page of this portal (/…) or an https:// address."))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("evidence link")
        verbose_name_plural = _("evidence links")

    def __str__(self) -> str:
        return self.title

    @property
    def kind(self) -> str:
        if "/reviews/reports/" in self.url:
            return "report"
        if "/reviews/pledges/" in self.url:
            return "pledge"
        return "link"


class CommitmentDocument(PrivateFile):
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="documents")
    language = models.CharField(_("language"), max_length=10, default="en")

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("commitment document")
        verbose_name_plural = _("commitment documents")


class Activity(CuratedModel):
    """A meeting, exchange, dialogue, briefing or statement. The focal points of its host countries own
    it with its author."""

    curation_country_field = "hosts"

    kind = models.CharField(_("type"), max_length=30, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=300)
    start_date = models.DateField(_("date"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    location = models.CharField(_("where"), max_length=200, blank=True)
    hosts = models.ManyToManyField("taxonomy.Country", related_name="+", verbose_name=_("hosts"))
    champions = models.ManyToManyField(
        Champion, blank=True, related_name="activities", verbose_name=_("participating champions")
    )
    other_states = models.ManyToManyField(
        "taxonomy.Country", blank=True, related_name="+", verbose_name=_("other participating States")
    )
    objectives = models.ManyToManyField(
        "taxonomy.Objective", blank=True, related_name="+", verbose_name=_("objectives")
    )
    summary = models.TextField(_("summary"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    source_title = models.CharField(_("source"), max_length=300, blank=True)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)

    class Meta(CuratedModel.Meta):
        ordering = ["-start_date", "-pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("champions:activity-detail", args=[self.pk])


class ActivityDocument(PrivateFile):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="documents")
    language = models.CharField(_("language"), max_length=10, default="en")

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("activity document")
        verbose_name_plural = _("activity documents")


class Confirmation(CuratedModel):
    """A country's letter of confirmation that it joins the initiative. Publishing it records the
    membership, joined on the letter's date, with the letter as its source."""

    curation_country_field = "country"

    country = models.ForeignKey("taxonomy.Country", on_delete=models.PROTECT, related_name="+")
    letter_date = models.DateField(_("date of the letter"))
    signed_by = models.CharField(_("signed by (title and office)"), max_length=300)
    note = models.TextField(_("note to the Network"), blank=True)

    class Meta(CuratedModel.Meta):
        verbose_name = _("letter of confirmation")
        verbose_name_plural = _("letters of confirmation")

    def __str__(self) -> str:
        return _("Letter of confirmation from %(country)s") % {"country": self.country.name}

    def get_absolute_url(self) -> str:
        return reverse("champions:confirmation-detail", args=[self.pk])


class ConfirmationDocument(PrivateFile):
    confirmation = models.ForeignKey(Confirmation, on_delete=models.CASCADE, related_name="documents")
    language = models.CharField(_("language"), max_length=10, default="en")

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = pgettext_lazy("a document", "letter")
        verbose_name_plural = _("letters")
