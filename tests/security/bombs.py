"""Small files that unfold into huge ones (issue 7, defect 4), written to disk without holding them in memory."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

MB = 1024 * 1024
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _write_entry(archive: zipfile.ZipFile, name: str, head: bytes, chunk: bytes, size: int, tail: bytes = b""):
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    info._compresslevel = 9
    with archive.open(info, "w", force_zip64=True) as entry:
        entry.write(head)
        written = len(head)
        while written < size:
            entry.write(chunk)
            written += len(chunk)
        entry.write(tail)


def odt_mimetype_bomb(path: Path, size: int = 180 * MB) -> Path:
    """An ODT whose first entry, ``mimetype``, inflates to ``size`` bytes."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        _write_entry(archive, "mimetype", b"application/vnd.oasis.opendocument.text", b" " * MB, size)
        archive.writestr("content.xml", "<office:document-content/>")
    return path


def docx_bomb(path: Path, size: int = 50 * MB, *, one_paragraph: bool = False) -> Path:
    """A DOCX whose ``word/document.xml`` inflates to ``size`` bytes: many paragraphs, or one endless one."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        head = f'<w:document xmlns:w="{W}"><w:body>'.encode()
        if one_paragraph:
            _write_entry(
                archive,
                "word/document.xml",
                head + b"<w:p><w:r><w:t>",
                b"a" * MB,
                size,
                b"</w:t></w:r></w:p></w:body></w:document>",
            )
        else:
            paragraph = b"<w:p><w:r><w:t>word word word</w:t></w:r></w:p>" * 20000
            _write_entry(archive, "word/document.xml", head, paragraph, size, b"</w:body></w:document>")
    return path


def pdf_shared_stream_bomb(path: Path, pages: int = 5, stream_size: int = 2 * MB) -> Path:
    """A PDF of ``pages`` pages that all draw one ``stream_size``-byte content stream."""
    operators = b"BT /F1 12 Tf 72 720 Td (migration) Tj ET\n"
    content = zlib.compress(operators * (stream_size // len(operators)), 9)
    kids = " ".join(f"{3 + n} 0 R" for n in range(pages))
    stream_id, font_id = 3 + pages, 4 + pages
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        *[
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {stream_id} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
            for _ in range(pages)
        ],
        f"<< /Length {len(content)} /Filter /FlateDecode >>\nstream\n".encode() + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def pdf_object_stream_bomb(path: Path, size: int = 150 * MB) -> Path:
    """A PDF whose one object stream (holding its catalog) inflates to ``size`` bytes, written in pieces."""
    index = b"1 0\n"
    compressor = zlib.compressobj(9)
    with path.open("wb") as out:
        out.write(b"%PDF-1.5\n")
        start = out.tell()
        out.write(b"2 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>\nstream\n")
        out.write(compressor.compress(index + b"<< /Type /Catalog >>\n"))
        for _ in range(size // MB):
            out.write(compressor.compress(b" " * MB))
        out.write(compressor.flush() + b"\nendstream\nendobj\n")
        out.write(f"startxref\n{start}\n%%EOF\n".encode())
    return path
