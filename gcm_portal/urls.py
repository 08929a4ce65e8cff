"""The root URLconf: kernel pages here, each app's pages where it registered them
(:func:`gcm_portal.core.registry.register_urls`), every public page under its language prefix."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from gcm_portal.api.urls import schema_patterns, v1_patterns
from gcm_portal.core import views as core_views
from gcm_portal.core.i18n import language_switch
from gcm_portal.core.registry import url_mounts

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/setlang/", language_switch, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", include((v1_patterns, "api"), namespace="api")),
    path("api/", include(schema_patterns)),
]

urlpatterns += i18n_patterns(
    path("", core_views.HomeView.as_view(), name="home"),
    path("", include("gcm_portal.core.urls")),
    path("accounts/", include("gcm_portal.accounts.urls")),
    path("", include("gcm_portal.taxonomy.urls")),
    *[path(mount.prefix, include(mount.module, namespace=mount.namespace)) for mount in url_mounts()],
    prefix_default_language=False,
)

handler404 = "gcm_portal.core.views.not_found"
handler500 = "gcm_portal.core.views.server_error"
