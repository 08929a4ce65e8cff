"""Database helpers shared by maintenance commands."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection

__all__ = ["statement_timeout_lifted"]


@contextmanager
def statement_timeout_lifted():
    """Run a maintenance job (seeding, rebuilding an index) without the statement timeout that protects
    web workers (``DB_STATEMENT_TIMEOUT_MS``); the connection's own setting is restored afterwards.
    Nothing to do on other databases."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET statement_timeout")
