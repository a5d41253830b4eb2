"""One process: open a .journey map in the canvas at 1920x1080 and paint it once; then time
edits, undo, redo, scrolling and zooming, each until the viewport has repainted."""

from __future__ import annotations

import os
import resource
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(path: str, measure: bool) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from app.document import JourneyDocument
    from app.io.journey_file import load_journey
    from app.widgets.canvas import MapView
    from app.widgets.fonts import ensure_fonts

    ensure_fonts()
    document = JourneyDocument(load_journey(path))
    view = MapView(document)
    view.resize(1920, 1080)
    view.show()
    view.viewport().repaint()
    app.processEvents()
    if not measure:
        return

    def timed(action) -> float:
        start = time.perf_counter()
        action()
        app.processEvents()
        view.viewport().repaint()
        return (time.perf_counter() - start) * 1000

    cards = document.journey.cards
    visible = [c for c in cards if c.stage_id == document.journey.stages[1].id][:20]
    edits = [timed(lambda c=c, i=i: document.edit_card(c.id, text=c.text + f" edited {i}"))
             for i, c in enumerate(visible)]
    undos = [timed(document.undo_stack.undo) for _ in visible]
    redos = [timed(document.undo_stack.redo) for _ in visible]
    bar = view.verticalScrollBar()
    scrolls = [timed(lambda i=i: bar.setValue(bar.value() + 120 * (1 if i % 2 else -1) + 40)) for i in range(20)]
    zooms = [timed(lambda i=i: view.set_zoom(1.25 if i % 2 else 0.8)) for i in range(20)]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"cards={len(cards)}")
    for name, values in (("edit", edits), ("undo", undos), ("redo", redos), ("scroll", scrolls), ("zoom", zooms)):
        print(f"{name}_ms median={statistics.median(values):.1f} max={max(values):.1f}")
    print(f"max_rss_mb={rss:.0f}")


if __name__ == "__main__":
    main(sys.argv[1], "--measure" in sys.argv)
    os._exit(0)  # skip teardown, like the baseline
