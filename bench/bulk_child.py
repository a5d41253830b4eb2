"""Edits of many cards at once, for `bench_scale --only bulk`: what a facilitator does to a whole selection or a
pasted block, on a map of every size, each until the 1920x1080 canvas has repainted.

Ours (`bulk`): a paste of a tenth of the map's cards (spread over the first stages' cells, as a pasted block
lands), its undo and redo; a colour given to that many cards, and its undo; deleting that many and undoing it;
duplicating them; a snapshot of the map. Bare (`bulk_bare`): the same numbers of rect and text items added to,
coloured in and removed from a bare QGraphicsScene (`bench/canvas_baseline.py`), and for the snapshot a copy of
the map's JSON data (`json.loads(json.dumps(data))`). Each operation three times; the medians are reported."""

from __future__ import annotations

import json

from bench.scale_child import _paint_timer, cpu_ms, peak_mb, shown_map_view, summary

REPEATS = 3
BRUSH = PLAIN = None  # the bare side's brushes, made once its application exists


def bulk_size(cards: int) -> int:
    """How many cards one bulk edit takes on a map of `cards`: a tenth, at least 20."""
    return max(20, cards // 10)


def bulk(path: str) -> dict:
    from PySide6.QtWidgets import QApplication

    from app.painters.raster_threads import prefer_serial_fills

    prefer_serial_fills()
    app = QApplication([])
    from app.document import JourneyDocument
    from app.io.journey.file import load_journey
    from app.model.journey import Card
    from app.painters.qt_fonts import ensure_fonts

    ensure_fonts()
    document = JourneyDocument(load_journey(path))
    view = shown_map_view(app, document)
    timed = _paint_timer(app, view.viewport())
    journey = document.journey
    count = bulk_size(len(journey.cards))
    lanes = [lane for lane in journey.lanes if lane.kind.value != "emotions"]
    times: dict[str, list[float]] = {}

    def run(name: str, action) -> None:
        times.setdefault(name, []).append(timed(action))

    stack = document.undo_stack
    for repeat in range(REPEATS):
        pasted = [Card(stage_id=journey.stages[n % 4].id, lane_id=lanes[(n // 4) % len(lanes)].id,
                       text=f"Pasted note {repeat}.{n}") for n in range(count)]
        run("paste", lambda cards=pasted: document.add_cards(cards, "Paste"))
        run("undo paste", stack.undo)
        run("redo paste", stack.redo)
        some = [card.id for card in journey.cards[repeat * count:(repeat + 1) * count]]
        colour = "#ffd966" if repeat % 2 else "#c9daf8"
        run("colour", lambda ids=some, colour=colour: document.edit_cards(ids, color=colour))
        run("undo colour", stack.undo)
        run("delete", lambda ids=some: document.remove_cards(ids))
        run("undo delete", stack.undo)
        run("duplicate", lambda ids=some: document.duplicate_cards(ids))
        start = cpu_ms()  # nothing on the canvas changes: no repaint to wait for, on either side
        document.take_snapshot(f"Bench {repeat}")
        times.setdefault("snapshot", []).append(cpu_ms() - start)
    return {**{name: summary(values) for name, values in times.items()}, "peak_mb": peak_mb()}


def bulk_bare(path: str) -> dict:
    from PySide6.QtGui import QBrush, QColor
    from PySide6.QtWidgets import QApplication, QGraphicsView

    global BRUSH, PLAIN

    from bench.canvas_baseline import bare_scene

    app = QApplication([])
    with open(path, encoding="utf-8") as file:
        data = json.load(file)
    scene, _texts = bare_scene(data)
    view = QGraphicsView(scene)
    view.resize(1920, 1080)
    view.show()
    view.viewport().repaint()
    app.processEvents()
    timed = _paint_timer(app, view.viewport())
    BRUSH, PLAIN = QBrush(QColor("#ffd966")), QBrush()
    count = bulk_size(len(data["cards"]))
    rects = [item for item in scene.items() if item.type() == 3][:count * REPEATS]  # QGraphicsRectItem
    times: dict[str, list[float]] = {}

    def run(name: str, action) -> None:
        times.setdefault(name, []).append(timed(action))

    def add(items: list, n: int) -> None:
        for k in range(n):
            x, y = 160 + (k % 4) * 184, 100 + (k // 4) * 70
            items.append(scene.addRect(x, y, 164, 60))
            text = scene.addText(f"Pasted note {k}")
            text.setPos(x + 4, y + 4)
            text.setTextWidth(156)
            items.append(text)

    def remove(items: list) -> None:
        for item in items:
            scene.removeItem(item)
        items.clear()

    for repeat in range(REPEATS):
        added: list = []
        run("paste", lambda added=added: add(added, count))
        run("undo paste", lambda added=added: remove(added))
        run("redo paste", lambda added=added: add(added, count))
        some = rects[repeat * count:(repeat + 1) * count]
        run("colour", lambda items=some: [item.setBrush(BRUSH) for item in items])
        run("undo colour", lambda items=some: [item.setBrush(PLAIN) for item in items])
        run("delete", lambda items=some: [scene.removeItem(item) for item in items])
        run("undo delete", lambda items=some: [scene.addItem(item) for item in items])
        copies: list = []
        run("duplicate", lambda copies=copies: add(copies, count))
        start = cpu_ms()
        json.loads(json.dumps(data))
        times.setdefault("snapshot", []).append(cpu_ms() - start)
        remove(added)
    return {**{name: summary(values) for name, values in times.items()}, "peak_mb": peak_mb()}
