"""A git merge of a map that is not finished: the versions git holds for it until it is resolved.

While a merge (or a rebase, cherry-pick or revert) stops on a conflict, git's index keeps three versions
of the file: the common ancestor (stage 1), ours (stage 2) and theirs (stage 3). A map merged by the
driver `git-setup` installs already holds ours where the two sides disagreed; a map merged without it
holds git's `<<<<<<<` markers and does not open at all. Either way the three versions are all that is
needed to merge the two sides again by ids, and to show each conflict with its three values.

git runs only inside a repository that is in the middle of such an operation (its marker files are
looked for first), with `core.fsmonitor` off, so opening a map elsewhere starts no process.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.io.errors import JourneyFileError

if TYPE_CHECKING:
    from app.model.journey import JourneyContent, JourneyMap

GIT_TIMEOUT_SECONDS = 10
_IN_PROGRESS = {  # a file or folder in the git directory -> what the other side is called
    "MERGE_HEAD": "the branch being merged",
    "CHERRY_PICK_HEAD": "the commit being cherry-picked",
    "REVERT_HEAD": "the commit being reverted",
    "rebase-merge": "the commit being rebased",
    "rebase-apply": "the commit being applied",
}
_MARKER_START = re.compile(rb"^<{7}(?: |$)", re.MULTILINE)
_MARKER_MIDDLE = re.compile(rb"^={7}\r?$", re.MULTILINE)
_MARKER_END = re.compile(rb"^>{7}(?: |$)", re.MULTILINE)


@dataclass(frozen=True)
class UnmergedMap:
    """The versions git holds for a map whose merge is not finished (None: that side has no such file)."""

    path: Path
    base: bytes | None  # the common ancestor; None when both sides added the file
    ours: bytes | None
    theirs: bytes | None
    their_side: str  # 'branch "feature"', 'the commit being rebased', ...


class GitMergeError(Exception):
    """git could not be asked, or it answered with an error."""


def conflict_marker_line(data: bytes) -> int | None:
    """The line number of the first git conflict marker when `data` holds a whole conflict block, else None."""
    start = _MARKER_START.search(data)
    if start is None:
        return None
    middle = _MARKER_MIDDLE.search(data, start.end())
    if middle is None or _MARKER_END.search(data, middle.end()) is None:
        return None
    return data.count(b"\n", 0, start.start()) + 1


def unmerged_map(path: Path | str) -> UnmergedMap | None:
    """The versions of `path` an unfinished git merge holds; None when there is no such merge of it (not in a
    repository, no operation in progress, the file already resolved, or git not installed)."""
    path = Path(path).absolute()
    git_dir = _git_dir(path.parent)
    if git_dir is None:
        return None
    operation = next((name for name in _IN_PROGRESS if (git_dir / name).exists()), None)
    if operation is None:
        return None
    try:
        listing = _git(["ls-files", "--unmerged", "-z", "--", path.name], path.parent)
    except GitMergeError:
        return None
    stages: dict[int, str] = {}
    for entry in listing.split(b"\0"):
        info, _tab, _name = entry.partition(b"\t")
        fields = info.split()
        if len(fields) == 3 and fields[2].isdigit():
            stages[int(fields[2])] = fields[1].decode("ascii")
    if 3 not in stages and 2 not in stages:
        return None
    try:
        blobs = {stage: _git(["cat-file", "blob", sha], path.parent) for stage, sha in stages.items()}
    except GitMergeError as exc:
        raise JourneyFileError(path, f"git could not give the versions of its unfinished merge: {exc}") from exc
    return UnmergedMap(path, blobs.get(1), blobs.get(2), blobs.get(3), _their_side(operation, path.parent))


def read_versions(unmerged: UnmergedMap) -> tuple[JourneyContent | None, JourneyMap, JourneyMap]:
    """The common ancestor (None: there is none), ours and theirs as maps; a version that cannot be read, or a
    side that deleted the map, is a JourneyFileError naming the map and the version."""
    from app.io.journey.file import loads_journey

    name = unmerged.path.name
    for side, data in (("our", unmerged.ours), ("their", unmerged.theirs)):
        if data is None:
            raise JourneyFileError(unmerged.path, f"was deleted on {side} side of the git merge: keep it "
                                                  f"(git add {name}) or delete it (git rm {name}) with git")
    versions = []
    for role, data in (("the common ancestor", unmerged.base), ("our version", unmerged.ours),
                       ("their version", unmerged.theirs)):
        try:
            versions.append(None if data is None or not data.strip() else loads_journey(data))
        except JourneyFileError as exc:
            raise JourneyFileError(None, f"{name} ({role} in the git merge): {exc.problem}") from exc
    base, ours, theirs = versions
    return (base.content() if base is not None else None), ours, theirs


def mark_resolved(path: Path | str) -> None:
    """`git add` the resolved map, as a person would after resolving a conflict by hand."""
    path = Path(path).absolute()
    _git(["add", "--", path.name], path.parent)


def _their_side(operation: str, folder: Path) -> str:
    if operation == "MERGE_HEAD":
        try:
            name = _git(["name-rev", "--name-only", "--no-undefined", "MERGE_HEAD"], folder).decode().strip()
        except (GitMergeError, UnicodeDecodeError):
            name = ""
        if name:
            return f"branch “{name.removeprefix('remotes/')}”"
    return _IN_PROGRESS[operation]


def _git_dir(folder: Path) -> Path | None:
    """The git directory of the work tree holding `folder`, found without running git (a worktree's `.git`
    is a file naming it)."""
    for candidate in (folder, *folder.parents):
        marker = candidate / ".git"
        if marker.is_dir():
            return marker
        if marker.is_file():
            try:
                text = marker.read_text(encoding="utf-8", errors="replace")
            except OSError:
                return None
            if text.startswith("gitdir:"):
                target = Path(text[len("gitdir:"):].strip())
                return target if target.is_absolute() else (candidate / target).resolve()
            return None
    return None


def _git(args: list[str], cwd: Path) -> bytes:
    environment = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
    try:
        done = subprocess.run(["git", "-c", "core.fsmonitor=false", *args], cwd=cwd, capture_output=True,
                              timeout=GIT_TIMEOUT_SECONDS, env=environment)
    except FileNotFoundError as exc:
        raise GitMergeError("git is not installed (or not on PATH)") from exc
    except subprocess.TimeoutExpired as exc:
        raise GitMergeError(f"git {args[0]} did not answer within {GIT_TIMEOUT_SECONDS} s") from exc
    except OSError as exc:
        raise GitMergeError(f"git could not be started: {exc.strerror or exc}") from exc
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise GitMergeError(lines[-1] if lines else f"git {args[0]} failed")
    return done.stdout
