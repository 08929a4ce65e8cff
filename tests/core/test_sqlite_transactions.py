"""On SQLite (the embedded default) a transaction takes the write lock when it begins, so concurrent
writers wait for each other instead of failing with "database is locked" when two deferred
transactions that both read try to write (the 500s two gunicorn workers gave under load)."""

from __future__ import annotations

import sqlite3

import pytest
from django.conf import settings
from django.db import connection


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's transaction mode")
def test_sqlite_transactions_begin_immediate():
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5


def test_immediate_transactions_queue_writers(tmp_path):
    """The mechanism the setting relies on: with two connections to one file, a second immediate
    transaction waits for the first one's write lock (here up to its short timeout), then goes ahead."""
    path = tmp_path / "db.sqlite3"
    setup = sqlite3.connect(path)
    setup.execute("CREATE TABLE t (n INTEGER)")
    setup.commit()
    setup.close()

    first = sqlite3.connect(path, timeout=0.2, isolation_level=None)
    second = sqlite3.connect(path, timeout=0.2, isolation_level=None)
    first.execute("BEGIN IMMEDIATE")
    first.execute("INSERT INTO t VALUES (1)")
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        second.execute("BEGIN IMMEDIATE")  # waited for the lock up to its timeout
    first.execute("COMMIT")
    second.execute("BEGIN IMMEDIATE")  # the lock is free: it goes ahead
    second.execute("INSERT INTO t VALUES (2)")
    second.execute("COMMIT")
    assert first.execute("SELECT count(*) FROM t").fetchone() == (2,)
    first.close()
    second.close()
