"""Which file formats Journey Canvas reads and writes, chosen by file extension.

Each format names its reader and writer as "module:function" strings so that nothing
heavy (openpyxl, reportlab, Qt) is imported until a file of that format is used.

- A reader is `read(path: Path, **options) -> ImportResult`; it never writes to `path`.
- A writer is `write(journey: JourneyMap, path: Path, **options) -> list[str]` (warnings).
  `write_map` hands it a temporary path beside the target and moves the result into
  place only on success, so a failed export never damages an existing file.
- A deliverable (PDF, SVG, PowerPoint) carries the map itself so that it reopens as a map: its
  `embedder` adds it to the finished temporary file (`embed=False` leaves it out, `embed_snapshots=True`
  keeps the snapshots in it); a writer that embeds the map itself takes `embed` as an option.
- A verifier is `verify(path: Path) -> None` (see `app.io.verify`): it raises when the file
  written is incomplete (a full disk), and the old file is then left untouched.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from app.io.atomic import atomic_path, resolve_target
from app.io.errors import JourneyFileError, check_input_file
from app.layout.theme_variants import deliverable_theme
from app.model.journey import JourneyMap


@dataclass
class ImportResult:
    """A map read from a file, with what the reader guessed or left out (one line each)."""

    journey: JourneyMap
    report: list[str] = field(default_factory=list)


class FileFormat(NamedTuple):
    """A file format the program reads or writes, and the options it takes."""

    name: str
    description: str
    extensions: tuple[str, ...]
    reader: str | None = None
    writer: str | None = None
    read_options: frozenset[str] = frozenset()
    write_options: frozenset[str] = frozenset()
    verifier: str | None = None
    embedder: str | None = None  # "module:function(path, journey, snapshots=False)", see app.io.embedded


FORMATS: tuple[FileFormat, ...] = (
    FileFormat(
        "journey",
        "Journey Canvas map",
        (".journey", ".json"),
        reader="app.io.journey.file:read_journey_file",
        writer="app.io.journey.file:write_journey_file",
        verifier="app.io.journey.file:verify_journey_file",
    ),
    FileFormat("xlsx", "Excel workbook", (".xlsx", ".xlsm"), reader="app.io.sheet_import.read_xlsx:read_xlsx",
               writer="app.io.xlsx_export.export:write_xlsx", read_options=frozenset({"sheet", "map_at", "all_maps"}),
               write_options=frozenset({"page_size"}), verifier="app.io.verify:verify_xlsx"),
    FileFormat("ods", "OpenDocument spreadsheet", (".ods",), reader="app.io.sheet_import.read_xlsx:read_xlsx",
               read_options=frozenset({"sheet", "map_at", "all_maps"})),
    FileFormat("csv", "CSV or text table", (".csv", ".tsv", ".txt"), reader="app.io.sheet_import.read_csv:read_csv",
               read_options=frozenset({"map_at", "all_maps"})),
    FileFormat("png", "PNG image of the map", (".png",), writer="app.io.image.export:write_png",
               write_options=frozenset({"scale"}), verifier="app.io.verify:verify_png"),
    FileFormat("svg", "SVG drawing of the map", (".svg",), writer="app.io.image.export:write_svg",
               verifier="app.io.verify:verify_svg", reader="app.io.embedded.svg:read_svg",
               embedder="app.io.embedded.svg:embed_in_svg"),
    FileFormat("mermaid", "Mermaid journey diagram", (".mmd", ".md"), reader="app.io.mermaid.read:read_mermaid",
               writer="app.io.mermaid.write:write_mermaid", verifier="app.io.verify:verify_utf8_text"),
    FileFormat("pdf", "PDF document", (".pdf",), writer="app.io.pdf.export:write_pdf",
               write_options=frozenset({"page_size", "orientation", "fit", "scale", "margin", "cover", "appendix",
                                        "channels", "progress"}),
               verifier="app.io.verify:verify_pdf", reader="app.io.embedded.pdf:read_pdf",
               embedder="app.io.embedded.pdf:embed_in_pdf"),
    FileFormat("pptx", "PowerPoint presentation", (".pptx",), writer="app.io.pptx.export:write_pptx",
               reader="app.io.pptx.embed:read_pptx", verifier="app.io.verify:verify_pptx",
               write_options=frozenset({"slide_size", "embed", "embed_snapshots", "progress"})),
)


def format_for(path: Path | str, *, for_writing: bool) -> FileFormat:
    """The format that handles this file's extension, or a JourneyFileError listing the choices."""
    path = Path(path)
    suffix = path.suffix.lower()
    capable = [f for f in FORMATS if (f.writer if for_writing else f.reader)]
    for file_format in capable:
        if suffix in file_format.extensions:
            return file_format
    verb = "write" if for_writing else "read"
    known = ", ".join(ext for f in capable for ext in f.extensions)
    if suffix == ".xls" and not for_writing:
        raise JourneyFileError(
            path,
            "is an old binary Excel file (.xls); open it in Excel or LibreOffice "
            "and save it as .xlsx, then import that",
        )
    what = f"{suffix!r} files" if suffix else "files without an extension"
    raise JourneyFileError(path, f"Journey Canvas cannot {verb} {what}; it can {verb}: {known}")


def read_map(path: Path | str, **options: Any) -> ImportResult:
    """Read any supported file into a map. Unknown options for the format are ignored."""
    path = Path(path)
    try:
        file_format = format_for(path, for_writing=False)
    except JourneyFileError:
        check_input_file(path)  # a missing file is missing, whatever its extension ('old.xls' said '.xls')
        raise
    check_input_file(path)
    note = None
    if file_format.name in ("xlsx", "ods", "csv"):  # a table named by its sender: read what the bytes hold
        from app.io.sheet_import.sniff import sniff_sheet_file

        sniffed = sniff_sheet_file(path)
        file_format, note = _format_named(sniffed.kind), sniffed.note
    reader = _resolve(file_format.reader)
    result = reader(path, **_pick(options, file_format.read_options))
    if note:
        result.report.insert(0, note)
    return result


def _format_named(name: str) -> FileFormat:
    return next(f for f in FORMATS if f.name == name)


def write_map(journey: JourneyMap, path: Path | str, **options: Any) -> list[str]:
    """Write a map in the format of `path`'s extension, atomically; returns warnings."""
    path = Path(path)
    file_format = format_for(path, for_writing=True)
    real = resolve_target(path)
    if real.is_dir():
        raise JourneyFileError(path, "is a folder, not a file")
    if real.exists() and not real.is_file():
        raise JourneyFileError(path, "is not a regular file (a device, pipe or socket); choose a file name")
    if not real.parent.exists():
        raise JourneyFileError(path, f"cannot be written: the folder {real.parent} does not exist")
    writer = _resolve(file_format.writer)
    verifier = _resolve(file_format.verifier) if file_format.verifier else None
    notes: list[str] = []
    temp: Path | None = None
    try:
        with deliverable_theme(), atomic_path(real, verify=verifying(verifier, path), notes=notes) as temp:
            warnings = writer(journey, temp, **_pick(options, file_format.write_options))
            if file_format.embedder and options.get("embed", True) is not False:
                _resolve(file_format.embedder)(temp, journey, snapshots=bool(options.get("embed_snapshots")))
    except OSError as exc:
        raise JourneyFileError(path, f"could not be written: {exc.strerror or exc}") from exc
    except JourneyFileError as exc:
        if temp is not None and exc.path is not None and exc.path.name == temp.name:
            raise JourneyFileError(path, exc.problem) from exc  # name the target, not the temporary file
        raise
    return [*(warnings or []), *notes]


def verifying(verifier: Callable[[Path], None] | None, target: Path) -> Callable[[Path], None] | None:
    """The format's check of a finished temporary file, reporting any problem under the target's name."""
    if verifier is None:
        return None

    def verify(temp: Path) -> None:
        from app.io.verify import IncompleteOutput

        try:
            verifier(temp)
        except IncompleteOutput as exc:
            raise JourneyFileError(target, f"was not written: {exc}; the previous file is unchanged") from exc
        except JourneyFileError as exc:
            raise JourneyFileError(target, f"was not written: {exc.problem}; the previous file is unchanged") from exc

    return verify


def _pick(options: dict[str, Any], allowed: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in options.items() if k in allowed and v is not None}


def _resolve(target: str | None) -> Callable[..., Any]:
    assert target is not None
    module_name, _, function_name = target.partition(":")
    return getattr(importlib.import_module(module_name), function_name)
