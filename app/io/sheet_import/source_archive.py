"""The checks every spreadsheet archive (.xlsx, .xlsm, .ods) passes before any part of it is parsed: declared
sizes, compression ratios, the real inflated sizes (streamed, so a lying header cannot help), no XML entity or
DOCTYPE declarations, and the number of cells. `source.check_archive` says which kind of archive it is.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from app.io.errors import JourneyFileError

ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
SAVE_AS = "open it in Excel or LibreOffice and save it as .xlsx, then import that"


class Limits(NamedTuple):
    max_bytes: int  # all members together, inflated
    max_ratio: int  # inflated/compressed size above which a large member is a zip bomb
    max_cells: int


def too_big() -> str:
    return "copy the journey map into a new workbook and import that"


def short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:120]


def opendocument_kind(path: Path, archive: zipfile.ZipFile) -> bytes:
    """The archive's `mimetype` (b'' when it has none but holds content.xml, as some writers leave it out)."""
    try:
        info = archive.getinfo("mimetype")
    except KeyError:
        return ODS_MIMETYPE if "content.xml" in archive.namelist() else b""
    if info.file_size > 200:
        return b""
    try:
        return archive.read(info)[:200].strip()
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise JourneyFileError(path, f"is damaged or truncated ({short(exc)}); {SAVE_AS}") from exc


def check_members(path: Path, archive: zipfile.ZipFile, holds_cells: Callable[[str], bool],
                  cell: re.Pattern[bytes], limits: Limits) -> None:
    """The checks every spreadsheet archive passes before anything is parsed: declared sizes, compression ratios,
    the real inflated sizes (streamed: a lying header cannot help), no XML entity or DOCTYPE declarations, and at
    most `limits.max_cells` cells (`cell` counted in the members `holds_cells` names)."""
    infos = archive.infolist()
    declared = sum(info.file_size for info in infos)
    if declared > limits.max_bytes:
        raise JourneyFileError(path, f"would inflate to {declared / 1e6:,.0f} MB; {too_big()}")
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise JourneyFileError(path, f"{info.filename} is compressed {ratio:,}:1 (a zip bomb?); {too_big()}")
    # Declared sizes can lie: inflate in a streaming way and stop as soon as a member exceeds its
    # declaration or the total cap. Count cells in the sheet XML while at it.
    total = 0
    cells = 0
    try:
        for info in infos:
            if info.is_dir():
                continue
            seen = 0
            is_sheet = holds_cells(info.filename)
            is_xml = info.filename.endswith((".xml", ".rels", ".vml"))
            tail = b""
            with archive.open(info) as member:
                while chunk := member.read(1 << 20):
                    if is_xml and (b"<!ENTITY" in tail + chunk or b"<!DOCTYPE" in tail + chunk):
                        raise JourneyFileError(
                            path, f"{info.filename} declares XML entities, which Journey Canvas refuses "
                                  f"(a possible attack); {SAVE_AS}")
                    seen += len(chunk)
                    total += len(chunk)
                    if seen > info.file_size or total > limits.max_bytes:
                        raise JourneyFileError(path, f"{info.filename} inflates beyond its declared size; {too_big()}")
                    if is_sheet:
                        cells += len(cell.findall(tail + chunk)) - len(cell.findall(tail))
                        if cells > limits.max_cells:
                            raise JourneyFileError(path, f"has more than {limits.max_cells:,} cells, far more than "
                                                         f"any journey map; {too_big()}")
                    tail = chunk[-32:]
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise JourneyFileError(path, f"is damaged or truncated ({short(exc)}); {SAVE_AS}") from exc
    except RuntimeError as exc:  # encrypted zip members
        raise JourneyFileError(path, f"is encrypted; remove the password and save it as .xlsx ({short(exc)})") from exc
