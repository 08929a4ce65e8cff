"""The hub's pages run a constant number of queries whatever the number of records they list."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from knowledge import services
from tests.factories.accounts import focal_point
from tests.factories.knowledge import KnowledgeWorld

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/hub/",
    "/hub/practices/",
    "/hub/resources/",
    "/hub/events/",
    "/hub/events/past/",
    "/hub/events/calendar.ics",
    "/hub/working-groups/",
    "/hub/networks/",
    "/hub/discussions/",
    "/hub/calls/",
    "/hub/connection-hub/",
    "/countries/gh/",
]
STAFF_PAGES = [
    *PUBLIC_PAGES,
    "/hub/experts/",
    "/hub/experts/balance/",
    "/hub/discussions/moderation/",
    "/hub/connection-hub/requests/",
    "/curation/",
]


def count(client, url: str) -> int:
    """The queries of a cold render: nothing remembered from an earlier page (the public panels of a
    country page are remembered until something public changes, and a write between two measures
    would otherwise compare a cold page with a warm one)."""
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def test_hub_pages_do_not_grow_with_their_records(client, settings):
    settings.PAGE_CACHE_ENABLED = False  # the rendering is measured, not the page cache
    focal = focal_point("GH")
    first = KnowledgeWorld(focal_gh=focal).build_all()
    staff = first.staff
    space = first.space

    def measure():
        counts = {url: count(client, url) for url in PUBLIC_PAGES}
        counts[space.get_absolute_url()] = count(client, space.get_absolute_url())
        client.force_login(staff)
        counts.update({f"staff {url}": count(client, url) for url in STAFF_PAGES})
        client.force_login(focal)
        counts["focal /my-country/"] = count(client, "/my-country/")
        client.logout()
        return counts

    measure()  # warm caches (content types, roles)
    small = measure()
    for countries in (("SN", "KE"), ("FR", "DE")):
        KnowledgeWorld(focal_gh=focal, network_countries=countries).build_all()
    for n in range(5):
        comment = services.comment_post(space=space, actor=staff, body=f"Comment {n}")
        services.comment_post(space=space, actor=focal, body=f"Reply {n}", parent=comment)
    large = measure()
    grew = {url: (small[url], large[url]) for url in small if small[url] != large[url]}
    assert not grew, grew
