"""The template database's name follows what decides its content: a changed migration or reference-data
file gives a new template, so a stale one is never copied (tests/template_db.py)."""

from __future__ import annotations

from tests import template_db


def test_the_fingerprint_changes_with_a_migration_or_a_data_file_and_only_then(tmp_path, monkeypatch):
    (tmp_path / "app" / "migrations").mkdir(parents=True)
    (tmp_path / "app" / "data").mkdir()
    migration = tmp_path / "app" / "migrations" / "0001_initial.py"
    data = tmp_path / "app" / "data" / "countries.csv"
    migration.write_text("operations = []\n")
    data.write_text("GH,Ghana\n")
    (tmp_path / "app" / "views.py").write_text("# not part of the database\n")
    monkeypatch.setattr(template_db, "ROOT", tmp_path)

    first = template_db._fingerprint()
    assert template_db._fingerprint() == first
    (tmp_path / "app" / "views.py").write_text("# changed, still not part of it\n")
    assert template_db._fingerprint() == first
    migration.write_text("operations = ['changed']\n")
    second = template_db._fingerprint()
    assert second != first
    data.write_text("GH,Ghana\nKE,Kenya\n")
    assert template_db._fingerprint() not in (first, second)
