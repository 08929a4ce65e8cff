"""The review process: cycles, the International Migration Review Forum and its parts, regional (and
sub- or cross-regional) reviews with their own events, the States invited to report, and the documents
of any of them. Reference data: public, edited by Network staff, each fact with its sources."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gcm_portal.core.sources import SourcesField

from ..choices import (
    DocumentKind,
    ForumPartKind,
    InvitationBasis,
    ReviewEventKind,
    ReviewFormat,
    ReviewScope,
    ReviewStatus,
)

__all__ = [
    "ForumPart",
    "RegionalReview",
    "ReviewCycle",
    "ReviewDocument",
    "ReviewEvent",
    "ReviewForum",
    "ReviewInvitation",
    "ReviewReminder",
]


class ReviewCycle(models.Model):
    """A round of regional reviews and the Forum it leads to (every four years)."""

    code = models.SlugField(_("code"), max_length=20, unique=True, help_text=_("e.g. 2024-2025"))
    name = models.CharField(_("name"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["-start_year"]
        verbose_name = _("review cycle")
        verbose_name_plural = _("review cycles")

    def __str__(self) -> str:
        return self.name


class ReviewForum(models.Model):
    """One edition of the International Migration Review Forum (A/RES/73/195 para 49; format in
    A/RES/73/326), fed by the regional reviews of its cycle."""

    code = models.SlugField(_("code"), max_length=20, unique=True, help_text=_("e.g. imrf-2022"))
    cycle = models.OneToOneField(
        ReviewCycle, on_delete=models.PROTECT, related_name="forum", verbose_name=_("review cycle it closes")
    )
    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    start_date = models.DateField(_("opens"), null=True, blank=True)
    end_date = models.DateField(_("closes"), null=True, blank=True)
    dates_confirmed = models.BooleanField(
        _("dates confirmed by an official source"),
        default=True,
        help_text=_("Untick when the dates come from an unofficial source; say which in the note."),
    )
    dates_note = models.CharField(
        _("about the dates"), max_length=300, blank=True, help_text=_("Why the dates are empty or provisional.")
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    chair = models.CharField(_("chaired by"), max_length=200, blank=True)
    co_facilitators = models.CharField(_("Progress Declaration co-facilitators"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    declaration_title = models.CharField(_("outcome"), max_length=200, blank=True)
    declaration_adopted_on = models.DateField(_("outcome adopted on"), null=True, blank=True)
    ga_endorsed_on = models.DateField(_("endorsed by the General Assembly on"), null=True, blank=True)
    ga_resolution = models.CharField(
        _("General Assembly resolution"),
        max_length=40,
        blank=True,
        help_text=_("The resolution's symbol, only where a public source confirms it."),
    )
    sources = SourcesField()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("International Migration Review Forum")
        verbose_name_plural = _("International Migration Review Forums")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reviews:forum-detail", args=[self.code])


class ForumPart(models.Model):
    """A part of a Forum: the multi-stakeholder hearing, a round table, the policy debate, the plenary."""

    forum = models.ForeignKey(ReviewForum, on_delete=models.CASCADE, related_name="parts", verbose_name=_("forum"))
    kind = models.CharField(_("part"), max_length=20, choices=ForumPartKind.choices)
    round_table = models.ForeignKey(
        "taxonomy.RoundTableCluster",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("round table"),
        help_text=_("For a round table: the cluster of objectives it covers (A/RES/73/326)."),
    )
    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(
        _("theme"), max_length=300, blank=True, help_text=_("As the organisers worded it; see the sources.")
    )
    start_date = models.DateField(_("starts"), null=True, blank=True)
    end_date = models.DateField(_("ends"), null=True, blank=True)
    chairs = models.CharField(_("chaired by"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    recording_url = models.URLField(_("recording"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    sources = SourcesField()

    class Meta:
        ordering = ["forum", "order", "pk"]
        verbose_name = _("Forum part")
        verbose_name_plural = _("Forum parts")

    def __str__(self) -> str:
        return f"{self.forum}: {self.title}"


class RegionalReview(models.Model):
    """A review of GCM implementation: regional (a UN regional commission's region), sub-regional or
    cross-regional, made of its own events, with an explicit list of the States invited to report."""

    code = models.SlugField(_("code"), max_length=60, unique=True, help_text=_("e.g. 2024-2025-eclac"))
    cycle = models.ForeignKey(ReviewCycle, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("cycle"))
    scope = models.CharField(_("scope"), max_length=20, choices=ReviewScope.choices, default=ReviewScope.REGIONAL)
    commission = models.ForeignKey(
        "taxonomy.RegionalCommission",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name=_("regional commission"),
        help_text=_("The commission whose region is reviewed, or which hosts a sub- or cross-regional review."),
    )
    scope_label = models.CharField(
        _("area covered"), max_length=200, blank=True, help_text=_("For a sub- or cross-regional review.")
    )
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(_("status"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.PLANNED)
    format = models.CharField(_("format"), max_length=20, choices=ReviewFormat.choices, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    start_date = models.DateField(_("starts"), null=True, blank=True)
    end_date = models.DateField(_("ends"), null=True, blank=True)
    dates_confirmed = models.BooleanField(
        _("dates confirmed by a public source"),
        default=True,
        help_text=_("Untick when the dates come from plans or announcements not yet confirmed."),
    )
    submission_deadline = models.DateField(_("deadline for voluntary reports"), null=True, blank=True)
    co_organisers = models.CharField(_("co-organisers"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    invited_countries = models.ManyToManyField(
        "taxonomy.Country",
        through="ReviewInvitation",
        related_name="review_invitations",
        blank=True,
        verbose_name=_("States invited to report"),
    )
    sources = SourcesField()

    class Meta:
        ordering = ["-cycle__start_year", "commission__code", "code"]
        constraints = [
            models.CheckConstraint(
                name="regional_review_has_its_commission",
                condition=~Q(scope="regional") | Q(commission__isnull=False),
            )
        ]
        verbose_name = _("regional review")
        verbose_name_plural = _("regional reviews")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reviews:review-detail", args=[self.pk])


class ReviewInvitation(models.Model):
    """A State invited to report to a review: by default the regional members of its commission; staff
    add or remove States, saying on what basis."""

    review = models.ForeignKey(RegionalReview, on_delete=models.CASCADE, related_name="invitations")
    country = models.ForeignKey("taxonomy.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("State"))
    basis = models.CharField(
        _("basis"), max_length=20, choices=InvitationBasis.choices, default=InvitationBasis.REGIONAL_MEMBER
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    sources = SourcesField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["review", "country__sort_name"]
        constraints = [models.UniqueConstraint(fields=["review", "country"], name="one_invitation_per_state")]
        verbose_name = _("State invited to report")
        verbose_name_plural = _("States invited to report")

    def __str__(self) -> str:
        return f"{self.country} → {self.review}"


class ReviewEvent(models.Model):
    """One event of a review process: a consultation or hearing (with its rapporteur's summary), a
    sub-regional or national consultation, a dialogue with regional processes, the intergovernmental
    session, a side event or a call for written inputs."""

    review = models.ForeignKey(RegionalReview, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("type"), max_length=30, choices=ReviewEventKind.choices)
    title = models.CharField(_("title"), max_length=300)
    start_date = models.DateField(_("starts"))
    end_date = models.DateField(_("ends"), null=True, blank=True)
    format = models.CharField(_("format"), max_length=20, choices=ReviewFormat.choices, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    organisers = models.CharField(_("organisers"), max_length=300, blank=True)
    rapporteur = models.CharField(_("rapporteur"), max_length=200, blank=True)
    rapporteur_summary = models.TextField(_("rapporteur's summary"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    recording_url = models.URLField(_("recording"), max_length=500, blank=True)
    sources = SourcesField()

    class Meta:
        ordering = ["review", "start_date", "pk"]
        verbose_name = _("review event")
        verbose_name_plural = _("review events")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.review.get_absolute_url() + f"#event-{self.pk}"


class ReviewDocument(models.Model):
    """A public document of the process, published where its organisers host it, attached to one
    cycle (e.g. the Secretary-General's biennial report), Forum, Forum part, review or review event."""

    cycle = models.ForeignKey(ReviewCycle, null=True, blank=True, on_delete=models.CASCADE, related_name="documents")
    forum = models.ForeignKey(ReviewForum, null=True, blank=True, on_delete=models.CASCADE, related_name="documents")
    part = models.ForeignKey(ForumPart, null=True, blank=True, on_delete=models.CASCADE, related_name="documents")
    review = models.ForeignKey(
        RegionalReview, null=True, blank=True, on_delete=models.CASCADE, related_name="documents"
    )
    event = models.ForeignKey(ReviewEvent, null=True, blank=True, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=300)
    symbol = models.CharField(_("UN document symbol"), max_length=60, blank=True, help_text=_("e.g. A/76/642"))
    url = models.URLField(_("link"), max_length=500)
    language = models.CharField(_("language"), max_length=10, default="en")
    published_on = models.DateField(_("published on"), null=True, blank=True)
    sources = SourcesField(help_text=_("Where the symbol and date are confirmed, when the link alone does not."))

    class Meta:
        ordering = ["kind", "published_on", "title"]
        constraints = [
            models.CheckConstraint(
                name="review_document_has_one_target",
                condition=(
                    Q(
                        cycle__isnull=False,
                        forum__isnull=True,
                        part__isnull=True,
                        review__isnull=True,
                        event__isnull=True,
                    )
                    | Q(
                        cycle__isnull=True,
                        forum__isnull=False,
                        part__isnull=True,
                        review__isnull=True,
                        event__isnull=True,
                    )
                    | Q(
                        cycle__isnull=True,
                        forum__isnull=True,
                        part__isnull=False,
                        review__isnull=True,
                        event__isnull=True,
                    )
                    | Q(
                        cycle__isnull=True,
                        forum__isnull=True,
                        part__isnull=True,
                        review__isnull=False,
                        event__isnull=True,
                    )
                    | Q(
                        cycle__isnull=True,
                        forum__isnull=True,
                        part__isnull=True,
                        review__isnull=True,
                        event__isnull=False,
                    )
                ),
            )
        ]
        verbose_name = _("review document")
        verbose_name_plural = _("review documents")

    def __str__(self) -> str:
        return f"{self.symbol} {self.title}".strip()


class ReviewReminder(models.Model):
    """Which deadline reminder went out for which review, so the daily job never sends one twice."""

    review = models.ForeignKey(RegionalReview, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "kind"], name="one_reminder_per_kind")]

    def __str__(self) -> str:
        return f"{self.review} {self.kind}"
