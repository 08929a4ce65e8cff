from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Regional reviews and voluntary reports")

    def ready(self) -> None:
        from gcm_portal.accounts.choices import Role
        from gcm_portal.core.bench import register_bench_seeder
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
        from .bench import seed_reviews
        from .demo import load_reviews_demo

        register_urls("reviews/", "reviews.urls", namespace="reviews")
        register_api_router(router)
        register_nav_link("reviews", _("Regional reviews"), "reviews:index", order=20)
        register_panel("country", panels.country_panel, order=20)
        register_panel("my_country", panels.my_country_panel, order=20)
        register_panel("curation", panels.curation_panel, order=20)
        register_home_figures(panels.home_figures)
        register_demo_loader(load_reviews_demo)
        register_bench_seeder("reviews", seed_reviews, order=10)
        register_admin_roles(self.label, Role.NETWORK_STAFF)
        register_search_documents()


def register_search_documents() -> None:
    """What of the review process the hub's unified index holds (the hub is never imported)."""
    from gcm_portal.core.search import register_search_document

    from . import search
    from .models import Pledge, StakeholderContribution, VoluntaryReport

    register_search_document(
        VoluntaryReport,
        kind="report",
        label=_("Voluntary reports"),
        public=search.public_reports,
        build=search.report_document,
        order=10,
    )
    register_search_document(
        Pledge, kind="pledge", label=_("Pledges"), public=search.public_pledges, build=search.pledge_document, order=11
    )
    register_search_document(
        StakeholderContribution,
        kind="contribution",
        label=_("Stakeholder contributions"),
        public=search.public_contributions,
        build=search.contribution_document,
        order=12,
    )
