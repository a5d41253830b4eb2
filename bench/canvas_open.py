"""One process: open a .journey map in the canvas at 1920x1080 and paint it once; then time
edits, undo, redo, scrolling and zooming, each until the viewport has repainted."""

from __future__ import annotations

import os
import resource
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class PaintCounter:
    """Counts paint events of the viewport (an event filter object, created lazily with Qt)."""

    def __new__(cls, paints: list, app):
        from PySide6.QtCore import QEvent, QObject

        class Filter(QObject):
            def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
                if event.type() == QEvent.Type.Paint:
                    paints.append(1)
                return False

        return Filter(app)


def main(path: str, measure: bool) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from app.document import JourneyDocument
    from app.io.journey.file import load_journey
    from app.painters.qt_fonts import ensure_fonts
    from app.widgets.canvas import MapView

    ensure_fonts()
    document = JourneyDocument(load_journey(path))
    view = MapView(document)
    view.resize(1920, 1080)
    view.show()
    view.viewport().repaint()
    app.processEvents()
    if not measure:
        return

    paints = []
    view.viewport().installEventFilter(PaintCounter(paints, app))

    def timed(action) -> float:
        """CPU time (robust when other processes load the machine) from the change until the
        viewport has processed its repaint."""
        count = len(paints)
        start = time.process_time()
        action()
        app.processEvents()  # the scene's and the view's queued updates run here and paint
        if len(paints) == count:  # nothing visible changed: Qt skipped the paint; force one to be fair
            view.viewport().repaint()
        return (time.process_time() - start) * 1000

    cards = document.journey.cards
    visible = [c for c in cards if c.stage_id == document.journey.stages[1].id][:20]
    edits = [timed(lambda c=c, i=i: document.edit_card(c.id, text=c.text + f" edited {i}"))
             for i, c in enumerate(visible)]
    undos = [timed(document.undo_stack.undo) for _ in visible]
    redos = [timed(document.undo_stack.redo) for _ in visible]
    bar = view.verticalScrollBar()
    scrolls = [timed(lambda i=i: bar.setValue(bar.value() + 120 * (1 if i % 2 else -1) + 40)) for i in range(20)]
    zooms = [timed(view.zoom_in if i % 2 else view.zoom_out) for i in range(20)]  # what a zoom gesture shows
    settles = []
    for i in range(10):  # and the sharp frame once the gesture pauses
        view.zoom_in() if i % 2 else view.zoom_out()
        app.processEvents()
        settles.append(timed(view.zoom_preview.settle))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"cards={len(cards)}")
    print(f"paints={len(paints)} for {len(edits) + len(undos) + len(redos) + len(scrolls) + len(zooms)} changes")
    measured = (("edit", edits), ("undo", undos), ("redo", redos), ("scroll", scrolls), ("zoom", zooms),
                ("zoom_settle", settles))
    for name, values in measured:
        print(f"{name}_ms median={statistics.median(values):.1f} max={max(values):.1f}")
    print(f"max_rss_mb={rss:.0f}")


if __name__ == "__main__":
    main(sys.argv[1], "--measure" in sys.argv)
    sys.stdout.flush()
    os._exit(0)  # skip teardown, like the baseline
