"""Writes on accounts: registration, confirmation, role grants. Views, commands and the admin call these."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gcm_portal.core.audit import audit_record
from gcm_portal.core.models import SecurityEvent
from gcm_portal.core.security import security_event
from gcm_portal.core.sessions import sessions_end_for
from gcm_portal.permissions import forget_roles, may_grant_role
from gcm_portal.taxonomy.models import Country, UnEntity

from .choices import COUNTRY_SCOPED_ROLES, ENTITY_SCOPED_ROLES, Role
from .models import ApiToken, Membership, User

__all__ = [
    "ConfirmationError",
    "account_confirm",
    "account_confirmation_token",
    "api_token_authenticate",
    "api_token_create",
    "api_token_revoke",
    "credentials_revoke",
    "member_register",
    "role_grant",
    "role_revoke",
]

_CONFIRM_SALT = "gcm_portal.accounts.confirm"


class ConfirmationError(Exception):
    pass


def _resolve_scope(role: str, country: Country | str | None, entity: UnEntity | str | None):
    if role not in Role.values:
        raise ValidationError(_("Unknown role “%(role)s”.") % {"role": role})
    if isinstance(country, str):
        try:
            country = Country.objects.get(iso2__iexact=country)
        except Country.DoesNotExist:
            raise ValidationError(_("No country with ISO code “%(code)s”.") % {"code": country}) from None
    if isinstance(entity, str):
        try:
            entity = UnEntity.objects.get(code__iexact=entity)
        except UnEntity.DoesNotExist:
            raise ValidationError(_("No UN entity with code “%(code)s”.") % {"code": entity}) from None
    if role in COUNTRY_SCOPED_ROLES and country is None:
        raise ValidationError(_("The role “%(role)s” needs a country.") % {"role": role})
    if role in ENTITY_SCOPED_ROLES and entity is None:
        raise ValidationError(_("The role “%(role)s” needs a UN entity.") % {"role": role})
    if role not in COUNTRY_SCOPED_ROLES and country is not None:
        raise ValidationError(_("The role “%(role)s” is not scoped to a country.") % {"role": role})
    if role not in ENTITY_SCOPED_ROLES and entity is not None:
        raise ValidationError(_("The role “%(role)s” is not scoped to a UN entity.") % {"role": role})
    return country, entity


def _check_may_grant(actor: User | None, user: User, role: str) -> None:
    """A person (``actor``) grants or revokes only what their function allows; ``None`` is the system
    (migrations, demo data, e-mail confirmation, management commands run by an operator)."""
    if actor is not None and not may_grant_role(actor, user, role):
        raise PermissionDenied(_("You may not grant or revoke the role “%(role)s” for this account.") % {"role": role})


@transaction.atomic
def role_grant(
    *,
    user: User,
    role: str,
    country: Country | str | None = None,
    entity: UnEntity | str | None = None,
    granted_by: User | None = None,
) -> tuple[Membership, bool]:
    """Grant a role; returns the membership and whether it was new. Granting twice changes nothing.
    A grant by a person is checked against what they may grant and written to the audit log."""
    country, entity = _resolve_scope(role, country, entity)
    _check_may_grant(granted_by, user, role)
    membership, created = Membership.objects.get_or_create(
        user=user, role=role, country=country, entity=entity, defaults={"granted_by": granted_by}
    )
    if created:
        audit_record(
            actor=granted_by,
            action="role_granted",
            target=user,
            changes={"role": {"before": None, "after": _membership_label(membership)}},
        )
    forget_roles(user)
    return membership, created


@transaction.atomic
def role_revoke(
    *,
    user: User,
    role: str,
    country: Country | str | None = None,
    entity: UnEntity | str | None = None,
    revoked_by: User | None = None,
) -> int:
    """Revoke a role; returns how many memberships were removed (0 when the user did not hold it)."""
    country, entity = _resolve_scope(role, country, entity)
    _check_may_grant(revoked_by, user, role)
    memberships = list(Membership.objects.filter(user=user, role=role, country=country, entity=entity))
    for membership in memberships:
        audit_record(
            actor=revoked_by,
            action="role_revoked",
            target=user,
            changes={"role": {"before": _membership_label(membership), "after": None}},
        )
    deleted, _details = Membership.objects.filter(pk__in=[m.pk for m in memberships]).delete()
    forget_roles(user)
    return deleted


def _membership_label(membership: Membership) -> str:
    scope = membership.country.iso2 if membership.country_id else membership.entity.code if membership.entity_id else ""
    return f"{membership.role}:{scope}" if scope else membership.role


@transaction.atomic
def member_register(
    *, email: str, password: str, full_name: str = "", organisation: str = "", preferred_language: str = "en"
) -> User:
    """A new account waits, inactive, until its e-mail address is confirmed."""
    user = User.objects.create_user(
        email=email,
        password=password,
        full_name=full_name,
        organisation=organisation,
        preferred_language=preferred_language,
        is_active=False,
    )
    return user


def account_confirmation_token(user: User) -> str:
    return signing.dumps({"user": user.pk, "email": user.email}, salt=_CONFIRM_SALT)


_ALREADY_USED = _("This confirmation link has already been used. Sign in, or reset your password.")


@transaction.atomic
def account_confirm(*, token: str) -> User:
    """Activate the account a confirmation link names and make its holder a member."""
    try:
        data = signing.loads(token, salt=_CONFIRM_SALT, max_age=settings.ACCOUNT_CONFIRMATION_MAX_AGE)
    except signing.SignatureExpired:
        raise ConfirmationError(_("This confirmation link has expired. Please register again.")) from None
    except signing.BadSignature:
        raise ConfirmationError(_("This confirmation link is not valid.")) from None
    user = User.objects.select_for_update().filter(pk=data.get("user"), email=data.get("email")).first()
    if user is None:
        raise ConfirmationError(_("This confirmation link is not valid."))
    # A link works once: replaying it never re-enables an account that was disabled since.
    if user.email_confirmed_at is not None or user.last_login is not None:
        raise ConfirmationError(_ALREADY_USED)
    user.is_active = True
    user.email_confirmed_at = timezone.now()
    user.save(update_fields=["is_active", "email_confirmed_at"])
    role_grant(user=user, role=Role.MEMBER)
    return user


# ---------------------------------------------------------------------------
# Sessions and API tokens
# ---------------------------------------------------------------------------


def credentials_revoke(*, user: User, reason: str, keep_session: str | None = None) -> None:
    """End every session (but ``keep_session``) and revoke every API token of an account: after a
    password change or reset, or a deactivation. Done at once, inside the caller's transaction (a
    rollback keeps the rows; a cached session copy dropped meanwhile is simply read again)."""
    sessions = sessions_end_for(user.pk, keep=keep_session)
    tokens, _details = ApiToken.objects.filter(user=user).delete()
    security_event(
        SecurityEvent.Event.CREDENTIALS_REVOKED,
        actor=user,
        detail={"reason": reason, "sessions": sessions, "tokens": tokens},
    )


TOKEN_PREFIX = "gcm_"


def _token_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_create(*, user: User, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """Make a named token; returns it and its key, which is shown once and stored only as a hash."""
    days = min(max(int(days or settings.API_TOKEN_DAYS), 1), settings.API_TOKEN_MAX_DAYS)
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=(name or "").strip()[:100] or _("API token"),
        key_hash=_token_hash(key),
        prefix=key[: len(TOKEN_PREFIX) + 4],
        expires_at=timezone.now() + timedelta(days=days),
    )
    security_event(SecurityEvent.Event.TOKEN_CREATED, actor=user, detail={"token": token.pk, "name": token.name})
    return token, key


def api_token_revoke(*, user: User, token_id: int) -> bool:
    """Revoke one of the user's own tokens; False when there is no such token of theirs."""
    deleted, _details = ApiToken.objects.filter(user=user, pk=token_id).delete()
    if deleted:
        security_event(SecurityEvent.Event.TOKEN_REVOKED, actor=user, detail={"token": token_id})
    return bool(deleted)


def api_token_authenticate(key: str) -> tuple[User, ApiToken] | None:
    """The active account and the unexpired token a key names, or None. The last-used time is written
    at most once a minute."""
    token = ApiToken.objects.select_related("user").filter(key_hash=_token_hash(key)).first()
    now = timezone.now()
    if token is None or token.expires_at <= now or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token.user, token
