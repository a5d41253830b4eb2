"""A file attached to a PDF by an incremental update written directly, without parsing the PDF.

Opening the finished PDF with pypdf to add one attachment parsed every object of every page (a quarter
of a big map's export). A PDF that reportlab has just written has a plain layout: a classic cross-reference
table, a trailer naming its catalog, and a catalog without a name tree. For such a file this appends the
attachment, a name tree and a new catalog after `%%EOF`, with their own cross-reference section pointing back
at the first (`/Prev`), so the bytes reportlab wrote stay as they were. Anything else (a catalog that already
has names, a cross-reference stream, an update already appended, encryption) returns None and pypdf does the work.
"""

from __future__ import annotations

import re

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_TRAILER_ROOT = re.compile(rb"/Root\s+(\d+)\s+0\s+R")
_TRAILER_INFO = re.compile(rb"/Info\s+(\d+)\s+0\s+R")
_TRAILER_SIZE = re.compile(rb"/Size\s+(\d+)")
_TRAILER_ID = re.compile(rb"/ID\s*\[\s*(<[0-9a-fA-F]*>)\s*(<[0-9a-fA-F]*>)\s*\]")


def append_attachment(pdf: bytes, name: str, payload: bytes) -> bytes | None:
    """`pdf` with `payload` attached as the file `name`, or None when the PDF is not one this can update."""
    if pdf.count(b"%%EOF") != 1:
        return None  # updated before: leave it to pypdf
    end = _STARTXREF.search(pdf, max(0, len(pdf) - 64))
    if end is None:
        return None
    previous = int(end.group(1))
    if not pdf.startswith(b"xref", previous):
        return None  # a cross-reference stream
    trailer_at = pdf.find(b"trailer", previous)
    if trailer_at < 0:
        return None
    trailer = pdf[trailer_at:end.start()]
    root, size = _TRAILER_ROOT.search(trailer), _TRAILER_SIZE.search(trailer)
    if root is None or size is None or b"/Encrypt" in trailer:  # new strings would have to be encrypted
        return None
    catalog = _catalog_dict(pdf, int(root.group(1)))
    if catalog is None or b"/Names" in catalog:
        return None
    first = int(size.group(1))
    spec, names, stream = first, first + 1, first + 2
    title = _pdf_text(name)
    objects = {
        int(root.group(1)): catalog[:-2].rstrip() + b"\n/Names << /EmbeddedFiles %d 0 R >>\n>>" % names,
        spec: b"<<\n/Type /Filespec\n/F %s\n/UF %s\n/EF << /F %d 0 R /UF %d 0 R >>\n>>"
              % (title, title, stream, stream),
        names: b"<<\n/Names [ %s %d 0 R ]\n>>" % (title, spec),
        stream: b"<<\n/Type /EmbeddedFile\n/Length %d\n/Params << /Size %d >>\n>>\nstream\n%s\nendstream"
                % (len(payload), len(payload), payload),
    }
    out = bytearray(pdf)
    if not out.endswith(b"\n"):
        out += b"\n"
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref_at = len(out)
    out += b"xref\n"
    for number in sorted(offsets):  # one subsection per object: the catalog is far from the new ones
        out += b"%d 1\n%010d 00000 n\r\n" % (number, offsets[number])
    info = _TRAILER_INFO.search(trailer)
    ids = _TRAILER_ID.search(trailer)
    out += b"trailer\n<<\n/Size %d\n/Root %s 0 R\n" % (stream + 1, root.group(1))
    if info is not None:
        out += b"/Info %s 0 R\n" % info.group(1)
    if ids is not None:
        out += b"/ID [%s %s]\n" % (ids.group(1), ids.group(2))
    out += b"/Prev %d\n>>\nstartxref\n%d\n%%%%EOF\n" % (previous, xref_at)
    return bytes(out)


def _catalog_dict(pdf: bytes, number: int) -> bytes | None:
    """The catalog's dictionary text, `<< ... >>`, when it is a plain dictionary without nested ones."""
    match = re.search(rb"(?:^|[\r\n])%d 0 obj\s*(<<.*?>>)\s*endobj" % number, pdf, re.DOTALL)
    if match is None:
        return None
    body = match.group(1)
    if body.count(b"<<") != 1 or body.count(b">>") != 1 or b"(" in body or b"stream" in body:
        return None
    return body


def _pdf_text(text: str) -> bytes:
    """A PDF text string in UTF-16BE with its byte order mark, as hex: any title, no escaping rules."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"
