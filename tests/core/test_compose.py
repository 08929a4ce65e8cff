"""Docker does not run on CI machines: check that the compose file's commands point at real code."""

from __future__ import annotations

import importlib
import shlex
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _words(command) -> list[str]:
    if command is None:
        return []
    if isinstance(command, list):
        command = " ".join(command)
    return shlex.split(command.replace("&&", " && "))


def test_production_services_are_all_there():
    services = _compose()["services"]
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(services)
    for name in ("postgres", "redis", "web", "worker"):
        assert "healthcheck" in services[name], name


def test_every_command_points_at_real_project_code():
    services = _compose()["services"]
    checked = 0
    for name, service in services.items():
        words = _words(service.get("command"))
        for i, word in enumerate(words):
            if word == "gunicorn" or word.endswith("/gunicorn"):
                target = next(w for w in words[i + 1 :] if ":" in w and not w.startswith("-"))
                module, attribute = target.split(":")
                assert callable(getattr(importlib.import_module(module), attribute)), name
                checked += 1
            if word == "celery":
                app_path = words[words.index("-A", i) + 1]
                module = importlib.import_module(app_path)
                from celery import Celery

                assert isinstance(getattr(module, "celery_app", None) or module.app, Celery), name
                assert words[words.index("-A", i) + 2] in ("worker", "beat"), name
                checked += 1
            if word.endswith("manage.py"):
                assert (ROOT / "manage.py").exists()
                subcommand = words[i + 1]
                from django.core.management import get_commands

                assert subcommand in get_commands(), f"{name}: manage.py {subcommand}"
                checked += 1
    assert checked >= 4


def test_web_and_worker_get_database_and_redis_from_the_environment():
    services = _compose()["services"]
    for name in ("web", "worker", "beat"):
        environment = services[name].get("environment", {})
        keys = set(environment) if isinstance(environment, dict) else {e.split("=")[0] for e in environment}
        assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY"} <= keys, name


def test_dockerfile_serves_the_wsgi_app():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "gcm_portal.wsgi:application" in dockerfile
    assert "collectstatic" in dockerfile
