"""Import preview responsiveness: the 300-stage x 12-lane sheet of `bench_xlsx_import` in the import dialog.

A child process opens the dialog offscreen with a 10 ms QTimer ticking, waits for the preview, then
switches the orientation (a reading with 299 lanes and a full map build) and waits again. It reports
the time to each preview and the longest pause of the event loop. The baseline child does the same
reading and building on the GUI thread (what a dialog without the worker would do), side by side.

    .venv/bin/python -m bench.bench_import_dialog
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_xlsx_import import make_sheet

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3


def child(path: Path, inline: bool) -> dict:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from app.widgets import background
    from app.widgets.import_dialog import ImportDialog

    if inline:  # the baseline: the same work, on the GUI thread
        def run_inline(work):
            number = next(background._numbers)
            carrier = background.bridge()
            QTimer.singleShot(0, lambda: carrier.finished.emit(number, work(lambda _text: None)))
            return number

        import app.widgets.import_dialog as module
        module.run_in_background = run_inline
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(10)
    start = time.perf_counter()
    dialog = ImportDialog(path)
    dialog.show()

    def wait() -> float:
        loop = QEventLoop()
        check = QTimer()
        check.timeout.connect(lambda: dialog.settled and loop.quit())
        check.start(5)
        loop.exec()
        return time.perf_counter()

    ready = wait()
    dialog.orientation_combo.setCurrentIndex(2)
    dialog._on_orientation_activated(2)
    changed = time.perf_counter()
    again = wait()
    gaps = sorted(b - a for a, b in zip(ticks, ticks[1:], strict=False))
    app.processEvents()
    return {"first": ready - start, "redetect": again - changed, "longest_gap": gaps[-1],
            "median_gap": gaps[len(gaps) // 2], "summary": dialog.summary_label.text()}


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(child(Path(sys.argv[2]), sys.argv[3] == "inline")))
        return 0
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    results: dict[str, list[dict]] = {"worker": [], "inline": []}
    with tempfile.TemporaryDirectory() as folder:
        sheet = Path(folder) / "big.xlsx"
        make_sheet(sheet)
        for _ in range(RUNS):
            for mode in results:
                out = subprocess.run([sys.executable, "-m", "bench.bench_import_dialog", "--child", str(sheet), mode],
                                     capture_output=True, text=True, env=env, cwd=ROOT, check=True).stdout
                results[mode].append(json.loads(out.strip().splitlines()[-1]))
    for mode, runs in results.items():
        best = {key: min(r[key] for r in runs) for key in ("first", "redetect", "longest_gap")}
        worst_gap = max(r["longest_gap"] for r in runs)
        print(f"{mode:>6}: preview {best['first']:.2f} s, re-detect {best['redetect']:.2f} s, longest event-loop "
              f"pause {best['longest_gap'] * 1000:.0f}-{worst_gap * 1000:.0f} ms (best-worst of {RUNS})")
    ratio = min(r["longest_gap"] for r in results["inline"]) / min(r["longest_gap"] for r in results["worker"])
    print(f"longest pause, GUI thread vs worker: {ratio:.1f}x; after re-detect: {results['worker'][-1]['summary']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
