"""Uploaded files: a registry of accepted kinds, validation, private storage and safe downloads.

- **Kinds are a registry** (:func:`register_file_kind`): each :class:`FileKind` names its extension,
  content type, label, a structural check of the content and a text extractor. PDF, DOCX and ODT
  (documents) and XLSX, ODS and CSV (spreadsheets) are registered here; an app registers more from
  its ``AppConfig.ready()``.
- **Validation** checks the size limit (``UPLOAD_MAX_BYTES``), the extension *and* the content, so a
  renamed executable or an HTML page named ``.pdf`` is refused with a message saying why. Archives
  (DOCX, ODT, XLSX, ODS) are inspected from their directory only: the number of entries, each entry's
  size and compression ratio are capped before anything is inflated, and the ``mimetype`` entry is
  read only up to a few hundred bytes.
- Files are stored under ``PRIVATE_MEDIA_ROOT`` (outside the web root) with random names; the only
  way out is :func:`file_response`, called by a view that has already checked visibility.
- Text is extracted by a background task (:mod:`gcm_portal.core.extract`) so search can use it.
"""

from __future__ import annotations

import enum
import hashlib
import re
import uuid
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db import models
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

__all__ = [
    "DOCUMENT_KINDS",
    "FILE_KINDS",
    "SPREADSHEET_KINDS",
    "FileKind",
    "FileRejected",
    "PrivateFile",
    "TextStatus",
    "ZipDirectory",
    "file_response",
    "human_size",
    "private_storage",
    "register_file_kind",
    "safe_file_name",
    "validate_upload",
]

MAX_ZIP_ENTRIES = 2000
MAX_ZIP_ENTRY_BYTES = 100 * 1024 * 1024
MAX_ZIP_TOTAL_BYTES = 300 * 1024 * 1024
# Office XML compresses about 5 to 30 times; a bomb, hundreds or thousands of times.
MAX_ZIP_RATIO = 200
ZIP_RATIO_FLOOR_BYTES = 1024 * 1024
MIMETYPE_READ_BYTES = 200
CSV_SAMPLE_BYTES = 64 * 1024


class FileRejected(ValidationError):
    pass


# ---------------------------------------------------------------------------
# Archive directories, read without inflating anything
# ---------------------------------------------------------------------------


class ZipDirectory:
    """The safe facts of a ZIP archive: its entry names and its ``mimetype`` entry. ``None`` from
    :meth:`read` means the file is not an archive we accept (corrupt, too many or too large entries,
    a suspicious compression ratio)."""

    def __init__(self, names: list[str], mimetype: str):
        self.names = names
        self.mimetype = mimetype

    def __contains__(self, name: str) -> bool:
        return name in self.names

    @classmethod
    def read(cls, handle) -> ZipDirectory | None:
        try:
            with zipfile.ZipFile(handle) as archive:
                infos = archive.infolist()
                if not infos or len(infos) > MAX_ZIP_ENTRIES:
                    return None
                total = 0
                for info in infos:
                    total += info.file_size
                    if info.file_size > MAX_ZIP_ENTRY_BYTES or total > MAX_ZIP_TOTAL_BYTES:
                        return None
                    if info.file_size > ZIP_RATIO_FLOOR_BYTES and info.file_size > MAX_ZIP_RATIO * max(
                        info.compress_size, 1
                    ):
                        return None
                mimetype = ""
                if infos[0].filename == "mimetype":
                    if infos[0].file_size > MIMETYPE_READ_BYTES:
                        return None
                    with archive.open(infos[0]) as entry:
                        mimetype = entry.read(MIMETYPE_READ_BYTES).decode("ascii", "replace").strip()
                return cls([i.filename for i in infos], mimetype)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError, EOFError):
            return None


# ---------------------------------------------------------------------------
# The registry of file kinds
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FileKind:
    """An accepted kind of file. ``check(handle)`` looks at the content (the handle is at 0 and is
    rewound afterwards); ``extract(handle)`` returns its text for search (see ``core.extract``)."""

    extension: str
    content_type: str
    label: str
    check: Callable[[object], bool]
    extract: Callable[[object], str] | None = None


FILE_KINDS: dict[str, FileKind] = {}
DOCUMENT_KINDS = ("pdf", "docx", "odt")
SPREADSHEET_KINDS = ("xlsx", "ods", "csv")


def register_file_kind(kind: FileKind) -> None:
    FILE_KINDS[kind.extension] = kind


def _starts_with(prefix: bytes) -> Callable[[object], bool]:
    return lambda handle: handle.read(len(prefix)) == prefix


def _zip_with(*, entries: tuple[str, ...] = (), mimetype: str = "") -> Callable[[object], bool]:
    def check(handle) -> bool:
        if handle.read(4) != b"PK\x03\x04":
            return False
        handle.seek(0)
        directory = ZipDirectory.read(handle)
        if directory is None:
            return False
        return all(name in directory for name in entries) and (not mimetype or directory.mimetype == mimetype)

    return check


PDF_ACTIVE_CONTENT = re.compile(rb"/(JavaScript|JS|Launch|RichMedia|XFA)(?![A-Za-z])")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
PDF_SCAN_BYTES = 1024 * 1024
# Object streams (compressed objects, where a script's dictionary can hide) are inflated a step at a time,
# each at most PDF_OBJECT_STREAM_BYTES and a file's together at most PDF_OBJECT_STREAMS_TOTAL_BYTES, with
# the archive entries' ratio rule (MAX_ZIP_RATIO beyond ZIP_RATIO_FLOOR_BYTES): real object streams are a
# few hundred KB and compress a few times; a bomb is refused after about a megabyte.
PDF_INFLATE_STEP = 64 * 1024
PDF_OBJECT_STREAM_BYTES = 16 * 1024 * 1024
PDF_OBJECT_STREAMS_TOTAL_BYTES = 64 * 1024 * 1024
PDF_MAX_OBJECT_STREAMS = 10_000
PDF_DICTIONARY_BYTES = 1024 * 1024

_WS = rb"[\x00\t\n\x0c\r ]"
_WS_OR_COMMENT = rb"(?:" + _WS + rb"|%[^\r\n]*)*"
# An object header followed by a dictionary (the dictionary's "<<" is the match's last two bytes).
_PDF_DICTIONARY_OBJECT = re.compile(rb"(?<![0-9])[0-9]+" + _WS + rb"+[0-9]+" + _WS + rb"+obj" + _WS_OR_COMMENT + rb"<<")
_PDF_SIMPLE_DICTIONARY = re.compile(rb"<<[^<>()%]*>>")  # no string, comment or dictionary inside
_PDF_DICTIONARY_TOKEN = re.compile(rb"<<|>>|[(<%]")
_PDF_STRING_TOKEN = re.compile(rb"[()\\]")
_PDF_END_OF_LINE = re.compile(rb"[\r\n]")
_PDF_STREAM_KEYWORD = re.compile(_WS_OR_COMMENT + rb"stream[^\r\n]*(?:\r\n|\r|\n)")
_PDF_OBJECT_STREAM = re.compile(rb"/Type" + _WS_OR_COMMENT + rb"/ObjStm(?![A-Za-z])|/First(?![A-Za-z])")
_PDF_FILTER = re.compile(
    rb"/(?:Filter|DecodeParms|DP|F)(?![A-Za-z])"
    + _WS_OR_COMMENT
    + rb"(\[[^\]]*\]|/[^\x00\t\n\x0c\r ()<>\[\]{}/%]*|[^/\[])"
)
_PDF_FLATE = re.compile(rb"\[?" + _WS_OR_COMMENT + rb"/(?:FlateDecode|Fl)" + _WS_OR_COMMENT + rb"\]?")


class _PdfUnchecked(Exception):
    """An object stream that cannot be read within the caps (too large, a bomb, damaged, or encoded in a
    way the check does not read)."""


class PdfVerdict(enum.Enum):
    PASSIVE = "passive"
    ACTIVE = "active"
    UNCHECKED = "unchecked"


def _decode_names(data: bytes) -> bytes:
    return _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)


def _names_active(chunks) -> bool:
    """Whether the bytes, given in pieces, name active content (a name cut between pieces is seen)."""
    tail = b""
    for chunk in chunks:
        if PDF_ACTIVE_CONTENT.search(_decode_names(tail + chunk)):
            return True
        tail = chunk[-64:]
    return False


def _string_end(data: bytes, position: int, limit: int) -> int:
    """The end of a literal string whose "(" ends before ``position`` (balanced parentheses, escapes)."""
    depth = 1
    while depth:
        match = _PDF_STRING_TOKEN.search(data, position, limit)
        if match is None:
            raise _PdfUnchecked("string")
        token = match.group()
        position = match.end() + (1 if token == b"\\" else 0)
        depth += {b"(": 1, b")": -1}.get(token, 0)
    return position


def _dictionary_end(data: bytes, start: int) -> int:
    """The end of the dictionary whose "<<" is at ``start``, read as a PDF reader would (strings,
    hexadecimal strings and comments may hold anything, ">>" included)."""
    simple = _PDF_SIMPLE_DICTIONARY.match(data, start)
    if simple is not None:
        return simple.end()
    limit = min(len(data), start + PDF_DICTIONARY_BYTES)
    depth, position = 0, start
    while True:
        match = _PDF_DICTIONARY_TOKEN.search(data, position, limit)
        if match is None:
            raise _PdfUnchecked("dictionary")
        token, position = match.group(), match.end()
        if token == b"<<":
            depth += 1
        elif token == b">>":
            depth -= 1
            if not depth:
                return position
        elif token == b"(":
            position = _string_end(data, position, limit)
        elif token == b"<":
            position = data.find(b">", position, limit) + 1
            if not position:
                raise _PdfUnchecked("hexadecimal string")
        else:
            newline = _PDF_END_OF_LINE.search(data, position, limit)
            position = newline.end() if newline else limit


def _object_streams(data: bytes):
    """(dictionary, offset of the data) of every stream that may hold objects: an object stream
    (``/Type /ObjStm``), or any stream with the ``/First`` a reader needs to read one. Dictionaries are
    read from each object header on; one found inside an object already read is skipped."""
    read_to = 0
    for match in _PDF_DICTIONARY_OBJECT.finditer(data):
        if match.start() < read_to:
            continue
        start = match.end() - 2
        end = _dictionary_end(data, start)
        read_to = end
        keyword = _PDF_STREAM_KEYWORD.match(data, end)
        if keyword is None:
            continue
        dictionary = _decode_names(data[start:end])
        if _PDF_OBJECT_STREAM.search(dictionary):
            yield dictionary, keyword.end()


class _Inflation:
    """Inflates a file's Flate-compressed streams ``PDF_INFLATE_STEP`` bytes at a time (``decompressobj``
    with ``max_length``: never more than a step in memory), each at most ``PDF_OBJECT_STREAM_BYTES`` and
    all together at most ``PDF_OBJECT_STREAMS_TOTAL_BYTES``; a stream past its share, or past the ratio
    allowed, is refused there, before going further."""

    def __init__(self):
        self.left = PDF_OBJECT_STREAMS_TOTAL_BYTES

    def chunks(self, data: bytes, start: int):
        inflater = zlib.decompressobj()
        budget = min(PDF_OBJECT_STREAM_BYTES, self.left)
        position, pending, produced = start, b"", 0
        try:
            while not inflater.eof:
                if not pending:
                    if position >= len(data):
                        raise _PdfUnchecked("truncated stream")
                    pending = data[position : position + PDF_INFLATE_STEP]
                    position += len(pending)
                chunk = inflater.decompress(pending, PDF_INFLATE_STEP)
                pending = inflater.unconsumed_tail
                produced += len(chunk)
                consumed = position - start - len(pending)
                if produced > budget or (produced > ZIP_RATIO_FLOOR_BYTES and produced > MAX_ZIP_RATIO * consumed):
                    raise _PdfUnchecked("inflated size")
                yield chunk
        except zlib.error:
            raise _PdfUnchecked("damaged stream") from None
        finally:
            self.left -= produced


def pdf_verdict(handle) -> PdfVerdict | None:
    """Whether a PDF (by its header; None if it is not one) carries a script, launch action, rich media or
    XFA form, in its uncompressed bytes or in its Flate-compressed object streams (names written with
    ``#xx`` escapes read as what they spell). UNCHECKED when an object stream cannot be read within the
    caps, is damaged, or is encoded otherwise (another filter, a predictor, an external file)."""
    if handle.read(5) != b"%PDF-":
        return None
    handle.seek(0)
    data = handle.read()
    if _names_active(data[i : i + PDF_SCAN_BYTES] for i in range(0, len(data), PDF_SCAN_BYTES)):
        return PdfVerdict.ACTIVE
    inflation = _Inflation()
    try:
        for count, (dictionary, offset) in enumerate(_object_streams(data), start=1):
            filters = _PDF_FILTER.findall(dictionary)
            if count > PDF_MAX_OBJECT_STREAMS or not all(_PDF_FLATE.fullmatch(value) for value in filters):
                return PdfVerdict.UNCHECKED
            if filters and _names_active(inflation.chunks(data, offset)):
                return PdfVerdict.ACTIVE
    except _PdfUnchecked:
        return PdfVerdict.UNCHECKED
    return PdfVerdict.PASSIVE


def _is_passive_pdf(handle) -> bool:
    """A PDF with no active content, in its own bytes or its compressed object streams (:func:`pdf_verdict`)."""
    return pdf_verdict(handle) == PdfVerdict.PASSIVE


HTML_MARKERS = (b"<!doctype", b"<html", b"<script", b"<svg", b"<?xml", b"<body", b"<iframe")


def _is_csv(handle) -> bool:
    """UTF-8 text (a BOM allowed) without NUL bytes that does not start like markup."""
    head = handle.read(CSV_SAMPLE_BYTES)
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # Only a character cut by the end of the sample (not of the file) is forgiven.
        if len(head) < CSV_SAMPLE_BYTES or error.reason != "unexpected end of data":
            return False
        text = head[: error.start].decode("utf-8-sig")
    start = text.lstrip().lower().encode()
    return bool(text.strip()) and not start.startswith(HTML_MARKERS)


def _register_builtin_kinds() -> None:
    from . import extract

    for kind in (
        FileKind("pdf", "application/pdf", "PDF", _is_passive_pdf, extract.pdf_text),
        FileKind(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "Word (DOCX)",
            _zip_with(entries=("[Content_Types].xml", "word/document.xml")),
            extract.docx_text,
        ),
        FileKind(
            "odt",
            "application/vnd.oasis.opendocument.text",
            "OpenDocument text (ODT)",
            _zip_with(entries=("content.xml",), mimetype="application/vnd.oasis.opendocument.text"),
            extract.odf_text,
        ),
        FileKind(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "Excel (XLSX)",
            _zip_with(entries=("[Content_Types].xml", "xl/workbook.xml")),
            extract.spreadsheet_text("xlsx"),
        ),
        FileKind(
            "ods",
            "application/vnd.oasis.opendocument.spreadsheet",
            "OpenDocument spreadsheet (ODS)",
            _zip_with(entries=("content.xml",), mimetype="application/vnd.oasis.opendocument.spreadsheet"),
            extract.spreadsheet_text("ods"),
        ),
        FileKind("csv", "text/csv", "CSV", _is_csv, extract.spreadsheet_text("csv")),
    ):
        register_file_kind(kind)


_register_builtin_kinds()


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------


def human_size(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _content_matches(kind: FileKind, upload) -> bool:
    upload.seek(0)
    try:
        return bool(kind.check(upload))
    finally:
        upload.seek(0)


def validate_upload(upload, *, kinds: tuple[str, ...] = DOCUMENT_KINDS, max_bytes: int | None = None) -> FileKind:
    """Return the file's kind, or raise :class:`FileRejected` with a message for the person uploading.
    ``max_bytes`` lowers the site-wide ``UPLOAD_MAX_BYTES`` for one kind of record; it never raises it."""
    limit = min(settings.UPLOAD_MAX_BYTES, max_bytes or settings.UPLOAD_MAX_BYTES)
    accepted = ", ".join(FILE_KINDS[k].label for k in kinds)
    if upload is None:
        raise FileRejected(_("Choose a file to upload."))
    if upload.size > limit:
        raise FileRejected(
            _("“%(name)s” is %(size)s; files may be at most %(limit)s.")
            % {"name": upload.name, "size": human_size(upload.size), "limit": human_size(limit)}
        )
    if upload.size == 0:
        raise FileRejected(_("“%(name)s” is empty.") % {"name": upload.name})
    extension = PurePosixPath(upload.name or "").suffix.lower().lstrip(".")
    if extension not in kinds:
        raise FileRejected(
            _("“%(name)s” is not an accepted type. Accepted: %(accepted)s.")
            % {"name": upload.name, "accepted": accepted}
        )
    kind = FILE_KINDS[extension]
    if extension == "pdf" and not _content_matches(kind, upload):
        upload.seek(0)
        verdict = pdf_verdict(upload)
        upload.seek(0)
        if verdict == PdfVerdict.ACTIVE:
            raise FileRejected(
                _(
                    "“%(name)s” contains scripts or other active content, which are not accepted. Save or print "
                    "it as a plain PDF and upload that."
                )
                % {"name": upload.name}
            )
        if verdict == PdfVerdict.UNCHECKED:
            raise FileRejected(
                _(
                    "“%(name)s” has compressed parts that cannot be checked for scripts (too large, damaged or "
                    "in an unusual format). Save or print it as a plain PDF and upload that."
                )
                % {"name": upload.name}
            )
    if not _content_matches(kind, upload):
        raise FileRejected(
            _("“%(name)s” is named .%(ext)s but its content is not a %(label)s file. Accepted: %(accepted)s.")
            % {"name": upload.name, "ext": extension, "label": kind.label, "accepted": accepted}
        )
    return kind


# ---------------------------------------------------------------------------
# Private storage and the stored-file base model
# ---------------------------------------------------------------------------


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


class _ConfiguredPrivateStorage(Storage):
    """The storage behind every uploaded document: whatever ``STORAGES["private"]`` names (local disk by
    default, an S3-compatible object store when configured), looked up at each use so a settings change
    (tests, a deployment's environment) takes effect without touching the model fields."""

    @staticmethod
    def _backend():
        return storages["private"] if "private" in settings.STORAGES else PrivateStorage()

    def __getattribute__(self, name):
        if name.startswith("__") or name in ("_backend", "deconstruct"):
            return object.__getattribute__(self, name)
        return getattr(object.__getattribute__(self, "_backend")(), name)

    def deconstruct(self):
        return ("gcm_portal.core.files._ConfiguredPrivateStorage", (), {})


private_storage = _ConfiguredPrivateStorage()


def _get_private_storage():
    return private_storage


def random_upload_name(instance, filename: str) -> str:
    extension = PurePosixPath(filename).suffix.lower()
    return f"{instance._meta.app_label}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class TextStatus(models.TextChoices):
    PENDING = "pending", gettext_lazy("Waiting for text extraction")
    DONE = "done", gettext_lazy("Text extracted")
    FAILED = "failed", gettext_lazy("No text could be extracted")
    CAPPED = "capped", gettext_lazy("Text not extracted: the file is too large or too complex to read")


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
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name

    @property
    def extension(self) -> str:
        return PurePosixPath(self.original_name).suffix.lower().lstrip(".")

    @property
    def kind(self) -> FileKind | None:
        return FILE_KINDS.get(self.extension)

    def fill_from_upload(self, upload, kind: FileKind) -> None:
        digest = hashlib.sha256()
        upload.seek(0)
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        self.sha256 = digest.hexdigest()
        self.size = upload.size
        self.content_type = kind.content_type
        self.original_name = safe_file_name(upload.name)
        self.file = upload

    def schedule_text_extraction(self) -> None:
        from .outbox import outbox_enqueue

        outbox_enqueue("core.extract_text", args=[self._meta.label_lower, self.pk])


_UNSAFE_NAME_CHARACTERS = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def safe_file_name(name: str) -> str:
    """The name to show for an upload: the last part of any path (``/`` or ``\\``), without control or
    direction-changing characters (a right-to-left override could show ``report<U+202E>fdp.exe`` as ``reportexe.pdf``), at most 255 characters."""
    name = _UNSAFE_NAME_CHARACTERS.sub("", (name or "").replace("\\", "/"))
    name = PurePosixPath(name).name.strip(" .") or "document"
    return name[-255:]


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
