"""Atomic file replacement: a reader sees the old file or the new one, never a torn one.

- Links are resolved first: saving through a symbolic link replaces the file it points to (the link
  stays a link); a hard-linked file is replaced atomically too, which unlinks it from its other names,
  so the caller is told (a note in `notes`).
- An optional `verify(temp)` check runs on the complete temporary file before it is moved into place;
  if it raises, the target is left exactly as it was.
- The temporary file is held under an OS lock while it is written, so leftovers of a killed save
  (hidden `.NAME.XXXX.tmp.EXT` files nobody holds) are recognised and removed at the next save.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

try:  # POSIX advisory locks; on Windows leftovers are recognised by age instead
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LEFTOVER_AGE_SECONDS = 3600
"""Without OS locks (Windows), a temporary file older than this is taken as a leftover."""


def resolve_target(target: Path | str) -> Path:
    """The real file a save to `target` must replace: symbolic links followed (even dangling ones)."""
    target = Path(target)
    if target.is_symlink():
        return Path(os.path.realpath(target))
    return target


@contextlib.contextmanager
def atomic_path(
    target: Path,
    *,
    verify: Callable[[Path], None] | None = None,
    notes: list[str] | None = None,
) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success it replaces `target` atomically.

    Whatever is written to the yielded path is checked by `verify` (if given) and flushed to disk
    before the rename. If the body or the check raises, the temporary file is removed and `target`
    is left exactly as it was. Notes for the user (a broken hard link) are appended to `notes`.
    """
    target = resolve_target(target)
    directory = target.parent if str(target.parent) else Path(".")
    remove_leftovers(target)
    # The temporary name keeps the suffix: some writers choose their format by it.
    fd, temp_name = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=_temp_suffix(target), dir=directory)
    temp = Path(temp_name)
    if fcntl is not None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    try:
        if fcntl is None:  # pragma: no cover - Windows cannot replace a file that is still open
            os.close(fd)
            fd = -1
        yield temp
        if verify is not None:
            verify(temp)
        _fsync_file(temp)
        links = 1
        if target.exists():
            with contextlib.suppress(OSError):
                stat = target.stat()
                links = stat.st_nlink
                os.chmod(temp, stat.st_mode & 0o7777)
        else:
            with contextlib.suppress(OSError):
                os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, target)
        _fsync_directory(directory)
        if links > 1 and notes is not None:
            notes.append(f"{target.name} had {links - 1} other hard link(s); they still hold the previous version "
                         "(the file was replaced atomically, not rewritten in place)")
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    finally:
        if fd >= 0:
            os.close(fd)


def write_bytes_atomic(target: Path, data: bytes, *, verify: Callable[[Path], None] | None = None,
                       notes: list[str] | None = None) -> None:
    with atomic_path(target, verify=verify, notes=notes) as temp:
        temp.write_bytes(data)


def remove_leftovers(target: Path) -> list[Path]:
    """Remove temporary files of earlier saves of `target` that no live process is writing."""
    directory = target.parent if str(target.parent) else Path(".")
    prefix, suffix = _temp_prefix(target), _temp_suffix(target)
    removed: list[Path] = []
    try:
        candidates = [p for p in directory.iterdir() if p.name.startswith(prefix) and p.name.endswith(suffix)]
    except OSError:
        return removed
    for candidate in candidates:
        middle = candidate.name[len(prefix):len(candidate.name) - len(suffix)]
        if not middle or "." in middle or not candidate.is_file() or candidate.is_symlink():
            continue  # not a name mkstemp made for this target
        if _is_abandoned(candidate):
            with contextlib.suppress(OSError):
                candidate.unlink()
                removed.append(candidate)
    return removed


def _is_abandoned(path: Path) -> bool:
    if fcntl is None:  # pragma: no cover - Windows
        import time

        with contextlib.suppress(OSError):
            return time.time() - path.stat().st_mtime > LEFTOVER_AGE_SECONDS
        return False
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # a save in progress holds it
    else:
        return True
    finally:
        os.close(fd)


def _temp_prefix(target: Path) -> str:
    return f".{target.stem}."


def _temp_suffix(target: Path) -> str:
    return f".tmp{target.suffix}"


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_directory(directory: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
