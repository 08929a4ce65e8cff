"""Money, in stages that are never added to one another: contributions (pledged) and their deposits
(donor to fund), transfers (fund to a participating organisation, per programme) and reported
expenditure (per organisation, programme and year, interim or final). Amounts are Decimal; every
amount in another currency is stored with its US dollar value at the time."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..choices import DonorKind, Earmarking, ExpenditureKind, ImportKind, ImportStatus
from .base import MONEY, Sourced

currency_code = RegexValidator(r"^[A-Z]{3}$", _("Give the three-letter ISO 4217 code, e.g. USD, EUR, GBP."))
POSITIVE = [MinValueValidator(0)]


def _currency_field():
    return models.CharField(_("currency"), max_length=3, default="USD", validators=[currency_code])


def _same_usd(currency, amount, usd, field: str) -> None:
    """An amount in US dollars is its own USD value."""
    if currency == "USD" and amount is not None and usd is not None and amount != usd:
        raise ValidationError({field: _("For an amount in USD, the USD value is the amount itself.")})


class Donor(Sourced):
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=DonorKind.choices, default=DonorKind.MEMBER_STATE)
    country = models.ForeignKey(
        "taxonomy.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country"),
        help_text=_("For a Member State."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("donor")
        verbose_name_plural = _("donors")

    def __str__(self) -> str:
        return self.name


class Contribution(Sourced):
    """What a donor pledged to the fund, and where (if anywhere) it is earmarked. Deposits record what
    actually arrived."""

    donor = models.ForeignKey(Donor, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("donor"))
    reference = models.CharField(_("reference"), max_length=200, blank=True)
    pledged_amount = models.DecimalField(_("amount pledged"), validators=POSITIVE, **MONEY)
    currency = _currency_field()
    pledged_usd = models.DecimalField(_("amount pledged (USD)"), validators=POSITIVE, **MONEY)
    pledged_on = models.DateField(_("pledged on"))
    earmarking = models.CharField(_("earmarking"), max_length=20, choices=Earmarking.choices, default=Earmarking.NONE)
    thematic_area = models.ForeignKey(
        "taxonomy.MptfThematicArea",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("earmarked for thematic area"),
    )
    window = models.ForeignKey(
        "mptf.FundingWindow",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("earmarked for window"),
    )
    country = models.ForeignKey(
        "taxonomy.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("earmarked for country"),
    )
    pledge = models.ForeignKey(
        "reviews.Pledge",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("pledge honoured"),
        help_text=_("The pledge made at the Forum that this contribution honours."),
    )
    notes = models.TextField(_("notes"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-pledged_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="contribution_earmark_matches",
                condition=(
                    Q(earmarking=Earmarking.NONE, thematic_area__isnull=True, window__isnull=True, country__isnull=True)
                    | Q(
                        earmarking=Earmarking.THEMATIC_AREA,
                        thematic_area__isnull=False,
                        window__isnull=True,
                        country__isnull=True,
                    )
                    | Q(
                        earmarking=Earmarking.WINDOW,
                        thematic_area__isnull=True,
                        window__isnull=False,
                        country__isnull=True,
                    )
                    | Q(
                        earmarking=Earmarking.COUNTRY,
                        thematic_area__isnull=True,
                        window__isnull=True,
                        country__isnull=False,
                    )
                ),
            ),
            models.CheckConstraint(
                name="contribution_amounts_positive", condition=Q(pledged_amount__gte=0, pledged_usd__gte=0)
            ),
        ]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")

    def __str__(self) -> str:
        label = f"{self.donor}, {self.pledged_on:%Y}" if self.pledged_on else str(self.donor)
        return f"{label}: {self.reference}" if self.reference else label

    def get_absolute_url(self) -> str:
        return reverse("mptf:contribution-detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        _same_usd(self.currency, self.pledged_amount, self.pledged_usd, "pledged_usd")
        targets = {
            Earmarking.THEMATIC_AREA: "thematic_area",
            Earmarking.WINDOW: "window",
            Earmarking.COUNTRY: "country",
        }
        errors = {}
        for earmark, field in targets.items():
            chosen = getattr(self, f"{field}_id") is not None
            if self.earmarking == earmark and not chosen:
                errors[field] = _("Choose what the contribution is earmarked for.")
            elif self.earmarking != earmark and chosen:
                errors[field] = _("Leave this empty: the contribution is not earmarked this way.")
        if errors:
            raise ValidationError(errors)

    @property
    def earmark_label(self) -> str:
        target = self.thematic_area or self.window or self.country
        return f"{self.get_earmarking_display()}: {target}" if target else str(self.get_earmarking_display())


class Deposit(models.Model):
    """Money that arrived with the administrative agent: the first money stage."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.PROTECT, related_name="deposits", verbose_name=_("contribution")
    )
    deposited_on = models.DateField(_("deposited on"))
    amount = models.DecimalField(_("amount"), validators=POSITIVE, **MONEY)
    currency = _currency_field()
    amount_usd = models.DecimalField(_("amount (USD at deposit)"), validators=POSITIVE, **MONEY)
    reference = models.CharField(_("reference"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-deposited_on", "-pk"]
        indexes = [models.Index(fields=["deposited_on"])]
        constraints = [models.CheckConstraint(name="deposit_positive", condition=Q(amount__gt=0, amount_usd__gt=0))]
        verbose_name = _("deposit")
        verbose_name_plural = _("deposits")

    def __str__(self) -> str:
        return f"{self.contribution.donor}: {self.amount} {self.currency} on {self.deposited_on}"

    def get_absolute_url(self) -> str:
        return reverse("mptf:contribution-detail", args=[self.contribution_id]) + f"#deposit-{self.pk}"

    def clean(self) -> None:
        super().clean()
        _same_usd(self.currency, self.amount, self.amount_usd, "amount_usd")


class Transfer(models.Model):
    """Money the administrative agent transferred to a participating organisation for a programme:
    the second money stage."""

    programme = models.ForeignKey(
        "mptf.JointProgramme", on_delete=models.PROTECT, related_name="transfers", verbose_name=_("joint programme")
    )
    organisation = models.ForeignKey(
        "taxonomy.UnEntity", on_delete=models.PROTECT, related_name="+", verbose_name=_("participating organisation")
    )
    transferred_on = models.DateField(_("transferred on"))
    amount_usd = models.DecimalField(_("amount (USD)"), validators=POSITIVE, **MONEY)
    reference = models.CharField(_("reference"), max_length=200, blank=True)
    import_batch = models.ForeignKey(
        "mptf.ImportBatch", null=True, blank=True, on_delete=models.PROTECT, related_name="transfers"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-transferred_on", "-pk"]
        indexes = [models.Index(fields=["transferred_on"])]
        constraints = [models.CheckConstraint(name="transfer_positive", condition=Q(amount_usd__gt=0))]
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")

    def __str__(self) -> str:
        return f"{self.programme.code} → {self.organisation}: USD {self.amount_usd} on {self.transferred_on}"

    def get_absolute_url(self) -> str:
        return reverse("mptf:programme-detail", args=[self.programme_id]) + "#money"


class Expenditure(models.Model):
    """Expenditure a participating organisation reported for a programme and year: the third money
    stage. Interim figures are voluntary; the final one is due by 30 April of the following year and,
    once reported, replaces the interim one in every total (they are never added together)."""

    programme = models.ForeignKey(
        "mptf.JointProgramme", on_delete=models.PROTECT, related_name="expenditures", verbose_name=_("joint programme")
    )
    organisation = models.ForeignKey(
        "taxonomy.UnEntity", on_delete=models.PROTECT, related_name="+", verbose_name=_("participating organisation")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2019), MaxValueValidator(2100)])
    kind = models.CharField(_("interim or final"), max_length=10, choices=ExpenditureKind.choices)
    amount_usd = models.DecimalField(_("amount (USD)"), validators=POSITIVE, **MONEY)
    reported_on = models.DateField(_("reported on"))
    import_batch = models.ForeignKey(
        "mptf.ImportBatch", null=True, blank=True, on_delete=models.PROTECT, related_name="expenditures"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "programme_id", "organisation_id", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation", "year", "kind"], name="one_expenditure_per_stage_and_year"
            ),
            models.CheckConstraint(name="expenditure_not_negative", condition=Q(amount_usd__gte=0)),
        ]
        verbose_name = _("expenditure")
        verbose_name_plural = _("expenditure")

    def __str__(self) -> str:
        return (
            f"{self.programme.code} {self.organisation} {self.year} ({self.get_kind_display()}): USD {self.amount_usd}"
        )

    def get_absolute_url(self) -> str:
        return reverse("mptf:programme-detail", args=[self.programme_id]) + "#money"


class ImportBatch(models.Model):
    """A spreadsheet of transfers or expenditure, parsed and checked row by row. Its rows wait here,
    with their errors, until a fund manager confirms them (then all are saved in one transaction) or
    discards them: confirming never needs the file again."""

    kind = models.CharField(_("what"), max_length=20, choices=ImportKind.choices)
    status = models.CharField(_("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.PREVIEW)
    original_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    rows = models.JSONField(_("rows"), default=list)
    errors = models.JSONField(_("errors"), default=list)
    version = models.PositiveIntegerField(default=1, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("saved"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"

    def get_absolute_url(self) -> str:
        return reverse("mptf:import-detail", args=[self.pk])
