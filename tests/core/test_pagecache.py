"""The public page cache (gcm_portal/core/pagecache.py) and the API's rate limits
(gcm_portal/api/throttling.py): what is stored, for whom, and how exactly it is forgotten."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from gcm_portal.core import pagecache
from gcm_portal.taxonomy.models import Objective
from tests.factories.accounts import focal_point, user_with_role
from tests.factories.reviews import make_report, move

pytestmark = pytest.mark.django_db

CACHED = "X-Page-Cache"


def get(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    response.queries = len(queries.captured_queries)
    return response


# ---------------------------------------------------------------------------
# What is stored, and for whom
# ---------------------------------------------------------------------------


def test_an_anonymous_page_is_served_from_the_cache_without_a_query(client):
    first = get(client, "/objectives/")
    assert first.status_code == 200 and first[CACHED] == "miss" and first.queries > 0
    second = get(client, "/objectives/")
    assert second[CACHED] == "hit" and second.queries == 0
    assert second.content == first.content and second["ETag"] == first["ETag"]
    assert second["Content-Security-Policy"] and "public" in second["Cache-Control"] and second["Last-Modified"]


def test_a_repeat_visitor_downloads_nothing(client):
    etag = client.get("/objectives/")["ETag"]
    again = client.get("/objectives/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    other = client.get("/objectives/", HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200 and other.content


def test_the_key_holds_the_language_and_the_query(client):
    english = client.get("/objectives/")
    french = client.get("/fr/objectives/")
    assert french[CACHED] == "miss" and french.content != english.content
    assert client.get("/countries/?commission=ECA")[CACHED] == "miss"
    assert client.get("/countries/?commission=ECA")[CACHED] == "hit"
    assert client.get("/countries/?commission=ECLAC")[CACHED] == "miss"


def test_a_signed_in_user_never_receives_a_page_cached_for_someone_else(client):
    fp = focal_point("GH")
    report = move(make_report(fp, "GH", title="Ghana report"), fp, "submit")
    move(report, user_with_role("network_staff"), "publish")
    anonymous = client.get("/reviews/reports/")
    assert client.get("/reviews/reports/")[CACHED] == "hit"
    client.force_login(fp)
    mine = client.get("/reviews/reports/")
    assert CACHED not in mine and "private" in mine["Cache-Control"]
    assert "My country" in mine.content.decode() and "My country" not in anonymous.content.decode()


def test_an_api_client_with_credentials_is_never_served_the_anonymous_answer():
    fp = focal_point("GH")
    draft = make_report(fp, "GH", title="Ghana draft")
    anonymous = APIClient()
    assert anonymous.get("/api/v1/voluntary-reports/").json()["count"] == 0
    assert anonymous.get("/api/v1/voluntary-reports/")[CACHED] == "hit"
    # credentials in the request: the view answers (here a bad token gets its 401), not the cache
    assert anonymous.get("/api/v1/voluntary-reports/", HTTP_AUTHORIZATION="Token nope").status_code == 401
    signed_in = APIClient()
    signed_in.force_authenticate(fp)
    answer = signed_in.get("/api/v1/voluntary-reports/")
    assert CACHED not in answer and [r["id"] for r in answer.json()["results"]] == [draft.pk]


def test_pages_with_a_form_token_or_a_message_are_not_stored(client):
    sign_in = client.get(reverse("accounts:login"))
    assert sign_in.status_code == 200 and CACHED not in sign_in  # it carries a CSRF token
    client.cookies["messages"] = "pending"
    assert CACHED not in client.get("/objectives/")


def test_each_path_is_resolved_once_per_process_until_the_urls_change(client, settings):
    pagecache._kinds_of_path.cache_clear()
    for _ in range(3):
        assert get(client, reverse("reviews:report-list")).status_code == 200
    info = pagecache._kinds_of_path.cache_info()
    assert (info.misses, info.hits) == (1, 2)
    settings.ROOT_URLCONF = "gcm_portal.urls"  # any change of the URLs forgets what was resolved
    assert pagecache._kinds_of_path.cache_info().currsize == 0


def test_views_can_opt_out(client, rf):
    class Private:
        page_cache = False

    def view(request):
        return None

    view.view_class = Private
    assert pagecache.page_cache_kinds_of(view, "GET") is None
    view.view_class = type("Public", (), {"page_cache_kinds": ("taxonomy.*",)})
    assert pagecache.page_cache_kinds_of(view, "GET") == ("taxonomy.*",)


# ---------------------------------------------------------------------------
# Invalidation
# ---------------------------------------------------------------------------


def test_after_staff_publish_a_report_the_next_anonymous_request_shows_it(client):
    fp, staff = focal_point("GH"), user_with_role("network_staff")
    report = move(make_report(fp, "GH", title="Ghana voluntary review 2026"), fp, "submit")
    urls = ["/reviews/reports/", reverse("taxonomy:country-detail", args=["gh"]), "/api/v1/voluntary-reports/"]
    for url in urls:
        assert "Ghana voluntary review 2026" not in client.get(url).content.decode()
        assert client.get(url)[CACHED] == "hit"
    move(report, staff, "publish")
    for url in urls:
        response = client.get(url)
        assert response[CACHED] == "miss" and "Ghana voluntary review 2026" in response.content.decode(), url


def test_a_withdrawal_and_a_public_state_change_are_seen_at_once(client):
    fp, staff = focal_point("GH"), user_with_role("network_staff")
    report = make_report(fp, "GH", title="Ghana report")
    review_url = report.review.get_absolute_url()
    assert "Submitted" not in client.get(review_url).content.decode().split("Ghana")[1][:400]
    move(report, fp, "submit")  # not a publication, but the review page shows that Ghana submitted
    assert client.get(review_url)[CACHED] == "miss"
    report = move(report, staff, "publish")
    assert "Ghana report" in client.get("/reviews/reports/").content.decode()
    move(report, staff, "unpublish", comment="Sent in error")
    assert "Ghana report" not in client.get("/reviews/reports/").content.decode()


def test_reference_pages_are_invalidated_by_reference_data_only(client):
    assert client.get("/objectives/")[CACHED] == "miss"
    make_report(focal_point("GH"), "GH")  # a write elsewhere: the objectives page stays cached
    assert client.get("/objectives/")[CACHED] == "hit"
    objective = Objective.objects.get(number=1)
    objective.title = "Collect and use accurate and disaggregated data for policy"
    objective.save()
    response = client.get("/objectives/")
    assert response[CACHED] == "miss" and "disaggregated data for policy" in response.content.decode()


def test_a_rendering_during_a_transaction_is_never_kept_as_fresh(django_capture_on_commit_callbacks):
    before = pagecache.generations(["*"])["*"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        pagecache.bump("reviews.pledge")
        during = pagecache.generations(["*", "reviews.pledge", "reviews.*"])
    after = pagecache.generations(["*"])["*"]
    assert during["*"] != before and during["reviews.pledge"] and during["reviews.*"]
    assert len(callbacks) == 1 and after != during["*"]  # bumped again once the write is visible


def test_a_hit_is_answered_before_any_other_middleware_with_the_full_stacks_headers(client, monkeypatch):
    """Served first in the stack: no session, locale, CSRF or authentication work on a hit, yet the
    stored answer carries what the outer middleware added (security headers, the content language)."""
    miss = client.get("/fr/objectives/")
    assert miss[CACHED] == "miss" and miss["Content-Language"] == "fr"
    from django.contrib.sessions.middleware import SessionMiddleware

    def refuse(self, request):
        raise AssertionError("a hit reached the session middleware")

    monkeypatch.setattr(SessionMiddleware, "process_request", refuse)
    hit = get(client, "/fr/objectives/")
    assert hit[CACHED] == "hit" and hit.queries == 0
    assert hit["Content-Language"] == "fr" and hit["X-Content-Type-Options"] == "nosniff"
    assert hit.content == miss.content


def test_an_unknown_path_is_not_stored(client):
    assert client.get("/no-such-page/").status_code == 404
    assert CACHED not in client.get("/no-such-page/")


def test_an_unreachable_cache_means_no_cache_not_an_error(client, monkeypatch):
    from django.core.cache.backends.redis import RedisCache

    dead = RedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.1, "socket_timeout": 0.1}})
    monkeypatch.setattr(pagecache, "cache", dead)
    response = client.get("/objectives/")
    assert response.status_code == 200 and CACHED not in response
    pagecache.bump("taxonomy.objective")  # a write while the cache is down is not an error either


# ---------------------------------------------------------------------------
# Rate limits
# ---------------------------------------------------------------------------


@pytest.fixture
def rates(monkeypatch):
    """Small limits: DRF reads the rates when the throttle classes are defined."""
    from gcm_portal.api import throttling

    def set_rates(anon: str, user: str):
        for cls in (throttling.AnonymousRateThrottle, throttling.SignedInRateThrottle):
            monkeypatch.setattr(cls, "THROTTLE_RATES", {"anon": anon, "user": user})

    return set_rates


def test_cached_anonymous_reads_are_not_counted_and_counted_ones_say_where_they_stand(rates):
    rates(anon="3/minute", user="5/minute")
    client = APIClient()
    first = client.get("/api/v1/objectives/")
    assert first.status_code == 200 and first["RateLimit-Limit"] == "3" and first["RateLimit-Remaining"] == "2"
    assert first["RateLimit-Policy"] == "3;w=60" and int(first["RateLimit-Reset"]) <= 60
    for _ in range(10):
        hit = client.get("/api/v1/objectives/")
        assert hit.status_code == 200 and hit[CACHED] == "hit" and "RateLimit-Limit" not in hit
    assert client.get("/api/v1/principles/")["RateLimit-Remaining"] == "1"
    assert client.get("/api/v1/regions/")["RateLimit-Remaining"] == "0"
    refused = client.get("/api/v1/sdg-targets/")
    assert refused.status_code == 429 and refused["Retry-After"] and refused["RateLimit-Remaining"] == "0"


def test_a_signed_in_client_is_counted_once_by_account(rates):
    rates(anon="1/minute", user="5/minute")
    client = APIClient()
    client.force_authenticate(focal_point("GH"))
    answers = [client.get("/api/v1/objectives/") for _ in range(3)]
    # the anonymous limit of 1 does not apply, and each request is counted once
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert [a["RateLimit-Remaining"] for a in answers] == ["4", "3", "2"]


def test_every_kind_of_write_invalidates_however_it_is_issued(client):
    from django.db import connection as db

    assert client.get("/objectives/")[CACHED] == "miss"
    assert client.get("/objectives/")[CACHED] == "hit"
    Objective.objects.filter(number=1).update(short_label="Updated in bulk")  # no post_save signal
    assert client.get("/objectives/")[CACHED] == "miss"
    assert client.get("/objectives/")[CACHED] == "hit"
    with db.cursor() as cursor:  # raw SQL, too
        cursor.execute("UPDATE taxonomy_objective SET short_label = %s WHERE number = 2", ["Raw"])
    assert client.get("/objectives/")[CACHED] == "miss"


def test_one_commit_bump_per_transaction_even_after_a_rolled_back_savepoint(django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        pagecache.bump("reviews.pledge")
        try:
            with transaction.atomic():
                pagecache.bump("reviews.voluntaryreport")
                raise RuntimeError
        except RuntimeError:
            pass
        pagecache.bump("reviews.voluntaryreport")
        pagecache.bump("reviews.pledge")
    flushes = [c for c in callbacks if getattr(c, "__self__", None).__class__.__name__ == "_Pending"]
    assert len(flushes) == 1 and flushes[0].__self__.kinds == {"reviews.pledge", "reviews.voluntaryreport"}
