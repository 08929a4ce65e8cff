"""The backup and restore drill: back up the demo data (database and every stored file), wipe both,
restore, and find every row count and file hash as it was; a damaged backup is refused."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from gcm_portal.core.backup import _field_label, _file_fields
from gcm_portal.core.demo import load_demo_data

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _stored_files() -> dict[str, str]:
    """Every file a record names, with the SHA-256 of what the storage holds."""
    found = {}
    for model, model_field in _file_fields():
        for name in model._default_manager.exclude(**{model_field.name: ""}).values_list(model_field.name, flat=True):
            with model_field.storage.open(name, "rb") as handle:
                found[f"{_field_label(model, model_field)}:{name}"] = hashlib.sha256(handle.read()).hexdigest()
    return found


def _counts() -> dict[str, int]:
    tables = sorted(set(connection.introspection.django_table_names(only_existing=True)))
    with connection.cursor() as cursor:
        result = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            result[table] = cursor.fetchone()[0]
    return result


def _wipe_database() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            tables = connection.introspection.table_names(cursor)
            for table in tables:
                cursor.execute(f"DROP TABLE {connection.ops.quote_name(table)}")
            cursor.execute("PRAGMA foreign_keys = ON")
    assert not connection.introspection.table_names()


def test_backup_wipe_restore_gives_back_every_row_and_file(tmp_path, capsys):
    load_demo_data()
    before_counts, before_files = _counts(), _stored_files()
    assert len(before_files) >= 3  # the demo data has documents
    assert sum(before_counts.values()) > 100

    call_command("backup", str(tmp_path / "backup"))
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert len(manifest["files"]) == len(before_files) and not manifest["missing"]
    assert "every hash matches" in _run("restore", str(tmp_path / "backup"), "--verify-only", capsys=capsys)

    # A damaged copy (one byte of one document changed) is refused before anything changes.
    shutil.copytree(tmp_path / "backup", tmp_path / "damaged")
    damaged = tmp_path / "damaged" / manifest["files"][0]["path"]
    damaged.write_bytes(damaged.read_bytes()[:-1] + bytes([damaged.read_bytes()[-1] ^ 1]))
    with pytest.raises(CommandError, match="SHA-256 does not match"):
        call_command("restore", str(tmp_path / "damaged"))
    assert _counts() == before_counts

    _wipe_database()
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT)
    call_command("restore", str(tmp_path / "backup"))

    assert _counts() == before_counts
    assert _stored_files() == before_files


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    call_command("backup", str(tmp_path / "backup"))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(tmp_path / "backup"))


def test_backup_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "something").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path / "backup"))


def _run(*args, capsys) -> str:
    call_command(*args)
    return capsys.readouterr().out
