from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gcm_portal.core"
    label = "core"
    verbose_name = _("Portal kernel")

    def ready(self) -> None:
        from gcm_portal import permissions
        from gcm_portal.accounts.choices import Role

        from .pagecache import connect_invalidation
        from .registry import register_admin_roles, register_nav_link, register_personal_link

        connect_invalidation()

        register_admin_roles(self.label, Role.NETWORK_STAFF)
        register_nav_link("search", _("Search"), "search", order=900)
        register_personal_link(
            "my-country",
            _("My country"),
            "my-country",
            order=10,
            visible=lambda user: bool(permissions.country_ids_represented(user)),
        )
        register_personal_link("curation", _("Curation"), "curation", order=20, visible=permissions.is_network_staff)
