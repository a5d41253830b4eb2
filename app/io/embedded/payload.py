"""The map a deliverable carries: the `.journey` JSON, and how it sits in XML (SVG, PowerPoint)."""

from __future__ import annotations

import json
from pathlib import Path

from app.io.errors import JourneyFileError
from app.model.journey import JourneyMap

MAP_NAMESPACE = "urn:journey-canvas:map:1"
"""The XML namespace of the element that carries the map in SVG metadata and PowerPoint custom XML."""
MAP_ELEMENT = "map"
MAP_MEDIA_TYPE = "application/vnd.journey-canvas+json"
MAX_PAYLOAD_BYTES = 64 * 1024 * 1024
"""As for a `.journey` file: no real map comes near this."""

NO_MAP = ("has no editable map inside (it was exported without \"Include the editable map\", "
          "with --no-embed, or not by Journey Canvas)")


def check_deliverable(path: Path, max_bytes: int) -> None:
    """Refuse what is not a regular file (a FIFO would block the reader forever) or is absurdly large."""
    from app.io.errors import check_input_file

    size = check_input_file(path)
    if size > max_bytes:
        raise JourneyFileError(path, f"is {size / 1e6:.0f} MB, larger than any exported map")


def map_json(journey: JourneyMap, *, snapshots: bool = False, ascii_only: bool = False) -> str:
    """The `.journey` file text of `journey`; its snapshots only when `snapshots`.

    `ascii_only` escapes every non-ASCII character (JSON `\\uXXXX`), so the text is valid in any XML
    whatever the cards hold (XML cannot carry U+FFFE or control characters even as references).
    """
    from app.io.journey.file import dumps_journey

    if not isinstance(journey, JourneyMap):  # a bare JourneyContent (a snapshot's, a comparison's)
        journey = JourneyMap.model_validate(journey.model_dump())
    carried = journey if snapshots or not journey.snapshots else journey.model_copy(update={"snapshots": []})
    text = dumps_journey(carried)
    if ascii_only:
        text = json.dumps(json.loads(text), indent=2, ensure_ascii=True) + "\n"
    return text


def map_xml(journey: JourneyMap, *, snapshots: bool = False) -> str:
    """A standalone XML element carrying the map (for SVG metadata and PowerPoint custom XML)."""
    from xml.sax.saxutils import escape  # here, not at the top: it imports urllib.request (and ssl), which
    # the PDF export, the only other user of this module, would pay for at every start

    body = escape(map_json(journey, snapshots=snapshots, ascii_only=True))
    return f'<jc:{MAP_ELEMENT} xmlns:jc="{MAP_NAMESPACE}" media-type="{MAP_MEDIA_TYPE}">{body}</jc:{MAP_ELEMENT}>'


def map_from_xml_text(text: str, path: Path) -> JourneyMap:
    """The map in the text of a `map` element (already unescaped by the XML parser)."""
    return map_from_json(text, path)


def map_from_json(data: bytes | str, path: Path) -> JourneyMap:
    """Validate a carried map exactly like a `.journey` file (migrations, limits, one-line errors)."""
    from app.io.journey.file import loads_journey

    if len(data) > MAX_PAYLOAD_BYTES:
        raise JourneyFileError(path, "carries a map larger than any journey map can be")
    try:
        return loads_journey(data, path)
    except JourneyFileError as exc:
        raise JourneyFileError(path, f"carries a damaged map: it {exc.problem}") from exc
