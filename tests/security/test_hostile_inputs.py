"""A hostile-input corpus, fed through forms, API writes, list filters and uploads: each gets a clear
refusal (or is shown harmlessly), and nothing is stored by a refusal."""

from __future__ import annotations

import io
import zlib
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from gcm_portal.core import extract, files
from gcm_portal.core.files import FileRejected, safe_file_name, validate_upload
from gcm_portal.core.samples import pdf_document, sample_pdf
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


def _refusal(name: str, data: bytes) -> str:
    with pytest.raises(FileRejected) as refusal:
        validate_upload(SimpleUploadedFile(name, data), kinds=("pdf",))
    return refusal.value.messages[0]


# What PDF 1.5 writers do: every dictionary in a Flate-compressed object stream. Here the document's
# opening action, a script, is one of them.
SCRIPT_IN_OBJECT_STREAM = pdf_document(
    [
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Contents 5 0 R >>",
        b"<< /Producer (test) >>",
        (b"", b"BT ET\n"),
        b"<< /S /JavaScript /JS (app.alert(1)) >>",
    ],
    compressed=True,
)
HIDDEN_SCRIPTS = {
    "object-stream.pdf": SCRIPT_IN_OBJECT_STREAM,
    # A reader needs only /N and /First to read an object stream, and decodes #xx escapes in names.
    "untyped-object-stream.pdf": SCRIPT_IN_OBJECT_STREAM.replace(b"/Type /ObjStm ", b""),
    "escaped-object-stream.pdf": SCRIPT_IN_OBJECT_STREAM.replace(b"/ObjStm", b"/Obj#53tm").replace(
        b"/FlateDecode >>\nstream", b"/Fl#61teDecode >>\nstream"
    ),
}


@pytest.mark.parametrize("name", sorted(HIDDEN_SCRIPTS))
def test_a_script_in_a_compressed_object_stream_is_refused(name):
    data = HIDDEN_SCRIPTS[name]
    assert b"JavaScript" not in data  # not in the file's own bytes: only inflating finds it
    action = PdfReader(io.BytesIO(SCRIPT_IN_OBJECT_STREAM)).trailer["/Root"]["/OpenAction"].get_object()
    assert action["/S"] == "/JavaScript"  # what a reader runs when the document opens
    message = _refusal(name, data)
    assert name in message and "active content" in message


def test_compressed_pdfs_are_still_accepted():
    data = sample_pdf(["Migration pathways, compressed"], compressed=True)
    assert b"/ObjStm" in data and b"Migration" not in data
    assert validate_upload(SimpleUploadedFile("compressed.pdf", data), kinds=("pdf",)).extension == "pdf"
    assert "Migration pathways, compressed" in extract.pdf_text(io.BytesIO(data))


def test_an_object_stream_that_cannot_be_read_is_refused():
    hidden = b"1 0\n<< /S /JavaScript /JS (app.alert(1)) >>\n"
    other_filter = (
        b"%PDF-1.5\n1 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /ASCIIHexDecode >>\nstream\n"
        + hidden.hex().encode()
        + b">\nendstream\nendobj\n%%EOF\n"
    )
    good = sample_pdf(compressed=True)
    start = good.index(b"stream\n", good.index(b"/Type /ObjStm")) + len(b"stream\n")
    damaged = good[:start] + b"\xff\xff" + good[start + 2 :]
    for name, data in (("other-filter.pdf", other_filter), ("damaged.pdf", damaged)):
        message = _refusal(name, data)
        assert name in message and "cannot be checked" in message


def test_a_compressed_stream_bomb_is_refused_without_inflating_it(tmp_path, monkeypatch):
    from tests.security.bombs import MB, pdf_object_stream_bomb

    data = pdf_object_stream_bomb(tmp_path / "bomb.pdf").read_bytes()  # 150 KB, inflates to 150 MB
    inflated = []

    class CountingInflater:
        def __init__(self):
            self.inflater = zlib.decompressobj()

        def decompress(self, data, max_length=0):
            chunk = self.inflater.decompress(data, max_length)
            inflated.append(len(chunk))
            return chunk

        def __getattr__(self, name):
            return getattr(self.inflater, name)

    monkeypatch.setattr(files, "zlib", SimpleNamespace(decompressobj=CountingInflater, error=zlib.error))
    message = _refusal("bomb.pdf", data)
    assert "cannot be checked" in message
    assert 0 < sum(inflated) < 4 * MB  # the compression ratio gave it away after a megabyte or so


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
