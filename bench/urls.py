"""The portal's URLs plus the floor page: the portal's middleware and base template around an empty
content block, never cached (a baseline for uncached pages)."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from gcm_portal.urls import handler404  # noqa: F401
from gcm_portal.urls import urlpatterns as portal_urlpatterns

FLOOR = engines["django"].from_string('{% extends "base.html" %}{% block content %}{% endblock %}')


def floor(request):
    return HttpResponse(FLOOR.render({}, request))


floor.page_cache = False

urlpatterns = [path("bench/floor/", floor), *portal_urlpatterns]
