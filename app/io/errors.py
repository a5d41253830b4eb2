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
