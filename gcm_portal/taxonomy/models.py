"""The GCM taxonomy: countries, regions, commissions, objectives, principles, thematic areas,
SDG targets and UN entities. Loaded by migrations from ``data/`` and editable in the admin.

Reference texts hold their English wording in a plain field and the other UN languages in
``translations`` (``{"fr": {"title": "..."}}``); :meth:`Translatable.translated` falls back to
English and says so, so templates can mark the fallback visibly.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from gcm_portal.core.sources import SourcesField

from .choices import CountryStatus, EntityKind, M49Level, MembershipKind

__all__ = [
    "CommissionMembership",
    "Country",
    "ExecutiveCommitteeTerm",
    "GuidingPrinciple",
    "M49Region",
    "MptfThematicArea",
    "Objective",
    "RegionalCommission",
    "RoundTableCluster",
    "SdgTarget",
    "Translatable",
    "TranslatedText",
    "UnEntity",
]


@dataclass(frozen=True)
class TranslatedText:
    text: str
    language: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text


def sort_key(name: str) -> str:
    """An accent-free, case-free key so "Côte d'Ivoire", "Türkiye" and "Åland" sort where readers expect."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()[:120]


def base_language(code: str | None) -> str:
    """``zh-hans`` stays ``zh-hans``; ``fr-ca`` becomes ``fr``."""
    code = (code or "en").lower()
    return code if code == "zh-hans" else code.split("-")[0]


class Translatable(models.Model):
    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_('Per language code, the translated fields, e.g. {"fr": {"title": "..."}}.'),
    )

    class Meta:
        abstract = True

    def translated(self, field: str, language: str | None = None) -> TranslatedText:
        language = base_language(language or get_language())
        english = getattr(self, field)
        if language != "en":
            text = (self.translations or {}).get(language, {}).get(field)
            if text:
                return TranslatedText(text, language, False)
            return TranslatedText(english, "en", True)
        return TranslatedText(english, "en", False)


class M49Region(models.Model):
    code = models.CharField(_("M49 code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=20, choices=M49Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("M49 region")
        verbose_name_plural = _("M49 regions")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class RegionalCommission(models.Model):
    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=200)
    headquarters = models.CharField(_("headquarters"), max_length=100, blank=True)
    region_label = models.CharField(_("region covered"), max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("regional commission")
        verbose_name_plural = _("regional commissions")

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("taxonomy:commission-detail", args=[self.code])


class Country(models.Model):
    iso2 = models.CharField(_("ISO 3166-1 alpha-2"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO 3166-1 alpha-3"), max_length=3, unique=True)
    m49 = models.CharField(_("M49 numeric code"), max_length=3, blank=True)
    name = models.CharField(_("name"), max_length=120)
    sort_name = models.CharField(max_length=120, editable=False, default="", db_index=True)
    official_name = models.CharField(_("official name"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=CountryStatus.choices)
    region = models.ForeignKey(
        M49Region,
        verbose_name=_("M49 region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    subregion = models.ForeignKey(
        M49Region,
        verbose_name=_("M49 sub-region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    intermediate_region = models.ForeignKey(
        M49Region,
        verbose_name=_("M49 intermediate region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    commissions = models.ManyToManyField(
        RegionalCommission,
        through="CommissionMembership",
        related_name="countries",
        verbose_name=_("regional commissions"),
        blank=True,
    )

    class Meta:
        ordering = ["sort_name"]
        verbose_name = _("country or area")
        verbose_name_plural = _("countries and areas")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("taxonomy:country-detail", args=[self.iso2.lower()])

    def clean(self) -> None:
        super().clean()
        self.sort_name = sort_key(self.name)

    @property
    def needs_resolution_1244_footnote(self) -> bool:
        return self.iso2 == "XK"


class CommissionMembership(models.Model):
    commission = models.ForeignKey(RegionalCommission, on_delete=models.CASCADE, related_name="memberships")
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="commission_memberships")
    kind = models.CharField(_("membership"), max_length=20, choices=MembershipKind.choices, default="member")

    class Meta:
        ordering = ["commission__code", "country__sort_name"]
        constraints = [models.UniqueConstraint(fields=["commission", "country"], name="unique_commission_membership")]
        verbose_name = _("commission membership")
        verbose_name_plural = _("commission memberships")

    def __str__(self) -> str:
        return f"{self.country} in {self.commission}"


class Objective(Translatable):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("official title"), max_length=300)
    short_label = models.CharField(_("short label"), max_length=80)
    paragraph = models.PositiveSmallIntegerField(_("paragraph of A/RES/73/195"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("GCM objective")
        verbose_name_plural = _("GCM objectives")

    def __str__(self) -> str:
        return f"{self.number}. {self.short_label}"

    def get_absolute_url(self) -> str:
        return reverse("taxonomy:objective-detail", args=[self.number])


class GuidingPrinciple(Translatable):
    letter = models.CharField(_("letter"), max_length=1, unique=True)
    name = models.CharField(_("name"), max_length=100)
    summary = models.TextField(_("summary"), blank=True)
    paragraph = models.CharField(_("paragraph of A/RES/73/195"), max_length=10)

    class Meta:
        ordering = ["letter"]
        verbose_name = _("guiding principle")
        verbose_name_plural = _("guiding principles")

    def __str__(self) -> str:
        return f"({self.letter}) {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("taxonomy:principle-list") + f"#principle-{self.letter}"


class RoundTableCluster(Translatable):
    """A round table of the International Migration Review Forum and the objectives it covers, as
    A/RES/73/326 sets them ("Round table one" ...). ``theme`` is how organisers have worded its subject."""

    code = models.CharField(_("code"), max_length=5, unique=True)
    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    sources = SourcesField()
    objectives = models.ManyToManyField(Objective, related_name="round_tables", verbose_name=_("objectives"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("IMRF round-table cluster")
        verbose_name_plural = _("IMRF round-table clusters")

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"


class MptfThematicArea(Translatable):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=300)
    objectives = models.ManyToManyField(Objective, related_name="thematic_areas", verbose_name=_("objectives"))
    verified = models.BooleanField(
        _("verified"),
        default=False,
        help_text=_("Tick once the name and mapping are checked against the Fund's terms of reference."),
    )
    source_note = models.TextField(_("source note"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("MPTF thematic area")
        verbose_name_plural = _("MPTF thematic areas")

    def __str__(self) -> str:
        return f"TA{self.number}: {self.name}"


class SdgTarget(Translatable):
    code = models.CharField(_("code"), max_length=10, unique=True)
    goal = models.PositiveSmallIntegerField(_("goal"))
    title = models.TextField(_("title"))
    objectives = models.ManyToManyField(
        Objective, related_name="sdg_targets", verbose_name=_("related objectives"), blank=True
    )
    sort_key = models.CharField(max_length=20, editable=False, default="")

    class Meta:
        ordering = ["goal", "sort_key"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self) -> str:
        return f"SDG {self.code}"


class UnEntityQuerySet(models.QuerySet):
    def with_executive_committee(self, on=None):
        """Annotate ``on_executive_committee`` (a term open on the day ``on``, today by default)."""
        day = on or timezone.localdate()
        current = ExecutiveCommitteeTerm.objects.filter(entity=models.OuterRef("pk")).filter(
            models.Q(start__isnull=True) | models.Q(start__lte=day), models.Q(end__isnull=True) | models.Q(end__gte=day)
        )
        return self.annotate(on_executive_committee=models.Exists(current))


class UnEntity(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=EntityKind.choices)
    commission = models.OneToOneField(
        RegionalCommission,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="entity",
        verbose_name=_("regional commission"),
    )

    objects = UnEntityQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("UN Network member entity")
        verbose_name_plural = _("UN Network member entities")

    def __str__(self) -> str:
        return self.code


class ExecutiveCommitteeTerm(models.Model):
    """A UN entity's seat on the Network's Executive Committee, dated as far as public sources allow."""

    entity = models.ForeignKey(
        UnEntity, on_delete=models.CASCADE, related_name="executive_committee_terms", verbose_name=_("entity")
    )
    start = models.DateField(pgettext_lazy("start of a period", "from"), null=True, blank=True)
    start_note = models.CharField(
        _("about the start"), max_length=300, blank=True, help_text=_("e.g. a founding member; a member by a date.")
    )
    end = models.DateField(_("until"), null=True, blank=True)
    sources = SourcesField()

    class Meta:
        ordering = ["entity__code", "start"]
        verbose_name = _("Executive Committee membership")
        verbose_name_plural = _("Executive Committee memberships")

    def __str__(self) -> str:
        return f"{self.entity} ({self.start or self.start_note or '?'} to {self.end or ''})"
