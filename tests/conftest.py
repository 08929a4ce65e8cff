"""Shared fixtures. Tests run on SQLite by default and on PostgreSQL + Redis when DATABASE_URL and
REDIS_URL are set (CI's second pass). GCM_REQUIRE_SERVICES=1 turns a missing service into a failure."""

from __future__ import annotations

import os
import shutil

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import translation

from tests.factories.accounts import UserFactory, user_with_role
from tests.module_records import TEST_EMAIL_BACKEND, TEST_PASSWORD_HASHERS, module_records
from tests.template_db import setup_from_template, teardown_copy

REQUIRE_SERVICES = os.environ.get("GCM_REQUIRE_SERVICES") == "1"


def _service_missing(reason: str) -> None:
    if REQUIRE_SERVICES:
        pytest.fail(f"GCM_REQUIRE_SERVICES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """Each test process copies one migrated template database instead of migrating its own, and drops
    its copy at the end (tests/template_db.py). With ``--reuse-db`` or ``--create-db``, Django migrates
    as usual."""
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _get_databases_for_setup

    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    keepdb = django_db_keepdb and not django_db_createdb
    with django_db_blocker.unblock():
        if django_db_keepdb or django_db_createdb:
            config = setup_databases(
                verbosity=0, interactive=False, keepdb=keepdb, aliases=aliases, serialized_aliases=serialized_aliases
            )
        else:
            config = setup_from_template(serialize="default" in serialized_aliases)
    yield
    with django_db_blocker.unblock():
        if django_db_keepdb or django_db_createdb:
            if not keepdb:
                teardown_databases(config, verbosity=0)
        else:
            teardown_copy(config)


@pytest.fixture(autouse=True)
def _service_markers(request):
    if request.node.get_closest_marker("redis") and not settings.REDIS_URL:
        _service_missing("REDIS_URL is not set: this test needs a real Redis server")
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        _service_missing("DATABASE_URL does not point at PostgreSQL: this test needs a real PostgreSQL server")
    if request.node.get_closest_marker("browser") and not shutil.which("chromium"):
        _service_missing("chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def module_media_root(tmp_path_factory):
    """The uploads folder of records built once for a module's tests (tests/module_records.py)."""
    return tmp_path_factory.mktemp("module-media")


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker, module_media_root):
    """The permission matrix's users and worlds (tests/matrix.py), built once for the module."""
    from tests.matrix import build_matrix

    with module_records(django_db_blocker, module_media_root):
        yield build_matrix()


@pytest.fixture
def media_root(request, tmp_path):
    """Where a test's uploads go: a folder of its own, or, for a test using records built once for its
    module, the folder where their files were written."""
    if "module_media_root" in request.fixturenames:
        return request.getfixturevalue("module_media_root")
    return tmp_path


@pytest.fixture(autouse=True)
def _isolated(settings, media_root):
    """Each test gets its own media folder, in-memory e-mail and a clean cache (throttle counters)."""
    settings.MEDIA_ROOT = media_root / "media"
    settings.PRIVATE_MEDIA_ROOT = media_root / "private"
    settings.EMAIL_BACKEND = TEST_EMAIL_BACKEND
    settings.PASSWORD_HASHERS = TEST_PASSWORD_HASHERS
    cache.clear()
    with translation.override("en"):
        yield
    cache.clear()


@pytest.fixture(autouse=True)
def eager_tasks(request):
    """Tasks run in-process in tests, also when a broker is configured (CI's PostgreSQL + Redis pass),
    so side effects are checked where they happen. Tests marked ``redis`` use the real broker and a
    real worker instead."""
    from gcm_portal.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = not request.node.get_closest_marker("redis")
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def empty_queues():
    """This test process's queues, emptied first: tasks that earlier tests published with no worker to
    take them (a page published on a live server, say), or that a stopped worker left unacknowledged,
    must not reach this test's worker."""
    from gcm_portal.celery import app

    with app.connection_for_write() as conn:
        channel = conn.default_channel
        for queue in ("celery", "mail", "extract", "index"):
            channel.queue_purge(queue)
        channel.client.delete(channel.unacked_key, channel.unacked_index_key)


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def staff_user(db):
    return user_with_role("network_staff")


@pytest.fixture
def admin_user(db):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()
