"""Canvas edits while a persona filter is on (issue #15): 2,160 cards, three personas, the filter showing one.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.bench_persona_filter [--cards-per-cell 4]

Times a card text edit, its undo and redo, and an emotion change from the change until the 1920x1080
canvas has repainted (CPU time, median and 95th percentile of 20), first with the filtered map kept
current edit by edit (what the editor does), then with the whole map filtered again on every edit
(what it did before). Target: an edit under ~10 ms at 2,160 cards.
"""

from __future__ import annotations

import argparse
import os
import statistics

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def persona_map(cards_per_cell: int):
    from app.model.journey import Persona
    from bench.generate import generated_map

    journey = generated_map(60, 10, cards_per_cell)
    people = [Persona(name="Maya"), Persona(name="Kai"), Persona(name="Jo")]
    journey.personas = people
    for index, card in enumerate(journey.cards):  # a third for all, the rest for one persona each
        card.personas = [] if index % 3 == 0 else [people[index % 3].id]
    return journey


def run(cards_per_cell: int, refilter_all: bool) -> dict[str, tuple[float, float]]:
    from PySide6.QtWidgets import QApplication

    from app.document import JourneyDocument
    from app.painters.qt_fonts import ensure_fonts
    from bench.scale_child import _paint_timer, shown_map_view

    app = QApplication.instance() or QApplication([])
    ensure_fonts()
    document = JourneyDocument(persona_map(cards_per_cell))
    kai = document.journey.personas[1].id
    document.set_persona_filter([kai])
    if refilter_all:  # the old way: no filtered map kept between edits
        document.cardsChanged.connect(document._drop_visible)
        document.emotionsChanged.connect(document._drop_visible)
    view = shown_map_view(app, document)
    timed = _paint_timer(app, view.viewport())
    journey = document.journey
    first = {s.id for s in journey.stages[:4]}
    shown = [c for c in journey.cards if c.stage_id in first and (not c.personas or kai in c.personas)][:20]
    edits = [timed(lambda c=c, i=i: document.edit_card(c.id, text=c.text + f" edited {i}"))
             for i, c in enumerate(shown)]
    undos = [timed(document.undo_stack.undo) for _ in shown]
    redos = [timed(document.undo_stack.redo) for _ in shown]
    lane = next(lane for lane in journey.lanes if lane.kind == "emotions")
    moods = [timed(lambda i=i: document.set_emotion(lane.id, journey.stages[i % 4].id, i % 5 - 2))
             for i in range(20)]
    view.close()
    return {name: (statistics.median(values), sorted(values)[int(0.95 * (len(values) - 1))])
            for name, values in (("edit", edits), ("undo", undos), ("redo", redos), ("emotion", moods))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards-per-cell", type=int, default=4)
    args = parser.parse_args()
    print(f"{len(persona_map(args.cards_per_cell).cards)} cards, filter: one of three personas; ms CPU, median / p95")
    for label, refilter_all in (("kept current", False), ("filtered again", True)):
        results = run(args.cards_per_cell, refilter_all)
        print(f"{label:>15}: " + "  ".join(f"{k} {m:.1f} / {p:.1f}" for k, (m, p) in results.items()))


if __name__ == "__main__":
    main()
