"""Import benchmark: a 300-stage x 12-lane sheet, bare openpyxl load vs `journey-canvas convert`.

Both are timed as whole processes (interpreter start-up and imports included), best of 5.
Target (issue #4): the import takes at most 2x the bare load.

    .venv/bin/python bench/bench_xlsx_import.py
"""

from __future__ import annotations

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


def best_of(command: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    bin_dir = Path(sys.executable).parent
    cli = bin_dir / "journey-canvas"
    with tempfile.TemporaryDirectory() as folder:
        sheet = Path(folder) / "big.xlsx"
        make_sheet(sheet)
        out = Path(folder) / "big.journey"
        bare = best_of([sys.executable, "-c", f"import openpyxl; openpyxl.load_workbook({str(sheet)!r})"])
        ours = best_of([str(cli), "convert", str(sheet), str(out)])
        size = sheet.stat().st_size
    print(f"sheet: {STAGES} stages x {LANES} lanes, {size / 1024:.0f} KB")
    print(f"bare openpyxl.load_workbook (whole process, best of {RUNS}): {bare:.3f} s")
    print(f"journey-canvas convert big.xlsx big.journey (best of {RUNS}):   {ours:.3f} s")
    print(f"ratio: {ours / bare:.2f}x (target <= 2x)")
    return 0 if ours / bare <= 2 else 1


if __name__ == "__main__":
    raise SystemExit(main())
