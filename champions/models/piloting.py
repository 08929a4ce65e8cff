"""Tool piloting (closed consultations of champions) and peer learning."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gcm_portal.core.files import PrivateFile

from ..choices import RequestStatus
from .membership import Champion

__all__ = ["Consultation", "ConsultationDocument", "ConsultationResponse", "PeerLearningRequest", "PeerPairing"]


class Consultation(models.Model):
    """Network staff ask champions for feedback on a tool or guidance, between two dates. Only
    champions' focal points and staff see it."""

    title = models.CharField(_("title"), max_length=300)
    tool = models.CharField(_("tool or guidance piloted"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    questions = models.TextField(_("questions"), help_text=_("One question per line."))
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="consultation_closes_after_it_opens", condition=models.Q(closes_on__gte=models.F("opens_on"))
            )
        ]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("champions:consultation-detail", args=[self.pk])

    @property
    def question_list(self) -> list[str]:
        return [line.strip() for line in self.questions.splitlines() if line.strip()]

    def is_open_on(self, day) -> bool:
        return self.opens_on <= day <= self.closes_on


class ConsultationDocument(PrivateFile):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="documents")
    language = models.CharField(_("language"), max_length=10, default="en")

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("consultation document")
        verbose_name_plural = _("consultation documents")


class ConsultationResponse(models.Model):
    """One champion's answers (in the order of the questions), editable while the consultation is open."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="responses")
    champion = models.ForeignKey(Champion, on_delete=models.CASCADE, related_name="consultation_responses")
    answers = models.JSONField(_("answers"), default=list)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["champion__country__sort_name"]
        constraints = [models.UniqueConstraint(fields=["consultation", "champion"], name="one_response_per_champion")]
        verbose_name = _("consultation response")
        verbose_name_plural = _("consultation responses")

    def __str__(self) -> str:
        return f"{self.champion}: {self.consultation}"

    def get_absolute_url(self) -> str:
        return self.consultation.get_absolute_url()


class PeerPairing(models.Model):
    """Two champions paired by Network staff for peer learning, and what came of it (public)."""

    first = models.ForeignKey(Champion, on_delete=models.CASCADE, related_name="+", verbose_name=_("champion"))
    second = models.ForeignKey(Champion, on_delete=models.CASCADE, related_name="+", verbose_name=_("paired with"))
    objectives = models.ManyToManyField(
        "taxonomy.Objective", blank=True, related_name="+", verbose_name=_("objectives")
    )
    started_on = models.DateField(_("started"))
    outcome = models.TextField(_("outcome"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.CheckConstraint(name="pairing_of_two_champions", condition=~models.Q(first=models.F("second")))
        ]
        verbose_name = _("peer pairing")
        verbose_name_plural = _("peer pairings")

    def __str__(self) -> str:
        return f"{self.first} - {self.second}"

    def get_absolute_url(self) -> str:
        return reverse("champions:peer-learning") + f"#pairing-{self.pk}"


class PeerLearningRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        from gcm_portal import permissions

        if permissions.is_network_staff(user):
            return self
        countries = permissions.country_ids_represented(user)
        if not countries:
            return self.none()
        return self.filter(models.Q(country_id__in=countries) | models.Q(routed_to__country_id__in=countries))


class PeerLearningRequest(models.Model):
    """Any State asks for peer learning on an objective; Network staff route it to a champion."""

    country = models.ForeignKey(
        "taxonomy.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("asked by")
    )
    objective = models.ForeignKey(
        "taxonomy.Objective", on_delete=models.PROTECT, related_name="+", verbose_name=_("objective")
    )
    description = models.TextField(_("what the country wants to learn"))
    status = models.CharField(_("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.OPEN)
    routed_to = models.ForeignKey(
        Champion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("routed to")
    )
    staff_note = models.TextField(_("note from the Network"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = PeerLearningRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("peer-learning request")
        verbose_name_plural = _("peer-learning requests")

    def __str__(self) -> str:
        return _("%(country)s: peer learning on objective %(number)s") % {
            "country": self.country.name,
            "number": self.objective.number,
        }

    def get_absolute_url(self) -> str:
        return reverse("champions:request-detail", args=[self.pk])
