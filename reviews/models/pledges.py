"""Pledges as the Network's pledging initiative takes them, their follow-up reports, and stakeholders'
written contributions to the review process. Both are curated before the public sees them."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gcm_portal.core.curation import CuratedModel
from gcm_portal.core.files import PrivateFile

from ..choices import PledgeKind, PledgeStatus, PledgeType, PledgingParty
from .process import RegionalReview, ReviewForum
from .reports import VoluntaryReport

__all__ = ["Pledge", "PledgeDocument", "PledgeUpdate", "StakeholderContribution"]

PLEDGE_DESCRIPTION_MIN = 300
PLEDGE_DESCRIPTION_MAX = 3000


class Pledge(CuratedModel):
    """A pledge: who pledges (a Member State, or another stakeholder such as civil society, a UN entity,
    a local authority, the private sector or academia), what kind and type of commitment, where it is
    carried out (countries, a region or "global", which need not be the pledging party's own), the one
    to three objectives it supports, the Forum or review it was made for, and the pledge it matches.
    The focal points of the pledging States own it with its author."""

    curation_country_field = "pledging_countries"

    reference = models.CharField(
        _("pledge identifier"),
        max_length=20,
        unique=True,
        editable=False,
        help_text=_("Cite it to make a matching pledge."),
    )
    party_type = models.CharField(
        _("pledging party"), max_length=20, choices=PledgingParty.choices, default=PledgingParty.MEMBER_STATE
    )
    submitting_entity = models.CharField(_("submitting entity"), max_length=200)
    pledging_countries = models.ManyToManyField(
        "taxonomy.Country",
        blank=True,
        related_name="pledges_made",
        verbose_name=_("pledging States"),
        help_text=_("For pledges by Member States: the State or States making it."),
    )
    partners = models.TextField(_("partners"), blank=True, help_text=_("Organisations pledging in partnership."))
    kind = models.CharField(_("kind"), max_length=20, choices=PledgeKind.choices, default=PledgeKind.INDIVIDUAL)
    pledge_type = models.CharField(_("type"), max_length=20, choices=PledgeType.choices, default=PledgeType.POLICY)
    countries = models.ManyToManyField(
        "taxonomy.Country", blank=True, related_name="pledges", verbose_name=_("countries of implementation")
    )
    is_global = models.BooleanField(_("global"), default=False, help_text=_("Carried out globally."))
    region = models.CharField(_("region"), max_length=200, blank=True, help_text=_('e.g. "West Africa"'))
    title = models.CharField(_("pledge name"), max_length=300)
    objectives = models.ManyToManyField(
        "taxonomy.Objective", related_name="pledges", verbose_name=_("main objectives (one to three)")
    )
    description = models.TextField(
        _("description"),
        validators=[MinLengthValidator(PLEDGE_DESCRIPTION_MIN), MaxLengthValidator(PLEDGE_DESCRIPTION_MAX)],
        help_text=_("300 to 3,000 characters: what will be done, by whom, by when, and how progress will show."),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=PledgeStatus.choices, default=PledgeStatus.ANNOUNCED)
    pledged_on = models.DateField(_("pledged on"), default=timezone.localdate)
    forum = models.ForeignKey(
        ReviewForum,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pledges",
        verbose_name=_("made for the Forum"),
    )
    review = models.ForeignKey(
        RegionalReview,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pledges",
        verbose_name=_("made for the regional review"),
    )
    matches = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="matched_by",
        verbose_name=_("matches the pledge"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="pledge_made_for_one_occasion",
                condition=Q(forum__isnull=True) | Q(review__isnull=True),
                violation_error_message=_("A pledge is made for the Forum or for a regional review, not both."),
            )
        ]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reviews:pledge-detail", args=[self.pk])

    @staticmethod
    def reference_for(pk: int) -> str:
        """A pledge's identifier, from its number: unique without a race between two pledges."""
        return f"PLG-{pk:06d}"


class PledgeDocument(PrivateFile):
    """The one attachment a pledge may carry."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="documents")
    language = models.CharField(_("language"), max_length=10, default="en")

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("pledge document")
        verbose_name_plural = _("pledge documents")

    def get_absolute_url(self) -> str:
        return reverse("reviews:pledge-document-download", args=[self.pledge_id, self.pk])


class PledgeUpdate(models.Model):
    """A follow-up report on a pledge's progress, by its owners; public with the pledge."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(_("status"), max_length=20, choices=PledgeStatus.choices)
    text = models.TextField(_("what was done"))
    reported_on = models.DateField(_("reported on"), default=timezone.localdate)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pledge", "-reported_on", "-pk"]
        verbose_name = _("pledge follow-up report")
        verbose_name_plural = _("pledge follow-up reports")

    def __str__(self) -> str:
        return f"{self.pledge}: {self.reported_on}"


class StakeholderContribution(CuratedModel):
    """A stakeholder's written contribution to a Forum, a regional review, or about a country's report."""

    forum = models.ForeignKey(
        ReviewForum,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("forum"),
    )
    review = models.ForeignKey(
        RegionalReview,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("regional review"),
    )
    report = models.ForeignKey(
        VoluntaryReport,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("voluntary report"),
    )
    organisation = models.CharField(_("on behalf of"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("contribution"))
    language = models.CharField(_("language"), max_length=10, default="en")
    objectives = models.ManyToManyField(
        "taxonomy.Objective", blank=True, related_name="+", verbose_name=_("objectives")
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="contribution_has_one_target",
                condition=(
                    Q(forum__isnull=False, review__isnull=True, report__isnull=True)
                    | Q(forum__isnull=True, review__isnull=False, report__isnull=True)
                    | Q(forum__isnull=True, review__isnull=True, report__isnull=False)
                ),
            )
        ]
        verbose_name = _("stakeholder contribution")
        verbose_name_plural = _("stakeholder contributions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return (self.report or self.review or self.forum).get_absolute_url() + "#contributions"
