"""The Connection Hub: a focal point's request for support, what staff match it to, and the messages
that keep the requester informed."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gcm_portal import permissions

from ..choices import MatchKind, RequestStatus, Urgency

__all__ = ["SupportMatch", "SupportMessage", "SupportRequest"]


class SupportRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Network staff and the focal point who made the request; nobody else, not even the country's
        other focal points (a request may discuss what a government has not made public)."""
        if permissions.is_network_staff(user):
            return self
        if getattr(user, "is_authenticated", False) and user.is_active:
            return self.filter(requested_by=user)
        return self.none()


class SupportRequest(models.Model):
    country = models.ForeignKey(
        "taxonomy.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("requested by")
    )
    title = models.CharField(_("title"), max_length=300)
    objectives = models.ManyToManyField("taxonomy.Objective", related_name="+", verbose_name=_("GCM objectives"))
    support_kinds = models.JSONField(_("kind of support"), default=list)
    description = models.TextField(_("what you need"))
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.MEDIUM)
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.RECEIVED, db_index=True
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:request-detail", args=[self.pk])


class SupportMatch(models.Model):
    """What staff matched a request to. Records of this app and the kernel (an expert, a UN entity, a
    practice, a peer State) are referenced by content type and id; records of other apps (a champion, a
    trust-fund concept note) by a label and a link until they are wired to their models."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="matches")
    kind = models.CharField(_("matched to"), max_length=20, choices=MatchKind.choices)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    label = models.CharField(_("label"), max_length=300)
    url = models.CharField(_("link"), max_length=500, blank=True)
    note = models.TextField(_("note to the requester"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                name="a_match_names_a_record_or_a_label",
                condition=Q(content_type__isnull=False, object_id__isnull=False)
                | Q(content_type__isnull=True, object_id__isnull=True),
            )
        ]
        verbose_name = _("match")
        verbose_name_plural = _("matches")

    def __str__(self) -> str:
        return self.label


class SupportMessage(models.Model):
    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return self.body[:60]
