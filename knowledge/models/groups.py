"""The Network's working groups and workstreams, and the open call to join them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gcm_portal import permissions
from gcm_portal.core.curation import CuratedModel
from gcm_portal.core.files import PrivateFile
from gcm_portal.taxonomy.choices import CONTENT_LANGUAGE_CHOICES

from ..choices import JoinStatus
from .common import Sourced

__all__ = ["JoinRequest", "WorkingGroup", "WorkingGroupDocument"]


class WorkingGroup(CuratedModel, Sourced):
    code = models.CharField(_("code"), max_length=20, blank=True, help_text=_("e.g. CWG 2.1 or WS1"))
    name = models.CharField(_("name"), max_length=300)
    workplan_period = models.CharField(_("workplan"), max_length=20, blank=True, help_text=_("e.g. 2021-2022"))
    description = models.TextField(_("description"), blank=True)
    un_co_leads = models.ManyToManyField(
        "taxonomy.UnEntity", blank=True, related_name="+", verbose_name=_("UN co-leads")
    )
    stakeholder_co_leads = models.TextField(_("stakeholder co-leads"), blank=True, help_text=_("One per line."))
    member_entities = models.ManyToManyField(
        "taxonomy.UnEntity", blank=True, related_name="+", verbose_name=_("member UN entities")
    )
    stakeholder_members = models.TextField(_("stakeholder members"), blank=True, help_text=_("One per line."))
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="hub_working_groups",
        verbose_name=_("members who joined through the portal"),
    )
    objectives = models.ManyToManyField(
        "taxonomy.Objective", blank=True, related_name="+", verbose_name=_("objectives")
    )
    call_open = models.BooleanField(_("open call to join"), default=False)
    call_text = models.TextField(_("call to join"), blank=True)

    class Meta:
        ordering = ["code", "name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()

    def get_absolute_url(self) -> str:
        return reverse("knowledge:group-detail", args=[self.pk])

    @staticmethod
    def lines(text: str) -> list[str]:
        return [line.strip() for line in (text or "").splitlines() if line.strip()]

    @property
    def stakeholder_co_lead_list(self) -> list[str]:
        return self.lines(self.stakeholder_co_leads)

    @property
    def stakeholder_member_list(self) -> list[str]:
        return self.lines(self.stakeholder_members)


class WorkingGroupDocument(PrivateFile):
    """The group's terms of reference (one per language)."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="documents")
    language = models.CharField(_("language"), max_length=10, choices=CONTENT_LANGUAGE_CHOICES, default="en")

    class Meta:
        ordering = ["language", "pk"]
        verbose_name = _("terms of reference")
        verbose_name_plural = _("terms of reference")

    def get_absolute_url(self) -> str:
        return reverse("knowledge:group-document-download", args=[self.group_id, self.pk])


class JoinRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        if permissions.is_network_staff(user):
            return self
        if getattr(user, "is_authenticated", False) and user.is_active:
            return self.filter(user=user)
        return self.none()


class JoinRequest(models.Model):
    """An answer to a working group's open call to join; staff accept or decline it with a message."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.CharField(_("organisation"), max_length=200)
    motivation = models.TextField(_("what you would bring"))
    status = models.CharField(_("status"), max_length=20, choices=JoinStatus.choices, default=JoinStatus.RECEIVED)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = JoinRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"], condition=Q(status="received"), name="one_open_join_request_per_group"
            )
        ]
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")

    def __str__(self) -> str:
        return f"{self.user} → {self.group}"

    def get_absolute_url(self) -> str:
        return reverse("knowledge:group-detail", args=[self.group_id]) + "#join"
