"""Canvas benchmark (issue #3): a generated 60 stages x 10 lanes x 4 cards map.

Whole processes, best of 5: open the map to a painted window vs a bare QGraphicsScene with a
rect and a text item per card. Then, in one process: edit/undo/redo and scroll/zoom repaint
times at 1920x1080, and peak memory. Run: .venv/bin/python -m bench.bench_canvas
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench._common import PYTHON, run_timed
from bench.generate import generated_map


def main() -> None:
    from bench._common import compile_app

    compile_app()
    from app.io.journey.file import save_journey

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.journey"
        journey = generated_map(60, 10, 4)
        save_journey(journey, path)
        baseline, _ = run_timed([PYTHON, "bench/canvas_baseline.py", str(path)])
        ours, _ = run_timed([PYTHON, "bench/canvas_open.py", str(path)])
        _, measured = run_timed([PYTHON, "bench/canvas_open.py", str(path), "--measure"], repeat=1)
    print(f"map: 60 stages x 10 lanes, {len(journey.cards)} cards, {len(journey.emotions)} emotion points")
    print(f"open to painted window: {ours:.2f} s   bare QGraphicsScene: {baseline:.2f} s   "
          f"ratio {ours / baseline:.2f} (target <= 1.5)")
    print(measured.strip())


if __name__ == "__main__":
    main()
