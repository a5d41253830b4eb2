"""Autosave and crash recovery.

While a map has unsaved changes, it is written (atomically) to a recovery file in
`platformdirs.user_data_dir("journey-canvas")/recovery`, a second or two after each change. The file
is one JSON header line (format marker, pid, original path, time, title) followed by the map in
the `.journey` text, so reading it back goes through the same validation and migrations as a
normal open. The file is removed when the map is saved, closed or discarded; one left behind by
a process that no longer runs is a crashed session the next start offers to restore.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QObject, QTimer

from app.io.atomic import write_bytes_atomic
from app.io.errors import JourneyFileError
from app.io.journey.file import dumps_journey, loads_journey
from app.model.journey import JourneyMap

MARKER = "journey-canvas-recovery"
VERSION = 1
SUFFIX = ".recovery"
DEBOUNCE_MS = 1000
"""Quiet time after a change before writing; a burst of edits still writes within MAX_DELAY_S."""
MAX_DELAY_S = 2.0


def recovery_dir() -> Path:
    """Read from the environment on every call, so tests that redirect XDG_DATA_HOME are honoured."""
    import platformdirs  # when a recovery file is first named, not at the editor's start

    return Path(platformdirs.user_data_dir("journey-canvas", appauthor=False)) / "recovery"


class RecoveryFile(NamedTuple):
    """An autosaved copy left by an editor that did not close normally."""

    path: Path
    pid: int
    original_path: Path | None
    saved_at: datetime
    title: str

    def describe(self) -> str:
        where = self.original_path.name if self.original_path else "an unsaved map"
        return f"{self.title!r} ({where}), last changed {self.saved_at.astimezone():%Y-%m-%d %H:%M}"


def new_recovery_path() -> Path:
    return recovery_dir() / f"{os.getpid()}-{secrets.token_hex(4)}{SUFFIX}"


def write_recovery(path: Path, journey: JourneyMap, original_path: Path | None) -> None:
    header = {
        "format": MARKER,
        "version": VERSION,
        "pid": os.getpid(),
        "original_path": str(original_path) if original_path else None,
        "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "title": journey.metadata.title,
    }
    data = json.dumps(header, ensure_ascii=False) + "\n" + dumps_journey(journey)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_bytes_atomic(path, data.encode("utf-8"))


def read_header(path: Path) -> RecoveryFile:
    try:
        with open(path, encoding="utf-8") as handle:
            header = json.loads(handle.readline())
        if not isinstance(header, dict) or header.get("format") != MARKER:
            raise ValueError("not a recovery file")
        original = header.get("original_path")
        return RecoveryFile(path, int(header["pid"]), Path(original) if original else None,
                            datetime.fromisoformat(header["saved_at"]), str(header.get("title", "")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise JourneyFileError(path, f"is not a readable recovery file ({exc})") from exc


def read_recovery(path: Path) -> tuple[RecoveryFile, JourneyMap]:
    info = read_header(path)
    text = path.read_text(encoding="utf-8")
    return info, loads_journey(text.partition("\n")[2], path)


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs (a zombie, killed but not yet reaped, counts as dead)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError):
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rpartition(")")[2].split()[0] != "Z"
    return True


def orphaned_recoveries() -> list[RecoveryFile]:
    """Recovery files whose process is gone, newest first. Unreadable ones are skipped."""
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"*{SUFFIX}"):
        if path.name.startswith("."):  # a temporary file of an interrupted atomic write
            continue
        try:
            info = read_header(path)
        except JourneyFileError:
            continue
        if info.pid != os.getpid() and not pid_alive(info.pid):
            found.append(info)
    return sorted(found, key=lambda info: info.saved_at, reverse=True)


def discard(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


class Autosaver(QObject):
    """Keeps one document's recovery file up to date. The document needs `journey`, `path`,
    `modified`, `modifiedChanged` and `undo_stack` (a JourneyDocument)."""

    def __init__(self, document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._path: Path | None = None
        self._first_pending: float | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.write_now)
        document.modifiedChanged.connect(self._on_document_changed)
        document.undo_stack.indexChanged.connect(self._on_document_changed)
        document.replaced.connect(self._on_document_changed)
        self.last_error: str | None = None
        self.draft: Callable[[], JourneyMap | None] | None = None
        """The map with what is being typed on the canvas and not yet added (None: nothing), so a crash in the
        middle of a card loses no word of it; call `schedule` when that text changes."""

    @property
    def path(self) -> Path:
        """This window's recovery file, named when first needed (the editor's first paint does not wait for it)."""
        if self._path is None:
            self._path = new_recovery_path()
        return self._path

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def schedule(self) -> None:
        """Something to write changed outside the document (the text being typed on the canvas)."""
        self._on_document_changed()

    def _on_document_changed(self, *_args) -> None:
        now = time.monotonic()
        if self._first_pending is None:
            self._first_pending = now
        if now - self._first_pending >= MAX_DELAY_S:
            self.write_now()
        else:
            self._timer.start()

    def write_now(self) -> None:
        """Write the recovery file if there is unsaved work, else remove it."""
        self._timer.stop()
        self._first_pending = None
        draft = self.draft() if self.draft is not None else None
        if not self._document.modified and draft is None:
            self.remove()
            return
        try:
            write_recovery(self.path, draft if draft is not None else self._document.journey, self._document.path)
            self.last_error = None
        except (OSError, JourneyFileError) as exc:  # a full disk must not stop the editing
            self.last_error = str(exc)

    def remove(self) -> None:
        self._timer.stop()
        self._first_pending = None
        if self._path is not None:  # never named: nothing was written
            discard(self._path)
