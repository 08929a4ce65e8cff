"""``manage.py seed_bench`` (gcm_portal/core/bench.py and each app's bench.py): deterministic bulk data
that the benchmark reads, replaced, not doubled, by a second run."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from gcm_portal.core.bench import BENCH_DOMAIN, SCALES
from reviews.models import Pledge, VoluntaryReport
from reviews.selectors import public_report_rows

pytestmark = pytest.mark.django_db


def seed(scale: str = "XS") -> str:
    out = StringIO()
    call_command("seed_bench", scale=scale, stdout=out)
    return out.getvalue()


def test_the_smallest_scale_seeds_what_it_announces_and_a_second_run_replaces_it():
    spec = SCALES["XS"]
    output = seed()
    assert f"{spec.reports} voluntary reports" in output and "Scale XS seeded" in output
    assert VoluntaryReport.objects.filter(created_by__email__endswith=BENCH_DOMAIN).count() == spec.reports
    assert Pledge.objects.filter(created_by__email__endswith=BENCH_DOMAIN).count() == spec.pledges
    published = set(public_report_rows(None).values_list("pk", flat=True))
    assert published, "the benchmark needs published reports to list"
    seed()
    assert VoluntaryReport.objects.filter(created_by__email__endswith=BENCH_DOMAIN).count() == spec.reports


def test_seeded_reports_are_what_the_public_pages_show(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    seed()
    report = public_report_rows(None).order_by("pk").first()
    assert client.get("/reviews/reports/").status_code == 200
    assert client.get(report.get_absolute_url()).status_code == 200
