from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "gcm_portal.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from gcm_portal.core.registry import register_admin_roles

        from .choices import Role
        from .security import connect_signals

        register_admin_roles(self.label, Role.NETWORK_STAFF)
        connect_signals()
