"""Every interface language works; the compiled catalogues match their sources."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = {"ar": "rtl", "zh-hans": "ltr", "en": "ltr", "fr": "ltr", "ru": "ltr", "es": "ltr"}
CATALOGUES = ["ar", "zh_Hans", "fr", "ru", "es"]


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "direction"), LANGUAGES.items())
def test_every_language_renders_with_its_direction(client, code, direction):
    url = "/" if code == "en" else f"/{code}/"
    body = client.get(url).content.decode()
    assert f'<html lang="{code}" dir="{direction}">' in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "words"),
    [("fr", ["Examens régionaux", "Rechercher"]), ("es", ["Exámenes regionales", "Buscar"])],
)
def test_navigation_is_translated(client, code, words):
    body = client.get(f"/{code}/").content.decode()
    for word in words:
        assert word in body, (code, word)


@pytest.mark.django_db
def test_language_switch_keeps_the_page(client):
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/objectives/"})
    assert response["Location"] == "/es/objectives/"


def _po_entries(path: Path) -> dict[tuple[str, str], str]:
    """(msgctxt, msgid) -> msgstr of a .po file's singular entries (plural and fuzzy ones are left out)."""
    entries: dict[tuple[str, str], str] = {}
    key = None
    current: dict[str, str] = {}
    fuzzy = False

    def flush():
        if current.get("msgid") and "msgid_plural" not in current and not fuzzy:
            entries[(current.get("msgctxt", ""), current["msgid"])] = current.get("msgstr", "")

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#,") and "fuzzy" in line:
            flush()
            current, key, fuzzy = {}, None, True
        elif line.startswith("msgid "):
            if "msgid" in current:
                flush()
                current, fuzzy = {}, fuzzy and not current
            key = "msgid"
            current[key] = ast.literal_eval(line[6:])
        elif line.startswith("msgctxt ") and "msgid" in current:
            flush()
            current, key, fuzzy = {"msgctxt": ast.literal_eval(line[8:])}, "msgctxt", False
        elif line.startswith(("msgstr ", "msgid_plural ", "msgctxt ")):
            key, _, rest = line.partition(" ")
            current[key] = ast.literal_eval(rest)
        elif line.startswith('"') and key:
            current[key] += ast.literal_eval(line)
        elif not line.strip():
            flush()
            current, key, fuzzy = {}, None, False
    flush()
    return entries


@pytest.mark.parametrize("language", CATALOGUES)
def test_compiled_catalogue_matches_its_source(language):
    folder = ROOT / "locale" / language / "LC_MESSAGES"
    entries = _po_entries(folder / "django.po")
    assert len(entries) > 300
    with (folder / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [
        msgid
        for (context, msgid), msgstr in entries.items()
        if msgstr and (compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)) != msgstr
    ]
    assert not stale, f"{language}: django.mo is older than django.po for {stale[:3]} (run make messages)"
    untranslated = [msgid for (_context, msgid), msgstr in entries.items() if not msgstr]
    assert not untranslated, f"{language}: untranslated {untranslated[:5]}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "language", "expected"),
    [
        ("/es/objectives/7/", "en", "/objectives/7/"),
        ("/es/objectives/7/", "ar", "/ar/objectives/7/"),
        ("/fr/", "zh-hans", "/zh-hans/"),
        ("/objectives/", "ru", "/ru/objectives/"),
    ],
)
def test_switching_from_any_language_to_any_other(client, start, language, expected):
    client.cookies["django_language"] = "en"
    response = client.post("/i18n/setlang/", {"language": language, "next": start})
    assert response["Location"] == expected
    assert response.cookies["django_language"].value == language


@pytest.mark.django_db
def test_language_switch_refuses_off_site_next(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "https://evil.example.com/"})
    assert response["Location"] == "/fr/"
