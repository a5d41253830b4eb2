"""Scaling benchmark (issue #18): every operation at 100, 840, 2,160, 6,600 and 22,400 cards, each
beside a bare baseline measured in the same run, and the ratio.

    .venv/bin/python -m bench.bench_scale [--runs 2] [--sizes 100,2160] [--only canvas,io]

Each measurement is a fresh process (`bench/scale_child.py`); ours and the baseline alternate, run
after run, so both see the same machine load. Times are CPU time (user + system of that process),
which other processes on a busy machine barely change; the load average is printed with the
results. Every figure is the range over runs (min-max) of that run's median (or 95th percentile).

Operations and their baselines:
- edit / undo / redo of a card's text, and scroll steps, until the 1920x1080 canvas has repainted;
  baseline: a bare QGraphicsScene with a rect and a text item per card, setting one item's text
  and scrolling the same steps. Targets: edit/undo/redo median < 10 ms and p95 < 16 ms, scroll < 16 ms.
  "grow" adds a card that makes the top row taller, so every row below moves (the bare scene
  only sets a longer text: it has no rows to move).
- bulk: edits of a tenth of the map's cards at once (a paste and its undo and redo, a colour for a selection,
  deleting and undoing it, duplicating, a snapshot), until the canvas has repainted (`bench/bulk_child.py`);
  baseline: the same numbers of items added to, coloured in and removed from the bare scene, and a copy of
  the map's JSON data for the snapshot. No target in the issue: it shows that such edits grow with what they
  touch, not with the map.
- load / save of the .journey file; baseline: bare json.loads / json.dumps(indent=2) of the same
  file. Target: within 2x.
- xlsx import of the map as a sheet (one cell per stage and lane, its cards on separate lines), and
  of a 3,000-row sheet; baseline: openpyxl's read-only mode reading every cell. Target: within 2x,
  under 120 MB.
- cold start of the editor on the example map to its first painted canvas (process start included),
  once, not per size; baseline: a bare QMainWindow with a QGraphicsView, shown and painted.
  Target: within 2x. Both clocks stop when the first paint event of the view's viewport has been
  handled (the map drawn, for ours): what the editor defers until after that paint (its panels) is
  not counted, as the issue's "no work before the first paint that can wait" intends; it is reported
  apart as "deferred" (CPU time from that paint until the editor's event queue is empty). Until
  2026-12-01 both stopped after `processEvents()`, which ran zero-delay timers too.
- find: the search the find bar runs when typing pauses, for each prefix of "customer pays" typed key by key,
  the map's text folded once before (as the bar keeps it until the map changes); baseline: a plain Python `in`
  scan of the cards' texts (lower-cased once before) for the same words. "find index" is that folding, done
  when the bar first searches and after a change of the map's structure; "find edit" brings it up to date
  after a card's text changed (the open bar does that after each edit); both beside the same baseline.
- the floors, printed beside load and cold start: the same work done by the design's pydantic model with
  nothing of ours around it ("load floor": plain pydantic twins of the model, `bench/floor_models.py`;
  "start floor": the map opened into the model, then the bare window). A ratio cannot go below its floor
  while each card is a pydantic model.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
from pathlib import Path

from bench._common import PYTHON, ROOT, compile_app

SIZES = {100: (5, 6, 4), 840: (21, 11, 4), 2160: (60, 10, 4), 6600: (110, 17, 4), 22400: (280, 22, 4)}
"""cards: (stages, lanes, cards per cell); every twelfth lane from the fourth on is an emotions lane."""

XLSX_ROWS = 3000
GROUPS = {  # operation group: (ours, baseline, what it reports: (name, ours' key, the baseline's key), ...)
    "canvas": ("canvas", "canvas_bare", tuple((op, op, op) for op in ("edit", "undo", "redo", "scroll", "grow"))),
    "bulk": ("bulk", "bulk_bare", tuple((op, op, op) for op in (
        "paste", "undo paste", "redo paste", "colour", "undo colour", "delete", "undo delete", "duplicate",
        "snapshot"))),
    "io": ("io", "io", (("load", "load", "bare_load"), ("save", "save", "bare_save"),
                        ("load floor", "load_floor", "bare_load"))),
    "xlsx": ("xlsx", "xlsx_bare", (("xlsx", "xlsx", "xlsx"),)),
    "find": ("find", "find", (("find", "find", "bare_find"), ("find index", "find_index", "bare_find"),
                              ("find edit", "find_edit", "bare_find"))),
    "start": ("start", "start_bare", (("start", "start", "start"),)),
    "start_floor": ("start_floor", "start_bare", (("start floor", "start", "start"),)),
}
"""The floors are not ours: the same work done by the design's pydantic model with nothing of ours around it
(`bench/floor_models.py`, `scale_child.start_floor`): how low the ratio beside them could go on this model."""


def child(operation: str, path: Path, home: Path) -> dict:
    private = home / "home"  # settings, recovery files: never the user's real ones
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(private / "config"),
           "XDG_DATA_HOME": str(private / "data"), "XDG_CACHE_HOME": str(private / "cache")}
    result = subprocess.run([PYTHON, "-m", "bench.scale_child", operation, str(path)], capture_output=True,
                            text=True, cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{operation} {path.name} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def make_files(folder: Path, cards: int) -> dict[str, Path]:
    from app.io.formats import write_map
    from bench.generate import generated_map

    stages, lanes, per_cell = SIZES[cards]
    journey = generated_map(stages, lanes, per_cell)
    assert len(journey.cards) == cards, (cards, len(journey.cards))
    files = {"journey": folder / f"map{cards}.journey", "xlsx": folder / f"map{cards}.xlsx"}
    write_map(journey, files["journey"])
    write_grid_sheet(journey, files["xlsx"])
    return files


def write_grid_sheet(journey, path: Path) -> None:
    """The map as a client's sheet: stages across row 1, lane labels down column A, a cell's cards
    on separate lines, emotion scores as numbers."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Journey")
    sheet.append(["", *[stage.name for stage in journey.stages]])
    for lane in journey.lanes:
        row = [lane.name]
        for stage in journey.stages:
            point = journey.emotion(lane.id, stage.id)
            cards = journey.cards_in(stage.id, lane.id)
            row.append(point.value if point is not None else "\n".join(card.text for card in cards))
        sheet.append(row)
    book.save(path)


def write_long_sheet(path: Path, rows: int = XLSX_ROWS) -> None:
    """A transposed sheet of `rows` stages: lane names across row 1, one stage per row below."""
    from openpyxl import Workbook

    from bench.generate import WORDS

    lanes = ["Actions", "Touchpoints", "Thoughts", "Pain points", "Opportunities", "Notes"]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Journey")
    sheet.append(["Stage", *lanes])
    for r in range(rows):
        sheet.append([f"Step {r + 1}", *[" ".join(WORDS[(r * 7 + c * 3 + k) % len(WORDS)] for k in range(6))
                                         for c in range(len(lanes))]])
    book.save(path)


def measure(groups: list[str], files: dict[str, Path], runs: int) -> dict[str, list[tuple]]:
    """{operation: [(ours median, ours p95, baseline median, peak MB ours, peak MB baseline), ...per run]}"""
    out: dict[str, list[tuple]] = {}
    for _ in range(runs):
        for group in groups:
            ours_op, bare_op, names = GROUPS[group]
            path = files["xlsx" if group == "xlsx" else "journey"]
            home = files.get("home", path.parent)
            ours = child(ours_op, path, home)
            bare = ours if bare_op == ours_op else child(bare_op, path, home)
            for name, ours_key, bare_key in names:
                out.setdefault(name, []).append((ours[ours_key]["median"], ours[ours_key]["p95"],
                                                 bare[bare_key]["median"], ours["peak_mb"], bare["peak_mb"]))
            if "deferred" in ours:  # cold start: the work done after the first paint (no baseline)
                out.setdefault("deferred", []).append((ours["deferred"], ours["deferred"], float("nan"),
                                                       ours["peak_mb"], bare["peak_mb"]))
    return out


def span(values: list[float], digits: int = 1) -> str:
    low, high = min(values), max(values)
    return f"{low:.{digits}f}" if f"{low:.{digits}f}" == f"{high:.{digits}f}" else f"{low:.{digits}f}-{high:.{digits}f}"


def report(label: str, results: dict[str, list[tuple]]) -> None:
    for name, runs in results.items():
        ours = span([r[0] for r in runs])
        if name == "deferred":
            print(f"{label:>12} {name:<11} {ours:>13} ms of CPU after the first paint (the panels; no baseline)")
            continue
        p95 = span([r[1] for r in runs])
        base = span([r[2] for r in runs])
        ratio = span([r[0] / r[2] for r in runs], 2)
        memory = span([r[3] for r in runs], 0)
        print(f"{label:>12} {name:<11} ours {ours:>13} ms (p95 {p95:>13})  baseline {base:>13} ms  "
              f"ratio {ratio:>11}  peak {memory:>7} MB (baseline {span([r[4] for r in runs], 0)} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--only", default="canvas,bulk,io,xlsx,find,start",
                        help="groups: canvas, bulk, io, xlsx, find, start (start runs its floor too)")
    args = parser.parse_args()
    groups = [g for g in args.only.split(",") if g]
    compile_app()
    print(f"load average before: {' '.join(f'{v:.1f}' for v in os.getloadavg())} on {os.cpu_count()} cores; "
          f"CPU ms, min-max over {args.runs} runs of each run's median")
    with tempfile.TemporaryDirectory() as folder:
        for cards in [int(s) for s in args.sizes.split(",")]:
            files = make_files(Path(folder), cards)
            report(f"{cards} cards", measure([g for g in groups if not g.startswith("start")], files, args.runs))
        if "start" in groups:
            example = ROOT / "resources" / "examples" / "example.journey"
            report("example map", measure(["start", "start_floor"], {"journey": example, "home": Path(folder)},
                                          args.runs))
        if "xlsx" in groups:
            sheet = Path(folder) / "rows.xlsx"
            write_long_sheet(sheet)
            report(f"{XLSX_ROWS} rows", measure(["xlsx"], {"xlsx": sheet}, args.runs))
    print(f"load average after: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
