"""The map in a PDF: an embedded file (a PDF attachment) named after the map, `<title>.journey`.

It is appended to the finished PDF as an incremental update (pypdf), so the pages reportlab wrote
are kept byte for byte; any PDF viewer lists the attachment and can save it as a `.journey` file.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from app.io.embedded.payload import NO_MAP, check_deliverable, map_from_json, map_json
from app.io.errors import JourneyFileError
from app.io.formats import ImportResult
from app.model.journey import JourneyMap

MAX_PDF_BYTES = 512 * 1024 * 1024
ATTACHMENT_SUFFIX = ".journey"


def attachment_name(title: str) -> str:
    """A file name for the attachment: the title without characters file systems refuse."""
    stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", title).strip(" .")[:80] or "journey map"
    return stem + ATTACHMENT_SUFFIX


def embed_in_pdf(path: Path, journey: JourneyMap, snapshots: bool = False) -> None:
    """Attach the map to the PDF at `path` (a temporary file being written)."""
    from app.io.embedded.pdf_append import append_attachment

    name, payload = attachment_name(journey.metadata.title), map_json(journey, snapshots=snapshots).encode()
    pdf = path.read_bytes()
    updated = append_attachment(pdf, name, payload)  # reportlab's plain PDF: no need to parse it
    if updated is not None:
        path.write_bytes(updated)
        return
    from pypdf import PdfWriter

    writer = PdfWriter(io.BytesIO(pdf), incremental=True)
    writer.add_attachment(name, payload)
    out = io.BytesIO()
    writer.write(out)
    path.write_bytes(out.getvalue())


def read_pdf(path: Path) -> ImportResult:
    """The map an exported PDF carries, or a one-line error when it carries none."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    check_deliverable(path, MAX_PDF_BYTES)
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns on stderr about harmless oddities
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise JourneyFileError(path, "is an encrypted PDF; open it without a password first")
        for name, contents in reader.attachments.items():
            if name.lower().endswith(ATTACHMENT_SUFFIX) and contents:
                return ImportResult(map_from_json(contents[-1], path))
    except JourneyFileError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError, OSError) as exc:
        raise JourneyFileError(path, f"is not a readable PDF: {_pdf_problem(exc)}") from exc
    raise JourneyFileError(path, NO_MAP)


def _pdf_problem(exc: BaseException) -> str:
    """What went wrong reading a PDF, in words a user can act on (pypdf's own words are for developers)."""
    text = str(exc).lower()
    if "ended unexpectedly" in text or "eof" in text or "startxref" in text or "truncated" in text:
        return "it is cut short or damaged (a download or copy that did not finish?); get the whole file again"
    if isinstance(exc, RecursionError):
        return "its structure is nested too deeply (a damaged or hostile file)"
    return f"it is damaged ({type(exc).__name__}: {exc})"
