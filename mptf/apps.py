from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MptfConfig(AppConfig):
    name = "mptf"
    verbose_name = _("Migration MPTF")

    def ready(self) -> None:
        from gcm_portal.accounts.choices import Role
        from gcm_portal.core.registry import register_admin_roles, register_nav_link

        # Until the fund's own pages exist, its link shows the thematic areas of the reference data.
        register_nav_link("trust-fund", _("Trust fund"), "taxonomy:thematic-area-list", order=30)
        register_admin_roles(self.label, Role.FUND_MANAGER)
