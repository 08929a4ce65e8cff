"""One migrated template database for every test process.

Migrating the test database takes most of a minute (the migration state is rebuilt for each of some two
hundred operations) and each pytest-xdist worker used to do it on its own, all at once on the same cores.
Here the first worker to arrive migrates a template while the others wait on a file lock; then every
worker copies it: ``CREATE DATABASE ... TEMPLATE`` on PostgreSQL, SQLite's backup into the worker's
in-memory database. The template is named after a hash of what decides its content (migrations,
reference data, Django's version), so a later run reuses it only while it is still right.

``--reuse-db`` and ``--create-db`` keep pytest-django's own setup.
"""

from __future__ import annotations

import fcntl
import hashlib
import sqlite3
import tempfile
from pathlib import Path

import django
from django.conf import settings
from django.db import connections

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ["*/migrations/*.py", "*/*/migrations/*.py", "*/loader.py", "*/*/loader.py", "*/data/*", "*/*/data/*"]


def _fingerprint() -> str:
    digest = hashlib.sha256(django.get_version().encode())
    for pattern in CONTENT:
        for path in sorted(ROOT.glob(pattern)):
            if path.is_file() and ".venv" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _lock(name: str):
    handle = open(Path(tempfile.gettempdir()) / f"gcm-test-{name}.lock", "w")  # noqa: SIM115
    fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


def _build_template(connection, template_name: str) -> None:
    """Migrate a database named ``template_name`` with Django's own test-database creation."""
    test_settings = connection.settings_dict.setdefault("TEST", {})
    worker_name, test_settings["NAME"] = test_settings.get("NAME"), template_name
    original_name = connection.settings_dict["NAME"]
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    finally:
        connection.close()
        test_settings["NAME"] = worker_name
        connection.settings_dict["NAME"] = original_name
        settings.DATABASES[connection.alias]["NAME"] = original_name


def _postgres_template_exists(connection, name: str) -> bool:
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def _setup_postgres(connection, fingerprint: str) -> str:
    creation = connection.creation
    worker_name = creation._get_test_db_name()
    template = f"test_{connection.settings_dict['NAME']}_tmpl_{fingerprint}"[:63]
    quote = connection.ops.quote_name
    with _lock(template):
        if not _postgres_template_exists(connection, template):
            # Built under another name and renamed when complete, so a build cut short is never reused.
            partial = template[:55] + "_partial"
            _build_template(connection, partial)
            with connection._nodb_cursor() as cursor:
                cursor.execute(f"ALTER DATABASE {quote(partial)} RENAME TO {quote(template)}")
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(worker_name)}")
            cursor.execute(f"CREATE DATABASE {quote(worker_name)} TEMPLATE {quote(template)}")
    return worker_name


def _setup_sqlite(connection, fingerprint: str) -> str:
    template = Path(tempfile.gettempdir()) / f"gcm-test-template-{fingerprint}.sqlite3"
    with _lock(template.name):
        if not template.exists():
            partial = template.with_suffix(".partial")
            partial.unlink(missing_ok=True)
            _build_template(connection, str(partial))
            partial.rename(template)
    worker_name = connection.creation._get_test_db_name()
    connection.settings_dict["NAME"] = worker_name
    connection.connect()  # the worker's in-memory database, kept open for the whole session
    source = sqlite3.connect(f"file:{template}?mode=ro", uri=True)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    return worker_name


def setup_from_template(serialize: bool) -> list:
    """Give this process its test database, copied from the template; returns what
    ``django.test.utils.teardown_databases`` takes to drop it at the end."""
    connection = connections["default"]
    old_name = connection.settings_dict["NAME"]
    fingerprint = _fingerprint()
    if connection.vendor == "postgresql":
        name = _setup_postgres(connection, fingerprint)
    elif connection.vendor == "sqlite":
        name = _setup_sqlite(connection, fingerprint)
    else:
        raise NotImplementedError(connection.vendor)
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name
    if serialize:
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    connection.ensure_connection()
    return [(connection, old_name, True)]


def teardown_copy(config: list) -> None:
    """Drop this process's copy. On PostgreSQL ``WITH (FORCE)``: a server or worker process that a test
    started and that has not let go of its connection yet must not turn a passed run into an error."""
    for connection, old_name, _ in config:
        name = connection.settings_dict["NAME"]
        if connection.vendor != "postgresql":
            connection.creation.destroy_test_db(old_name, verbosity=0)
            continue
        connection.close()
        settings.DATABASES[connection.alias]["NAME"] = old_name
        connection.settings_dict["NAME"] = old_name
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)} WITH (FORCE)")
