from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Knowledge hub")

    def ready(self) -> None:
        from gcm_portal import permissions
        from gcm_portal.accounts.choices import Role
        from gcm_portal.core.demo import register_demo_loader
        from gcm_portal.core.registry import (
            register_admin_roles,
            register_api_router,
            register_home_figures,
            register_nav_link,
            register_panel,
            register_personal_link,
            register_urls,
        )

        from . import panels
        from .api.urls import router
        from .demo import load_knowledge_demo

        register_urls("hub/", "knowledge.urls", namespace="knowledge")
        register_api_router(router)
        register_nav_link("knowledge-hub", _("Knowledge hub"), "knowledge:index", order=40)
        register_personal_link(
            "hub-reviews",
            _("My peer reviews"),
            "knowledge:assignment-list",
            order=30,
            visible=permissions.is_expert_reviewer,
        )
        register_panel("country", panels.country_panel, order=40)
        register_panel("my_country", panels.my_country_panel, order=40)
        register_panel("curation", panels.curation_panel, order=40)
        register_home_figures(panels.home_figures)
        register_demo_loader(load_knowledge_demo)
        register_admin_roles(self.label, Role.NETWORK_STAFF)
