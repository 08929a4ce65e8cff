from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MptfConfig(AppConfig):
    name = "mptf"
    verbose_name = _("Migration MPTF")

    def ready(self) -> None:
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
        from .demo import load_mptf_demo

        register_urls("trust-fund/", "mptf.urls", namespace="mptf")
        register_api_router(router)
        register_nav_link("trust-fund", _("Trust fund"), "mptf:index", order=30)
        register_personal_link(
            "trust-fund-desk", _("Trust fund desk"), "mptf:desk", order=40, visible=panels.shows_desk
        )
        register_panel("country", panels.country_panel, order=30)
        register_panel("my_country", panels.my_country_panel, order=30)
        register_panel("curation", panels.curation_panel, order=30)
        register_home_figures(panels.home_figures)
        register_demo_loader(load_mptf_demo)
        register_admin_roles(self.label, Role.FUND_MANAGER)
        register_search_documents()


def register_search_documents() -> None:
    """What of the trust fund the hub's unified index holds (the hub is never imported)."""
    from gcm_portal.core.search import register_search_document

    from . import search
    from .models import ConceptNote, JointProgramme

    register_search_document(
        ConceptNote,
        kind="concept_note",
        label=_("Concept notes"),
        public=search.public_notes,
        build=search.note_document,
        order=30,
    )
    register_search_document(
        JointProgramme,
        kind="programme",
        label=_("Joint programmes"),
        public=search.public_programmes,
        build=search.programme_document,
        order=31,
    )
