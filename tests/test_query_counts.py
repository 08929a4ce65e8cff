"""List pages and API lists run a constant number of queries whatever their size."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _render_every_page(settings):
    """Count the queries of a render, not of a page-cache hit."""
    settings.PAGE_CACHE_ENABLED = False


def count_queries(client, url: str) -> int:
    """The queries of a cold render: remembered fragments are forgotten first."""
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("small", "large"),
    [
        ("/api/v1/countries/?page_size=2", "/api/v1/countries/?page_size=250"),
        ("/api/v1/objectives/?page_size=2", "/api/v1/objectives/?page_size=23"),
        ("/api/v1/regions/?page_size=2", "/api/v1/regions/?page_size=40"),
        ("/api/v1/commissions/?page_size=1", "/api/v1/commissions/"),
        ("/api/v1/thematic-areas/?page_size=1", "/api/v1/thematic-areas/"),
        ("/api/v1/entities/?page_size=2", "/api/v1/entities/"),
        ("/api/v1/sdg-targets/?page_size=1", "/api/v1/sdg-targets/"),
        ("/api/v1/principles/?page_size=1", "/api/v1/principles/"),
        ("/countries/?q=ghana", "/countries/"),
        ("/countries/?commission=ESCWA", "/countries/?commission=ECA"),
    ],
)
def test_list_query_count_does_not_grow_with_rows(client, small, large):
    assert count_queries(client, small) == count_queries(client, large)


@pytest.mark.parametrize(
    ("url", "ceiling"),
    [
        ("/", 14),
        ("/objectives/", 6),
        ("/objectives/7/", 6),
        ("/principles/", 3),
        ("/regional-commissions/", 3),
        ("/regional-commissions/ECA/", 4),
        ("/thematic-areas/", 3),
        ("/sdg-targets/", 3),
        ("/un-entities/", 3),
        ("/reference/", 10),
        ("/search/?q=migration", 10),
        ("/api/v1/countries/", 5),
    ],
)
def test_pages_stay_under_a_query_ceiling(client, url, ceiling):
    assert count_queries(client, url) <= ceiling


def test_signed_in_pages_read_roles_once(client):
    from tests.factories.accounts import focal_point

    anonymous = count_queries(client, "/objectives/")
    client.force_login(focal_point("GH"))
    # one query each for the session, the user, the user's role memberships and unread notifications
    assert count_queries(client, "/objectives/") == anonymous + 4
