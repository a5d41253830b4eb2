"""What the command-line commands share: the one-line error, exit codes, reading a map of any format,
versions named FILE@SNAPSHOT, .journey files updated under a lock."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from app.io.errors import JourneyFileError, check_input_file

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_CHECK_WARNINGS = 3


class CliError(Exception):
    """A problem to report on one line, with exit code 1."""


def read_source(path: Path | str, *, sheet: str | None = None, map_at: str | None = None, all_maps: bool = False,
                quiet: bool = False):  # -> ImportResult
    """The map in `path`, any readable format; the import report's lines go to stderr."""
    from app.io.formats import read_map

    if all_maps and map_at:
        raise CliError("choose one map (--map CELL) or all of them as personas (--all-maps), not both")
    takes = source_format(Path(path)).read_options
    if all_maps and not takes >= {"all_maps"}:
        raise CliError(f"{Path(path).name}: --all-maps reads several maps of a sheet; use it with .xlsx, .ods or .csv "
                       "files")
    given = (("--sheet", "sheet", sheet is not None), ("--map", "map_at", map_at is not None))
    ignored = [flag for flag, name, present in given if present and name not in takes]
    if ignored:
        print(f"warning: {' and '.join(ignored)} {'does' if len(ignored) == 1 else 'do'} not apply to "
              f"{Path(path).suffix.lower() or 'these'} files; {'it was' if len(ignored) == 1 else 'they were'} ignored",
              file=sys.stderr)
    result = read_map(Path(path), sheet=sheet, map_at=map_at, all_maps=all_maps or None)
    if not quiet or result.report:
        from app.io.sheet_import.report import as_text_lines

        for line in as_text_lines(result.report):
            print(f"import: {line}", file=sys.stderr)
    return result



def source_format(path: Path):  # -> FileFormat
    """The format that reads `path`; a folder or a missing file is named as such whatever its extension."""
    from app.io.formats import format_for

    try:
        return format_for(path, for_writing=False)
    except JourneyFileError:
        check_input_file(path)
        raise


def load_native(path: Path | str):  # -> JourneyMap
    """A map that can hold snapshots: only .journey (and its .json twin) files."""
    from app.io.formats import format_for
    from app.io.journey.file import load_journey

    if format_for(path, for_writing=False).name != "journey":
        raise CliError(f"{Path(path).name}: snapshots live only in .journey files; convert it to .journey first")
    return load_journey(path)


def locked_native(path: Path | str):  # -> contextlib manager of LockedUpdate
    """A .journey file opened for read-modify-write under an OS lock (no lost update)."""
    from app.io.formats import format_for
    from app.io.journey.lock import locked_update

    if format_for(path, for_writing=False).name != "journey":
        raise CliError(f"{Path(path).name}: snapshots live only in .journey files; convert it to .journey first")
    return locked_update(path)


def print_notes(notes: list[str]) -> None:
    for note in notes:
        print(f"warning: {note}", file=sys.stderr)


def version(spec: str):  # -> JourneyContent
    """FILE (any readable format), FILE@NAME (a snapshot in a .journey file) or FILE@ (its latest)."""
    from app.model.snapshots import SnapshotError, find_snapshot, latest_snapshot

    if Path(spec).exists() or "@" not in spec:
        return read_source(spec, quiet=True).journey
    for at in (i for i, char in enumerate(spec) if char == "@"):
        path, name = spec[:at], spec[at + 1:]
        if Path(path).is_file():
            journey = load_native(path)
            try:
                return (find_snapshot(journey, name) if name else latest_snapshot(journey)).content
            except SnapshotError as exc:
                raise CliError(f"{Path(path).name}: {exc}") from exc
    raise CliError(f"{spec}: does not exist (as a file, or as FILE@SNAPSHOT)")


def merge_input(spec: str):  # -> JourneyContent
    """A merge input: FILE, FILE@SNAPSHOT, or a file of any name holding a map (git's temporary
    %O %A %B files have no extension); an empty file is an empty map (git's base when there is none)."""
    from app.io.formats import format_for
    from app.io.journey.file import load_journey
    from app.model.journey import JourneyContent

    path = Path(spec)
    if path.is_file() and path.stat().st_size == 0:
        return JourneyContent()
    try:
        format_for(path, for_writing=False)
    except JourneyFileError:
        if path.is_file():
            return load_journey(path)
    return version(spec)


@contextlib.contextmanager
def copy_named(name: str | None, role: str):  # -> Iterator[None]
    """With --name (git's %P), an unreadable input is named by the map's path and its role, not by git's
    temporary file ('.merge_file_Riq869: is nested too deeply' said neither which map nor which copy)."""
    try:
        yield
    except JourneyFileError as exc:
        if not name:
            raise
        raise JourneyFileError(None, f"{name} ({role}): {exc.problem}") from exc


