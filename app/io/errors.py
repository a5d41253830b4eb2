"""The errors a user may see from reading or writing a file: always one readable line."""

from __future__ import annotations

from pathlib import Path


class JourneyFileError(Exception):
    """A file could not be read or written; the message names the file and what is wrong."""

    def __init__(self, path: Path | str | None, problem: str) -> None:
        self.path = Path(path) if path is not None else None
        self.problem = " ".join(problem.split())
        where = f"{self.path.name}: " if self.path is not None else ""
        super().__init__(f"{where}{self.problem}")


def check_input_file(path: Path) -> int:
    """Refuse anything but an existing regular file before opening it, and return its size.

    `stat` first: opening a FIFO blocks forever, and `/dev/zero` or `/dev/urandom` never end.
    """
    import stat

    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise JourneyFileError(path, "does not exist") from exc
    except OSError as exc:
        raise JourneyFileError(path, f"could not be read: {exc.strerror or exc}") from exc
    if stat.S_ISDIR(info.st_mode):
        raise JourneyFileError(path, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        kind = "a pipe" if stat.S_ISFIFO(info.st_mode) else "a device" if (
            stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)) else "a socket or special file"
        raise JourneyFileError(path, f"is {kind}, not a regular file; Journey Canvas reads only regular files")
    return info.st_size
