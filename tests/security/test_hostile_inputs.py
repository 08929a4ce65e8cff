"""A hostile-input corpus, fed through forms, API writes, list filters and uploads: each gets a clear
refusal (or is shown harmlessly), and nothing is stored by a refusal."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gcm_portal.core.files import FileRejected, safe_file_name, validate_upload
from gcm_portal.core.samples import sample_pdf
from reviews.models import Pledge, ReportDocument
from tests.factories.accounts import focal_point
from tests.factories.reviews import make_report

pytestmark = pytest.mark.django_db

SCRIPTS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">x</a>',
]

POLYGLOTS = {
    "image-and-html.pdf": b"GIF89a/*<html><script>alert(1)</script></html>*/",
    "svg-with-script.pdf": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "javascript.pdf": sample_pdf("Hello")[:-6] + b"\n9 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\n%%EOF\n",
    "escaped-javascript.pdf": sample_pdf("Hello")[:-6] + b"\n9 0 obj << /S /J#61vaScript /JS (x) >> endobj\n%%EOF\n",
    "launch.pdf": sample_pdf("Hello")[:-6] + b"\n9 0 obj << /S /Launch /F (cmd.exe) >> endobj\n%%EOF\n",
    "page.csv": b"<!doctype html><script>alert(1)</script>",
    "script.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "report.pdf.exe": b"MZ\x90\x00",
}


@pytest.mark.parametrize("name", sorted(POLYGLOTS))
def test_polyglot_and_active_files_are_refused(name):
    upload = SimpleUploadedFile(name, POLYGLOTS[name])
    with pytest.raises(FileRejected) as refusal:
        validate_upload(upload, kinds=("pdf", "docx", "odt", "csv"))
    assert name in str(refusal.value.messages[0])


def test_a_refused_upload_leaves_database_and_storage_unchanged(client, settings):
    fp = focal_point("GH")
    report = make_report(fp, "GH")
    client.force_login(fp)
    for name, data in POLYGLOTS.items():
        response = client.post(
            reverse("reviews:document-upload", args=[report.pk]),
            {"file": SimpleUploadedFile(name, data), "language": "en"},
        )
        assert response.status_code == 400, name
    assert not ReportDocument.objects.exists()
    private = settings.PRIVATE_MEDIA_ROOT
    assert not private.exists() or not any(path.is_file() for path in private.rglob("*"))


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\report.pdf", "report.pdf"),
        ("report\u202efdp.exe.pdf", "reportfdp.exe.pdf"),
        ("nul\x00byte.pdf", "nulbyte.pdf"),
        ("...", "document"),
    ],
)
def test_file_names_lose_paths_and_direction_tricks(name, shown):
    assert safe_file_name(name) == shown


def test_script_in_text_fields_is_stored_as_text_and_shown_escaped(client):
    fp = focal_point("GH")
    client.force_login(fp)
    for payload in SCRIPTS:
        response = client.post(
            reverse("accounts:profile"), {"full_name": payload, "organisation": payload, "preferred_language": "en"}
        )
        assert response.status_code == 302
        page = client.get(reverse("accounts:profile")).content.decode()
        if "<" in payload:
            assert payload not in page  # never raw in the HTML
        assert "<script>alert(1)</script>" not in page
        assert 'href="javascript:' not in page


def test_script_in_an_api_write_is_escaped_on_the_public_page(api_client, client):
    from tests.factories.reviews import make_pledge

    fp = focal_point("GH")
    pledge = make_pledge(fp, SCRIPTS[0])
    Pledge.objects.filter(pk=pledge.pk).update(curation="published")
    page = client.get(pledge.get_absolute_url()).content.decode()
    assert SCRIPTS[0] not in page and "&lt;script&gt;" in page


API_LISTS = ["/api/v1/voluntary-reports/", "/api/v1/pledges/", "/api/v1/objectives/", "/api/v1/countries/"]
HOSTILE_QUERIES = [
    "search=' OR 1=1--",
    "search=%00%27%22",
    "country=../../etc/passwd",
    "country=GH' OR '1'='1",
    "objective=1;DROP TABLE accounts_user",
    "page=999999999999999999999999",
    "page=-1",
    "page=1e9",
    "page_size=1000000000",
    "ordering=password",
    "ordering=-created_by__password",
    "year=99999999999999999999",
    "q=" + "a" * 5000,
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_filters_get_a_clear_answer_never_a_server_error(api_client, client, query):
    for url in API_LISTS:
        response = api_client.get(f"{url}?{query}")
        assert response.status_code in (200, 400, 404), (url, query, response.status_code)
    for url in ("/reviews/reports/", "/reviews/pledges/", "/search/"):
        response = client.get(f"{url}?{query}")
        assert response.status_code in (200, 400, 404), (url, query, response.status_code)


def test_malformed_json_and_oversized_bodies_are_refused(api_client, settings):
    fp = focal_point("GH")
    api_client.force_authenticate(fp)
    count = Pledge.objects.count()
    response = api_client.post("/api/v1/pledges/", data='{"title": "x",', content_type="application/json")
    assert response.status_code == 400
    response = api_client.post("/api/v1/pledges/", data="[1, 2, 3]", content_type="application/json")
    assert response.status_code == 400
    big = '{"title": "' + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10) + '"}'
    response = api_client.post("/api/v1/pledges/", data=big, content_type="application/json")
    assert response.status_code in (400, 413)
    assert Pledge.objects.count() == count
