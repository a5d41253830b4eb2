"""Shared helpers for the whole-process benchmarks."""

from __future__ import annotations

import os
import resource
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


def timed(command: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU (user + system, the process and the children it waited for: soffice's soffice.bin
    included) seconds of one run of `command` as a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {result.stderr.strip()[-400:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def best_of_interleaved(runs: int, *commands: list[str]) -> list[tuple[float, float]]:
    """Best wall and best CPU time of each command; the runs alternate so that all see the same machine load
    (on a busy machine the CPU time is the fairer figure, as other processes stretch wall time)."""
    best = [(float("inf"), float("inf")) for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            wall, cpu = timed(command)
            best[index] = (min(best[index][0], wall), min(best[index][1], cpu))
    return best
