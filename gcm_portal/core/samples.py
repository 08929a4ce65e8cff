"""Small, valid sample files for demo data and tests: one generator per file kind the portal accepts.

Each returns bytes that the kernel's file checks accept and its extractors read back.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from xml.sax.saxutils import escape

__all__ = ["pdf_document", "sample_csv", "sample_docx", "sample_ods", "sample_odt", "sample_pdf", "sample_xlsx"]


def _pdf_escape(text: str) -> bytes:
    raw = text.encode("cp1252", "replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def sample_pdf(lines: list[str] | str = "Demonstration report text", *, compressed: bool = False) -> bytes:
    """A valid one-page PDF (Helvetica, WinAnsi encoding) whose text pypdf can extract; ``compressed``
    writes it as PDF 1.5 tools do (see :func:`pdf_document`)."""
    if isinstance(lines, str):
        lines = [lines]
    text = b"BT /F1 12 Tf 16 TL 72 770 Td\n"
    for line in lines:
        text += b"(" + _pdf_escape(line) + b") Tj T*\n"
    text += b"ET\n"
    return pdf_document(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            (b"", text),
        ],
        compressed=compressed,
    )


def pdf_document(objects: list[bytes | tuple[bytes, bytes]], *, compressed: bool = False) -> bytes:
    """A PDF of the numbered ``objects`` (the first is the catalog): each a dictionary, or, for a stream,
    a pair of its dictionary's entries (without ``/Length``) and its data. ``compressed`` writes PDF 1.5
    as most tools do: streams Flate-compressed, dictionaries in one compressed object stream, and a
    cross-reference stream."""
    if compressed:
        return _pdf_compressed(objects)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        if isinstance(body, tuple):
            entries, data = body
            body = b"<< " + entries + b"/Length " + str(len(data)).encode() + b" >>\nstream\n" + data + b"endstream"
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _pdf_compressed(objects: list[bytes | tuple[bytes, bytes]]) -> bytes:
    object_stream, xref_stream = len(objects) + 1, len(objects) + 2
    out = io.BytesIO()
    out.write(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    entries = {0: (0, 0, 65535)}  # object number: (type, field 2, field 3) of the cross-reference stream
    header, packed = [], b""
    for number, body in enumerate(objects, start=1):
        if isinstance(body, tuple):
            data = zlib.compress(body[1], 9)
            entries[number] = (1, out.tell(), 0)
            out.write(
                f"{number} 0 obj\n<< ".encode()
                + body[0]
                + f"/Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode()
                + data
                + b"\nendstream\nendobj\n"
            )
        else:
            entries[number] = (2, object_stream, len(header))
            header.append(f"{number} {len(packed)}")
            packed += body + b"\n"
    index = " ".join(header).encode() + b"\n"
    data = zlib.compress(index + packed, 9)
    entries[object_stream] = (1, out.tell(), 0)
    out.write(
        f"{object_stream} 0 obj\n<< /Type /ObjStm /N {len(header)} /First {len(index)} /Length {len(data)} "
        f"/Filter /FlateDecode >>\nstream\n".encode()
        + data
        + b"\nendstream\nendobj\n"
    )
    xref = out.tell()
    entries[xref_stream] = (1, xref, 0)
    rows = b"".join(
        kind.to_bytes(1, "big") + second.to_bytes(4, "big") + third.to_bytes(2, "big")
        for kind, second, third in (entries[n] for n in range(xref_stream + 1))
    )
    data = zlib.compress(rows, 9)
    out.write(
        f"{xref_stream} 0 obj\n<< /Type /XRef /Size {xref_stream + 1} /W [1 4 2] /Root 1 0 R /Length {len(data)} "
        f"/Filter /FlateDecode >>\nstream\n".encode()
        + data
        + b"\nendstream\nendobj\n"
    )
    out.write(f"startxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def sample_docx(title: str = "Demonstration", paragraphs: list[str] | str = ()) -> bytes:
    from docx import Document

    if isinstance(paragraphs, str):
        paragraphs = [paragraphs]
    document = Document()
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
)


def _odf(mimetype: str, body: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr(
            "content.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODF_NS}>'
            f"<office:body>{body}</office:body></office:document-content>",
        )
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
        )
    return buffer.getvalue()


def sample_odt(paragraphs: list[str] | str = "Hello from an ODT") -> bytes:
    if isinstance(paragraphs, str):
        paragraphs = [paragraphs]
    body = "".join(f"<text:p>{escape(p)}</text:p>" for p in paragraphs)
    return _odf("application/vnd.oasis.opendocument.text", f"<office:text>{body}</office:text>")


def sample_ods(rows: list[list]) -> bytes:
    """An OpenDocument spreadsheet with one sheet; numbers are stored as float cells."""

    def cell(value) -> str:
        if isinstance(value, int | float):
            return (
                f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'

    table = "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows)
    return _odf(
        "application/vnd.oasis.opendocument.spreadsheet",
        f'<office:spreadsheet><table:table table:name="Sheet1">{table}</table:table></office:spreadsheet>',
    )


def sample_xlsx(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sample_csv(rows: list[list]) -> bytes:
    import csv

    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")
