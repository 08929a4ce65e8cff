"""Sessions mirrored in the cache (gcm_portal/core/sessions.py): fast when the cache is up, unaffected when
it is down."""

import pytest
from django.core.cache.backends.redis import RedisCache
from django.urls import reverse

from tests.factories.accounts import focal_point

pytestmark = pytest.mark.django_db


def test_a_signed_in_page_reads_its_session_from_the_cache(client, django_assert_max_num_queries):
    client.force_login(focal_point("GH"))
    client.get("/objectives/")
    with django_assert_max_num_queries(20) as queries:
        client.get("/objectives/")
    assert not any("django_session" in q["sql"] for q in queries.captured_queries)


def test_with_the_cache_down_nobody_is_signed_out_and_signing_out_works(client, monkeypatch):
    from django.contrib.sessions.backends import cached_db

    user = focal_point("GH")
    client.force_login(user)
    dead = RedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.1, "socket_timeout": 0.1}})
    monkeypatch.setattr(cached_db, "caches", {"default": dead})
    monkeypatch.setattr("gcm_portal.core.pagecache.cache", dead)
    page = client.get(reverse("my-country"))
    assert page.status_code == 200  # still signed in: the session came from the database
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("my-country")).status_code == 302  # signed out: sent to sign in
