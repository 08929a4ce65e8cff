"""Reading what uploaded files say: text for search, rows for spreadsheet imports.

Extractors stream the content and stop at caps, so a small file that unfolds into a huge one cannot take
a worker's memory or time:

- office XML (DOCX, ODT) is read by an expat parser fed 64 KB at a time from the archive entry: no tree
  is built, only the text kept (``MAX_TEXT_CHARS``); a document that declares a DTD is refused, and an
  entry larger than ``MAX_XML_BYTES`` once inflated stops the extraction;
- PDF pages are read one by one up to ``MAX_PDF_PAGES``; a content stream shared by several pages is
  read once, and one larger than ``MAX_PDF_CONTENT_BYTES`` stops the extraction;
- every extraction has a time cap (``EXTRACT_SECONDS``, enforced by a timer between and inside pages).

Hitting a cap raises :class:`ExtractionCapped`: the document is kept, marked "text not extracted"
(``TextStatus.CAPPED``) and its uploader is told. Archives were already checked entry by entry when they
were uploaded (:class:`gcm_portal.core.files.ZipDirectory`). The task runs on its own Celery queue
(``extraction``), so e-mail is never stuck behind it.
"""

from __future__ import annotations

import csv
import io
import re
import signal
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import islice
from xml.etree.ElementTree import iterparse
from xml.parsers import expat

from django.apps import apps

__all__ = [
    "MAX_ROWS",
    "MAX_TEXT_CHARS",
    "ExtractionCapped",
    "document_text_extract",
    "docx_text",
    "odf_text",
    "pdf_text",
    "read_rows",
    "spreadsheet_text",
]

MAX_TEXT_CHARS = 1_000_000
MAX_PDF_PAGES = 300
MAX_PDF_CONTENT_BYTES = 512 * 1024
MAX_XML_BYTES = 64 * 1024 * 1024
XML_CHUNK_BYTES = 64 * 1024
EXTRACT_SECONDS = 15
MAX_ROWS = 50_000
MAX_COLUMNS = 200

W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE_NS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE_NS = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


class _Capped:
    """Collects text up to ``MAX_TEXT_CHARS``."""

    def __init__(self):
        self.parts: list[str] = []
        self.size = 0

    @property
    def full(self) -> bool:
        return self.size >= MAX_TEXT_CHARS

    def add(self, text: str) -> None:
        if text and not self.full:
            text = text[: MAX_TEXT_CHARS - self.size]
            self.parts.append(text)
            self.size += len(text)

    def text(self, separator: str = "") -> str:
        return separator.join(self.parts)


class ExtractionCapped(Exception):
    """The document hit a cap (size, pages, time): it is kept, its text is not extracted."""


class _Deadline:
    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise ExtractionCapped("time")


@contextmanager
def time_cap(seconds: float):
    """Interrupt the block after ``seconds`` (a timer signal, where one can be set: the main thread of a
    worker process); elsewhere the extractors' own deadline checks stop it between steps."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum, frame):
        raise ExtractionCapped("time")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def pdf_text(handle) -> str:
    from pypdf import PdfReader

    deadline = _Deadline(EXTRACT_SECONDS)
    reader = PdfReader(handle)
    collected = _Capped()
    seen_contents: set = set()
    for page in islice(reader.pages, MAX_PDF_PAGES):
        deadline.check()
        reference = page.get("/Contents")
        key = getattr(reference, "idnum", None), getattr(reference, "generation", None)
        if key[0] is not None:
            if key in seen_contents:
                continue  # the same content stream as an earlier page: its text is already read
            seen_contents.add(key)
        contents = page.get_contents()
        if contents is not None and len(contents.get_data()) > MAX_PDF_CONTENT_BYTES:
            raise ExtractionCapped("content stream")
        collected.add((page.extract_text() or "") + "\n")
        if collected.full:
            break
    return collected.text()


class _XmlText:
    """Text of an office XML entry, one line per paragraph, parsed by expat as a stream."""

    def __init__(self, paragraph_tags: frozenset[str], text_tags: frozenset[str] | None):
        self.paragraph_tags = paragraph_tags
        self.text_tags = text_tags
        self.collected = _Capped()
        self.line: list[str] = []
        self.in_paragraph = 0
        self.in_text = 0
        self.line_size = 0

    def start(self, tag, attributes):
        if tag in self.paragraph_tags:
            self.in_paragraph += 1
        elif self.text_tags is not None and tag in self.text_tags:
            self.in_text += 1

    def end(self, tag):
        if tag in self.paragraph_tags:
            self.in_paragraph = max(0, self.in_paragraph - 1)
            if not self.in_paragraph:
                self.collected.add("".join(self.line) + "\n")
                self.line = []
                self.line_size = 0
        elif self.text_tags is not None and tag in self.text_tags:
            self.in_text = max(0, self.in_text - 1)

    def characters(self, data):
        if self.in_paragraph and (self.text_tags is None or self.in_text) and not self.collected.full:
            room = MAX_TEXT_CHARS - self.collected.size - self.line_size
            if room > 0:
                # A paragraph longer than what is left is cut: its line never outgrows the cap.
                self.line.append(data[:room])
                self.line_size += min(len(data), room)

    def parse(self, stream) -> str:
        parser = expat.ParserCreate(namespace_separator="}")
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

        def no_dtd(*args):
            raise ExtractionCapped("document type declaration")

        parser.StartDoctypeDeclHandler = no_dtd
        parser.EntityDeclHandler = no_dtd
        parser.StartElementHandler = lambda tag, attrs: self.start("{" + tag if "}" in tag else tag, attrs)
        parser.EndElementHandler = lambda tag: self.end("{" + tag if "}" in tag else tag)
        parser.CharacterDataHandler = self.characters
        parser.buffer_text = True
        deadline = _Deadline(EXTRACT_SECONDS)
        read = 0
        while chunk := stream.read(XML_CHUNK_BYTES):
            read += len(chunk)
            if read > MAX_XML_BYTES:
                raise ExtractionCapped("size")
            deadline.check()
            parser.Parse(chunk, False)
            if self.collected.full:
                break
        else:
            parser.Parse(b"", True)
        return re.sub(r"[ \t]+", " ", self.collected.text())


def _xml_paragraphs(handle, member: str, paragraph_tags: tuple[str, ...], text_tag: str | None) -> str:
    """The text of ``member`` in a ZIP archive, one line per paragraph, read as a stream."""
    with zipfile.ZipFile(handle) as archive, archive.open(member) as xml:
        reader = _XmlText(frozenset(paragraph_tags), frozenset({text_tag}) if text_tag else None)
        return reader.parse(xml)


def docx_text(handle) -> str:
    return _xml_paragraphs(handle, "word/document.xml", (f"{W_NS}p",), f"{W_NS}t")


def odf_text(handle) -> str:
    return _xml_paragraphs(handle, "content.xml", (f"{TEXT_NS}p", f"{TEXT_NS}h"), None)


# ---------------------------------------------------------------------------
# Spreadsheets
# ---------------------------------------------------------------------------


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _trimmed(row: list[str]) -> list[str]:
    row = row[:MAX_COLUMNS]
    while row and row[-1] == "":
        row.pop()
    return row


def _xlsx_rows(handle) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    workbook = load_workbook(handle, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            yield _trimmed([_cell(v) for v in row])
    finally:
        workbook.close()


def _ods_rows(handle) -> Iterator[list[str]]:
    """Rows of the first sheet of an ODS file; repeated rows and cells are expanded within caps."""
    with zipfile.ZipFile(handle) as archive, archive.open("content.xml") as xml:
        row: list[str] = []
        for event, node in iterparse(xml, events=("start", "end")):
            tag = node.tag
            if event == "start" and tag == f"{TABLE_NS}table-row":
                row = []
            elif event == "end" and tag in (f"{TABLE_NS}table-cell", f"{TABLE_NS}covered-table-cell"):
                value = node.get(f"{OFFICE_NS}value")
                text = value if value is not None else "\n".join("".join(p.itertext()) for p in node)
                repeat = min(int(node.get(f"{TABLE_NS}number-columns-repeated", "1") or 1), MAX_COLUMNS - len(row))
                if repeat > 0:
                    row.extend([_cell(float(text) if value is not None else text)] * repeat)
                node.clear()
            elif event == "end" and tag == f"{TABLE_NS}table-row":
                trimmed = _trimmed(row)
                repeat = int(node.get(f"{TABLE_NS}number-rows-repeated", "1") or 1)
                for _ in range(min(repeat, MAX_ROWS) if trimmed else 1):
                    yield trimmed
                node.clear()
            elif event == "end" and tag == f"{TABLE_NS}table":
                return


def _csv_rows(handle) -> Iterator[list[str]]:
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="replace", newline="")
    sample = text.read(16 * 1024)
    text.seek(0)
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    for row in csv.reader(text, dialect):
        yield _trimmed([_cell(v) for v in row])


ROW_READERS: dict[str, Callable[[object], Iterator[list[str]]]] = {
    "xlsx": _xlsx_rows,
    "ods": _ods_rows,
    "csv": _csv_rows,
}


def read_rows(handle, extension: str) -> Iterator[list[str]]:
    """The rows of a spreadsheet's first sheet as lists of strings (at most ``MAX_ROWS`` rows and
    ``MAX_COLUMNS`` columns; trailing empty cells dropped)."""
    return islice(ROW_READERS[extension](handle), MAX_ROWS)


def spreadsheet_text(extension: str) -> Callable[[object], str]:
    def extract(handle) -> str:
        collected = _Capped()
        for row in read_rows(handle, extension):
            collected.add("\t".join(row) + "\n")
            if collected.full:
                break
        return collected.text()

    return extract


# ---------------------------------------------------------------------------
# The background job
# ---------------------------------------------------------------------------


def document_text_extract(*, label: str, pk: int) -> str:
    """Extract and store a document's text; returns the new text status. Safe to run twice."""
    from .files import TextStatus

    model = apps.get_model(label)
    document = model._default_manager.filter(pk=pk).first()
    if document is None:
        return "missing"
    kind = document.kind
    try:
        if kind is None or kind.extract is None:
            raise ValueError("no extractor")
        with document.file.open("rb") as handle, time_cap(EXTRACT_SECONDS + 1):
            text = kind.extract(handle)
        status = TextStatus.DONE if text.strip() else TextStatus.FAILED
    except ExtractionCapped:
        text, status = "", TextStatus.CAPPED
    except Exception:
        text, status = "", TextStatus.FAILED
    model._default_manager.filter(pk=pk).update(text=text[:MAX_TEXT_CHARS], text_status=status)
    if status == TextStatus.CAPPED:
        _tell_uploader(document)
    if status == TextStatus.DONE:
        _announce_public_parent(document)
    return status


def _announce_public_parent(document) -> None:
    """The text of a public record grew (extraction may finish after the publication): announce the
    record as changed, so the hub's index and the page cache read it again. A record that is not public
    is never announced."""
    from .publication import CHANGED, announce
    from .search import search_source

    parent = next(_parents(document), None)
    source = search_source(parent._meta.label_lower) if parent is not None else None
    if source is not None and source.public().filter(pk=parent.pk).exists():
        announce(parent, CHANGED)


def _tell_uploader(document) -> None:
    """The file is kept; its uploader learns that its text could not be read for search."""
    from .notifications import notify

    if document.uploaded_by_id is None:
        return
    notify(
        event="document_text_not_extracted",
        recipients=[document.uploaded_by],
        context={"name": document.original_name},
        path=_parent_url(document),
    )


def _parents(document):
    """The records the document belongs to that have a page, in field order."""
    for field in document._meta.concrete_fields:
        if field.is_relation and field.name != "uploaded_by":
            parent = getattr(document, field.name, None)
            if parent is not None and hasattr(parent, "get_absolute_url"):
                yield parent


def _parent_url(document) -> str:
    """The page of the record the document belongs to, or the reader's notifications."""
    from django.urls import reverse

    for parent in _parents(document):
        try:
            return parent.get_absolute_url()
        except Exception:  # a parent without a page of its own
            continue
    return reverse("notifications")
