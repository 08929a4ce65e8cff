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
    "is_privileged_account",
    "may_grant_role",
    "may_manage_account",
    "represents_country",
    "represents_entity",
    "roles_grantable_by",
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


# ---------------------------------------------------------------------------
# Who may manage whose account and grant which role (the admin and the services ask these)
# ---------------------------------------------------------------------------

# Roles that open the admin or the trust fund's books: held by "privileged" accounts, which only
# superusers manage.
PRIVILEGED_ROLES = frozenset({Role.NETWORK_STAFF, Role.FUND_MANAGER})

# The roles each role may hand out: what Network staff need to run the portal (focal points, entity
# focal points, reviewers, members), never staff or fund-manager roles. Superusers grant every role.
GRANTABLE_ROLES = {
    Role.NETWORK_STAFF: frozenset({Role.MEMBER, Role.FOCAL_POINT, Role.ENTITY_FOCAL_POINT, Role.EXPERT_REVIEWER}),
}


def roles_grantable_by(actor) -> frozenset[str]:
    if is_admin(actor):
        return frozenset(Role.values)
    return frozenset(role for grant in roles_of(actor) for role in GRANTABLE_ROLES.get(grant.role, frozenset()))


def is_privileged_account(user) -> bool:
    """A superuser, an account with admin-site access or one holding a privileged role, active or not."""
    if user.is_superuser or user.is_staff:
        return True
    if user.pk is None:
        return False
    return user.memberships.filter(role__in=sorted(PRIVILEGED_ROLES)).exists()


def may_manage_account(actor, target) -> bool:
    """Change, deactivate, set a password for or delete ``target``: superusers anyone; Network staff only
    ordinary accounts, never their own nor another privileged one."""
    if is_admin(actor):
        return True
    if target is None:
        return bool(roles_grantable_by(actor))
    if actor is None or target.pk == actor.pk:
        return False
    return is_network_staff(actor) and not is_privileged_account(target)


def may_grant_role(actor, target, role: str) -> bool:
    """Grant (or revoke) ``role`` to ``target``: never to oneself unless a superuser, and only roles the
    actor's function hands out."""
    if is_admin(actor):
        return True
    return role in roles_grantable_by(actor) and may_manage_account(actor, target)
