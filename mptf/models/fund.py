"""The fund itself: identity, capitalisation targets, figures reported by public sources, funding
windows, and the Steering Committee (seats over time, meetings, decisions, documents)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gcm_portal.core.files import PrivateFile

from ..choices import Constituency, DecisionKind
from .base import MONEY, Sourced


class Fund(Sourced):
    code = models.CharField(_("MPTF Office fund code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=200)
    formal_name = models.CharField(_("formal name"), max_length=300, blank=True)
    administrative_agent = models.CharField(_("administrative agent"), max_length=200)
    gateway_url = models.URLField(_("factsheet on the MPTF Office Gateway"), max_length=300, blank=True)
    chair = models.CharField(_("Steering Committee chair"), max_length=300, blank=True)
    management_unit = models.TextField(_("Fund Management Unit"), blank=True)
    description = models.TextField(_("description"), blank=True)
    established_on = models.DateField(_("established"), null=True, blank=True)
    launched_on = models.DateField(_("publicly launched"), null=True, blank=True)

    class Meta:
        verbose_name = _("fund")
        verbose_name_plural = _("funds")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def get_absolute_url(self) -> str:
        return reverse("mptf:index")


class FundingTarget(Sourced):
    """A capitalisation target: an amount to reach by a date."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="targets")
    label = models.CharField(_("label"), max_length=200)
    amount_usd = models.DecimalField(_("amount (USD)"), validators=[MinValueValidator(0)], **MONEY)
    set_on = models.DateField(_("set on"), null=True, blank=True)
    deadline = models.DateField(_("to reach by"))

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("capitalisation target")
        verbose_name_plural = _("capitalisation targets")

    def __str__(self) -> str:
        return self.label


class ReportedFigure(Sourced):
    """A figure as a public source reported it (e.g. "about USD 12 million for the first six joint
    programmes"). Shown beside the portal's own figures and never added into them."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="reported_figures")
    label = models.CharField(_("what"), max_length=300)
    amount_usd = models.DecimalField(_("amount (USD)"), null=True, blank=True, **MONEY)
    approximate = models.BooleanField(_("approximate"), default=False)
    as_of = models.DateField(_("as of"), null=True, blank=True)

    class Meta:
        ordering = ["as_of", "pk"]
        verbose_name = _("reported figure")
        verbose_name_plural = _("reported figures")

    def __str__(self) -> str:
        return self.label


class FundingWindow(Sourced):
    """A funding window the Steering Committee opened (data, not code: none is seeded without a source)."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="windows")
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    thematic_area = models.ForeignKey(
        "taxonomy.MptfThematicArea",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("thematic area"),
    )
    opened_on = models.DateField(_("opened"), null=True, blank=True)
    verified = models.BooleanField(_("verified"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("funding window")
        verbose_name_plural = _("funding windows")

    def __str__(self) -> str:
        return self.name


# ---------------------------------------------------------------------------
# The Steering Committee
# ---------------------------------------------------------------------------


class CommitteeSeatQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(start_date__lte=on) & (Q(end_date__isnull=True) | Q(end_date__gte=on)))


class CommitteeSeat(Sourced):
    """A seat on the Steering Committee held by a named person for a time, representing a constituency.
    The linked account (if any) makes the person a committee member on the portal while the seat runs."""

    person_name = models.CharField(_("person"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="committee_seats",
        verbose_name=_("portal account"),
    )
    constituency = models.CharField(_("constituency"), max_length=30, choices=Constituency.choices)
    represents = models.CharField(
        _("represents"), max_length=200, blank=True, help_text=_("The State, entity or group the seat is held for.")
    )
    role = models.CharField(_("role"), max_length=200, blank=True)
    start_date = models.DateField(pgettext_lazy("start of a period", "from"))
    end_date = models.DateField(_("until"), null=True, blank=True)

    objects = CommitteeSeatQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "person_name"]
        constraints = [
            models.CheckConstraint(
                name="seat_ends_after_it_starts",
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
            )
        ]
        verbose_name = _("Steering Committee seat")
        verbose_name_plural = _("Steering Committee seats")

    def __str__(self) -> str:
        return f"{self.person_name} ({self.get_constituency_display()})"

    def is_current(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


class CommitteeMeeting(models.Model):
    title = models.CharField(_("title"), max_length=300)
    held_on = models.DateField(_("held on"))
    location = models.CharField(_("place or format"), max_length=200, blank=True)
    summary = models.TextField(_("public summary"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("Steering Committee meeting")
        verbose_name_plural = _("Steering Committee meetings")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("mptf:meeting-detail", args=[self.pk])


class CommitteeDecision(models.Model):
    """A dated decision of a meeting: select, keep in the pipeline, not select, or allocate an amount,
    with its reasons. Recording it moves the concept notes it names (services.decision_record)."""

    meeting = models.ForeignKey(CommitteeMeeting, on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField(_("decision"), max_length=20, choices=DecisionKind.choices)
    concept_notes = models.ManyToManyField(
        "mptf.ConceptNote", related_name="decisions", verbose_name=_("concept notes")
    )
    amount_usd = models.DecimalField(
        _("amount allocated (USD)"), null=True, blank=True, validators=[MinValueValidator(0)], **MONEY
    )
    reasons = models.TextField(_("reasons"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting__held_on", "pk"]
        verbose_name = _("Steering Committee decision")
        verbose_name_plural = _("Steering Committee decisions")

    def __str__(self) -> str:
        return f"{self.meeting}: {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return self.meeting.get_absolute_url() + f"#decision-{self.pk}"


class MeetingDocument(PrivateFile):
    meeting = models.ForeignKey(CommitteeMeeting, on_delete=models.CASCADE, related_name="documents")
    confidential = models.BooleanField(
        _("confidential"),
        default=True,
        help_text=_("Only current committee members, fund managers and Network staff may download it."),
    )
    language = models.CharField(_("language"), max_length=10, default="en")

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")

    def get_absolute_url(self) -> str:
        name = "mptf:meeting-confidential-download" if self.confidential else "mptf:meeting-document-download"
        return reverse(name, args=[self.meeting_id, self.pk])
