"""Checks that a freshly written file is complete before it replaces the old one.

Each check takes the temporary file and raises `IncompleteOutput` (one line) when the file is cut
off or malformed: a full disk or a writer that fails silently must never replace a good file with a
broken one. The checks read the structure, not the whole content: they stay fast on big files.
A format registers its check as `FileFormat.verifier` ("module:function"); a new writer (PowerPoint,
for example) adds one there, e.g. `verify_zip_parts` with its main parts.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree


class IncompleteOutput(ValueError):
    """The written file is not a complete file of its format."""


def verify_nonempty(path: Path) -> int:
    size = path.stat().st_size
    if size == 0:
        raise IncompleteOutput("the writer produced an empty file (is the disk full?)")
    return size


def verify_svg(path: Path) -> None:
    """A well-formed XML document whose root is <svg>."""
    verify_nonempty(path)
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as exc:
        raise IncompleteOutput(f"the SVG written is not complete XML ({exc}); is the disk full?") from exc
    if not root.tag.endswith("svg"):
        raise IncompleteOutput("the SVG written has no <svg> root element")


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def verify_png(path: Path) -> None:
    """The PNG signature, every chunk whole with a matching CRC, and IEND last."""
    size = verify_nonempty(path)
    with path.open("rb") as handle:
        if handle.read(8) != PNG_SIGNATURE:
            raise IncompleteOutput("the PNG written has no PNG signature")
        position = 8
        while True:
            header = handle.read(8)
            if len(header) < 8:
                raise IncompleteOutput("the PNG written is cut off before its end (no IEND chunk); is the disk full?")
            length, kind = struct.unpack(">I4s", header)
            if position + 12 + length > size:
                raise IncompleteOutput("the PNG written is cut off inside a chunk; is the disk full?")
            body = handle.read(length)
            (crc,) = struct.unpack(">I", handle.read(4))
            if zlib.crc32(kind + body) & 0xFFFFFFFF != crc:
                raise IncompleteOutput(f"the PNG written has a damaged {kind.decode('latin-1')} chunk")
            position += 12 + length
            if kind == b"IEND":
                return


_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")


def verify_pdf(path: Path) -> None:
    """Ends with `startxref N %%EOF`, and N points at a cross-reference table or stream."""
    size = verify_nonempty(path)
    with path.open("rb") as handle:
        if handle.read(5) != b"%PDF-":
            raise IncompleteOutput("the PDF written does not start with a PDF header")
        handle.seek(max(0, size - 1024))
        tail = handle.read()
        match = _STARTXREF.search(tail)
        if match is None:
            raise IncompleteOutput("the PDF written is cut off (no %%EOF at its end); is the disk full?")
        offset = int(match.group(1))
        if offset >= size:
            raise IncompleteOutput("the PDF written points its cross-reference table past its end")
        handle.seek(offset)
        head = handle.read(64)
    if not (head.startswith(b"xref") or re.match(rb"\d+\s+\d+\s+obj", head)):
        raise IncompleteOutput("the PDF written has no cross-reference table where it says")


def verify_zip_parts(path: Path, parts: tuple[str, ...]) -> None:
    """A complete zip archive (central directory and CRCs) holding the given parts."""
    verify_nonempty(path)
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            missing = [p for p in parts if p not in names]
            if missing:
                raise IncompleteOutput(f"the file written lacks {', '.join(missing)}")
            bad = archive.testzip()
            if bad is not None:
                raise IncompleteOutput(f"the file written has a damaged part {bad}")
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise IncompleteOutput(f"the file written is not a complete zip archive ({exc}); is the disk full?") from exc


def verify_xlsx(path: Path) -> None:
    verify_zip_parts(path, ("[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"))


def verify_pptx(path: Path) -> None:
    """For the PowerPoint writer: the package parts every deck has."""
    verify_zip_parts(path, ("[Content_Types].xml", "ppt/presentation.xml"))


def verify_utf8_text(path: Path) -> None:
    verify_nonempty(path)
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IncompleteOutput(f"the text written is not complete UTF-8 (byte {exc.start})") from exc
