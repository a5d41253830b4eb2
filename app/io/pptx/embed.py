"""The map in a PowerPoint file: a custom XML part (`/customXml/journeyCanvasMap.xml`) related to the
presentation, the place Office keeps data that belongs to a document without showing it."""

from __future__ import annotations

import uuid
import zipfile
from pathlib import Path

from app.io.embedded.payload import MAP_ELEMENT, MAP_NAMESPACE, NO_MAP, check_deliverable, map_from_xml_text, map_xml
from app.io.errors import JourneyFileError
from app.io.formats import ImportResult
from app.model.journey import JourneyMap

PART_NAME = "/customXml/journeyCanvasMap.xml"
PROPS_PART_NAME = "/customXml/journeyCanvasMapProps.xml"
ITEM_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, MAP_NAMESPACE)).upper()
"""The data store item's id: unique within one file is all Office asks, and a fixed one keeps exports repeatable."""
MAX_PPTX_BYTES = 512 * 1024 * 1024
MAX_PART_BYTES = 64 * 1024 * 1024


def embed_in_presentation(presentation, journey: JourneyMap, snapshots: bool = False) -> None:
    """Relate a custom XML part carrying the map to the presentation part (before saving)."""
    from pptx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    package = presentation.part.package
    blob = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + map_xml(journey, snapshots=snapshots))
    part = Part(PackURI(PART_NAME), "application/xml", package, blob.encode("utf-8"))
    presentation.part.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_XML)
    # Its properties part makes it a data store item, the kind Office keeps when it saves the file again.
    props = (f'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
             f'<ds:datastoreItem ds:itemID="{{{ITEM_ID}}}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs>'
             f'<ds:schemaRef ds:uri="{MAP_NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>')
    props_part = Part(PackURI(PROPS_PART_NAME), CONTENT_TYPE.OFC_CUSTOM_XML_PROPERTIES, package, props.encode("utf-8"))
    part.relate_to(props_part, RELATIONSHIP_TYPE.CUSTOM_XML_PROPS)


def read_pptx(path: Path) -> ImportResult:
    """The map an exported deck carries, or a one-line error when it carries none."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    check_deliverable(path, MAX_PPTX_BYTES)
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if not info.filename.startswith("customXml/") or not info.filename.endswith(".xml"):
                    continue
                if info.file_size > MAX_PART_BYTES:
                    raise JourneyFileError(path, f"has a {info.file_size / 1e6:.0f} MB part {info.filename}; "
                                                 "too large to be a map")
                try:
                    root = fromstring(archive.read(info))
                except (ParseError, DefusedXmlException, ValueError):
                    continue  # someone else's custom XML: not ours
                if root.tag == f"{{{MAP_NAMESPACE}}}{MAP_ELEMENT}":
                    return ImportResult(map_from_xml_text(root.text or "", path))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise JourneyFileError(path, f"is not a readable PowerPoint file ({exc})") from exc
    raise JourneyFileError(path, NO_MAP)
