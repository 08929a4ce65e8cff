"""Kernel records every app shares: the audit log and on-site notifications."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["AuditEntry", "Notification", "OutboxMessage", "RecordVersion", "SecurityEvent", "TaskEffect", "UserSession"]


class AuditEntry(models.Model):
    """Who did what to which record, when, from which state to which. Kept when the record changes."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=50)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("record"), max_length=300)
    from_state = models.CharField(_("from"), max_length=30, blank=True)
    to_state = models.CharField(_("to"), max_length=30, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    client_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.actor} {self.action} {self.object_repr}"


class Notification(models.Model):
    """An on-site notice, written in the recipient's language when it was sent."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    event = models.CharField(_("event"), max_length=50)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.title


class RecordVersion(models.Model):
    """A snapshot of a record as it stood, for any model (see ``core/versions.py``). Published versions
    are what the public may read of the record's history; each carries a SHA-256 fingerprint."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField()
    fingerprint = models.CharField(_("SHA-256 fingerprint"), max_length=64)
    published = models.BooleanField(_("published"), default=False)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        ordering = ["content_type", "object_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "number"], name="unique_record_version")
        ]
        indexes = [models.Index(fields=["content_type", "object_id", "published"])]
        verbose_name = _("record version")
        verbose_name_plural = _("record versions")

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id} v{self.number}"


class SecurityEvent(models.Model):
    """A sign-in, a failure, a lockout, a second-factor change, a token created or revoked, a refused
    access: who (when known), what was typed (for failures), from which address, in which request."""

    class Event(models.TextChoices):
        SIGNED_IN = "signed_in", _("Signed in")
        SIGNED_OUT = "signed_out", _("Signed out")
        SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
        LOCKED_OUT = "locked_out", _("Locked out")
        SIGN_IN_THROTTLED = "sign_in_throttled", _("Sign-in attempts throttled")
        UNLOCKED = "unlocked", _("Lockout lifted")
        OTP_VERIFIED = "otp_verified", _("Second factor verified")
        OTP_FAILED = "otp_failed", _("Second factor refused")
        OTP_ADDED = "otp_added", _("Second factor set up")
        OTP_REMOVED = "otp_removed", _("Second factor removed")
        RECOVERY_CODES = "recovery_codes", _("Recovery codes issued")
        TOKEN_CREATED = "token_created", _("API token created")
        TOKEN_REVOKED = "token_revoked", _("API token revoked")
        CREDENTIALS_REVOKED = "credentials_revoked", _("All sessions and tokens revoked")
        PASSWORD_RESET_REQUESTED = "password_reset_requested", _("Password reset requested")
        ACCESS_REFUSED = "access_refused", _("Access refused")
        SESSION_EXPIRED = "session_expired", _("Session expired")

    event = models.CharField(_("event"), max_length=40, choices=Event.choices, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("actor"),
    )
    username = models.CharField(_("account typed"), max_length=254, blank=True)
    client_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    path = models.CharField(_("path"), max_length=300, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("security event")
        verbose_name_plural = _("security events")

    def __str__(self) -> str:
        return f"{self.event} {self.actor or self.username or '-'}"


class UserSession(AbstractBaseSession):
    """A session row that knows whose it is, so every session of an account can be ended at once
    (password change or reset, deactivation). See ``core/sessions.py``."""

    user_id = models.BigIntegerField(null=True, blank=True, db_index=True)

    class Meta(AbstractBaseSession.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    @classmethod
    def get_session_store_class(cls):
        from .sessions import SessionStore

        return SessionStore


class OutboxMessage(models.Model):
    """A task to hand to Celery, written in the same transaction as the change that caused it (see
    ``core/outbox.py``). ``key`` is the Celery task id, so a task relayed twice is recognised."""

    key = models.CharField(max_length=64, unique=True)
    task = models.CharField(max_length=200)
    args = models.JSONField(default=list, blank=True)
    kwargs = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    available_at = models.DateTimeField(db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["available_at"], condition=models.Q(sent_at__isnull=True), name="outbox_unsent")
        ]
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox")

    def __str__(self) -> str:
        return f"{self.task} {self.key}"


class TaskEffect(models.Model):
    """The mark of a task's effect that happened (an e-mail sent): written in the transaction that
    performs it, so a task delivered twice has its effect once (``core/outbox.py``, ``effect_once``)."""

    key = models.CharField(max_length=100, primary_key=True)
    done_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("task effect")
        verbose_name_plural = _("task effects")

    def __str__(self) -> str:
        return self.key
