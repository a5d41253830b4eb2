"""Peak memory of importing a big sheet: ~990,000 cells as 3,000 rows x 330 columns and as 30,000 rows x 33,
against openpyxl's read-only mode reading every cell's value (the least any reader of the file keeps).

Each reading runs in a fresh process, which reports its own peak resident memory (VmHWM); the stages of our
import (the sheet read into a grid, detection, the built map) are measured in separate processes too.

    .venv/bin/python -m bench.bench_import_memory [--runs 2] [--only 3000x330]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

SHAPES = {"3000x330": (3_000, 330), "30000x33": (30_000, 33)}
STEPS = ("openpyxl", "grid", "detect", "import")


def make_sheet(path: Path, rows: int, cols: int) -> None:
    """A map as people grow them: stage names across, lane labels down, short texts and a few score rows."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Journey")
    sheet.append(["Stage"] + [f"Stage {c}" for c in range(1, cols)])
    for r in range(1, rows):
        if r % 10 == 3:
            sheet.append([f"Emotions {r}"] + [(r + c) % 5 + 1 for c in range(1, cols)])
        else:
            sheet.append([f"Lane {r}"] + [f"card {r}.{c} text" for c in range(1, cols)])
    book.save(path)


def child(step: str, path: str) -> None:
    """One reading in this process; prints its peak memory as JSON."""
    from bench.scale_child import peak_mb

    if step == "openpyxl":
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        count = sum(1 for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row
                    if v is not None)
        book.close()
        extra = {"cells": count}
    elif step == "grid":
        from app.io.sheet_import.source import load_workbook

        extra = {"cells": sum(len(g.cells) for g in load_workbook(Path(path)).grids)}
    elif step == "detect":
        from app.io.sheet_import.read_xlsx import detect

        found = detect(path)
        extra = {"stages": len(found.stages), "lanes": len(found.lanes)}
    else:
        from app.io.formats import read_map

        journey = read_map(Path(path)).journey
        extra = {"cards": len(journey.cards)}
    print(json.dumps({"peak_mb": peak_mb(), **extra}))


def measure(step: str, path: Path) -> dict:
    out = subprocess.run([sys.executable, "-m", "bench.bench_import_memory", "--child", step, str(path)],
                         check=True, capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", nargs=2, metavar=("STEP", "PATH"))
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--only", choices=sorted(SHAPES))
    options = parser.parse_args()
    if options.child:
        child(*options.child)
        return
    with tempfile.TemporaryDirectory() as folder:
        for name, (rows, cols) in SHAPES.items():
            if options.only and name != options.only:
                continue
            path = Path(folder) / f"{name}.xlsx"
            make_sheet(path, rows, cols)
            peaks: dict[str, list[float]] = {step: [] for step in STEPS}
            details: dict[str, dict] = {}
            for _ in range(options.runs):
                for step in STEPS:
                    found = measure(step, path)
                    peaks[step].append(found.pop("peak_mb"))
                    details[step] = found
            base = min(peaks["openpyxl"])
            print(f"{name} ({rows * cols:,} cells, {path.stat().st_size / 1e6:.1f} MB file):")
            for step in STEPS:
                low, high = min(peaks[step]), max(peaks[step])
                print(f"  {step:9} peak {low:6.0f}-{high:.0f} MB  {low / base:4.1f}x  {details[step]}")


if __name__ == "__main__":
    main()
