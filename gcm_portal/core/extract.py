"""Reading what uploaded files say: text for search, rows for spreadsheet imports.

Extractors stream the content (``iterparse`` for office XML, page by page for PDF) and stop at caps
(``MAX_TEXT_CHARS`` characters, ``MAX_PDF_PAGES`` pages, ``MAX_ROWS`` rows), so a small file that
unfolds into a huge one cannot take the worker's memory. Archives were already checked entry by entry
when they were uploaded (:class:`gcm_portal.core.files.ZipDirectory`).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from itertools import islice
from xml.etree.ElementTree import iterparse

from django.apps import apps

__all__ = [
    "MAX_ROWS",
    "MAX_TEXT_CHARS",
    "document_text_extract",
    "docx_text",
    "odf_text",
    "pdf_text",
    "read_rows",
    "spreadsheet_text",
]

MAX_TEXT_CHARS = 1_000_000
MAX_PDF_PAGES = 500
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


def pdf_text(handle) -> str:
    from pypdf import PdfReader

    reader = PdfReader(handle)
    collected = _Capped()
    for page in islice(reader.pages, MAX_PDF_PAGES):
        collected.add((page.extract_text() or "") + "\n")
        if collected.full:
            break
    return collected.text()


def _xml_paragraphs(handle, member: str, paragraph_tags: tuple[str, ...], text_tag: str | None) -> str:
    """The text of ``member`` in a ZIP archive, one line per paragraph, read as a stream."""
    collected = _Capped()
    with zipfile.ZipFile(handle) as archive, archive.open(member) as xml:
        line: list[str] = []
        for _event, node in iterparse(xml, events=("end",)):
            if text_tag is not None and node.tag == text_tag:
                line.append(node.text or "")
            elif node.tag in paragraph_tags:
                if text_tag is None:
                    line.append("".join(node.itertext()))
                collected.add("".join(line) + "\n")
                line = []
                node.clear()
                if collected.full:
                    break
    return re.sub(r"[ \t]+", " ", collected.text())


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
        with document.file.open("rb") as handle:
            text = kind.extract(handle)
        status = TextStatus.DONE if text.strip() else TextStatus.FAILED
    except Exception:
        text, status = "", TextStatus.FAILED
    model._default_manager.filter(pk=pk).update(text=text[:MAX_TEXT_CHARS], text_status=status)
    return status
