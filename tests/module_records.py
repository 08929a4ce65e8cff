"""Records built once for all the tests of a module, where building them for each test would cost more
than the tests themselves (the permission matrix's worlds, the demo content).

They are built inside a transaction that is rolled back after the module's last test; each test runs in
a savepoint within it, as usual, so no test sees another's writes and nothing outlives the module::

    @pytest.fixture(scope="module")
    def world(django_db_setup, django_db_blocker, module_media_root):
        with module_records(django_db_blocker, module_media_root):
            yield build_world()

Tests using such a fixture get ``module_media_root`` as their uploads folder (``media_root`` in
tests/conftest.py), where the records' files were written.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import translation

TEST_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TEST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@contextmanager
def module_records(django_db_blocker, media_root: Path) -> Iterator[None]:
    """Database access for building a module's records, with the settings each test has (tests/conftest.py
    ``_isolated`` and ``eager_tasks``), inside a transaction rolled back on exit."""
    from gcm_portal.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=media_root / "media",
            PRIVATE_MEDIA_ROOT=media_root / "private",
            EMAIL_BACKEND=TEST_EMAIL_BACKEND,
            PASSWORD_HASHERS=TEST_PASSWORD_HASHERS,
        ),
        translation.override("en"),
        transaction.atomic(),
    ):
        try:
            yield
        finally:
            transaction.set_rollback(True)
            app.conf.task_always_eager = eager


def demo_content(loader):
    """A module fixture named ``demo``: the demo accounts and ``loader``'s demo content, loaded once."""
    from gcm_portal.core.demo import load_demo_data, register_demo_loader

    @pytest.fixture(scope="module")
    def demo(django_db_setup, django_db_blocker, module_media_root):
        with module_records(django_db_blocker, module_media_root):
            register_demo_loader(loader)
            load_demo_data()
            yield

    return demo
