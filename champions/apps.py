from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChampionsConfig(AppConfig):
    name = "champions"
    verbose_name = _("Champion countries")

    def ready(self) -> None:
        from gcm_portal.accounts.choices import Role
        from gcm_portal.core.registry import register_admin_roles, register_nav_link, register_urls

        register_urls("champions/", "champions.urls", namespace="champions")
        register_nav_link("champions", _("Champions"), "champions:index", order=10)
        register_admin_roles(self.label, Role.NETWORK_STAFF)
