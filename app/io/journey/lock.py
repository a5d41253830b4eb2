"""Read-modify-write of a `.journey` file with no lost update.

    with locked_update(path) as update:
        update.save(take_snapshot(update.journey, "Workshop 1"))

The file is held under an exclusive OS lock (`fcntl.flock`) from the read to the atomic replace, so two
commands changing one file run one after the other and both changes land. A writer that takes no lock
(an editor, a sync tool) is caught by a content check: if the bytes on disk are no longer the ones
read, nothing is written and the command fails with one line.

The lock is taken on the file itself; an atomic save replaces that file, so a waiter that wakes up
holding the lock of a replaced file lets go and locks the new one. On Windows (no `fcntl`, and a locked
file cannot be replaced) the lock is `msvcrt.locking` on a hidden `.NAME.lock` file beside it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app.io.atomic import resolve_target
from app.io.errors import JourneyFileError
from app.io.journey.file import loads_journey, read_journey_bytes, save_journey
from app.model.journey import JourneyMap

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_WAIT_SECONDS = 30.0
"""How long a command waits for another one working on the same file before giving up."""


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class LockedUpdate:
    """A map read under the lock; `save` writes it back if the file still holds what was read."""

    path: Path
    journey: JourneyMap
    digest: str
    notes: list[str] = field(default_factory=list)

    def save(self, journey: JourneyMap) -> list[str]:
        check_unchanged(self.path, self.digest)
        self.notes.extend(save_journey(journey, self.path))
        return self.notes


def check_unchanged(path: Path, digest: str) -> None:
    """Raise when the file's content is no longer the one whose hash is `digest`."""
    try:
        current = content_hash(read_journey_bytes(path))
    except JourneyFileError as exc:
        raise JourneyFileError(path, f"changed on disk since it was read ({exc.problem}); nothing was written") from exc
    if current != digest:
        raise JourneyFileError(path, "changed on disk since it was read (another program saved it); nothing was "
                                     "written: run the command again")


@contextlib.contextmanager
def locked_update(path: Path | str, *, wait: float = LOCK_WAIT_SECONDS) -> Iterator[LockedUpdate]:
    """Read the map at `path` under an exclusive lock held until the block ends."""
    shown = Path(path)
    real = resolve_target(shown)
    read_journey_bytes(real)  # a clear error for a missing, special or oversized file before locking
    with _exclusive_lock(real, shown, wait):
        data = read_journey_bytes(real)
        yield LockedUpdate(real, loads_journey(data, shown), content_hash(data))


@contextlib.contextmanager
def _exclusive_lock(real: Path, shown: Path, wait: float) -> Iterator[None]:
    if fcntl is None:  # pragma: no cover - Windows
        with _windows_lock(real, shown, wait):
            yield
        return
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = os.open(real, os.O_RDONLY)
        except OSError as exc:
            raise JourneyFileError(shown, f"could not be opened: {exc.strerror or exc}") from exc
        try:
            _lock(fd, shown, deadline)
            if _same_file(fd, real):
                yield
                return
        finally:
            os.close(fd)  # releases the lock


def _lock(fd: int, shown: Path, deadline: float) -> None:
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise JourneyFileError(shown, "is being changed by another Journey Canvas command; "
                                              "try again when it has finished") from None
            time.sleep(0.02)
        except OSError:
            return  # a file system without locks: the content check still guards the update


@contextlib.contextmanager
def _windows_lock(real: Path, shown: Path, wait: float) -> Iterator[None]:  # pragma: no cover - Windows
    import msvcrt

    lock_path = real.with_name(f".{real.name}.lock")
    deadline = time.monotonic() + wait
    with open(lock_path, "a+b") as handle:
        while True:
            try:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise JourneyFileError(shown, "is being changed by another Journey Canvas command; "
                                                  "try again when it has finished") from None
                time.sleep(0.05)
        try:
            yield
        finally:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)


def _same_file(fd: int, real: Path) -> bool:
    """Whether the locked descriptor is still the file at `real` (not one an atomic save replaced)."""
    try:
        now = os.stat(real)
    except OSError:
        return False
    held = os.fstat(fd)
    return (held.st_dev, held.st_ino) == (now.st_dev, now.st_ino)
