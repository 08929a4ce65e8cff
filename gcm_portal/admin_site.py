from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class PortalAdminSite(admin.AdminSite):
    """The Django admin, open to superusers and to the roles that curate records (staff, fund managers)."""

    site_header = _("GCM Portal administration")
    site_title = _("GCM Portal admin")
    index_title = _("Records")

    def has_permission(self, request) -> bool:
        from gcm_portal.accounts.backends import may_use_admin

        return may_use_admin(request.user)


class PortalAdminConfig(AdminConfig):
    default_site = "gcm_portal.admin_site.PortalAdminSite"
