"""Uploads: refused with a clear message and nothing changed; accepted ones are private and extracted."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gcm_portal.core.files import FileRejected, validate_upload
from reviews.models import ReportDocument
from tests.factories.accounts import focal_point
from tests.factories.reviews import PDF_BYTES, make_report, move, pdf_upload

pytestmark = pytest.mark.django_db


def docx_bytes(text="Hello from a DOCX") -> bytes:
    from docx import Document

    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph(text)
    document.save(buffer)
    return buffer.getvalue()


def odt_bytes(text="Hello from an ODT") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr(
            "content.xml",
            '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>'
            + text
            + "</text:p></office:text></office:body></office:document-content>",
        )
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, "its content is not a PDF"),
        ("report.pdf", b"<html><script>alert(1)</script></html>", "its content is not a PDF"),
        ("report.docx", b"%PDF-1.4 pretending", "its content is not a Word"),
        ("report.odt", b"PK\x03\x04 not really a zip", "its content is not a OpenDocument"),
        ("report.exe", b"MZ\x90\x00", "is not an accepted type"),
        ("report.html", b"<html></html>", "is not an accepted type"),
        ("empty.pdf", b"", "is empty"),
    ],
)
def test_bad_files_are_refused_with_a_reason(name, content, message):
    with pytest.raises(FileRejected, match=message):
        validate_upload(SimpleUploadedFile(name, content))


def test_oversize_file_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 25 * 1024 * 1024
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (30 * 1024 * 1024))
    with pytest.raises(FileRejected, match=r"30\.0 MB; files may be at most 25\.0 MB"):
        validate_upload(big)


def test_good_files_are_accepted():
    assert validate_upload(SimpleUploadedFile("a.PDF", PDF_BYTES)).extension == "pdf"
    assert validate_upload(SimpleUploadedFile("a.docx", docx_bytes())).extension == "docx"
    assert validate_upload(SimpleUploadedFile("a.odt", odt_bytes())).extension == "odt"


@pytest.fixture
def draft(db):
    fp = focal_point("GH")
    return fp, make_report(fp, "GH")


@pytest.mark.parametrize(
    ("name", "content", "size_limit"),
    [
        ("renamed.pdf", b"MZ\x90\x00" + b"\x00" * 100, None),
        ("page.pdf", b"<!DOCTYPE html><html><body>hi</body></html>", None),
        ("huge.pdf", b"%PDF-" + b"0" * (30 * 1024 * 1024), 25),
    ],
)
def test_upload_page_refuses_bad_files_and_leaves_the_draft_untouched(client, draft, name, content, size_limit):
    fp, report = draft
    client.force_login(fp)
    version = report.version
    response = client.post(
        reverse("reviews:document-upload", args=[report.pk]),
        {"file": SimpleUploadedFile(name, content), "language": "en"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "The document was not added" in body
    assert name in body
    assert not ReportDocument.objects.filter(report=report).exists()
    report.refresh_from_db()
    assert report.version == version


def test_upload_then_private_download_with_safe_headers_and_extracted_text(
    client, draft, settings, django_capture_on_commit_callbacks
):
    fp, report = draft
    client.force_login(fp)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reviews:document-upload", args=[report.pk]),
            {"file": pdf_upload("Ghana report.pdf"), "language": "fr"},
        )
    assert response.status_code == 302
    document = ReportDocument.objects.get(report=report)
    assert document.original_name == "Ghana report.pdf" and document.language == "fr"
    stored = document.file.path
    assert str(settings.PRIVATE_MEDIA_ROOT) in stored and "Ghana" not in stored
    document.refresh_from_db()
    assert document.text_status == "done" and "Demonstration report text" in document.text

    download = client.get(document.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download["Content-Security-Policy"]

    client.logout()
    assert client.get(document.get_absolute_url()).status_code == 404


def test_docx_text_is_extracted(draft, django_capture_on_commit_callbacks):
    from reviews import services

    fp, report = draft
    with django_capture_on_commit_callbacks(execute=True):
        document = services.report_document_add(
            report=report,
            actor=fp,
            upload=SimpleUploadedFile("plan.docx", docx_bytes("National plan text")),
            language="en",
        )
    document.refresh_from_db()
    assert "National plan text" in document.text


def test_documents_cannot_be_added_once_submitted(client, draft):
    fp, report = draft
    move(report, fp, "submit")
    client.force_login(fp)
    response = client.post(
        reverse("reviews:document-upload", args=[report.pk]), {"file": pdf_upload(), "language": "en"}
    )
    assert response.status_code == 400
    assert not ReportDocument.objects.exists()


def test_public_sees_only_documents_of_the_published_version(client, draft):
    from reviews import services
    from tests.factories.accounts import user_with_role

    fp, report = draft
    staff = user_with_role("network_staff")
    first = services.report_document_add(report=report, actor=fp, upload=pdf_upload("v1.pdf"), language="en")
    report = move(move(report, fp, "submit"), staff, "publish")
    report = move(report, fp, "revise")
    added = services.report_document_add(
        report=report, actor=fp, upload=pdf_upload("v2.pdf", PDF_BYTES + b"%v2"), language="en"
    )
    assert client.get(first.get_absolute_url()).status_code == 200
    assert client.get(added.get_absolute_url()).status_code == 404
    page = client.get(report.get_absolute_url()).content.decode()
    assert "v1.pdf" in page and "v2.pdf" not in page
