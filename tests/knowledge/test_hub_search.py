"""Hub search over the unified index: what is published is found in HTML and the API and withdrawing it
removes it; nothing unpublished is ever found; quotes and minus behave as people expect; facet counts
equal the results they lead to; the page's queries do not grow with the results; on PostgreSQL the
GIN index answers the query."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gcm_portal.core.search import parse_websearch
from gcm_portal.taxonomy.models import Country
from knowledge.bench import BENCH_SOURCE
from knowledge.models import IndexEntry, IndexTag
from knowledge.selectors.search import FACETS
from knowledge.services.index import index_search_update
from reviews import services as review_services
from tests.factories.knowledge import move

pytestmark = pytest.mark.django_db


def api_search(client, **params) -> dict:
    response = client.get("/api/v1/search/", params)
    assert response.status_code == 200, response.content
    return response.json()


def api_titles(client, **params) -> set[str]:
    return {hit["title"] for hit in api_search(client, **params)["results"]}


def html(client, query: str) -> str:
    response = client.get("/hub/search/" + query)
    assert response.status_code == 200
    return response.content.decode()


def html_results(client, query: str) -> str:
    """The results and facets of the page (the page repeats the query in its title and search box)."""
    page = html(client, query)
    return page[page.index('<div class="search-layout">') :]


def unpublished_titles(hub_world) -> list[str]:
    w = hub_world.reviews
    return [
        w.draft_gh.title,
        w.submitted_gh.title,
        w.returned_gh.title,
        w.draft_mx.title,
        w.pending_pledge_gh.title,
        w.pending_contribution.title,
        hub_world.practice_submitted.title,
        hub_world.practice_declined.title,
        hub_world.note_draft.title,
        hub_world.note_submitted.title,
        hub_world.commitment_pending.title,
        hub_world.resource_pending.title,
    ]


# ---------------------------------------------------------------------------
# Published in, unpublished never
# ---------------------------------------------------------------------------


def test_published_report_practice_and_programme_are_found_in_html_and_api(client, hub_world):
    for record, words in (
        (hub_world.reviews.published_gh, "Ghana published"),
        (hub_world.practice, "zero-fee recruitment"),
        (hub_world.programme, "Ghana joint programme"),
    ):
        assert record.title in api_titles(client, q=words)
        assert record.title in html(client, f"?q={words}")


def test_nothing_unpublished_is_found_by_any_query_in_html_or_api(client, hub_world):
    hidden = unpublished_titles(hub_world)
    everything = api_search(client)
    assert everything["count"] == IndexEntry.objects.count()
    listed = {hit["title"] for hit in api_search(client, page=1)["results"]}
    page = 2
    while len(listed) < everything["count"]:
        listed |= {hit["title"] for hit in api_search(client, page=page)["results"]}
        page += 1
    assert not set(hidden) & listed
    for title in hidden:
        for query in (title, f'"{title}"', title.split()[0], title.split()[-1]):
            assert title not in api_titles(client, q=query)
            assert title not in html_results(client, f"?q={query}")
        assert title not in html_results(client, "?kind=report&country=GH")
    # signed-in owners and staff search the same public index
    client.force_login(hub_world.staff)
    assert not set(hidden) & api_titles(client, q="Ghana")


def test_withdrawing_removes_from_the_index(client, hub_world, django_capture_on_commit_callbacks):
    report = hub_world.reviews.published_gh
    practice = hub_world.practice
    assert report.title in api_titles(client, q="published")
    with django_capture_on_commit_callbacks(execute=True):
        review_services.report_transition(report=report, action="unpublish", actor=hub_world.staff, comment="x")
        move(practice, hub_world.staff, "reopen")
    assert report.title not in api_titles(client, q="published")
    assert practice.title not in api_titles(client, q="recruitment")
    assert not IndexEntry.objects.filter(source="knowledge.practice", source_pk=practice.pk).exists()


def test_rebuild_gives_the_same_index_as_the_events(hub_world):
    before = set(IndexEntry.objects.values_list("source", "source_pk", "title"))
    first_seen = dict(IndexEntry.objects.values_list("title", "indexed_at"))
    call_command("rebuild_search_index", verbosity=0)
    after = set(IndexEntry.objects.values_list("source", "source_pk", "title"))
    # the rebuild adds the reference data loaded by migrations (champions, their activities, the first
    # joint programmes), which no event announced
    assert before <= after
    assert not set(unpublished_titles(hub_world)) & {title for _source, _pk, title in after}
    for title, when in IndexEntry.objects.values_list("title", "indexed_at"):
        if title in first_seen:
            assert when == first_seen[title]  # a rebuild is no news for digests


# ---------------------------------------------------------------------------
# The query language
# ---------------------------------------------------------------------------


def entry(title: str, body: str = "", language: str = "en", **tags) -> IndexEntry:
    item = IndexEntry.objects.create(
        source="tests.entry",
        source_pk=IndexEntry.objects.count() + 1,
        kind="practice",
        title=title,
        body=body,
        language=language,
        search_config={"en": "english", "fr": "french"}.get(language, "simple"),
        url=f"/test/{title}",
        indexed_at=timezone.now(),
        published_at=timezone.now(),
    )
    IndexTag.objects.bulk_create(
        [IndexTag(entry=item, facet="kind", value="practice")]
        + [IndexTag(entry=item, facet=f, value=v) for f, values in tags.items() for v in values]
    )
    index_search_update([item.pk])
    return item


def test_websearch_parsing_for_the_fallback():
    parsed = parse_websearch('"fair recruitment" migrants -detention -"border control"')
    assert parsed.include == ["fair recruitment", "migrants"]
    assert parsed.exclude == ["detention", "border control"]


def test_quotes_and_minus_behave_as_expected(client):
    entry("Fair recruitment of migrant workers", "ethical recruitment and fair wages")
    entry("Recruitment is fair", "wages and detention alternatives")
    entry("Alternatives to detention", "community based care")
    assert api_titles(client, q='"fair recruitment"') == {"Fair recruitment of migrant workers"}
    assert api_titles(client, q="recruitment fair") == {"Fair recruitment of migrant workers", "Recruitment is fair"}
    assert api_titles(client, q="recruitment -detention") == {"Fair recruitment of migrant workers"}
    assert api_titles(client, q='detention -"recruitment is fair"') == {"Alternatives to detention"}


def test_relevance_ranks_title_before_body_and_snippets_mark_the_words(client):
    entry("Remittances in the title", "nothing else")
    entry("Something else", "a long text that mentions remittances once")
    data = api_search(client, q="remittances")
    assert [hit["title"] for hit in data["results"]] == ["Remittances in the title", "Something else"]
    assert "<mark>remittances</mark>" in data["results"][1]["snippet"].lower()
    assert "<mark>" in html(client, "?q=remittances")


def test_snippets_escape_what_authors_wrote(client):
    entry("Escaping", "<script>alert(1)</script> remittances")
    page = html_results(client, "?q=remittances")
    assert "<script>" not in page  # escaped by the fallback, dropped as markup by ts_headline
    assert "<mark>remittances</mark>" in page


# ---------------------------------------------------------------------------
# Facets
# ---------------------------------------------------------------------------


def test_facet_counts_equal_the_results_they_lead_to(client, hub_world):
    for params in ({}, {"q": "Ghana"}, {"country": "GH"}, {"objective": "6", "kind": "practice"}):
        data = api_search(client, **params)
        for facet in FACETS:
            for value in data["facets"][facet]:
                if value["selected"]:
                    assert value["count"] == data["count"]
                    continue
                narrowed = {**params, facet: [*([params[facet]] if facet in params else []), value["value"]]}
                assert api_search(client, **narrowed)["count"] == value["count"], (params, facet, value)


def test_facets_combine_in_the_url_and_are_shown(client, hub_world):
    page = html(client, "?country=GH&objective=6")
    assert "Ghana published pledge" in page
    assert "?objective=6&amp;country=GH&amp;kind=" in page  # facet links keep the others
    gh = api_search(client, country="GH")["count"]
    both = api_search(client, country="GH", objective="6")["count"]
    assert 0 < both <= gh


def test_sort_by_date_and_pagination(client):
    for n in range(25):
        entry(f"Item {n:02d} on migration")
    data = api_search(client, q="migration", sort="date")
    assert data["count"] == 25 and data["pages"] == 2 and len(data["results"]) == 20
    second = api_search(client, q="migration", sort="date", page=2)
    assert len(second["results"]) == 5
    assert data["next"].endswith("page=2")


def test_typing_a_country_or_objective_suggests_its_page(client):
    page = html(client, "?q=Ghana")
    assert 'href="/countries/gh/"' in page
    page = html(client, "?q=objective 6")
    assert 'href="/objectives/6/"' in page


# ---------------------------------------------------------------------------
# Cost
# ---------------------------------------------------------------------------


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_search_queries_do_not_grow_with_results(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    for n in range(3):
        entry(f"Small {n} migration", country=["GH"], objective=[str(n + 1)], principle=["b"])
    queries(client, "/hub/search/?q=migration")  # the first answer keeps the facet labels (page cache fragments)
    few = queries(client, "/hub/search/?q=migration")
    few_api = queries(client, "/api/v1/search/?q=migration")
    for n in range(40):
        entry(f"Large {n} migration", country=["GH", "MX"], objective=[str(n % 23 + 1)], principle=["a"])
    assert queries(client, "/hub/search/?q=migration") == few
    assert queries(client, "/api/v1/search/?q=migration") == few_api
    assert few <= 14


def test_facet_labels_are_remembered_until_the_reference_data_change(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    entry("Labelled migration", country=["GH"], objective=["6"])
    api_search(client, q="migration")
    with CaptureQueriesContext(connection) as ctx:
        data = api_search(client, q="migration")
    assert not [query["sql"] for query in ctx.captured_queries if "taxonomy_" in query["sql"]]
    assert {"value": "GH", "label": "Ghana"}.items() <= data["facets"]["country"][0].items()
    Country.objects.filter(iso2="GH").update(name="Republic of Ghana")
    data = api_search(client, q="migration")
    assert data["facets"]["country"][0]["label"] == "Republic of Ghana"


@pytest.mark.postgres
def test_postgres_search_uses_the_gin_index(client):
    call_command("seed_bench", scale="XS", verbosity=0)
    assert IndexEntry.objects.filter(source=BENCH_SOURCE).exists()
    from knowledge.selectors.search import SearchParams, entries_for, hub_search

    with CaptureQueriesContext(connection) as ctx:
        result = hub_search(SearchParams(q="kelmoria"))
    assert result.total > 0
    # the facet counts and the page: every query of the search that matches words
    matching = [query["sql"] for query in ctx.captured_queries if "@@" in query["sql"]]
    assert len(matching) == 2, matching
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE knowledge_indexsearch")
        cursor.execute("SET LOCAL enable_seqscan = off")
        for query in matching:
            cursor.execute("EXPLAIN " + query)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert "knowledge_indexsearch_search_gin" in plan, plan
    # a saved search's digest (entries_for) finds the same entries
    assert entries_for(SearchParams(q="kelmoria")).count() == result.total


def test_odd_input_is_answered_not_failed(client):
    entry("Remittances", "text")
    for params in ({"q": "the"}, {"q": "-"}, {"q": '"'}, {"q": "a\x00b"}, {"country": "g\x00h"}, {"page": "x"}):
        assert client.get("/api/v1/search/", params).status_code == 200
        assert client.get("/hub/search/", params).status_code == 200
    assert client.get("/api/v1/matrix/", {"country": "g\x00"}).status_code == 404
    assert api_search(client, q="the")["count"] == 0  # only stop words: nothing to look for


def test_garbage_in_every_parameter_gets_an_answer_not_a_server_error(client):
    """What schemathesis sent (a staff token, PostgreSQL): control characters, unknown facet values, a page
    far past the end. Unknown values match nothing; the page is brought back in range."""
    query = (
        "/api/v1/search/?kind=%F0%9F%91%8D&kind=t%3D&kind=%0F&commission=%C3%99&country=__main__"
        "&year=__main__&year=%1A%C2%98&page=70535614940&thematic=%13&thematic=__main__"
        "&objective=%C2%B2&objective=%12d%2C&objective=O%27b%00R&principle=%C3%96i&sort=date"
        "&region=%2C&region=k~%5D&q=%C3%86%23b%C2%A6%25"
    )
    for url in (query, query.replace("/api/v1/search/", "/hub/search/")):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)


@pytest.mark.parametrize("url", ["/api/v1/voluntary-reports/?objective=%C2%B2", "/hub/practices/?objective=%C2%B2"])
def test_a_superscript_digit_is_not_taken_for_a_number(client, url):
    """A superscript "²" passes ``str.isdigit()`` but not ``int()``: numeric input is checked with ``isdecimal()``."""
    assert client.get(url).status_code in (200, 400)
