"""Users sign in with their e-mail address and hold roles through memberships."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import COUNTRY_SCOPED_ROLES, ENTITY_SCOPED_ROLES, ROLE_DESCRIPTIONS, Role

__all__ = ["ApiToken", "Membership", "User", "UserManager"]


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username: str) -> User:
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    is_staff = models.BooleanField(
        _("admin site access"), default=False, help_text=_("May sign in to the Django admin.")
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Unticked until the e-mail address is confirmed, or when disabled."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    email_confirmed_at = models.DateTimeField(
        _("e-mail confirmed"),
        null=True,
        blank=True,
        help_text=_("When the owner followed the confirmation link; a link works only once."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return self.full_name or self.email

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_is_active = instance.__dict__.get("is_active")
        return instance

    def save(self, *args, **kwargs):
        """A new password (``set_password``, whatever page or command set it) or a deactivation revokes
        every session and API token of the account (:func:`services.credentials_revoke`). A password hash
        upgraded at sign-in is not a new password and revokes nothing."""
        reason = ""
        if self.pk is not None:
            if self._password is not None:
                reason = "password_changed"
            elif getattr(self, "_loaded_is_active", None) and not self.is_active:
                reason = "deactivated"
        super().save(*args, **kwargs)
        self._loaded_is_active = self.is_active
        if reason:
            from .services import credentials_revoke

            credentials_revoke(user=self, reason=reason)

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Membership(models.Model):
    """One role held by one user, scoped to a country or a UN entity where the role needs it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    country = models.ForeignKey(
        "taxonomy.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country"),
    )
    entity = models.ForeignKey(
        "taxonomy.UnEntity",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("UN entity"),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)

    class Meta:
        ordering = ["user", "role"]
        verbose_name = _("role membership")
        verbose_name_plural = _("role memberships")
        constraints = [
            models.CheckConstraint(
                name="membership_scope_matches_role",
                condition=(
                    Q(role__in=sorted(COUNTRY_SCOPED_ROLES), country__isnull=False, entity__isnull=True)
                    | Q(role__in=sorted(ENTITY_SCOPED_ROLES), entity__isnull=False, country__isnull=True)
                    | (
                        ~Q(role__in=sorted(COUNTRY_SCOPED_ROLES | ENTITY_SCOPED_ROLES))
                        & Q(country__isnull=True, entity__isnull=True)
                    )
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(country__isnull=True, entity__isnull=True),
                name="unique_unscoped_membership",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "country"],
                condition=Q(country__isnull=False),
                name="unique_country_membership",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "entity"],
                condition=Q(entity__isnull=False),
                name="unique_entity_membership",
            ),
        ]

    def __str__(self) -> str:
        scope = self.country or self.entity
        label = Role(self.role).label
        return f"{label} ({scope})" if scope else str(label)

    @property
    def scope(self):
        return self.country or self.entity

    @property
    def description(self) -> str:
        """What the role lets its holder do, for people."""
        return str(ROLE_DESCRIPTIONS.get(self.role, ""))


class ApiToken(models.Model):
    """A named API token. Only a SHA-256 hash of the key is stored (the key is shown once, when it is
    made); it expires, records when it was last used, and its owner can revoke it from the profile page."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("starts with"), max_length=12, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
