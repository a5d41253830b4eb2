"""`journey-canvas git-setup`: make git merge `.journey` files by ids and diff them as readable text.

Writes `*.journey merge=journey-canvas diff=journey-canvas` to `.gitattributes` (once) and the
driver settings to the repository's config (or the user's, with `--global`):

    merge.journey-canvas.driver = <journey-canvas> merge %O %A %B -o %A --name %P
    diff.journey-canvas.textconv = <journey-canvas> show-text

`<journey-canvas>` is the script installed next to the running Python (so a venv works), or
`<python> -m app.cli` when there is none.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

DRIVER = "journey-canvas"
ATTRIBUTES_LINE = f"*.journey merge={DRIVER} diff={DRIVER}"


class GitSetupError(Exception):
    """git is missing or the folder is not a repository; one readable line."""


def command_line() -> str:
    """How git should start this program: the installed script if there is one, else `python -m app.cli`."""
    script = Path(sys.executable).parent / ("journey-canvas.exe" if os.name == "nt" else "journey-canvas")
    if script.is_file():
        return shlex.quote(str(script))
    return f"{shlex.quote(sys.executable)} -m app.cli"


def settings() -> dict[str, str]:
    cmd = command_line()
    return {
        f"merge.{DRIVER}.name": "Journey Canvas: merge two copies of a map by ids",
        f"merge.{DRIVER}.driver": f"{cmd} merge %O %A %B -o %A --name %P",
        f"diff.{DRIVER}.textconv": f"{cmd} show-text",
    }


def git_setup(repo: Path | None = None, *, global_config: bool = False) -> list[str]:
    """Write the attributes line and the settings; returns what was done, one line each. Idempotent."""
    done: list[str] = []
    if global_config:
        attributes = _global_attributes_file()
        scope = ["--global"]
    else:
        root = _repository_root(repo or Path("."))
        attributes = root / ".gitattributes"
        scope = ["--local"]
    if _add_line(attributes, ATTRIBUTES_LINE):
        done.append(f"added '{ATTRIBUTES_LINE}' to {attributes}")
    else:
        done.append(f"{attributes} already has '{ATTRIBUTES_LINE}'")
    cwd = None if global_config else _repository_root(repo or Path("."))
    for key, value in settings().items():
        _git(["config", *scope, key, value], cwd)
        done.append(f"git config {scope[0]} {key} {value!r}")
    if global_config and _git(["config", "--global", "--get", "core.attributesFile"], None, check=False) == "":
        _git(["config", "--global", "core.attributesFile", str(attributes)], None)
        done.append(f"git config --global core.attributesFile {str(attributes)!r}")
    return done


def _repository_root(repo: Path) -> Path:
    if not repo.is_dir():
        raise GitSetupError(f"{repo} is not a folder")
    root = _git(["rev-parse", "--show-toplevel"], repo, check=False)
    if not root:
        raise GitSetupError(f"{repo} is not inside a git repository (run 'git init' first, or pass --global)")
    return Path(root)


def _global_attributes_file() -> Path:
    configured = _git(["config", "--global", "--get", "core.attributesFile"], None, check=False)
    if configured:
        return Path(os.path.expanduser(configured))
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "git" / "attributes"


def _add_line(path: Path, line: str) -> bool:
    """Append `line` unless the file already has it; False when it was there."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if line in (existing.strip() for existing in text.splitlines()):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    separator = "" if not text or text.endswith("\n") else "\n"
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(f"{separator}{line}\n")
    return True


def _git(args: list[str], cwd: Path | None, *, check: bool = True) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=30)
    except FileNotFoundError as exc:
        raise GitSetupError("git is not installed (or not on PATH)") from exc
    except subprocess.TimeoutExpired as exc:
        raise GitSetupError(f"git {args[0]} did not answer within 30 s") from exc
    if done.returncode != 0:
        if check:
            raise GitSetupError(f"git {' '.join(args[:2])} failed: {done.stderr.strip().splitlines()[-1:] or ''}")
        return ""
    return done.stdout.strip()
