"""Moderated discussion spaces: questions, threaded comments and reports to moderators."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gcm_portal.core.curation import CuratedModel
from gcm_portal.taxonomy.choices import CONTENT_LANGUAGE_CHOICES

from ..choices import ReportStatus

__all__ = ["Comment", "CommentReport", "DiscussionQuestion", "DiscussionSpace"]


class DiscussionSpace(CuratedModel):
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"))
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderated_spaces",
        verbose_name=_("moderator"),
    )
    audience = models.CharField(_("expected audience"), max_length=300)
    languages = models.JSONField(_("languages of the discussion"), default=list)
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))
    objectives = models.ManyToManyField(
        "taxonomy.Objective", blank=True, related_name="+", verbose_name=_("objectives")
    )

    class Meta:
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(name="space_closes_after_it_opens", condition=Q(closes_on__gte=models.F("opens_on")))
        ]
        verbose_name = _("discussion space")
        verbose_name_plural = _("discussion spaces")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:space-detail", args=[self.pk])

    def is_open(self, today=None) -> bool:
        """Public, and between its open and close dates: only then does it take comments."""
        today = today or timezone.localdate()
        return self.is_public and self.opens_on <= today <= self.closes_on


class DiscussionQuestion(models.Model):
    space = models.ForeignKey(DiscussionSpace, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(_("question"))

    class Meta:
        ordering = ["space", "order", "pk"]
        verbose_name = _("discussion question")
        verbose_name_plural = _("discussion questions")

    def __str__(self) -> str:
        return self.text[:80]


class Comment(models.Model):
    space = models.ForeignKey(DiscussionSpace, on_delete=models.CASCADE, related_name="comments")
    question = models.ForeignKey(
        DiscussionQuestion,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        verbose_name=_("question"),
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies", verbose_name=_("reply to")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("author")
    )
    body = models.TextField(_("comment"))
    language = models.CharField(_("language"), max_length=10, choices=CONTENT_LANGUAGE_CHOICES, default="en")
    hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["space", "hidden"])]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.body[:60]

    def get_absolute_url(self) -> str:
        return reverse("knowledge:space-detail", args=[self.space_id]) + f"#comment-{self.pk}"


class CommentReport(models.Model):
    """Someone signed in tells the moderators a comment breaks the space's rules, and why."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(_("reason"))
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.OPEN)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"], condition=Q(status="open"), name="one_open_report_per_reporter"
            )
        ]
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")

    def __str__(self) -> str:
        return self.reason[:60]
