"""What a spreadsheet file really holds, whatever its extension says.

Web tools and colleagues send CSV text named `.xlsx`, workbooks named `.csv`, and maps saved as `.json`
under a spreadsheet's name. The first bytes tell them apart: a workbook is a zip archive (`PK`), a map is a
JSON object, a text table is text. The file is read by what it holds, and the import report says so; a file
whose bytes say nothing clear (empty, binary, XML or HTML) goes to its extension's reader, which names the
problem in one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.io.sheet_import.source_csv import utf16_without_bom

SUFFIX_KINDS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".ods": "ods", ".csv": "csv", ".tsv": "csv", ".txt": "csv"}
_HEAD_BYTES = 4096
_MAP_KEYS = (b'"schema_version"', b'"stages"', b'"lanes"', b'"cards"', b'"metadata"')
_TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_KIND_WORDS = {"xlsx": "an Excel workbook", "ods": "an OpenDocument spreadsheet (.ods)", "csv": "a text table (CSV)",
               "journey": "a Journey Canvas map"}
_READ_AS = {"xlsx": "read as a workbook", "ods": "read as an OpenDocument spreadsheet", "csv": "read as CSV",
            "journey": "opened as a map"}
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


@dataclass(frozen=True)
class Sniffed:
    """How to read a spreadsheet file: `kind` is 'xlsx', 'ods', 'csv' or 'journey'; `note` is set (a line for the
    import report) when its bytes overrule its extension."""

    kind: str
    note: str | None = None


def sniff_sheet_file(path: Path) -> Sniffed:
    """The kind of reader `path` needs, by its first bytes where they are clear, else by its extension."""
    by_name = SUFFIX_KINDS.get(path.suffix.lower(), "csv")
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError:
        return Sniffed(by_name)  # the reader says why it cannot be read
    by_content = bytes_kind(head)
    if by_content == "xlsx" and _ODS_MIMETYPE not in head:
        by_content = _archive_kind(path)
    if by_content is None or by_content == by_name:
        return Sniffed(by_name)
    return Sniffed(by_content, f"{path.name} holds {_KIND_WORDS[by_content]}, not {_KIND_WORDS[by_name]} as its "
                               f"name says: {_READ_AS[by_content]}")


def bytes_kind(head: bytes) -> str | None:
    """'xlsx', 'ods', 'journey' or 'csv' when a file's first bytes clearly show one; None when they do not. An
    .ods archive begins with its `mimetype` member, stored uncompressed; any other zip archive is taken for an
    .xlsx here (`sniff_sheet_file` looks at its members)."""
    if head.startswith(b"PK\x03\x04"):
        return "ods" if head[30:38] == b"mimetype" and _ODS_MIMETYPE in head[38:200] else "xlsx"
    body = head
    for bom in _TEXT_BOMS:
        body = body.removeprefix(bom)
    if head.startswith(_TEXT_BOMS[1:]):
        return "csv"  # UTF-16 text: only tables are saved so (Excel's "Unicode text")
    body = body.lstrip(b" \t\r\n")
    if b"\x00" in body:  # UTF-16 text without a byte order mark, or binary (an .xls, an encrypted workbook)
        return "csv" if utf16_without_bom(body) else None
    if not body:
        return None  # empty: the extension's reader says so
    if body.startswith(b"{"):
        return "journey" if any(key in body for key in _MAP_KEYS) else None
    if body.startswith(b"<"):
        return None  # XML or HTML: not a table this program reads; the workbook reader says what it is
    return "csv"


def _archive_kind(path: Path) -> str:
    """'ods' for a zip archive holding content.xml and no Excel workbook (an .ods whose mimetype is not first),
    else 'xlsx' (the workbook reader names what any other archive is)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "xlsx"
    return "ods" if "content.xml" in names and "xl/workbook.xml" not in names else "xlsx"


def not_a_workbook(head: bytes) -> str:
    """What a file named as a workbook holds instead, as far as its first bytes tell."""
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"urn:schemas-microsoft-com:office:spreadsheet" in lowered:
        return "is an Excel 2003 XML spreadsheet, not an .xlsx workbook"
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<table" in lowered:
        return "is a web page (an HTML table, as some web tools save 'Excel' downloads), not an Excel workbook"
    return "is not an Excel workbook (no .xlsx archive inside)"
