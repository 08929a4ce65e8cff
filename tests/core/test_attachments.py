"""Documents attached to a record (gcm_portal/core/attachments.py) with the kit's dossier."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gcm_portal.core.attachments import attachment_add, attachment_remove
from gcm_portal.core.audit import audit_list_for
from gcm_portal.core.files import FileRejected, TextStatus
from gcm_portal.core.samples import sample_pdf
from gcm_portal.core.workflow import transition_perform
from tests.kit.models import Dossier, DossierDocument
from tests.kit.workflow import DOSSIER_DOCUMENTS, DOSSIER_WORKFLOW

pytestmark = pytest.mark.django_db

PDF = sample_pdf("Plan for safe migration")


@pytest.fixture
def draft(ghana):
    return Dossier.objects.create(country=ghana, title="Draft dossier")


def add(parent, actor, name="plan.pdf", data=PDF):
    return attachment_add(
        attachments=DOSSIER_DOCUMENTS, parent=parent, actor=actor, upload=SimpleUploadedFile(name, data), language="en"
    )


def stored_files() -> list[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


# ---------------------------------------------------------------------------
# Services
# ---------------------------------------------------------------------------


def test_a_focal_point_adds_a_private_document_with_a_random_name(draft, focal_gh):
    document = add(draft, focal_gh)
    assert document.dossier == draft and document.uploaded_by == focal_gh
    assert document.original_name == "plan.pdf"
    assert document.content_type == "application/pdf"
    assert document.size == len(PDF)
    assert re.fullmatch(r"kit/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", document.file.name)
    path = Path(document.file.path)
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT))
    assert path.read_bytes() == PDF
    with pytest.raises(ValueError):
        document.file.url  # noqa: B018 - private files have no URL


def test_adding_a_document_is_audited(draft, focal_gh):
    add(draft, focal_gh)
    entry = audit_list_for(draft).get(action="document_add")
    assert entry.actor == focal_gh
    assert entry.changes == {"documents": {"before": None, "after": "plan.pdf"}}


def test_text_is_extracted_after_commit(draft, focal_gh, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = add(draft, focal_gh)
        assert DossierDocument.objects.get(pk=document.pk).text_status == TextStatus.PENDING
    document.refresh_from_db()
    assert document.text_status == TextStatus.DONE
    assert "Plan for safe migration" in document.text


def test_no_document_once_the_dossier_is_submitted(draft, focal_gh):
    transition_perform(workflow=DOSSIER_WORKFLOW, obj=draft, action="submit", actor=focal_gh)
    with pytest.raises(PermissionDenied):
        add(draft, focal_gh)
    assert not DossierDocument.objects.exists()
    assert stored_files() == []


def test_another_countrys_focal_point_may_not_add(draft, focal_mx):
    with pytest.raises(PermissionDenied):
        add(draft, focal_mx)
    assert not DossierDocument.objects.exists()
    assert stored_files() == []


def test_a_bad_file_is_rejected_and_nothing_is_stored(draft, focal_gh):
    with pytest.raises(FileRejected):
        add(draft, focal_gh, name="plan.pdf", data=b"<html>not a pdf</html>")
    assert not DossierDocument.objects.exists()
    assert stored_files() == []
    assert not audit_list_for(draft).exists()


def test_removing_deletes_the_row_and_after_commit_the_file(draft, focal_gh, django_capture_on_commit_callbacks):
    document = add(draft, focal_gh)
    path = Path(document.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        attachment_remove(attachments=DOSSIER_DOCUMENTS, document=document, actor=focal_gh)
        assert not DossierDocument.objects.filter(pk=document.pk).exists()
        assert path.exists()  # not before the commit
    assert not path.exists()
    entry = audit_list_for(draft).get(action="document_remove")
    assert entry.changes == {"documents": {"before": "plan.pdf", "after": None}}


def test_removing_is_refused_once_submitted(draft, focal_gh):
    document = add(draft, focal_gh)
    transition_perform(workflow=DOSSIER_WORKFLOW, obj=draft, action="submit", actor=focal_gh)
    with pytest.raises(PermissionDenied):
        attachment_remove(attachments=DOSSIER_DOCUMENTS, document=document, actor=focal_gh)
    assert DossierDocument.objects.filter(pk=document.pk).exists()


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------


def test_uploading_a_bad_file_answers_400_and_stores_nothing(client, draft, focal_gh):
    client.force_login(focal_gh)
    response = client.post(
        reverse("kit:dossier-document-upload", args=[draft.pk]),
        {"file": SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 not a pdf"), "language": "en"},
    )
    assert response.status_code == 400
    assert "The document was not added" in response.content.decode()
    assert "plan.pdf" in response.content.decode()  # the message says which file
    assert not DossierDocument.objects.exists()
    assert stored_files() == []


def test_uploading_a_good_file_redirects_to_the_documents(client, draft, focal_gh):
    client.force_login(focal_gh)
    response = client.post(
        reverse("kit:dossier-document-upload", args=[draft.pk]),
        {"file": SimpleUploadedFile("plan.pdf", PDF), "language": "en"},
    )
    assert response.status_code == 302
    assert response["Location"] == draft.get_absolute_url() + "#documents"
    assert DossierDocument.objects.get().original_name == "plan.pdf"


def test_the_public_may_not_download_a_draft_dossiers_document(client, draft, focal_gh, author):
    document = add(draft, focal_gh)
    url = reverse("kit:dossier-document-download", args=[draft.pk, document.pk])
    assert client.get(url).status_code == 404
    client.force_login(author)
    assert client.get(url).status_code == 404


def test_ghanas_focal_point_downloads_with_safe_headers(client, draft, focal_gh):
    document = add(draft, focal_gh)
    client.force_login(focal_gh)
    response = client.get(reverse("kit:dossier-document-download", args=[draft.pk, document.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "plan.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    response.close()


def test_removing_through_the_page(client, draft, focal_gh, django_capture_on_commit_callbacks):
    document = add(draft, focal_gh)
    path = Path(document.file.path)
    client.force_login(focal_gh)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("kit:dossier-document-delete", args=[draft.pk, document.pk]))
    assert response.status_code == 302
    assert not DossierDocument.objects.exists()
    assert not path.exists()


# ---------------------------------------------------------------------------
# Declared limits: how many documents, how large
# ---------------------------------------------------------------------------


def test_a_declaration_can_limit_the_number_of_documents(draft, focal_gh):
    one_only = dataclasses.replace(DOSSIER_DOCUMENTS, max_count=1)
    attachment_add(attachments=one_only, parent=draft, actor=focal_gh, upload=SimpleUploadedFile("a.pdf", PDF))
    with pytest.raises(ValidationError, match="at most 1 document"):
        attachment_add(attachments=one_only, parent=draft, actor=focal_gh, upload=SimpleUploadedFile("b.pdf", PDF))
    assert draft.documents.count() == 1
    assert len(stored_files()) == 1


def test_a_declaration_can_lower_the_size_limit_but_never_raise_it(draft, focal_gh, settings):
    small = dataclasses.replace(DOSSIER_DOCUMENTS, max_bytes=len(PDF) - 1)
    with pytest.raises(FileRejected, match="at most"):
        attachment_add(attachments=small, parent=draft, actor=focal_gh, upload=SimpleUploadedFile("a.pdf", PDF))
    settings.UPLOAD_MAX_BYTES = len(PDF) - 1
    large = dataclasses.replace(DOSSIER_DOCUMENTS, max_bytes=10 * len(PDF))
    with pytest.raises(FileRejected, match="at most"):
        attachment_add(attachments=large, parent=draft, actor=focal_gh, upload=SimpleUploadedFile("a.pdf", PDF))
    assert not draft.documents.exists()
