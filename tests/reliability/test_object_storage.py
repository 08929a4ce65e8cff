"""Uploaded documents in an S3-compatible object store (django-storages), tested against a real S3 server
on loopback: moto's standalone server (``moto_server``, from PyPI; Debian 12 has no SeaweedFS package).
Documents stay private: the object is not public, and downloads go through the permission check."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gcm_portal.core.attachments import attachment_add
from gcm_portal.core.files import private_storage
from gcm_portal.core.samples import sample_pdf
from gcm_portal.taxonomy.models import Country
from tests.factories.accounts import focal_point
from tests.kit.models import Dossier
from tests.kit.workflow import DOSSIER_DOCUMENTS

from .conftest import S3_BUCKET

PDF = sample_pdf("Stored in the object store")


@pytest.fixture
def s3_storage(settings, s3_server):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": S3_BUCKET,
                "endpoint_url": s3_server,
                "region_name": "us-east-1",
                "access_key": "test",
                "secret_key": "test",
                "location": "private",
                "default_acl": "private",
                "file_overwrite": False,
                "querystring_auth": True,
                "querystring_expire": 60,
                "addressing_style": "path",
            },
        },
    }
    return s3_server


@pytest.mark.django_db
def test_a_document_goes_to_the_object_store_and_comes_back_through_the_permission_check(client, s3_storage):
    import boto3

    ghana = Country.objects.get(iso2="GH")
    fp = focal_point("GH")
    dossier = Dossier.objects.create(country=ghana, title="Draft dossier")
    document = attachment_add(
        attachments=DOSSIER_DOCUMENTS,
        parent=dossier,
        actor=fp,
        upload=SimpleUploadedFile("plan.pdf", PDF),
        language="en",
    )
    # In the bucket, not on the local disk.
    assert private_storage.__class__.__name__ == "_ConfiguredPrivateStorage"
    s3 = boto3.client(
        "s3", endpoint_url=s3_storage, aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1"
    )
    stored = s3.get_object(Bucket=S3_BUCKET, Key=f"private/{document.file.name}")["Body"].read()
    assert stored == PDF
    assert not Path(settings.PRIVATE_MEDIA_ROOT).exists() or not any(Path(settings.PRIVATE_MEDIA_ROOT).rglob("*.pdf"))
    # Not public: an anonymous request to the object store is refused.
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(f"{s3_storage}/{S3_BUCKET}/private/{document.file.name}", timeout=5)

    url = reverse("kit:dossier-document-download", args=[dossier.pk, document.pk])
    assert client.get(url).status_code == 404  # the public may not
    client.force_login(fp)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
