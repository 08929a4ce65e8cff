"""The kernel stays a kernel: it never names a domain app, and every model, the test app's included,
has its migration."""

from __future__ import annotations

import ast
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
DOMAIN_APPS = ("champions", "reviews", "mptf", "knowledge")
# The settings list the installed apps: that is configuration, not an import.
KERNEL_FILES = [
    p for p in (ROOT / "gcm_portal").rglob("*.py") if p.name != "settings.py" and "migrations" not in p.parts
]
# Kernel templates: everything in templates/ that does not belong to a domain app.
KERNEL_TEMPLATES = [
    p
    for p in (ROOT / "templates").rglob("*")
    if p.is_file() and p.relative_to(ROOT / "templates").parts[0] not in DOMAIN_APPS
]


def _names_a_domain_app(dotted: str) -> bool:
    return dotted.split(".")[0] in DOMAIN_APPS


def _is_app_path(value) -> bool:
    return isinstance(value, str) and bool(re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", value)) and _names_a_domain_app(value)


@pytest.mark.parametrize("path", KERNEL_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_kernel_module_imports_a_domain_app(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    offending = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            offending += [alias.name for alias in node.names if _names_a_domain_app(alias.name)]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and _names_a_domain_app(node.module):
            offending.append(node.module)
        elif isinstance(node, ast.Constant) and _is_app_path(node.value):
            # include("reviews.urls"), import_string("reviews...")
            offending.append(node.value)
    assert not offending, f"{path.relative_to(ROOT)} names {offending}: register from the app's AppConfig.ready()"


@pytest.mark.parametrize("path", KERNEL_TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_kernel_template_names_a_domain_app_url(path):
    text = path.read_text(encoding="utf-8")
    named = re.findall(r"{%\s*url\s+['\"](" + "|".join(DOMAIN_APPS) + r"):", text)
    assert not named, f"{path.relative_to(ROOT)} names {named} URLs: apps add links and panels through the registry"


def test_the_check_catches_an_upward_import(tmp_path):
    """The test above would fail for a kernel module that imports an app (it is not vacuous)."""
    tree = ast.parse("from reviews.models import Pledge\nimport champions.apps\n")
    names = [n.module if isinstance(n, ast.ImportFrom) else n.names[0].name for n in tree.body]
    assert all(_names_a_domain_app(name) for name in names)


@pytest.mark.django_db
def test_every_model_has_its_migration():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:
        pytest.fail(f"models changed without a migration:\n{out.getvalue()} ({exit_})")
