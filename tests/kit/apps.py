from django.apps import AppConfig


class KitConfig(AppConfig):
    name = "tests.kit"
    label = "kit"

    def ready(self) -> None:
        from gcm_portal.accounts.choices import Role
        from gcm_portal.core.registry import (
            register_admin_roles,
            register_api_router,
            register_nav_link,
            register_panel,
            register_urls,
        )

        from .api import router
        from .views import country_panel

        register_urls("kit/", "tests.kit.views", namespace="kit")
        register_api_router(router)
        register_nav_link("kit", "Kit notes", "kit:note-list", order=990)
        register_panel("country", country_panel)
        register_admin_roles(self.label, Role.NETWORK_STAFF)
