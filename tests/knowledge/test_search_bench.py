"""The benchmark's seeder of the unified index: ``seed_bench --scale XS`` fills it with multi-language
rows and planted terms of known frequency, a second run replaces them, and search finds the planted
terms exactly as often as they were planted (with the full-text index and with ILIKE alike)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from gcm_portal.core.bench import SCALES
from knowledge.bench import BENCH_SOURCE, PLANTED
from knowledge.models import IndexEntry
from knowledge.selectors.search import SearchParams, hub_search

pytestmark = pytest.mark.django_db


def test_seed_bench_xs_seeds_the_index_with_planted_terms():
    call_command("seed_bench", scale="XS", verbosity=0)
    call_command("seed_bench", scale="XS", verbosity=0)  # a second run replaces the first
    rows = SCALES["XS"].index_rows
    assert IndexEntry.objects.filter(source=BENCH_SOURCE).count() == rows
    assert IndexEntry.objects.filter(source=BENCH_SOURCE).values("language").distinct().count() == 6
    for term, every in PLANTED.items():
        expected = len(range(0, rows, every))
        assert hub_search(SearchParams(q=term)).total == expected
        assert hub_search(SearchParams(q=term), like=True).total == expected
    result = hub_search(SearchParams(q="kelmoria"))
    assert sum(v.count for v in result.facets["kind"]) == result.total


@pytest.mark.postgres
def test_seed_bench_leaves_the_planner_with_true_statistics():
    """Bulk loading leaves the planner guessing until autovacuum passes; the seeder analyses at the end,
    so the benchmark measures the plans of a settled database."""
    from django.db import connection

    call_command("seed_bench", scale="XS", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [IndexEntry._meta.db_table])
        assert cursor.fetchone()[0] == IndexEntry.objects.count()
