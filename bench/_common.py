"""Shared helpers for the whole-process benchmarks."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def run_timed(args: list[str], repeat: int = 5, env: dict | None = None) -> tuple[float, str]:
    """Best wall time of `repeat` runs of a whole process, and the last run's stdout."""
    best, out = float("inf"), ""
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run(args, capture_output=True, text=True, env=full_env, cwd=ROOT, check=False)
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            raise SystemExit(f"{' '.join(args)} failed:\n{result.stderr}")
        best, out = min(best, elapsed), result.stdout
    return best, out


PYTHON = sys.executable


def compile_app() -> None:
    """Byte-compile the app first, as any installed or once-run program is: the libraries' .pyc files
    exist already, and a shell with PYTHONDONTWRITEBYTECODE=1 would otherwise recompile the app's
    modules in every timed run of ours but never in the baselines."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "app")], check=True)
