"""PostgreSQL faults: a backend killed mid-request (pg_terminate_backend from another connection) gives
a clean 503 in under 2 s with nothing half-written, and the next request succeeds without a restart;
a database that does not answer gives the same page; a runaway statement is cancelled."""

from __future__ import annotations

import json
import time

import psycopg2
import pytest
from django.db import close_old_connections, connection
from django.test import Client
from django.urls import reverse

from gcm_portal.core.models import AuditEntry
from gcm_portal.taxonomy.models import Country
from reviews.models import VoluntaryReport
from tests.factories.accounts import focal_point
from tests.factories.reviews import eca_review


def _between_requests():
    """What the WSGI handler does around every request (request_started/finished), and Django's test
    client leaves out: drop a connection that errored or fails its health check (CONN_HEALTH_CHECKS)."""
    close_old_connections()


def _killer():
    database = connection.settings_dict
    other = psycopg2.connect(
        dbname=database["NAME"],
        user=database["USER"],
        password=database["PASSWORD"] or None,
        host=database["HOST"],
        port=database["PORT"],
    )
    other.autocommit = True
    return other


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backend_killed_mid_request_gives_a_clean_503_and_the_next_request_succeeds():
    fp = focal_point("GH")
    client = Client(raise_request_exception=False)
    client.force_login(fp)
    audit_before = AuditEntry.objects.count()
    other = _killer()
    killed = []

    def kill_at_the_audit_row(execute, sql, params, many, context):
        # The report row is written; its audit row is next in the same transaction: kill the backend now.
        if not killed and sql.startswith('INSERT INTO "core_auditentry"'):
            pid = context["connection"].connection.get_backend_pid()
            with other.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            killed.append(pid)
        return execute(sql, params, many, context)

    form = {"country": Country.objects.get(iso2="GH").pk, "review": eca_review().pk, "title": "Half-written?"}
    try:
        with connection.execute_wrapper(kill_at_the_audit_row):
            started = time.monotonic()
            response = client.post(reverse("reviews:report-create"), form)
            elapsed = time.monotonic() - started
    finally:
        other.close()

    assert killed
    assert response.status_code == 503
    assert elapsed < 2
    assert response["Retry-After"] == "30"
    assert "briefly unavailable" in response.content.decode()
    # Nothing half-written: the report went with its transaction.
    assert not VoluntaryReport.objects.filter(title="Half-written?").exists()
    assert AuditEntry.objects.count() == audit_before
    # No restart needed: the next request connects afresh and saves.
    _between_requests()
    response = client.post(reverse("reviews:report-create"), form)
    assert response.status_code == 302
    assert VoluntaryReport.objects.filter(title="Half-written?").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_api_answers_503_in_its_own_shape_when_the_backend_is_killed():
    client = Client(raise_request_exception=False)
    other = _killer()
    killed = []

    def kill_first(execute, sql, params, many, context):
        if not killed:
            pid = context["connection"].connection.get_backend_pid()
            with other.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            killed.append(pid)
        return execute(sql, params, many, context)

    connection.ensure_connection()
    try:
        with connection.execute_wrapper(kill_first):
            response = client.get("/api/v1/voluntary-reports/")
    finally:
        other.close()
    assert response.status_code == 503
    assert "detail" in json.loads(response.content)
    _between_requests()
    assert client.get("/api/v1/voluntary-reports/").status_code == 200


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_runaway_statement_is_cancelled_by_the_statement_timeout(settings):
    from django.db import OperationalError, transaction

    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == f"{settings.DB_STATEMENT_TIMEOUT_MS // 1000}s"
        with pytest.raises(OperationalError, match="statement timeout"), transaction.atomic():
            cursor.execute("SET LOCAL statement_timeout = 200")
            cursor.execute("SELECT pg_sleep(5)")


@pytest.mark.django_db
def test_an_unreachable_database_gives_the_503_page_quickly(settings):
    """A PostgreSQL server that is not there (nothing listens on the port): 503 page, fast."""
    from django.db import connections

    settings.PAGE_CACHE_ENABLED = False
    dead = {
        **connections["default"].settings_dict,
        "ENGINE": "django.db.backends.postgresql",
        "HOST": "127.0.0.1",
        "PORT": "1",
        "NAME": "nothing",
        "OPTIONS": {"connect_timeout": 2},
    }
    from django.db.backends.postgresql.base import DatabaseWrapper

    client = Client(raise_request_exception=False)
    url = reverse("reviews:index")
    client.get(url)  # a running server: URLs resolved, modules imported, templates compiled
    original = connections["default"]
    broken = DatabaseWrapper(dead, alias="default")
    connections["default"] = broken
    try:
        started = time.monotonic()
        response = client.get(url)
        elapsed = time.monotonic() - started
    finally:
        broken.close()
        connections["default"] = original
    assert response.status_code == 503
    assert elapsed < 2
    assert "briefly unavailable" in response.content.decode()
