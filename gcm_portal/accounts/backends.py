"""Model permissions follow roles: Network staff manage the portal's records in the admin, fund
managers the trust-fund records. Superusers keep Django's own "everything"."""

from django.contrib.auth.backends import BaseBackend

from gcm_portal import permissions

NETWORK_STAFF_APPS = frozenset({"accounts", "taxonomy", "core", "champions", "reviews", "knowledge"})
FUND_MANAGER_APPS = frozenset({"mptf"})


def admin_app_labels(user) -> frozenset[str]:
    labels: frozenset[str] = frozenset()
    if permissions.is_network_staff(user):
        labels |= NETWORK_STAFF_APPS
    if permissions.is_fund_manager(user):
        labels |= FUND_MANAGER_APPS
    return labels


class RolePermissionBackend(BaseBackend):
    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return perm.split(".", 1)[0] in admin_app_labels(user_obj)

    def has_module_perms(self, user_obj, app_label) -> bool:
        return app_label in admin_app_labels(user_obj)


def may_use_admin(user) -> bool:
    return bool(user.is_active and (user.is_staff or admin_app_labels(user)))
