"""The bare baseline: a QGraphicsScene with one rect and one text item per card of the same map,
shown at 1920x1080 and painted once."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def bare_scene(data: dict, texts_of_first_stages: int = 4):
    """A QGraphicsScene with a rect and a text item per card of the map's JSON, each at its cell's place;
    also the (text item, text) pairs of the cards in the first stages, for timing edits."""
    from PySide6.QtWidgets import QGraphicsScene

    scene = QGraphicsScene()
    stages = {s["id"]: i for i, s in enumerate(data["stages"])}
    lanes = {lane["id"]: i for i, lane in enumerate(data["lanes"])}
    slots: dict[tuple[int, int], int] = {}
    texts = []
    for card in data["cards"]:
        key = (stages[card["stage_id"]], lanes[card["lane_id"]])
        slot = slots.get(key, 0)
        slots[key] = slot + 1
        x, y = 150 + key[0] * 184 + 10, 100 + key[1] * 300 + slot * 70
        scene.addRect(x, y, 164, 60)
        text = scene.addText(card["text"])
        text.setPos(x + 4, y + 4)
        text.setTextWidth(156)
        if key[0] < texts_of_first_stages:
            texts.append((text, card["text"]))
    return scene, texts


def main(path: str) -> None:
    import json

    from PySide6.QtWidgets import QApplication, QGraphicsView

    app = QApplication([])
    with open(path, encoding="utf-8") as file:
        data = json.load(file)
    scene, _ = bare_scene(data)
    view = QGraphicsView(scene)
    view.resize(1920, 1080)
    view.show()
    view.viewport().repaint()
    app.processEvents()

if __name__ == "__main__":
    main(sys.argv[1])
    os._exit(0)
