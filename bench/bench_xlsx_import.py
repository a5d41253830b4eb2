"""Import benchmark: a 300-stage x 12-lane sheet, bare openpyxl load vs `journey-canvas convert`.

Both are timed as whole processes (interpreter start-up and imports included), best of 5, runs
alternating so both see the same machine load; wall and CPU time are both reported.
Target (issue #4): the import takes at most 2x the bare load.

    .venv/bin/python bench/bench_xlsx_import.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STAGES = 300
LANES = 12
RUNS = 5
LANE_NAMES = ["Actions", "Touchpoints", "Thoughts", "Emotions", "Pain points", "Opportunities", "Channel",
              "Backstage", "Systems", "KPIs", "Notes", "Ideas"]


def make_sheet(path: Path) -> None:
    import openpyxl
    from openpyxl.styles import PatternFill

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Journey"
    sheet.cell(row=1, column=1, value="Benchmark journey")
    header_fill = PatternFill("solid", fgColor="674EA7")
    for s in range(STAGES):
        cell = sheet.cell(row=3, column=2 + s, value=f"Stage {s + 1} >>")
        cell.fill = header_fill
    for lane, name in enumerate(LANE_NAMES):
        sheet.cell(row=4 + lane, column=1, value=name)
        for s in range(STAGES):
            if name == "Emotions":
                value: object = (s * 7) % 5 + 1
            else:
                value = f"{name} card for stage {s + 1}\n• a second item"
            sheet.cell(row=4 + lane, column=2 + s, value=value)
    book.save(path)


def timed(command: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one whole process."""
    before = os.times()
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = os.times()
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def best_of(commands: list[list[str]]) -> list[tuple[float, float]]:
    """Best wall and best CPU time of each command; runs alternate so both see the same machine load."""
    results: list[list[tuple[float, float]]] = [[] for _ in commands]
    for _ in range(RUNS):
        for index, command in enumerate(commands):
            results[index].append(timed(command))
    return [(min(w for w, _ in runs), min(c for _, c in runs)) for runs in results]


def main() -> int:
    bin_dir = Path(sys.executable).parent
    cli = bin_dir / "journey-canvas"
    # Byte-compile the app first, as an installation does: openpyxl's own .pyc files are already there,
    # and a shell with PYTHONDONTWRITEBYTECODE=1 would otherwise recompile the app on every run.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(__file__).resolve().parents[1] / "app")],
                   check=True)
    with tempfile.TemporaryDirectory() as folder:
        sheet = Path(folder) / "big.xlsx"
        make_sheet(sheet)
        out = Path(folder) / "big.journey"
        bare_command = [sys.executable, "-c", f"import openpyxl; openpyxl.load_workbook({str(sheet)!r})"]
        (bare, bare_cpu), (ours, ours_cpu) = best_of([bare_command, [str(cli), "convert", str(sheet), str(out)]])
        size = sheet.stat().st_size
    print(f"sheet: {STAGES} stages x {LANES} lanes, {size / 1024:.0f} KB; whole processes, best of {RUNS}")
    print(f"bare openpyxl.load_workbook:                 {bare:.3f} s wall, {bare_cpu:.3f} s CPU")
    print(f"journey-canvas convert big.xlsx big.journey: {ours:.3f} s wall, {ours_cpu:.3f} s CPU")
    print(f"ratio: {ours / bare:.2f}x wall, {ours_cpu / bare_cpu:.2f}x CPU (target <= 2x)")
    return 0 if ours / bare <= 2 else 1


if __name__ == "__main__":
    raise SystemExit(main())
