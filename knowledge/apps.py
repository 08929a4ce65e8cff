from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Knowledge hub")

    def ready(self) -> None:
        from gcm_portal import permissions
        from gcm_portal.accounts.choices import Role
        from gcm_portal.core.bench import register_bench_seeder
        from gcm_portal.core.demo import register_demo_loader
        from gcm_portal.core.publication import publication_changed
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
        from .bench import seed_search_index
        from .demo import load_knowledge_demo
        from .services.index import on_publication_changed

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
        register_nav_link("search", _("Search"), "knowledge:search", order=900)
        register_personal_link("hub-follows", _("What I follow"), "knowledge:follow-list", order=60)
        register_panel("country", panels.country_overview_panel, order=5)
        register_panel("objective", panels.objective_panel, order=10)
        register_panel("country", panels.country_panel, order=40)
        register_panel("my_country", panels.my_country_panel, order=40)
        register_panel("curation", panels.curation_panel, order=40)
        register_home_figures(panels.home_figures)
        register_demo_loader(load_knowledge_demo)
        register_admin_roles(self.label, Role.NETWORK_STAFF)
        register_search_documents()
        publication_changed.connect(on_publication_changed, dispatch_uid="knowledge-search-index")
        register_bench_seeder("search-index", seed_search_index, order=90)


def register_search_documents() -> None:
    """The hub's own content in the unified index, declared as every other app declares its own."""
    from gcm_portal.core.search import register_search_document

    from . import search
    from .models import DiscussionSpace, Event, Practice, Resource

    for model, kind, label, public, build, order in (
        (Practice, "practice", _("Practices"), search.public_practices, search.practice_document, 40),
        (Resource, "resource", _("Resources"), search.public_resources, search.resource_document, 41),
        (Event, "event", _("Events"), search.public_events, search.event_document, 42),
        (DiscussionSpace, "discussion", _("Discussion spaces"), search.public_spaces, search.space_document, 43),
    ):
        register_search_document(model, kind=kind, label=label, public=public, build=build, order=order)
