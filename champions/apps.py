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
        register_search_documents()


def register_search_documents() -> None:
    """What of the Champion countries the hub's unified index holds (the hub is never imported)."""
    from gcm_portal.core.search import register_search_document

    from . import search
    from .models import Activity, Champion, Commitment

    register_search_document(
        Champion,
        kind="champion",
        label=_("Champion countries"),
        public=search.public_champions,
        build=search.champion_document,
        order=20,
    )
    register_search_document(
        Commitment,
        kind="commitment",
        label=_("Champion commitments"),
        public=search.public_commitments,
        build=search.commitment_document,
        order=21,
    )
    register_search_document(
        Activity,
        kind="activity",
        label=_("Champion activities"),
        public=search.public_activities,
        build=search.activity_document,
        order=22,
    )
