"""Model permissions follow roles: each app registers which roles manage its records in the admin
(:func:`gcm_portal.core.registry.register_admin_roles`): Network staff the portal's records, fund
managers the trust fund's. Superusers keep Django's own "everything"."""

from django.contrib.auth.backends import BaseBackend

from gcm_portal import permissions
from gcm_portal.core.registry import admin_roles


def admin_app_labels(user) -> frozenset[str]:
    return frozenset(
        label for label, roles in admin_roles().items() if any(permissions.has_role(user, role) for role in roles)
    )


class RolePermissionBackend(BaseBackend):
    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return perm.split(".", 1)[0] in admin_app_labels(user_obj)

    def has_module_perms(self, user_obj, app_label) -> bool:
        return app_label in admin_app_labels(user_obj)


def may_use_admin(user) -> bool:
    return bool(user.is_active and (user.is_staff or admin_app_labels(user)))
