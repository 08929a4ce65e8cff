"""gcm_portal/core/db.py: maintenance jobs run without the web workers' statement timeout."""

from __future__ import annotations

import pytest
from django.db import connection

from gcm_portal.core.db import statement_timeout_lifted

pytestmark = pytest.mark.django_db


def _timeout() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return cursor.fetchone()[0]


@pytest.mark.postgres
def test_the_statement_timeout_is_lifted_for_the_job_and_restored_after():
    before = _timeout()  # the connection's own setting (DB_STATEMENT_TIMEOUT_MS)
    with statement_timeout_lifted():
        assert _timeout() == "0"
    assert _timeout() == before
