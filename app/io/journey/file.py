"""The native `.journey` format: UTF-8 JSON, stable key order, 2-space indent, atomic saves."""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from app.io.atomic import write_bytes_atomic
from app.io.errors import JourneyFileError, check_input_file
from app.io.formats import ImportResult
from app.io.journey.blobs import BLOBS_KEY, share_blobs
from app.io.journey.fast_load import load_fast
from app.io.journey.migrations import MigrationError, migrate
from app.model.journey import JourneyMap

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Refuse larger files before reading them: no real map comes near this."""

MAX_NESTING = 64
"""A real map nests about eight levels deep; anything past this is junk or an attack."""

MAX_INT_DIGITS = 30
"""No number in a map needs more digits; longer ones are refused before Python converts them."""


@functools.cache
def _null_value() -> re.Pattern[str]:
    """A null written as a value: its own line, or after a key (a raw newline never occurs inside a JSON string)."""
    return re.compile(r"(?:: |^ *)null,?$", re.MULTILINE)


def dumps_journey(journey: JourneyMap) -> str:
    """The file text: keys in model order, None fields left out, 2-space indent, unescaped non-ASCII,
    final newline. Photos stored more than once (in snapshots) are kept once, in a `blobs` table
    (`blobs.py`). Pydantic's serializer writes the text ten times faster than `json.dumps` does."""
    text = journey.model_dump_json(indent=2, exclude_none=True)
    if "null" in text and _null_value().search(text):
        # None fields are left out, so a null here is a NaN or infinity that got past validation, which
        # pydantic writes as null: json.dumps refuses it (ValueError) instead of saving another number.
        return _dumps_slowly(journey.model_dump(mode="json", exclude_none=True))
    if '"photo": {' in text:  # rare: only then can a photo be stored twice
        raw = json.loads(text)
        if BLOBS_KEY in share_blobs(raw):
            return json.dumps(raw, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    return text + "\n"


def _dumps_slowly(data: dict[str, Any]) -> str:
    return json.dumps(share_blobs(data), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def encode_journey(journey: JourneyMap, path: Path | str | None = None) -> bytes:
    """The file's bytes, refused when they would make a file too large to open again."""
    data = dumps_journey(journey).encode("utf-8")
    check_save_size(len(data), path)
    return data


def check_save_size(size: int, path: Path | str | None) -> None:
    """Writes and reads share one limit: never save a file that loading would refuse."""
    if size > MAX_FILE_BYTES:
        raise JourneyFileError(path, f"was not saved: it would be {mebibytes(size)}, more than the "
                                     f"{mebibytes(MAX_FILE_BYTES)} a map file can hold; delete some snapshots "
                                     "or use a smaller persona photo")


def mebibytes(size: int) -> str:
    """Sizes in one unit everywhere (1 MiB = 1,048,576 bytes), e.g. '64 MiB' or '68.3 MiB'."""
    if size < 1024 * 1024:
        return f"{size:,} bytes"
    value = size / (1024 * 1024)
    return f"{value:.0f} MiB" if value == int(value) else f"{value:.1f} MiB"


def save_journey(journey: JourneyMap, path: Path | str) -> list[str]:
    """Write the map atomically: the old file survives any failure or crash. Returns notes for the user
    (a hard link that now points at the previous version)."""
    path = Path(path)
    notes: list[str] = []
    data = encode_journey(journey, path)
    try:
        write_bytes_atomic(path, data, verify=lambda temp: _same_bytes(temp, data, path), notes=notes)
    except OSError as exc:
        raise JourneyFileError(path, f"could not be saved: {exc.strerror or exc}") from exc
    return notes


def _same_bytes(temp: Path, data: bytes, path: Path) -> None:
    if temp.read_bytes() != data:
        raise JourneyFileError(path, "was not saved: the file written is incomplete (is the disk full?); "
                                     "the previous file is unchanged")


def read_journey_bytes(path: Path | str) -> bytes:
    """The bytes of a `.journey` file, after checking it is a regular file within the size limit."""
    path = Path(path)
    size = check_input_file(path)
    if size > MAX_FILE_BYTES:
        raise JourneyFileError(path, f"is {mebibytes(size)}, more than the {mebibytes(MAX_FILE_BYTES)} "
                                     "a map file can hold")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except IsADirectoryError as exc:
        raise JourneyFileError(path, "is a folder, not a file") from exc
    except FileNotFoundError as exc:
        raise JourneyFileError(path, "does not exist") from exc
    except OSError as exc:
        raise JourneyFileError(path, f"could not be read: {exc.strerror or exc}") from exc
    if len(data) > MAX_FILE_BYTES:
        raise JourneyFileError(path, f"is more than the {mebibytes(MAX_FILE_BYTES)} a map file can hold")
    return data


def load_journey(path: Path | str) -> JourneyMap:
    """Read a `.journey` (or `.json`) file, upgrading old versions; errors are JourneyFileError."""
    path = Path(path)
    return loads_journey(read_journey_bytes(path), path)


def loads_journey(data: bytes | str, path: Path | str | None = None) -> JourneyMap:
    """Parse file content into a validated map."""
    with gc_paused(keep=True):
        return _parse(data, path)


def _parse(data: bytes | str, path: Path | str | None) -> JourneyMap:
    journey = load_fast(data, MAX_INT_DIGITS)
    if journey is not None:
        return journey
    return _parse_carefully(data, path)


def _parse_carefully(data: bytes | str, path: Path | str | None) -> JourneyMap:
    """Python's json with hooks that refuse duplicate keys and absurd numbers, then migrations: this reads
    old files and names every problem (the quick path hands it every file it cannot vouch for)."""
    text = _decode(data, path) if isinstance(data, bytes) else data
    if not text.strip():
        raise JourneyFileError(path, "is empty")
    try:
        raw = json.loads(text, parse_constant=_reject_constant, parse_int=_parse_int,
                         object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        raise JourneyFileError(path, _git_markers(text, path) or
                               f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from exc
    except RecursionError as exc:
        raise JourneyFileError(path, "is nested too deeply to be a journey map") from exc
    except ValueError as exc:
        raise JourneyFileError(path, str(exc)) from exc
    if not isinstance(raw, dict):
        raise JourneyFileError(path, f"holds a JSON {_json_type(raw)}, not a journey map object")
    # No walk over a good map to measure its depth: the parser's recursion limit stops absurd nesting,
    # and the models accept no free-form JSON, so anything nested deeper than a map fails validation;
    # only then is the depth measured, to name the problem.
    try:
        raw = migrate(raw)
    except MigrationError as exc:
        raise JourneyFileError(path, str(exc)) from exc
    except RecursionError as exc:
        raise JourneyFileError(path, "is nested too deeply to be a journey map") from exc
    try:
        return JourneyMap.model_validate(raw)
    except ValidationError as exc:
        if _depth(raw) > MAX_NESTING:
            raise JourneyFileError(path, "is nested too deeply to be a journey map") from exc
        raise JourneyFileError(path, f"is not a valid journey map: {describe_validation_error(exc)}") from exc
    except RecursionError as exc:
        raise JourneyFileError(path, "is nested too deeply to be a journey map") from exc


def _git_markers(text: str, path: Path | str | None) -> str | None:
    """What to say of a map git merged as plain text: its conflict markers, and how to merge it by ids."""
    from app.io.journey.git_merge import conflict_marker_line

    line = conflict_marker_line(text.encode("utf-8", errors="replace"))
    if line is None:
        return None
    name = Path(path).name if path is not None else "FILE"
    return (f"holds git conflict markers (line {line}): its git merge is not finished; "
            f"'journey-canvas git-resolve {name}' (or opening it in the editor) merges the two versions by ids")


def describe_validation_error(exc: ValidationError) -> str:
    """The first problem of a pydantic error as 'path: message', plus how many more there are."""
    errors = exc.errors()
    first = errors[0]
    location = json_path(first.get("loc", ()))
    message = first.get("msg", "invalid").removeprefix("Value error, ")
    text = f"{location}: {message}" if location else message
    if len(errors) > 1:
        text += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    return text


def json_path(location: tuple[Any, ...] | list[Any]) -> str:
    """('stages', 2, 'name') -> 'stages[2].name'."""
    out = ""
    for part in location:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


_OTHER_FORMATS = (
    (b"PK\x03\x04", "is a zip archive (an Excel workbook or a PowerPoint file?), not a journey map; give it its own "
                     "extension (.xlsx, .pptx) to import it"),
    (b"%PDF-", "is a PDF, not a journey map; give it the .pdf extension to open the map a Journey Canvas PDF carries"),
    (b"\xd0\xcf\x11\xe0", "is an Office binary file (an old .xls or an encrypted workbook), not a journey map"),
)


def _decode(data: bytes, path: Path | str | None) -> str:
    for magic, problem in _OTHER_FORMATS:
        if data.startswith(magic):
            raise JourneyFileError(path, problem)
    if b"\x00" in data[:4096]:
        if _looks_like_utf32(data[:4096]):
            raise JourneyFileError(path, "is UTF-32 text; Journey Canvas files are UTF-8 (save it as UTF-8)")
        if _looks_like_utf16(data[:4096]):
            raise JourneyFileError(path, "is UTF-16 text; Journey Canvas files are UTF-8 (save it as UTF-8)")
        raise JourneyFileError(path, "is a binary file, not a journey map")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JourneyFileError(path, f"is not UTF-8 text (bad byte at position {exc.start})") from exc


def _looks_like_utf32(head: bytes) -> bool:
    """A UTF-32 BOM, or ASCII text with three zero bytes beside every character."""
    if head[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        return True
    words = len(head) // 4
    if words == 0:
        return False
    zeros = sum(head[i:i + 4].count(0) == 3 for i in range(0, words * 4, 4))
    return zeros / words > 0.9


def _looks_like_utf16(head: bytes) -> bool:
    """A BOM, or ASCII text with a zero byte beside every character."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    even, odd = head[0::2], head[1::2]
    if not odd:
        return False
    zero_even, zero_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    return (zero_odd > 0.9 and zero_even < 0.1) or (zero_even > 0.9 and zero_odd < 0.1)


@contextlib.contextmanager
def gc_paused(keep: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector: validating or exporting a big map builds thousands of
    small objects and no cycles, and the collector only slows it down (a 300-stage map validates
    in half the time without it).

    With `keep` (what was built stays: a loaded map), the objects made meanwhile join the oldest
    generation at once. Otherwise the first allocation after the pause would start a young-generation
    pass over every one of them (about 60 ms for a map of 22,400 cards, whose models, lists and field
    sets are all tracked), and a middle-generation pass later, only to find them alive; they are
    checked with the rest of the long-lived objects instead, and any cycle among them is still collected
    then. Skipped when something in the process froze objects on purpose (`gc.freeze`): unfreezing
    would undo that."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep and gc.get_freeze_count() == 0:
            gc.freeze()  # every tracked object to the permanent generation, the young counts to zero
            gc.unfreeze()  # ... and from there into the oldest generation
        if was_enabled:
            gc.enable()


def _reject_constant(name: str) -> float:
    raise ValueError(f"contains {name}, which is not a number a journey map can hold")


def _parse_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise ValueError(f"contains a number with {digits:,} digits, more than a journey map can hold")
    return int(text)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object as a dict, refusing a key given twice (one of the two values would vanish)."""
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        duplicate = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
        raise ValueError(f"has the key {duplicate!r} twice in one object; which value is meant is unclear")
    return result


def _json_type(value: Any) -> str:
    return {list: "array", str: "string", int: "number", float: "number", bool: "boolean"}.get(
        type(value), "null" if value is None else type(value).__name__
    )


def _depth(value: Any) -> int:
    """Nesting depth without recursion (so a hostile file cannot blow the stack)."""
    if not isinstance(value, dict | list):
        return 1
    deepest = 1
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:  # only containers go on the stack: a big map has far more scalars than containers
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if children:
            deepest = max(deepest, depth + 1)  # its children, scalar or not, sit one level deeper
            if deepest > MAX_NESTING:
                return deepest
            stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return deepest


def read_journey_file(path: Path) -> ImportResult:
    """The format registry's reader for `.journey` and `.json`."""
    return ImportResult(load_journey(path))


def write_journey_file(journey: JourneyMap, path: Path) -> list[str]:
    """The format registry's writer (the registry already writes atomically)."""
    path.write_bytes(encode_journey(journey, path))
    return []


def verify_journey_file(path: Path) -> None:
    """The registry's check of a written map: within the size limit and complete JSON."""
    from app.io.verify import IncompleteOutput, verify_nonempty

    size = verify_nonempty(path)
    check_save_size(size, path)
    try:
        json.loads(path.read_bytes())
    except ValueError as exc:
        raise IncompleteOutput(f"the map written is not complete JSON ({exc}); is the disk full?") from exc
