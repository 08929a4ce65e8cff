"""Backup and restore: the database and every stored file, with a SHA-256 manifest.

A backup is a folder::

    manifest.json        format, when, the database vendor, row counts per table, and for the database
                         dump and every file: path, size and SHA-256
    database.dump        PostgreSQL: pg_dump's custom format (restored with pg_restore)
    database.sqlite3     SQLite: a copy made with SQLite's online backup API
    files/<name>         every file a FileField names, read through its storage (local disk or S3)

**Consistent.** On PostgreSQL the list of files and the row counts are read in one REPEATABLE READ
transaction whose snapshot pg_dump then dumps (``pg_dump --snapshot``), so the files are exactly those
the dumped rows name. On SQLite the copy is made first and the files are listed from the copy. Files are
written before their row commits and deleted only after their row's deletion commits, so every file the
snapshot names is still there when it is copied (a file deleted since then is reported as missing).

**Verified.** :func:`backup_restore` checks every hash against the manifest before it changes anything
and refuses a backup with a missing or altered file; it restores only into an empty database, then
writes the files into the storage (refusing to overwrite a different file of the same name), and checks
the row counts and every stored file's hash afterwards.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.core.files import File
from django.db import connections, models
from django.utils import timezone

__all__ = ["BackupError", "backup_create", "backup_restore", "backup_verify"]

FORMAT = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """The backup cannot be made, or is incomplete, altered or cannot be restored here."""


@dataclass
class BackupReport:
    path: Path
    files: int = 0
    bytes: int = 0
    missing: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


# ---------------------------------------------------------------------------
# What is stored
# ---------------------------------------------------------------------------


def _file_fields() -> list[tuple[type[models.Model], models.FileField]]:
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.FileField):
                found.append((model, model_field))
    return found


def _field_label(model, model_field) -> str:
    return f"{model._meta.label_lower}.{model_field.name}"


def _storage_of(label: str):
    app_model, _, name = label.rpartition(".")
    return apps.get_model(app_model)._meta.get_field(name).storage


def _tables(using: str) -> list[str]:
    connection = connections[using]
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
    return sorted({model._meta.db_table for model in apps.get_models(include_auto_created=True)} & existing)


def _queries(quote) -> tuple[dict[str, str], dict[str, str]]:
    """SQL for the row count of every table and the file names of every FileField."""
    counts = {
        table: f"SELECT COUNT(*) FROM {quote(table)}"
        for table in {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    }
    names = {
        _field_label(model, model_field): (
            f"SELECT {quote(model_field.column)} FROM {quote(model._meta.db_table)} "
            f"WHERE {quote(model_field.column)} IS NOT NULL AND {quote(model_field.column)} <> ''"
        )
        for model, model_field in _file_fields()
    }
    return counts, names


def _read_snapshot(cursor, quote, existing: set[str]) -> tuple[dict[str, int], dict[str, list[str]]]:
    count_sql, name_sql = _queries(quote)
    counts = {}
    for table, sql in sorted(count_sql.items()):
        if table in existing:
            cursor.execute(sql)
            counts[table] = cursor.fetchone()[0]
    names = {}
    for label, sql in name_sql.items():
        cursor.execute(sql)
        names[label] = sorted({row[0] for row in cursor.fetchall()})
    return counts, names


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _safe_relative(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"refusing an unsafe stored file name: {name!r}")
    return path


# ---------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------


def _pg_env(settings_dict) -> tuple[list[str], dict]:
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict) -> None:
    completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise BackupError(f"{command[0]} failed ({completed.returncode}): {completed.stderr.strip()[-2000:]}")


def _pg_backup(using: str, target: Path) -> tuple[dict[str, int], dict[str, list[str]]]:
    import psycopg2
    from psycopg2.extensions import ISOLATION_LEVEL_REPEATABLE_READ

    connection = connections[using]
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    raw = psycopg2.connect(**params)
    try:
        raw.set_session(isolation_level=ISOLATION_LEVEL_REPEATABLE_READ, readonly=True)
        with raw.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
            existing = {row[0] for row in cursor.fetchall()}
            counts, names = _read_snapshot(cursor, connection.ops.quote_name, existing)
            args, env = _pg_env(connection.settings_dict)
            # The dump sees exactly what this transaction sees, while it stays open.
            _run(
                [
                    "pg_dump",
                    *args,
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                    str(connection.settings_dict["NAME"]),
                ],
                env,
            )
    finally:
        raw.rollback()
        raw.close()
    return counts, names


def _pg_is_empty(using: str) -> bool:
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()")
        return cursor.fetchone()[0] == 0


def _pg_restore(using: str, dump: Path) -> None:
    connection = connections[using]
    connection.close()
    args, env = _pg_env(connection.settings_dict)
    _run(
        [
            "pg_restore",
            *args,
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(dump),
        ],
        env,
    )


# ---------------------------------------------------------------------------
# SQLite
# ---------------------------------------------------------------------------


def _sqlite_backup(using: str, target: Path) -> tuple[dict[str, int], dict[str, list[str]]]:
    connection = connections[using]
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        cursor = copy.cursor()
        existing = {row[0] for row in cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        counts, names = _read_snapshot(cursor, connection.ops.quote_name, existing)
    finally:
        copy.close()
    return counts, names


def _sqlite_is_empty(using: str) -> bool:
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        return cursor.fetchone()[0] == 0


def _sqlite_restore(using: str, copy_path: Path) -> None:
    connection = connections[using]
    connection.ensure_connection()
    source = sqlite3.connect(copy_path)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


# ---------------------------------------------------------------------------
# The two operations
# ---------------------------------------------------------------------------


def backup_create(destination: Path | str, *, using: str = "default") -> BackupReport:
    """Write a backup folder at ``destination`` (which must not exist or be empty)."""
    destination = Path(destination)
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} exists and is not empty")
    destination.mkdir(parents=True, exist_ok=True)
    vendor = connections[using].vendor
    if vendor == "postgresql":
        database = destination / "database.dump"
        counts, names = _pg_backup(using, database)
    elif vendor == "sqlite":
        database = destination / "database.sqlite3"
        counts, names = _sqlite_backup(using, database)
    else:
        raise BackupError(f"no backup for the {vendor} database backend")

    report = BackupReport(path=destination, counts=counts)
    files = []
    for label, stored_names in sorted(names.items()):
        storage = _storage_of(label)
        for name in stored_names:
            relative = PurePosixPath("files") / _safe_relative(name)
            target = destination / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            size = 0
            try:
                with storage.open(name, "rb") as source, target.open("wb") as out:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
                        size += len(chunk)
            except FileNotFoundError:
                target.unlink(missing_ok=True)
                report.missing.append(name)
                continue
            files.append(
                {"field": label, "name": name, "path": str(relative), "size": size, "sha256": digest.hexdigest()}
            )
            report.files += 1
            report.bytes += size

    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "vendor": vendor,
        "database": {"path": database.name, "size": database.stat().st_size, "sha256": _sha256_file(database)},
        "counts": counts,
        "files": files,
        "missing": report.missing,
    }
    (destination / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return report


def backup_verify(source: Path | str) -> dict:
    """The manifest, after checking the database dump and every file against it (BackupError if not)."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"no readable {MANIFEST} in {source}: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    problems = []
    entries = [manifest["database"], *manifest["files"]]
    for entry in entries:
        path = source / _safe_relative(entry["path"])
        if not path.is_file():
            problems.append(f"{entry['path']}: missing")
        elif path.stat().st_size != entry["size"] or _sha256_file(path) != entry["sha256"]:
            problems.append(f"{entry['path']}: SHA-256 does not match the manifest")
    if problems:
        shown = "; ".join(problems[:10])
        raise BackupError(f"the backup is damaged ({len(problems)} problem(s)): {shown}")
    return manifest


def backup_restore(source: Path | str, *, using: str = "default") -> BackupReport:
    """Restore a verified backup into an empty database and its storage (see the module)."""
    source = Path(source)
    manifest = backup_verify(source)
    vendor = connections[using].vendor
    if manifest["vendor"] != vendor:
        raise BackupError(f"this backup is of a {manifest['vendor']} database; the target is {vendor}")

    # Files first refused, before anything is written: a different file under the same name.
    for entry in manifest["files"]:
        storage = _storage_of(entry["field"])
        if storage.exists(entry["name"]) and _storage_sha256(storage, entry["name"]) != entry["sha256"]:
            raise BackupError(f"the storage already holds a different {entry['name']}")

    database = source / manifest["database"]["path"]
    if vendor == "postgresql":
        if not _pg_is_empty(using):
            raise BackupError("the target database is not empty: restore into a new, empty database")
        _pg_restore(using, database)
    else:
        if not _sqlite_is_empty(using):
            raise BackupError("the target database is not empty: restore into a new, empty database")
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "restore.sqlite3"
            shutil.copyfile(database, copy)
            _sqlite_restore(using, copy)

    report = BackupReport(path=source)
    for entry in manifest["files"]:
        storage = _storage_of(entry["field"])
        if not storage.exists(entry["name"]):
            with (source / entry["path"]).open("rb") as handle:
                saved = storage.save(entry["name"], File(handle, name=entry["name"]))
            if saved != entry["name"]:
                raise BackupError(f"the storage saved {entry['name']} as {saved}")
        if _storage_sha256(storage, entry["name"]) != entry["sha256"]:
            raise BackupError(f"{entry['name']}: the restored file does not match the manifest")
        report.files += 1
        report.bytes += entry["size"]

    existing = set(_tables(using))
    connection = connections[using]
    with connection.cursor() as cursor:
        report.counts, _ = _read_snapshot(cursor, connection.ops.quote_name, existing)
    if report.counts != manifest["counts"]:
        differ = {
            t: (manifest["counts"].get(t), report.counts.get(t))
            for t in set(report.counts) | set(manifest["counts"])
            if manifest["counts"].get(t) != report.counts.get(t)
        }
        raise BackupError(f"row counts differ from the manifest after restore: {differ}")
    return report


def _storage_sha256(storage, name: str) -> str:
    digest = hashlib.sha256()
    with storage.open(name, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
