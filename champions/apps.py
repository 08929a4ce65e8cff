from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChampionsConfig(AppConfig):
    name = "champions"
    verbose_name = _("Champion countries")

    def ready(self) -> None:
        from gcm_portal.accounts.choices import Role
        from gcm_portal.core.demo import register_demo_loader
        from gcm_portal.core.registry import (
            register_admin_roles,
            register_api_router,
            register_home_figures,
            register_nav_link,
            register_panel,
            register_urls,
        )

        from . import panels
        from .api.urls import router
        from .demo import load_champions_demo

        register_urls("champions/", "champions.urls", namespace="champions")
        register_api_router(router)
        register_nav_link("champions", _("Champions"), "champions:index", order=10)
        register_panel("country", panels.country_panel, order=10)
        register_panel("my_country", panels.my_country_panel, order=10)
        register_panel("curation", panels.curation_panel, order=10)
        register_home_figures(panels.home_figures)
        register_demo_loader(load_champions_demo)
        register_admin_roles(self.label, Role.NETWORK_STAFF)
