from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


def is_published_record(obj) -> bool:
    """A record the public can see: a curated item that is published, or a record whose workflow state is
    ``published``. Withdrawing one goes through its workflow (which keeps versions, the audit log,
    notices and the public index in step), never through a deletion in the admin."""
    is_public = getattr(obj, "is_public", None)
    if isinstance(is_public, bool) and is_public:
        return True
    return "published" in (getattr(obj, "curation", None), getattr(obj, "status", None))


class ProtectedRecordsMixin:
    """Mixed into every model admin of the site: only superusers delete published records (or those a
    model admin declares with ``workflow_records = True``, which change only through their workflow)."""

    workflow_records = False

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        if request.user.is_superuser:
            return True
        if self.workflow_records:
            return False
        return obj is None or not is_published_record(obj)


class PortalAdminSite(admin.AdminSite):
    """The Django admin, open to superusers and to the roles that curate records (staff, fund managers)."""

    site_header = _("GCM Portal administration")
    site_title = _("GCM Portal admin")
    index_title = _("Records")

    def has_permission(self, request) -> bool:
        from gcm_portal.accounts.backends import may_use_admin

        return may_use_admin(request.user)

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, ProtectedRecordsMixin):
            admin_class = type(admin_class.__name__, (ProtectedRecordsMixin, admin_class), {})
        return super().register(model_or_iterable, admin_class, **options)


class PortalAdminConfig(AdminConfig):
    default_site = "gcm_portal.admin_site.PortalAdminSite"
