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


def test_web_replicas_sit_behind_one_balancer_and_the_client_address_counts_both_proxies():
    compose = _compose()
    services = compose["services"]
    web, proxy = services["web"], services["proxy"]
    assert web["deploy"]["replicas"] >= 2
    assert "ports" not in web  # only the balancer reaches the replicas
    assert proxy["ports"] == ["127.0.0.1:8000:8080"]
    assert proxy["depends_on"]["web"]["condition"] == "service_healthy"
    (config,) = [c for c in proxy["configs"] if c["target"] == "/etc/nginx/conf.d/default.conf"]
    nginx = compose["configs"][config["source"]]["content"]
    assert "listen 8080;" in nginx and "set $$web http://web:8000;" in nginx
    assert "resolver 127.0.0.11 valid=10s" in nginx  # replicas added by --scale are found
    # The balancer appends to X-Forwarded-For; the host's TLS proxy overwrites it: two trusted proxies.
    assert "proxy_set_header X-Forwarded-For $$proxy_add_x_forwarded_for;" in nginx
    assert services["web"]["environment"]["TRUSTED_PROXIES"] == "${TRUSTED_PROXIES:-2}"
    # Every `$` meant for nginx is escaped from compose's substitution.
    assert "$" not in nginx.replace("$$", "")


def test_each_queue_has_its_own_worker_and_beat_runs_once():
    services = _compose()["services"]
    queues = {}
    for name, service in services.items():
        words = _words(service.get("command"))
        if "celery" in words and "worker" in words:
            queues[name] = words[words.index("-Q") + 1] if "-Q" in words else "celery"
    assert sorted(queues.values()) == ["celery", "extract", "index", "mail"]
    beat = [name for name, service in services.items() if "beat" in _words(service.get("command"))]
    assert beat == ["beat"] and "deploy" not in services["beat"]
