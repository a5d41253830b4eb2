"""A big generated map (stages x lanes, one card per cell) as .journey and as a plain .xlsx grid."""

from __future__ import annotations

import random
from pathlib import Path

VERBS = ("compares", "asks about", "signs up for", "reads about", "complains about", "shares", "cancels",
         "pays for", "searches for", "recommends", "waits for", "downloads")
THINGS = ("the new plan", "a discount code", "delivery times", "the mobile app", "a support ticket",
          "the monthly invoice", "roaming charges", "a loyalty reward", "the contract terms", "a store visit")


def card_texts(stages: int, lanes: int, seed: int = 5) -> list[list[str]]:
    """texts[lane][stage]"""
    rng = random.Random(seed)
    return [[f"Customer {rng.choice(VERBS)} {rng.choice(THINGS)} (S{s + 1}/L{lane + 1})" for s in range(stages)]
            for lane in range(lanes)]


def write_journey(path: Path, stages: int = 120, lanes: int = 10) -> None:
    from app.io.formats import write_map
    from app.model.journey import Card, JourneyMap, Lane, Metadata, Stage

    texts = card_texts(stages, lanes)
    stage_list = [Stage(name=f"Stage {i + 1}") for i in range(stages)]
    lane_list = [Lane(name=f"Lane {i + 1}") for i in range(lanes)]
    cards = [Card(stage_id=stage_list[s].id, lane_id=lane_list[lane].id, text=texts[lane][s])
             for lane in range(lanes) for s in range(stages)]
    journey = JourneyMap(metadata=Metadata(title=f"Generated {stages} x {lanes} map"), stages=stage_list,
                         lanes=lane_list, cards=cards)
    write_map(journey, path)


def write_xlsx(path: Path, stages: int = 120, lanes: int = 10) -> None:
    """Stages in row 1 from column B, lane labels in column A, card texts in the cells."""
    from openpyxl import Workbook

    texts = card_texts(stages, lanes)
    book = Workbook()
    sheet = book.active
    sheet.title = "Journey"
    sheet.cell(1, 1, "Stage")
    for s in range(stages):
        sheet.cell(1, s + 2, f"Stage {s + 1}")
    for lane in range(lanes):
        sheet.cell(lane + 2, 1, f"Lane {lane + 1}")
        for s in range(stages):
            sheet.cell(lane + 2, s + 2, texts[lane][s])
    book.save(path)
