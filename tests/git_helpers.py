"""git and the app as processes, for tests in a real git repository (the `git_env` fixture, in conftest.py,
gives both a throwaway HOME and no system or user config)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT_ROOT


def run_git(repo: Path, env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=120)
    if check:
        assert done.returncode == 0, done.stderr + done.stdout
    return done


def run_main(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(PROJECT_ROOT / "main.py"), *args], env=env, capture_output=True,
                          text=True, timeout=120, cwd=PROJECT_ROOT)
