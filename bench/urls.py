"""The portal's URLs plus the floor page: the portal's middleware and base template around an empty
content block, never cached (a baseline for uncached pages); and the hub search's ILIKE baseline."""

from django.http import HttpResponse, JsonResponse
from django.template import engines
from django.urls import path

from gcm_portal.urls import handler404  # noqa: F401
from gcm_portal.urls import urlpatterns as portal_urlpatterns

FLOOR = engines["django"].from_string('{% extends "base.html" %}{% block content %}{% endblock %}')


def floor(request):
    return HttpResponse(FLOOR.render({}, request))


floor.page_cache = False


def search_ilike(request):
    """The hub search's baseline: the same search, ranking, facets and page as ``/api/v1/search/`` with
    LIKE on the text columns instead of the full-text index."""
    from knowledge.selectors.search import SearchParams, hub_search

    result = hub_search(SearchParams.from_query(request.GET), like=True)
    return JsonResponse(
        {
            "count": result.total,
            "results": [{"title": item.entry.title, "snippet": str(item.snippet)} for item in result.items],
            "facets": {f: [(v.value, v.count) for v in values] for f, values in result.facets.items()},
        }
    )


search_ilike.page_cache = False

urlpatterns = [path("bench/floor/", floor), path("bench/search-ilike/", search_ilike), *portal_urlpatterns]
