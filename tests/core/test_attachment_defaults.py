"""Attachments with ``defaults`` (gcm_portal/core/attachments.py): two declarations on one model keep
their documents apart, e.g. confidential and public meeting documents. Tested with the kit's dossier."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import path

from gcm_portal.core.attachments import Attachments, attachment_add, attachment_remove
from gcm_portal.core.samples import sample_pdf
from tests.kit.models import Dossier, DossierDocument
from tests.kit.workflow import DOSSIER_DOCUMENTS

pytestmark = pytest.mark.django_db

FRENCH = Attachments(
    model=DossierDocument,
    parent_field="dossier",
    parent_queryset=DOSSIER_DOCUMENTS.parent_queryset,
    may_manage=DOSSIER_DOCUMENTS.may_manage,
    may_change=DOSSIER_DOCUMENTS.may_change,
    fields=(),
    defaults={"language": "fr"},
)

urlpatterns = [
    path("d/<int:pk>/", lambda request, pk: None, name="kit-dossier-detail-stub"),
    *FRENCH.urls("d/<int:pk>/fr/", name="fr"),
    *DOSSIER_DOCUMENTS.urls("d/<int:pk>/all/", name="all"),
]


@pytest.fixture
def draft(ghana):
    return Dossier.objects.create(country=ghana, title="Draft dossier")


def upload(name="plan.pdf"):
    return SimpleUploadedFile(name, sample_pdf("Plan"))


def test_defaults_are_set_on_upload_and_win_over_posted_values(draft, focal_gh):
    document = attachment_add(attachments=FRENCH, parent=draft, actor=focal_gh, upload=upload(), language="en")
    assert document.language == "fr"


def test_a_declaration_lists_only_its_own_documents(draft, focal_gh):
    english = attachment_add(
        attachments=DOSSIER_DOCUMENTS, parent=draft, actor=focal_gh, upload=upload(), language="en"
    )
    french = attachment_add(attachments=FRENCH, parent=draft, actor=focal_gh, upload=upload("plan-fr.pdf"))
    draft = Dossier.objects.prefetch_related("documents").get(pk=draft.pk)
    assert FRENCH.documents_of(draft) == [french]
    assert FRENCH.visible_to(focal_gh, draft) == [french]
    # a declaration without defaults still lists everything, as before
    assert {d.pk for d in DOSSIER_DOCUMENTS.documents_of(draft)} == {english.pk, french.pk}
    assert FRENCH.declares(french) and not FRENCH.declares(english)


def test_a_declaration_never_removes_another_declarations_document(draft, focal_gh):
    english = attachment_add(
        attachments=DOSSIER_DOCUMENTS, parent=draft, actor=focal_gh, upload=upload(), language="en"
    )
    with pytest.raises(PermissionDenied):
        attachment_remove(attachments=FRENCH, document=english, actor=focal_gh)
    assert DossierDocument.objects.filter(pk=english.pk).exists()


@pytest.mark.urls(__name__)
def test_downloads_through_one_declaration_do_not_serve_the_others(client, draft, focal_gh):
    english = attachment_add(
        attachments=DOSSIER_DOCUMENTS, parent=draft, actor=focal_gh, upload=upload(), language="en"
    )
    french = attachment_add(attachments=FRENCH, parent=draft, actor=focal_gh, upload=upload("plan-fr.pdf"))
    client.force_login(focal_gh)
    assert client.get(f"/d/{draft.pk}/fr/{french.pk}/").status_code == 200
    assert client.get(f"/d/{draft.pk}/fr/{english.pk}/").status_code == 404
    assert client.get(f"/d/{draft.pk}/all/{english.pk}/").status_code == 200
    assert client.post(f"/d/{draft.pk}/fr/{english.pk}/delete/").status_code == 404
    assert DossierDocument.objects.filter(pk=english.pk).exists()
