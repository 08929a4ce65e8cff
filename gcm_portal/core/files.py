"""Uploaded files: validation, private storage, safe downloads and text extraction.

- Validation checks the size limit (``UPLOAD_MAX_BYTES``, 25 MB by default), the extension *and* the
  content's magic bytes against an allowlist, and the shape of ZIP-based formats (DOCX, ODT), so a
  renamed executable or an HTML page named ``.pdf`` is refused with a message saying why.
- Files are stored under ``PRIVATE_MEDIA_ROOT`` (outside the web root) with random names; the only
  way out is :func:`file_response`, called by a view that has already checked visibility.
- Text is extracted by a background task (:func:`document_text_extract`) so search can use it.
"""

from __future__ import annotations

import hashlib
import io
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models, transaction
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

__all__ = [
    "FILE_KINDS",
    "FileRejected",
    "PrivateFile",
    "document_text_extract",
    "file_response",
    "private_storage",
    "validate_upload",
]

MAX_ZIP_ENTRIES = 2000
MAX_ZIP_UNCOMPRESSED = 200 * 1024 * 1024


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str
    label: str


FILE_KINDS = {
    "pdf": FileKind("pdf", "application/pdf", "PDF"),
    "docx": FileKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word (DOCX)"),
    "odt": FileKind("odt", "application/vnd.oasis.opendocument.text", "OpenDocument text (ODT)"),
}
DOCUMENT_KINDS = ("pdf", "docx", "odt")


class FileRejected(ValidationError):
    pass


def _human_size(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _zip_member_names(head_and_file) -> list[str] | None:
    try:
        with zipfile.ZipFile(head_and_file) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_ENTRIES or sum(i.file_size for i in infos) > MAX_ZIP_UNCOMPRESSED:
                return None
            names = [i.filename for i in infos]
            if names and names[0] == "mimetype":
                names[0] = "mimetype:" + archive.read("mimetype").decode("ascii", "replace").strip()
            return names
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def _content_matches(kind: str, upload) -> bool:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if kind == "pdf":
        return head.startswith(b"%PDF-")
    if not head.startswith(b"PK\x03\x04"):
        return False
    names = _zip_member_names(upload)
    upload.seek(0)
    if names is None:
        return False
    if kind == "docx":
        return "word/document.xml" in names and "[Content_Types].xml" in names
    if kind == "odt":
        return bool(names) and names[0] == "mimetype:application/vnd.oasis.opendocument.text"
    return False


def validate_upload(upload, *, kinds: tuple[str, ...] = DOCUMENT_KINDS) -> FileKind:
    """Return the file's kind, or raise :class:`FileRejected` with a message for the person uploading."""
    limit = settings.UPLOAD_MAX_BYTES
    accepted = ", ".join(FILE_KINDS[k].label for k in kinds)
    if upload is None:
        raise FileRejected(_("Choose a file to upload."))
    if upload.size > limit:
        raise FileRejected(
            _("“%(name)s” is %(size)s; files may be at most %(limit)s.")
            % {"name": upload.name, "size": _human_size(upload.size), "limit": _human_size(limit)}
        )
    if upload.size == 0:
        raise FileRejected(_("“%(name)s” is empty.") % {"name": upload.name})
    extension = PurePosixPath(upload.name or "").suffix.lower().lstrip(".")
    if extension not in kinds:
        raise FileRejected(
            _("“%(name)s” is not an accepted type. Accepted: %(accepted)s.")
            % {"name": upload.name, "accepted": accepted}
        )
    if not _content_matches(extension, upload):
        raise FileRejected(
            _("“%(name)s” is named .%(ext)s but its content is not a %(label)s file. Accepted: %(accepted)s.")
            % {"name": upload.name, "ext": extension, "label": FILE_KINDS[extension].label, "accepted": accepted}
        )
    return FILE_KINDS[extension]


class PrivateStorage(FileSystemStorage):
    """Files under ``PRIVATE_MEDIA_ROOT`` (read at each use, so tests and deployments can move it); no URL."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    def url(self, name):
        raise ValueError("Private files have no URL: serve them through a view that checks permission.")


private_storage = PrivateStorage()


def _get_private_storage():
    return private_storage


def random_upload_name(instance, filename: str) -> str:
    extension = PurePosixPath(filename).suffix.lower()
    return f"{instance._meta.app_label}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class TextStatus(models.TextChoices):
    PENDING = "pending", gettext_lazy("Waiting for text extraction")
    DONE = "done", gettext_lazy("Text extracted")
    FAILED = "failed", gettext_lazy("No text could be extracted")


class PrivateFile(models.Model):
    """Base for every uploaded document: private storage, original name, checksum, extracted text."""

    file = models.FileField(gettext_lazy("file"), storage=_get_private_storage, upload_to=random_upload_name)
    original_name = models.CharField(gettext_lazy("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(gettext_lazy("size"))
    sha256 = models.CharField(gettext_lazy("SHA-256"), max_length=64)
    text = models.TextField(blank=True, editable=False)
    text_status = models.CharField(max_length=10, choices=TextStatus.choices, default=TextStatus.PENDING)
    uploaded_at = models.DateTimeField(gettext_lazy("uploaded"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name

    @property
    def extension(self) -> str:
        return PurePosixPath(self.original_name).suffix.lower().lstrip(".")

    def fill_from_upload(self, upload, kind: FileKind) -> None:
        digest = hashlib.sha256()
        upload.seek(0)
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        self.sha256 = digest.hexdigest()
        self.size = upload.size
        self.content_type = kind.content_type
        self.original_name = PurePosixPath(upload.name).name[:255]
        self.file = upload

    def schedule_text_extraction(self) -> None:
        from .tasks import extract_text_task

        label = self._meta.label_lower
        pk = self.pk
        transaction.on_commit(lambda: extract_text_task.delay(label, pk))


def file_response(document: PrivateFile) -> FileResponse:
    """Send a stored file as a download with safe headers. The caller has checked permission."""
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


def _extract(data: bytes, extension: str) -> str:
    if extension == "pdf":
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        return "\n".join((page.extract_text() or "") for page in reader.pages)
    if extension == "docx":
        from docx import Document

        document = Document(io.BytesIO(data))
        return "\n".join(p.text for p in document.paragraphs)
    if extension == "odt":
        import re
        from xml.etree import ElementTree

        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            root = ElementTree.fromstring(archive.read("content.xml"))
        text = "\n".join("".join(node.itertext()) for node in root.iter() if node.tag.endswith("}p"))
        return re.sub(r"[ \t]+", " ", text)
    return ""


def document_text_extract(*, label: str, pk: int) -> str:
    """Extract and store a document's text; returns the new text status. Safe to run twice."""
    model = apps.get_model(label)
    document = model._default_manager.filter(pk=pk).first()
    if document is None:
        return "missing"
    try:
        with document.file.open("rb") as handle:
            text = _extract(handle.read(), document.extension)
        status = TextStatus.DONE if text.strip() else TextStatus.FAILED
    except Exception:
        text, status = "", TextStatus.FAILED
    model._default_manager.filter(pk=pk).update(text=text[:1_000_000], text_status=status)
    return status
