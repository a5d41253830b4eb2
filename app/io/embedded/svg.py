"""The map in an SVG drawing: a `<metadata>` element right after the opening `<svg>` tag."""

from __future__ import annotations

import re
from pathlib import Path

from app.io.embedded.payload import MAP_ELEMENT, MAP_NAMESPACE, NO_MAP, check_deliverable, map_from_xml_text, map_xml
from app.io.errors import JourneyFileError
from app.io.formats import ImportResult
from app.model.journey import JourneyMap

MAX_SVG_BYTES = 256 * 1024 * 1024
_SVG_OPEN = re.compile(rb"<svg\b[^>]*>")


def embed_in_svg(path: Path, journey: JourneyMap, snapshots: bool = False) -> None:
    """Insert the map as SVG metadata into the drawing at `path` (a temporary file being written)."""
    data = path.read_bytes()
    match = _SVG_OPEN.search(data)
    if match is None:
        raise JourneyFileError(path, "is not an SVG drawing; the map could not be embedded")
    metadata = f"\n<metadata>{map_xml(journey, snapshots=snapshots)}</metadata>".encode()
    path.write_bytes(data[: match.end()] + metadata + data[match.end():])


def read_svg(path: Path) -> ImportResult:
    """The map an exported SVG carries, or a one-line error when it carries none."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, parse

    check_deliverable(path, MAX_SVG_BYTES)
    try:
        root = parse(path).getroot()
    except DefusedXmlException as exc:
        raise JourneyFileError(path, "declares XML entities or a document type, which Journey Canvas refuses "
                                     "(a possible attack); export the drawing again") from exc
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        where = f" (line {line}, column {column + 1})" if line else ""
        raise JourneyFileError(path, f"is not a readable SVG file: damaged or cut short{where}") from exc
    except ValueError as exc:
        raise JourneyFileError(path, f"is not a readable SVG file ({exc})") from exc
    for element in root.iter(f"{{{MAP_NAMESPACE}}}{MAP_ELEMENT}"):
        return ImportResult(map_from_xml_text(element.text or "", path))
    raise JourneyFileError(path, NO_MAP)
