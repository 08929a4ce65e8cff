"""File kinds, upload validation and text extraction (gcm_portal/core/files.py, gcm_portal/core/extract.py)."""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gcm_portal.core import extract, files
from gcm_portal.core.files import FILE_KINDS, FileKind, FileRejected, ZipDirectory, register_file_kind, validate_upload
from gcm_portal.core.samples import _odf, sample_csv, sample_docx, sample_ods, sample_odt, sample_pdf, sample_xlsx

ROWS = [["Country", "Count", "Share"], ["Ghana", 12, 12.5]]
EXPECTED_ROWS = [["Country", "Count", "Share"], ["Ghana", "12", "12.5"]]

SAMPLES = {
    "pdf": (lambda: sample_pdf(["Migration pathways report"]), "Migration pathways report"),
    "docx": (lambda: sample_docx("Heading words", ["Docx paragraph words"]), "Docx paragraph words"),
    "odt": (lambda: sample_odt(["Odt paragraph words"]), "Odt paragraph words"),
    "xlsx": (lambda: sample_xlsx(ROWS), "Ghana\t12\t12.5"),
    "ods": (lambda: sample_ods(ROWS), "Ghana\t12\t12.5"),
    "csv": (lambda: sample_csv(ROWS), "Ghana\t12\t12.5"),
}

ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def refusal(name: str, data: bytes, kinds: tuple[str, ...]) -> str:
    with pytest.raises(FileRejected) as raised:
        validate_upload(upload(name, data), kinds=kinds)
    [message] = raised.value.messages
    assert message
    return message


def archive(entries: dict[str, bytes], *, stored: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(
                zipfile.ZipInfo(name),
                data,
                compress_type=zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED,
            )
    return buffer.getvalue()


# The entries each archive kind requires, with the one a bomb replaces.
OFFICE = {
    "docx": ({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}, "word/document.xml"),
    "xlsx": ({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}, "xl/workbook.xml"),
    "ods": ({"mimetype": ODS_MIMETYPE.encode(), "content.xml": b"<doc/>"}, "content.xml"),
}


def office_archive(ext: str, *, bomb: bool) -> bytes:
    entries, main = OFFICE[ext]
    entries = dict(entries)
    if bomb:
        entries[main] = b"\0" * (5 * 1024 * 1024)  # deflates about 1000 times
    return archive(entries, stored=("mimetype",))


# ---------------------------------------------------------------------------
# Built-in kinds
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("ext", list(SAMPLES))
def test_every_builtin_kind_accepts_its_sample_and_extracts_its_text(ext):
    make, expected = SAMPLES[ext]
    data = make()
    kind = validate_upload(upload(f"sample.{ext}", data), kinds=(ext,))
    assert kind is FILE_KINDS[ext]
    assert kind.extension == ext
    assert expected in FILE_KINDS[ext].extract(io.BytesIO(data))


@pytest.mark.parametrize("ext", ["xlsx", "ods", "csv"])
def test_read_rows_returns_the_rows_with_numbers_as_text(ext):
    data = SAMPLES[ext][0]()
    assert list(extract.read_rows(io.BytesIO(data), ext)) == EXPECTED_ROWS


def test_an_upload_is_rewound_after_validation():
    file = upload("a.pdf", sample_pdf())
    validate_upload(file)
    assert file.tell() == 0


# ---------------------------------------------------------------------------
# Refusals
# ---------------------------------------------------------------------------


def test_a_pdf_named_docx_is_refused():
    message = refusal("report.docx", sample_pdf(), ("pdf", "docx"))
    assert "report.docx" in message and "DOCX" in message


def test_an_html_page_named_csv_is_refused():
    message = refusal("data.csv", b"<!DOCTYPE html><html><script>alert(1)</script></html>", ("csv",))
    assert "data.csv" in message and "CSV" in message
    refusal("data.csv", b"  <HTML><body>hi</body></HTML>", ("csv",))


def test_a_csv_with_nul_bytes_is_refused():
    assert "data.csv" in refusal("data.csv", b"a,b\n1,\x002\n", ("csv",))


def test_a_csv_cut_inside_a_character_at_the_sample_size_is_accepted():
    head = b"a," * (32 * 1024 - 1) + b"x"  # 65535 bytes: "é" straddles the 64 KiB sample
    validate_upload(upload("long.csv", head + "é,b\n".encode()), kinds=("csv",))


def test_a_csv_that_is_not_utf8_is_refused():
    refusal("latin1.csv", "José,1\nAna,2\n".encode("latin-1"), ("csv",))


@pytest.mark.parametrize("data", ["Ana,2\nJosé".encode("latin-1"), b"a,b\n1,2\xff"])
def test_a_csv_whose_last_bytes_are_not_utf8_is_refused(data):
    refusal("tail.csv", data, ("csv",))


def test_an_xlsx_without_its_workbook_is_refused():
    data = archive({"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": b"<sheet/>"})
    assert "book.xlsx" in refusal("book.xlsx", data, ("xlsx",))


def test_an_extension_that_is_not_accepted_is_refused():
    message = refusal("sample.odt", sample_odt(), ("pdf", "docx"))
    assert "PDF" in message and "Word (DOCX)" in message


def test_an_empty_or_oversized_file_is_refused(settings):
    assert "empty" in refusal("empty.pdf", b"", ("pdf",))
    settings.UPLOAD_MAX_BYTES = 100
    assert "at most" in refusal("big.pdf", sample_pdf(), ("pdf",))


# ---------------------------------------------------------------------------
# Archive caps
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("ext", ["docx", "xlsx", "ods"])
def test_an_archive_whose_entry_inflates_a_thousand_times_is_refused(ext):
    # the same archive with a small entry passes: the refusal is the ratio's
    validate_upload(upload(f"fine.{ext}", office_archive(ext, bomb=False)), kinds=(ext,))
    bomb = office_archive(ext, bomb=True)
    assert len(bomb) < 50 * 1024
    assert ZipDirectory.read(io.BytesIO(bomb)) is None
    assert f"bomb.{ext}" in refusal(f"bomb.{ext}", bomb, (ext,))


def test_an_archive_with_too_many_entries_is_refused():
    entries, _main = OFFICE["docx"]
    many = {**entries, **{f"word/media/{i}.xml": b"" for i in range(files.MAX_ZIP_ENTRIES - len(entries))}}
    validate_upload(upload("at-cap.docx", archive(many)), kinds=("docx",))
    many["word/media/one-more.xml"] = b""
    assert len(many) == files.MAX_ZIP_ENTRIES + 1
    refusal("crowded.docx", archive(many), ("docx",))


@pytest.fixture
def zip_reads(monkeypatch):
    """The sizes asked of every archive entry read (``-1`` or ``None``: the whole entry)."""
    sizes: list = []
    original = zipfile.ZipExtFile.read

    def read(self, n=-1):
        sizes.append(n)
        return original(self, n)

    monkeypatch.setattr(zipfile.ZipExtFile, "read", read)
    return sizes


def test_an_ods_with_a_huge_mimetype_entry_is_refused_without_reading_it_whole(zip_reads):
    huge = (ODS_MIMETYPE + "x" * (5 * 1024 * 1024)).encode()
    data = archive({"mimetype": huge, "content.xml": b"<doc/>"}, stored=("mimetype",))
    refusal("huge.ods", data, ("ods",))
    # refused from the directory's declared size: never read beyond a few hundred bytes
    assert all(n is not None and 0 < n <= files.MIMETYPE_READ_BYTES for n in zip_reads)


def test_an_ods_with_a_huge_whitespace_padded_mimetype_entry_is_refused(zip_reads):
    huge = (ODS_MIMETYPE + " " * (5 * 1024 * 1024)).encode()
    data = archive({"mimetype": huge, "content.xml": b"<doc/>"}, stored=("mimetype",))
    refusal("padded.ods", data, ("ods",))


# ---------------------------------------------------------------------------
# The registry of kinds
# ---------------------------------------------------------------------------


def test_a_registered_kind_is_then_accepted(monkeypatch):
    monkeypatch.setattr(files, "FILE_KINDS", dict(files.FILE_KINDS))
    kind = FileKind(
        "gpx", "application/gpx+xml", "GPS track (GPX)", lambda handle: handle.read(4) == b"<gpx", lambda h: ""
    )
    register_file_kind(kind)
    assert validate_upload(upload("route.gpx", b"<gpx version='1.1'/>"), kinds=("gpx", "pdf")) is kind
    message = refusal("route.gpx", b"not a track", ("gpx",))
    assert "GPS track (GPX)" in message
    # documents still refuse it unless the caller names the kind
    refusal("route.gpx", b"<gpx version='1.1'/>", ("pdf",))


# ---------------------------------------------------------------------------
# Extraction caps
# ---------------------------------------------------------------------------


def test_ods_rows_expand_repeated_rows_within_max_rows(monkeypatch):
    row = '<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="string">'
    body = f"<office:spreadsheet><table:table>{row}<text:p>same</text:p></table:table-cell></table:table-row>"
    data = _odf(ODS_MIMETYPE, body + "</table:table></office:spreadsheet>")
    monkeypatch.setattr(extract, "MAX_ROWS", 500)
    rows = list(extract.read_rows(io.BytesIO(data), "ods"))
    assert len(rows) == 500 and rows[0] == ["same"]


def test_ods_repeated_cells_stay_within_max_columns_while_reading():
    cells = '<table:table-cell table:number-columns-repeated="200"/>' * 10_000
    table = '<table:table><table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
    data = _odf(
        ODS_MIMETYPE, f"<office:spreadsheet>{table}{cells}</table:table-row></table:table></office:spreadsheet>"
    )
    assert len(data) < 10_000
    tracemalloc.start()
    try:
        rows = list(extract.read_rows(io.BytesIO(data), "ods"))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert rows == [["x"]]
    assert peak < 4 * 1024 * 1024, f"reading a {len(data)}-byte file peaked at {peak / 1e6:.0f} MB"


@pytest.mark.parametrize(
    ("ext", "data"),
    [
        ("odt", lambda: sample_odt(["A" * 40, "B" * 40])),
        ("docx", lambda: sample_docx("T", ["A" * 40, "B" * 40])),
        ("pdf", lambda: sample_pdf(["A" * 40, "B" * 40])),
        ("csv", lambda: sample_csv([["A" * 40], ["B" * 40]])),
    ],
)
def test_max_text_chars_cuts_the_extracted_text(monkeypatch, ext, data):
    content = data()
    assert len(FILE_KINDS[ext].extract(io.BytesIO(content))) > 30
    monkeypatch.setattr(extract, "MAX_TEXT_CHARS", 30)
    text = FILE_KINDS[ext].extract(io.BytesIO(content))
    assert 0 < len(text) <= 30
    assert "B" not in text
