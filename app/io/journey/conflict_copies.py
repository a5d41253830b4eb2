"""Conflict copies that file-sync tools leave beside a map when two computers changed it.

- Dropbox:   `Map (conflicted copy 2026-11-30).journey`, `Map (Anna's conflicted copy 2026-11-30).journey`
- Syncthing: `Map.sync-conflict-20261130-101500-ABCDEF7.journey`
- OneDrive:  `Map-LAPTOP7.journey` (the computer's name appended with a dash)
- Nextcloud / ownCloud: `Map (conflicted copy 2026-11-30 101500).journey`, `Map_conflict-20261130-101500.journey`
"""

from __future__ import annotations

import re
from pathlib import Path

_ONEDRIVE_PC = re.compile(r"-[A-Za-z0-9][A-Za-z0-9_-]{0,14}")  # a NetBIOS-style computer name


def is_conflict_copy(candidate: Path, original: Path) -> bool:
    """Whether `candidate` is a sync tool's conflict copy of `original` (same folder, same suffix)."""
    if candidate.suffix.lower() != original.suffix.lower() or candidate.name == original.name:
        return False
    stem, name = original.stem, candidate.stem
    if not name.startswith(stem):
        return False
    rest = name[len(stem):]
    if re.fullmatch(r" \((?:[^()]*'s )?conflicted copy[^()]*\)", rest, flags=re.IGNORECASE):
        return True
    if re.fullmatch(r"\.sync-conflict-\d{8}-\d{6}(?:-[A-Z0-9]{7})?", rest):
        return True
    if re.fullmatch(r"_conflict-\d{8}-\d{6}", rest):
        return True
    return bool(_ONEDRIVE_PC.fullmatch(rest)) and not rest[1:].isdigit()


def conflict_copies(original: Path) -> list[Path]:
    """The conflict copies of `original` in its folder, newest first."""
    folder = original.parent
    try:
        candidates = [p for p in folder.iterdir() if p.is_file() and is_conflict_copy(p, original)]
    except OSError:
        return []
    return sorted(candidates, key=lambda p: p.stat().st_mtime, reverse=True)
