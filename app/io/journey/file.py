"""The native `.journey` format: UTF-8 JSON, stable key order, 2-space indent, atomic saves."""

from __future__ import annotations

import contextlib
import gc
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from app.io.atomic import write_bytes_atomic
from app.io.errors import JourneyFileError
from app.io.formats import ImportResult
from app.io.journey.migrations import MigrationError, migrate
from app.model.journey import JourneyMap

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Refuse larger files before reading them: no real map comes near this."""

MAX_NESTING = 64
"""A real map nests about eight levels deep; anything past this is junk or an attack."""


_NULL_VALUE = re.compile(r"(?:: |^ *)null,?$", re.MULTILINE)
"""A null written as a value: its own line, or after a key (a raw newline never occurs inside a JSON string)."""


def dumps_journey(journey: JourneyMap) -> str:
    """The file text: keys in model order, None fields left out, 2-space indent, unescaped non-ASCII,
    final newline. Pydantic's serializer writes it ten times faster than `json.dumps` does."""
    text = journey.model_dump_json(indent=2, exclude_none=True)
    if "null" in text and _NULL_VALUE.search(text):
        # None fields are left out, so a null here is a NaN or infinity that got past validation, which
        # pydantic writes as null: json.dumps refuses it (ValueError) instead of saving another number.
        data = journey.model_dump(mode="json", exclude_none=True)
        text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)
    return text + "\n"


def save_journey(journey: JourneyMap, path: Path | str) -> None:
    """Write the map atomically: the old file survives any failure or crash."""
    path = Path(path)
    try:
        data = dumps_journey(journey).encode("utf-8")
        write_bytes_atomic(path, data)
    except OSError as exc:
        raise JourneyFileError(path, f"could not be saved: {exc.strerror or exc}") from exc


def load_journey(path: Path | str) -> JourneyMap:
    """Read a `.journey` (or `.json`) file, upgrading old versions; errors are JourneyFileError."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise JourneyFileError(
                path,
                f"is {size / 1e6:.0f} MB, larger than any journey map can be "
                f"({MAX_FILE_BYTES // (1024 * 1024)} MB at most)",
            )
        data = path.read_bytes()
    except IsADirectoryError as exc:
        raise JourneyFileError(path, "is a folder, not a file") from exc
    except FileNotFoundError as exc:
        raise JourneyFileError(path, "does not exist") from exc
    except OSError as exc:
        raise JourneyFileError(path, f"could not be read: {exc.strerror or exc}") from exc
    return loads_journey(data, path)


def loads_journey(data: bytes | str, path: Path | str | None = None) -> JourneyMap:
    """Parse file content into a validated map."""
    with gc_paused():
        return _parse(data, path)


def _parse(data: bytes | str, path: Path | str | None) -> JourneyMap:
    text = _decode(data, path) if isinstance(data, bytes) else data
    if not text.strip():
        raise JourneyFileError(path, "is empty")
    try:
        raw = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise JourneyFileError(path, f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from exc
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


def _decode(data: bytes, path: Path | str | None) -> str:
    if b"\x00" in data[:4096]:
        if _looks_like_utf16(data[:4096]):
            raise JourneyFileError(path, "is UTF-16 text; Journey Canvas files are UTF-8 (save it as UTF-8)")
        raise JourneyFileError(path, "is a binary file, not a journey map")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JourneyFileError(path, f"is not UTF-8 text (bad byte at position {exc.start})") from exc


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
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: validating or exporting a big map builds thousands of
    small objects and no cycles, and the collector only slows it down (a 300-stage map validates
    in half the time without it)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _reject_constant(name: str) -> float:
    raise ValueError(f"contains {name}, which is not a number a journey map can hold")


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
    path.write_bytes(dumps_journey(journey).encode("utf-8"))
    return []
