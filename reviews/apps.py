from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Regional reviews and voluntary reports")

    def ready(self) -> None:
        from gcm_portal.core.panels import register_country_panel, register_home_figures

        from .views import country_panel, home_figures

        register_country_panel(country_panel)
        register_home_figures(home_figures)
        from gcm_portal.core.demo import register_demo_loader

        from .demo import load_reviews_demo

        register_demo_loader(load_reviews_demo)
