"""Defect 4: small uploads that exhausted a worker. Each bomb is refused at upload or extracted within
caps; peak memory, measured in a fresh process, stays under 100 MB above idle."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gcm_portal.core import extract
from gcm_portal.core.files import TextStatus
from gcm_portal.core.models import Notification
from tests.security.bombs import docx_bomb, odt_mimetype_bomb, pdf_object_stream_bomb, pdf_shared_stream_bomb

ROOT = Path(__file__).resolve().parents[2]
PEAK_LIMIT_MB = 100


def _probe(path: Path, mode: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "tests.settings", "SECRET_KEY": "x"}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests/security/bomb_probe.py"), str(path), mode],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("build", "name", "mode", "expected"),
    [
        (odt_mimetype_bomb, "bomb.odt", "upload", "refused"),  # 184 KB, mimetype inflates to 180 MB
        (docx_bomb, "bomb.docx", "upload", "refused"),  # 152 KB, document.xml inflates to 50 MB
        (docx_bomb, "bomb.docx", "extract", "extracted"),  # if it got in anyway: streamed, text capped
        (lambda p: docx_bomb(p, one_paragraph=True), "one-paragraph.docx", "extract", "extracted"),
        (pdf_shared_stream_bomb, "bomb.pdf", "upload", "accepted"),  # 7 KB, a valid PDF...
        (pdf_shared_stream_bomb, "bomb.pdf", "extract", "capped"),  # ...whose 2 MB shared stream is not read
        (
            pdf_object_stream_bomb,
            "objstm-bomb.pdf",
            "upload",
            "refused",
        ),  # 150 KB, its object stream inflates to 150 MB
    ],
)
def test_each_bomb_costs_under_100_mb_and_a_few_seconds(tmp_path, build, name, mode, expected):
    path = build(tmp_path / name)
    assert path.stat().st_size < 200 * 1024
    measured = _probe(path, mode)
    assert measured["outcome"].startswith(expected), measured
    assert measured["peak_above_idle_mb"] < PEAK_LIMIT_MB, measured
    assert measured["seconds"] < extract.EXTRACT_SECONDS, measured


def test_extraction_stops_at_its_time_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(extract, "EXTRACT_SECONDS", 0)
    path = docx_bomb(tmp_path / "slow.docx", size=2 * 1024 * 1024)
    with path.open("rb") as handle, pytest.raises(extract.ExtractionCapped):
        extract.docx_text(handle)


def test_a_document_declaring_entities_is_not_expanded(tmp_path):
    import zipfile

    path = tmp_path / "laughs.docx"
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
        "<w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", laughs)
    with path.open("rb") as handle, pytest.raises(extract.ExtractionCapped):
        extract.docx_text(handle)


@pytest.mark.django_db
def test_a_document_that_hits_a_cap_is_kept_marked_and_its_uploader_told(tmp_path, django_capture_on_commit_callbacks):
    from reviews import services
    from tests.factories.accounts import focal_point
    from tests.factories.reviews import make_report

    focal = focal_point("GH")
    report = make_report(focal, "GH")
    data = pdf_shared_stream_bomb(tmp_path / "bomb.pdf").read_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        document = services.report_document_add(
            report=report, actor=focal, upload=SimpleUploadedFile("bomb.pdf", data), language="en"
        )
    document.refresh_from_db()
    assert document.text_status == TextStatus.CAPPED
    assert document.file.storage.exists(document.file.name)  # kept
    notice = Notification.objects.get(recipient=focal, event="document_text_not_extracted")
    assert "bomb.pdf" in notice.title


def test_extraction_runs_on_its_own_queue():
    from gcm_portal.celery import app

    route = app.amqp.router.route({}, "core.extract_text")
    assert route["queue"].name == "extract"
    assert app.amqp.router.route({}, "core.send_email")["queue"].name != "extract"
