"""Excel export speed: `journey-canvas convert big.journey big.xlsx` against a bare openpyxl script.

A generated 300-stage x 12-lane map (1-4 cards per cell, one emotions lane, a note on one
card in ten) is exported by the real command line, in a fresh process each time (reading
the .journey file included). The baseline is a fresh Python process that writes the same
cells (every non-empty cell of every sheet of our workbook, same places, same strings and
numbers) with wrapped alignment and nothing else: no styles, merges, comments, chart, model.
Best of 5 each; the target is a ratio of at most 2.

    .venv/bin/python bench/bench_xlsx_export.py [--stages 300] [--lanes 12] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.io.journey.file import save_journey  # noqa: E402
from app.model import (  # noqa: E402
    Card,
    Channel,
    EmotionPoint,
    Evidence,
    EvidenceStatus,
    JourneyMap,
    Lane,
    LaneKind,
    Metadata,
    Phase,
    Stage,
)

WORDS = [
    "customer",
    "compares",
    "plans",
    "price",
    "bill",
    "app",
    "website",
    "store",
    "call",
    "support",
    "wait",
    "confirm",
    "order",
    "delivery",
    "review",
    "friend",
    "recommend",
    "switch",
    "number",
    "transfer",
    "fee",
    "coverage",
    "signal",
    "chat",
    "email",
    "account",
    "login",
]

BASELINE = """
import json, sys
from openpyxl import Workbook
from openpyxl.styles import Alignment
sheets = json.load(open(sys.argv[1], encoding="utf-8"))
workbook = Workbook()
wrap = Alignment(wrap_text=True, vertical="top")
for number, (title, cells) in enumerate(sheets.items()):
    sheet = workbook.active if number == 0 else workbook.create_sheet()
    sheet.title = title
    for row, column, value in cells:
        cell = sheet.cell(row=row, column=column, value=value)
        cell.alignment = wrap
workbook.save(sys.argv[2])
"""


def big_map(stages: int, lanes: int, seed: int = 7) -> JourneyMap:
    rng = random.Random(seed)
    kinds = [k for k in LaneKind if k != LaneKind.EMOTIONS]
    phase_list = [Phase(id=f"p{i}", name=f"Phase {i + 1}") for i in range(max(1, stages // 25))]
    stage_list = [
        Stage(
            id=f"s{i}",
            name=f"Stage {i + 1}",
            description=" ".join(rng.choices(WORDS, k=8)),
            phase_id=phase_list[i * len(phase_list) // stages].id,
        )
        for i in range(stages)
    ]
    lane_list = [
        Lane(id=f"l{i}", name=f"Lane {i + 1}", kind=LaneKind.EMOTIONS if i == 3 else kinds[i % len(kinds)])
        for i in range(lanes)
    ]
    cards, emotions = [], []
    for stage in stage_list:
        for lane in lane_list:
            if lane.kind == LaneKind.EMOTIONS:
                emotions.append(
                    EmotionPoint(
                        stage_id=stage.id,
                        lane_id=lane.id,
                        value=rng.randint(-2, 2),
                        label=rng.choice(["Annoyed", "Calm", "Happy"]),
                    )
                )
                continue
            for _ in range(rng.randint(1, 4)):
                cards.append(
                    Card(
                        id=f"c{len(cards)}",
                        stage_id=stage.id,
                        lane_id=lane.id,
                        text=" ".join(rng.choices(WORDS, k=rng.randint(3, 12))).capitalize(),
                        note=" ".join(rng.choices(WORDS, k=6)) if rng.random() < 0.1 else "",
                        channel=rng.choice(list(Channel)) if lane.kind == LaneKind.TOUCHPOINTS else None,
                        votes=rng.choice([0, 0, 0, 1, 3]),
                        evidence=Evidence(status=rng.choice(list(EvidenceStatus))) if rng.random() < 0.3 else None,
                    )
                )
    return JourneyMap(
        metadata=Metadata(title="Benchmark map"),
        phases=phase_list,
        stages=stage_list,
        lanes=lane_list,
        cards=cards,
        emotions=emotions,
    )


def same_cells(workbook_path: Path) -> dict[str, list[tuple[int, int, object]]]:
    """Every non-empty cell of every sheet of the exported workbook: what the baseline writes."""
    from openpyxl import load_workbook

    workbook = load_workbook(workbook_path)
    return {
        sheet.title: [(c.row, c.column, c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
        for sheet in workbook.worksheets
    }


def main() -> int:
    from bench._common import best_of_interleaved, compile_app, timed

    compile_app()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stages", type=int, default=300)
    parser.add_argument("--lanes", type=int, default=12)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-xlsx-export-") as folder:
        work = Path(folder)
        journey = big_map(options.stages, options.lanes)
        save_journey(journey, work / "big.journey")
        script = Path(sys.executable).parent / "journey-canvas"
        program = [str(script)] if script.exists() else [sys.executable, "-m", "app.cli"]
        cli = [*program, "convert", str(work / "big.journey"), str(work / "big.xlsx")]
        timed(cli)  # warms the disk cache and the bytecode, and gives the cells for the baseline
        cells = same_cells(work / "big.xlsx")
        (work / "cells.json").write_text(json.dumps(cells), encoding="utf-8")
        (work / "baseline.py").write_text(BASELINE, encoding="utf-8")
        bare = [sys.executable, str(work / "baseline.py"), str(work / "cells.json"), str(work / "bare.xlsx")]
        (ours, ours_cpu), (baseline, baseline_cpu) = best_of_interleaved(options.runs, cli, bare)
        print(
            f"map: {len(journey.stages)} stages x {len(journey.lanes)} lanes, {len(journey.cards)} cards, "
            f"{sum(len(c) for c in cells.values())} non-empty cells in the workbook"
        )
        print(
            f"journey-canvas convert -> .xlsx : {ours:5.2f} s wall, {ours_cpu:5.2f} s CPU "
            f"({(work / 'big.xlsx').stat().st_size / 1e6:.1f} MB)"
        )
        print(
            f"bare openpyxl, same cells       : {baseline:5.2f} s wall, {baseline_cpu:5.2f} s CPU "
            f"({(work / 'bare.xlsx').stat().st_size / 1e6:.1f} MB)"
        )
        ratio = ours / baseline
        print(
            f"ratio (wall): {ratio:.2f}, ratio (CPU): {ours_cpu / baseline_cpu:.2f} (target <= 2.00) "
            f"{'OK' if ratio <= 2.0 else 'TOO SLOW'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
