"""Two gunicorn servers on loopback sharing PostgreSQL, Redis and a real S3 server (moto's standalone
server): a focal point uploads through one and downloads through the other with the same session, and
an edit on one invalidates the cached pages the other serves."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from gcm_portal.core.samples import sample_pdf
from gcm_portal.taxonomy.models import Country
from tests.factories.accounts import PASSWORD, UserFactory, focal_point, user_with_role
from tests.kit.models import Dossier, DossierDocument, Note

from .conftest import S3_BUCKET, _free_port

PDF = sample_pdf("Shared between two servers")


def _environment(s3_endpoint: str) -> dict:
    database = connection.settings_dict
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "SECRET_KEY": "two-servers-test-not-secret",
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:{database['PORT']}"
            f"/{database['NAME']}"
        ),
        "REDIS_URL": settings.REDIS_URL,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "S3_BUCKET": S3_BUCKET,
        "S3_ENDPOINT_URL": s3_endpoint,
        "S3_REGION": "us-east-1",
        "S3_ACCESS_KEY_ID": "test",
        "S3_SECRET_ACCESS_KEY": "test",
        "LOG_LEVEL": "WARNING",
    }


def _start(port: int, env: dict) -> subprocess.Popen:
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    command = [gunicorn, "gcm_portal.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
    return subprocess.Popen(command, env=env, cwd=settings.BASE_DIR, start_new_session=True)


def _wait_until_up(base: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{base} did not start")


def _sign_in(session: requests.Session, base: str, email: str) -> None:
    session.get(f"{base}/accounts/sign-in/", timeout=10)
    response = session.post(
        f"{base}/accounts/sign-in/",
        data={"username": email, "password": PASSWORD},
        headers={"X-CSRFToken": session.cookies["csrftoken"]},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, response.text[:2000]


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_servers_share_sessions_documents_and_page_invalidation(s3_server):
    ghana = Country.objects.get(iso2="GH")
    fp = focal_point("GH")
    staff = user_with_role("network_staff")
    member = UserFactory()
    dossier = Dossier.objects.create(country=ghana, title="Shared dossier")
    note = Note.objects.create(title="A note published on server A", created_by=member)
    # The servers run with the portal's password hashers, not the tests' fast one.
    for user in (fp, staff):
        user.password = PBKDF2PasswordHasher().encode(PASSWORD, "two-servers-salt", iterations=1000)
        user.save(update_fields=["password"])

    env = _environment(s3_server)
    ports = _free_port(), _free_port()
    servers = [_start(port, env) for port in ports]
    a, b = (f"http://127.0.0.1:{port}" for port in ports)
    try:
        _wait_until_up(a)
        _wait_until_up(b)

        # A session opened on A is valid on B; a document uploaded through A downloads through B.
        focal = requests.Session()
        _sign_in(focal, a, fp.email)
        response = focal.post(
            f"{a}/kit/dossiers/{dossier.pk}/documents/",
            files={"file": ("plan.pdf", PDF, "application/pdf")},
            data={"language": "en"},
            headers={"X-CSRFToken": focal.cookies["csrftoken"]},
            allow_redirects=False,
            timeout=20,
        )
        assert response.status_code == 302, response.text[:2000]
        document = DossierDocument.objects.get(dossier=dossier)
        download = f"{b}/kit/dossiers/{dossier.pk}/documents/{document.pk}/"
        response = focal.get(download, timeout=20)
        assert response.status_code == 200
        assert response.content == PDF
        assert requests.get(download, timeout=10).status_code == 404  # the public may not

        # B caches the public list; staff publish the note on A; B's next answer shows it.
        listing = f"{b}/kit/notes/"
        assert "A note published on server A" not in requests.get(listing, timeout=10).text
        cached = requests.get(listing, timeout=10)
        assert cached.headers.get("X-Page-Cache") == "hit"
        curator = requests.Session()
        _sign_in(curator, a, staff.email)
        response = curator.post(
            f"{a}/kit/notes/{note.pk}/actions/publish/",
            headers={"X-CSRFToken": curator.cookies["csrftoken"]},
            allow_redirects=False,
            timeout=10,
        )
        assert response.status_code == 302, response.text[:2000]
        fresh = requests.get(listing, timeout=10)
        assert "A note published on server A" in fresh.text
        assert fresh.headers.get("X-Page-Cache") == "miss"
    finally:
        for server in servers:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=20)
