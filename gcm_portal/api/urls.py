"""The API root: every app's router, registered with :func:`gcm_portal.core.registry.register_api_router`,
is collected under /api/v1/."""

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import path
from django.utils import translation
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.response import Response
from rest_framework.routers import APIRootView, DefaultRouter

from gcm_portal.accounts.api.views import MeView, TokenView
from gcm_portal.core.registry import api_routers

from .permissions import PublicReadOnly


class PortalAPIRootView(APIRootView):
    """GCM Portal API, version 1. Published data is public; writes need a token (POST auth/token/)."""

    permission_classes = [PublicReadOnly]


class PortalRouter(DefaultRouter):
    APIRootView = PortalAPIRootView


router = PortalRouter()
for app_router in api_routers():
    router.registry.extend(app_router.registry)

v1_patterns = [
    path("auth/token/", TokenView.as_view(), name="auth-token"),
    path("me/", MeView.as_view(), name="me"),
    *router.urls,
]


_schemas: dict[tuple[str | None, str | None], dict] = {}


SCHEMA_SETTINGS = {"SPECTACULAR_SETTINGS", "REST_FRAMEWORK", "ROOT_URLCONF", "INSTALLED_APPS", "LANGUAGES"}


@receiver(setting_changed)
def _forget_schemas(setting, **kwargs) -> None:
    if setting in SCHEMA_SETTINGS:
        _schemas.clear()


class PublicSchemaView(SpectacularAPIView):
    """The OpenAPI document. It is the same whoever asks (every endpoint is listed, public or not), and
    generating it takes seconds, so each process generates it once per language and API version."""

    permission_classes = [PublicReadOnly]

    def _get_schema_response(self, request):
        version = self.api_version or request.version or self._get_version_parameter(request)
        key = (translation.get_language(), version)
        if key not in _schemas:
            generator = self.generator_class(urlconf=self.urlconf, api_version=version, patterns=self.patterns)
            _schemas[key] = generator.get_schema(request=request, public=self.serve_public)
        return Response(
            data=_schemas[key],
            headers={"Content-Disposition": f'inline; filename="{self._get_filename(request, version)}"'},
        )


class PublicDocsView(SpectacularSwaggerView):
    permission_classes = [PublicReadOnly]


schema_patterns = [
    path("schema/", PublicSchemaView.as_view(), name="schema"),
    path("docs/", PublicDocsView.as_view(url_name="schema"), name="docs"),
]
