from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    name = "gcm_portal.taxonomy"
    label = "taxonomy"
    verbose_name = _("GCM reference data")

    def ready(self) -> None:
        from gcm_portal.accounts.choices import Role
        from gcm_portal.core.registry import register_admin_roles, register_api_router

        from .api.urls import router

        register_api_router(router)
        register_admin_roles(self.label, Role.NETWORK_STAFF)
