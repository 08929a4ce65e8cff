"""The API root: every app's router, registered with :func:`gcm_portal.core.registry.register_api_router`,
is collected under /api/v1/."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
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


class PublicSchemaView(SpectacularAPIView):
    permission_classes = [PublicReadOnly]


class PublicDocsView(SpectacularSwaggerView):
    permission_classes = [PublicReadOnly]


schema_patterns = [
    path("schema/", PublicSchemaView.as_view(), name="schema"),
    path("docs/", PublicDocsView.as_view(url_name="schema"), name="docs"),
]
