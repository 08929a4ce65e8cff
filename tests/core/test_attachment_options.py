"""The attachment declaration's options (gcm_portal/core/attachments.py): extra upload fields taken from
the model (a ``category`` with choices) and a ``check`` that refuses an upload before anything is stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework import serializers

from gcm_portal.api.mixins import _upload_serializer
from gcm_portal.core.attachments import AttachmentForm, Attachments, attachment_add
from gcm_portal.core.samples import sample_pdf
from tests.kit.models import Dossier, DossierDocument

pytestmark = pytest.mark.django_db

PDF = sample_pdf("Annex")


def one_per_category(dossier, values) -> None:
    if dossier.documents.filter(category=values.get("category", "plan")).exists():
        raise ValidationError({"category": "This dossier already has a document of this category."})


CATEGORIES = Attachments(
    model=DossierDocument,
    parent_field="dossier",
    parent_queryset=lambda user: Dossier.objects.visible_to(user),
    may_change=lambda user, dossier: True,
    fields=("language", "category"),
    check=one_per_category,
)


@pytest.fixture
def dossier(ghana):
    return Dossier.objects.create(country=ghana, title="Dossier")


def stored() -> list[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_the_upload_form_asks_for_the_extra_model_field_with_its_choices():
    form = AttachmentForm(attachments=CATEGORIES)
    assert list(form.fields) == ["file", "language", "category"]
    assert [value for value, _ in form.fields["category"].choices] == ["plan", "annex"]
    bound = AttachmentForm(
        {"language": "en", "category": "annex"}, {"file": SimpleUploadedFile("a.pdf", PDF)}, attachments=CATEGORIES
    )
    assert bound.is_valid(), bound.errors
    assert bound.values() == {"language": "en", "category": "annex"}


def test_an_unknown_choice_is_refused_by_the_form():
    bound = AttachmentForm(
        {"language": "en", "category": "poem"}, {"file": SimpleUploadedFile("a.pdf", PDF)}, attachments=CATEGORIES
    )
    assert not bound.is_valid()
    assert "category" in bound.errors


def test_the_extra_value_is_stored_and_the_check_refuses_a_second_one_before_storing(dossier, focal_gh):
    document = attachment_add(
        attachments=CATEGORIES,
        parent=dossier,
        actor=focal_gh,
        upload=SimpleUploadedFile("a.pdf", PDF),
        category="annex",
    )
    assert document.category == "annex"
    files_before = stored()
    with pytest.raises(ValidationError) as refused:
        attachment_add(
            attachments=CATEGORIES,
            parent=dossier,
            actor=focal_gh,
            upload=SimpleUploadedFile("b.pdf", PDF),
            category="annex",
        )
    assert "already has a document of this category" in str(refused.value)
    assert stored() == files_before
    assert dossier.documents.count() == 1
    # another category passes the check
    attachment_add(
        attachments=CATEGORIES, parent=dossier, actor=focal_gh, upload=SimpleUploadedFile("c.pdf", PDF), category="plan"
    )
    assert dossier.documents.count() == 2


def test_the_api_upload_serializer_documents_the_extra_field():
    upload = _upload_serializer(CATEGORIES, name="CategoryTestUpload")
    fields = upload().fields
    assert set(fields) == {"file", "language", "category"}
    assert isinstance(fields["category"], serializers.ChoiceField)
    assert not fields["category"].required
    assert set(fields["category"].choices) == {"plan", "annex"}
    assert not upload(data={"category": "poem", "file": SimpleUploadedFile("a.pdf", PDF)}).is_valid()


def test_declarations_without_the_options_behave_as_before(dossier, focal_gh):
    from tests.kit.workflow import DOSSIER_DOCUMENTS

    assert DOSSIER_DOCUMENTS.check is None
    assert list(AttachmentForm(attachments=DOSSIER_DOCUMENTS).fields) == ["file", "language"]
    document = attachment_add(
        attachments=DOSSIER_DOCUMENTS,
        parent=dossier,
        actor=focal_gh,
        upload=SimpleUploadedFile("a.pdf", PDF),
        language="fr",
    )
    assert document.category == "plan" and document.language == "fr"
