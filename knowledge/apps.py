from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Knowledge hub")

    def ready(self) -> None:
        from gcm_portal.accounts.choices import Role
        from gcm_portal.core.registry import register_admin_roles, register_nav_link

        # Until the hub's own pages exist, its link shows the index of the GCM reference data.
        register_nav_link("knowledge-hub", _("Knowledge hub"), "taxonomy:reference-index", order=40)
        register_admin_roles(self.label, Role.NETWORK_STAFF)
