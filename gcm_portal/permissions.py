"""Role primitives: the only place that reads memberships to answer "may this user...".

Every app builds its own predicates from these. A user's memberships are read once per
user object and kept on it, so a page asking several questions costs one query.
"""

from __future__ import annotations

from dataclasses import dataclass

from gcm_portal.accounts.choices import Role

__all__ = [
    "RoleGrant",
    "country_ids_represented",
    "entity_ids_represented",
    "forget_roles",
    "has_role",
    "is_admin",
    "is_expert_reviewer",
    "is_fund_manager",
    "is_member",
    "is_network_staff",
    "represents_country",
    "represents_entity",
    "roles_of",
]

_CACHE_ATTR = "_gcm_role_grants"


@dataclass(frozen=True)
class RoleGrant:
    role: str
    country_id: int | None
    entity_id: int | None


def _is_signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def roles_of(user) -> frozenset[RoleGrant]:
    """The role grants of an active, signed-in user (empty for anyone else)."""
    if not _is_signed_in(user):
        return frozenset()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = frozenset(
            RoleGrant(role, country_id, entity_id)
            for role, country_id, entity_id in user.memberships.values_list("role", "country_id", "entity_id")
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_roles(user) -> None:
    """Drop the cached grants after memberships change."""
    if user is not None and hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def is_admin(user) -> bool:
    return _is_signed_in(user) and user.is_superuser


def has_role(user, role: str | Role) -> bool:
    return is_admin(user) or any(grant.role == role for grant in roles_of(user))


def is_network_staff(user) -> bool:
    return has_role(user, Role.NETWORK_STAFF)


def is_fund_manager(user) -> bool:
    return has_role(user, Role.FUND_MANAGER)


def is_expert_reviewer(user) -> bool:
    return has_role(user, Role.EXPERT_REVIEWER)


def is_member(user) -> bool:
    """Any active signed-in account may act as a registered member."""
    return _is_signed_in(user)


def country_ids_represented(user) -> frozenset[int]:
    return frozenset(g.country_id for g in roles_of(user) if g.role == Role.FOCAL_POINT and g.country_id)


def entity_ids_represented(user) -> frozenset[int]:
    return frozenset(g.entity_id for g in roles_of(user) if g.role == Role.ENTITY_FOCAL_POINT and g.entity_id)


def _pk(obj_or_id) -> int | None:
    return getattr(obj_or_id, "pk", obj_or_id)


def represents_country(user, country) -> bool:
    """True for a focal point of that country (not for staff: staff act as staff)."""
    return _pk(country) in country_ids_represented(user)


def represents_entity(user, entity) -> bool:
    return _pk(entity) in entity_ids_represented(user)
