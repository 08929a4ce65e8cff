"""Two-factor authentication: who must use a second factor."""

from __future__ import annotations

from gcm_portal.permissions import PRIVILEGED_ROLES, is_admin, roles_of

__all__ = ["second_factor_required"]


def second_factor_required(user) -> bool:
    """Administrators, Network staff and fund managers sign in with a second factor."""
    if is_admin(user) or getattr(user, "is_staff", False):
        return True
    return any(grant.role in PRIVILEGED_ROLES for grant in roles_of(user))


def second_factor_next(request, next_url: str) -> str | None:
    """Where a person who just signed in with a password goes before anything else (None: nowhere)."""
    return None
