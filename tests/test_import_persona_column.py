"""A Persona column (one row, or one block of lane rows, per persona and stage) imports as one persona per name,
each with its own cards and emotion curve; a Step column orders the stages instead of becoming a lane."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from app.io.formats import read_map, write_map
from app.io.sheet_import.preview import ORDER, PERSONA, load_sheets, preview
from app.io.xlsx_export.hidden_sheet import HIDDEN_SHEET
from app.model.journey import JourneyMap
from tests.import_helpers import make_workbook
from tests.test_import_personas import curves, ties

RECORDS = [  # stages down the rows, one row per (persona, stage)
    ["Persona", "Stage", "Step", "Channel", "Customer action", "Thought", "Emotion (1-5)", "Pain point"],
    ["Anna", "Awareness", 1, "Instagram", "Sees an ad for the bike", "Looks cool, but pricey?", 3,
     "Ad hides the price"],
    ["Anna", "Consideration", 2, "Website", "Compares models", "Which size fits me?", 2, "Size guide is confusing"],
    ["Anna", "Purchase", 3, "Store", "Test rides and buys", "Finally!", 5, None],
    ["Ben", "Awareness", 1, "Word of mouth", "Hears from a friend", "Worth a look", 3, None],
    ["Ben", "Consideration", 2, "Website", "Reads reviews", "Mixed reviews", 2, "Reviews are old"],
    ["Ben", "Purchase", 3, "App", "Orders online", "Easy", 4, "Delivery takes 2 weeks"],
]
LONG = [["Persona", "Stage", "Lane", "Text"]] + [
    [who, stage, lane, text] for who, rows in (
        ("Anna", [("Awareness", "Sees an ad", 3), ("Consideration", "Compares models", 2), ("Purchase", "Buys", 5)]),
        ("Ben", [("Awareness", "Hears from a friend", 3), ("Consideration", "Reads reviews", 1),
                 ("Purchase", "Buys", 4)]))
    for stage, action, score in rows for lane, text in (("Actions", action), ("Emotions", score))]
BLOCKS = [  # stages across the columns, a block of lane rows per persona
    ["Persona", None, "Awareness", "Consideration", "Purchase"],
    ["Anna", "Actions", "Sees an ad", "Compares models", "Buys"],
    ["Anna", "Thoughts", "Looks cool", "Which size?", "Finally!"],
    ["Anna", "Emotions", 3, 2, 5],
    ["Ben", "Actions", "Hears from a friend", "Reads reviews", "Buys"],
    ["Ben", "Thoughts", "Worth a look", "Mixed reviews", "Easy"],
    ["Ben", "Emotions", 3, 1, 4],
]
CURVES = {"Anna": [("Awareness", 3.0, None), ("Consideration", 2.0, None), ("Purchase", 5.0, None)],
          "Ben": [("Awareness", 3.0, None), ("Consideration", 2.0, None), ("Purchase", 4.0, None)]}
BEN_LOW = {"Anna": CURVES["Anna"], "Ben": [("Awareness", 3.0, None), ("Consideration", 1.0, None),
                                           ("Purchase", 4.0, None)]}


def write(path: Path, rows: list[list[Any]], **options: Any) -> Path:
    if path.suffix == ".csv":
        path.write_text("\n".join(";".join("" if v is None else str(v) for v in row) for row in rows) + "\n",
                        encoding="utf-8")
        return path
    return make_workbook(path, rows, **options)


def texts(journey: JourneyMap) -> set[str]:
    return {card.text for card in journey.cards}


def named(journey: JourneyMap, stage: str, lane: str, text: str) -> set[str]:
    """The names of the personas a card is tied to ('*' when it is for all of them)."""
    who = {p.id: p.name for p in journey.personas}
    ids = {s.id for s in journey.stages if s.name == stage} | {x.id for x in journey.lanes if x.name == lane}
    card = next(c for c in journey.cards if c.text == text and c.stage_id in ids and c.lane_id in ids)
    return {who[p] for p in card.personas} or {"*"}


def round_trip(journey: JourneyMap, path: Path, hidden: bool) -> JourneyMap:
    journey = journey.model_copy(deep=True)
    journey.metadata.title = "Buying a bike"  # not the sheet's name 'Map' (a corner 'Map' reads as a title key)
    write_map(journey, path)
    if not hidden:
        book = openpyxl.load_workbook(path)
        del book[HIDDEN_SHEET]
        book.save(path)
    return read_map(path).journey


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_rows_of_a_persona_column_become_personas_with_their_own_cards_and_curves(tmp_path, suffix):
    result = read_map(write(tmp_path / f"long{suffix}", RECORDS))
    journey = result.journey
    assert [p.name for p in journey.personas] == ["Anna", "Ben"]
    assert [s.name for s in journey.stages] == ["Awareness", "Consideration", "Purchase"]
    assert [lane.name for lane in journey.lanes] == ["Channel", "Customer action", "Thought", "Emotion (1-5)",
                                                     "Pain point"]
    assert not texts(journey) & {"Anna", "Ben", "1", "2", "3"}
    assert named(journey, "Awareness", "Customer action", "Sees an ad for the bike") == {"Anna"}
    assert named(journey, "Purchase", "Pain point", "Delivery takes 2 weeks") == {"Ben"}
    assert named(journey, "Consideration", "Channel", "Website") == {"*"}  # both wrote it: one card for all
    assert sum(c.text == "Website" for c in journey.cards) == 1
    assert curves(journey) == CURVES  # Purchase: Anna 5, Ben 4 (not averaged to 4.5)
    report = [str(line) for line in result.report]
    assert ("column A 'Persona': 2 personas, Anna (3 rows) and Ben (3 rows); each has its own cards and emotion "
            "curve") in report
    assert "column C 'Step': the stages' order" in report
    assert not any("averaged" in line for line in report)
    assert not any("not part of the map" in line for line in report)
    for hidden in (True, False):
        back = round_trip(journey, tmp_path / f"export-{hidden}.xlsx", hidden)
        assert [p.name for p in back.personas] == ["Anna", "Ben"]
        assert ties(back) == ties(journey)
        assert curves(back) == CURVES


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_persona_column_beside_stage_lane_text_in_long_format(tmp_path, suffix):
    result = read_map(write(tmp_path / f"items{suffix}", LONG))
    journey = result.journey
    assert ("column A 'Persona': 2 personas, Anna (6 rows) and Ben (6 rows); each has its own cards and emotion "
            "curve") in result.report
    assert [p.name for p in journey.personas] == ["Anna", "Ben"]
    assert not texts(journey) & {"Anna", "Ben"}
    assert named(journey, "Awareness", "Actions", "Sees an ad") == {"Anna"}
    assert named(journey, "Consideration", "Actions", "Reads reviews") == {"Ben"}
    assert named(journey, "Purchase", "Actions", "Buys") == {"*"}
    assert curves(journey) == BEN_LOW
    assert not any("not part of the map" in line for line in result.report)
    back = round_trip(journey, tmp_path / "export.xlsx", hidden=False)
    assert [p.name for p in back.personas] == ["Anna", "Ben"]
    assert ties(back) == ties(journey) and curves(back) == BEN_LOW


@pytest.mark.parametrize("layout", ["csv", "xlsx", "merged", "first row only"])
def test_a_persona_column_left_of_the_lane_labels_with_a_block_of_rows_each(tmp_path, layout):
    rows = [list(row) for row in BLOCKS]
    merged: tuple[str, ...] = ()
    if layout in ("merged", "first row only"):
        for row in (3, 4, 6, 7):  # 1-based rows 3, 4 (Anna) and 6, 7 (Ben) keep their name only in the first
            rows[row - 1][0] = None
        merged = ("A2:A4", "A5:A7") if layout == "merged" else ()
    path = write(tmp_path / f"blocks.{'csv' if layout == 'csv' else 'xlsx'}", rows, merged=merged)
    result = read_map(path)
    journey = result.journey
    assert [p.name for p in journey.personas] == ["Anna", "Ben"]
    assert [lane.name for lane in journey.lanes] == ["Actions", "Thoughts", "Emotions"]
    assert not journey.lane_groups
    assert journey.metadata.title in ("blocks", "Map")  # the sheet's name: the 'Persona' heading is not the title
    assert not texts(journey) & {"Anna", "Ben"}
    assert named(journey, "Awareness", "Actions", "Sees an ad") == {"Anna"}
    assert named(journey, "Purchase", "Thoughts", "Easy") == {"Ben"}
    assert named(journey, "Purchase", "Actions", "Buys") == {"*"}
    assert curves(journey) == BEN_LOW
    assert any(line.startswith("column A 'Persona': 2 personas, Anna (3 rows) and Ben (3 rows)")
               for line in result.report)
    assert not any("lanes are named" in line or "not part of the map" in line for line in result.report)
    back = round_trip(journey, tmp_path / "export.xlsx", hidden=False)
    assert ties(back) == ties(journey) and curves(back) == BEN_LOW


def test_the_preview_shows_the_persona_and_step_columns_with_their_roles(tmp_path):
    shown = preview(load_sheets(write(tmp_path / "long.csv", RECORDS)))
    assert shown.summary().startswith("2 personas, 3 stages, 5 lanes")
    assert all(shown.roles[(r, 0)] == PERSONA for r in range(7))
    assert all(shown.roles[(r, 2)] == ORDER for r in range(7))
    assert not shown.left_out
    blocks = preview(load_sheets(write(tmp_path / "blocks.xlsx", BLOCKS)))
    assert all(blocks.roles[(r, 0)] == PERSONA for r in range(7))


def test_the_import_dialog_colours_the_persona_column_and_imports_the_personas(qtbot, tmp_path):
    from PySide6.QtCore import Qt

    from tests.test_import_dialog import click_import, open_dialog

    dialog = open_dialog(qtbot, write(tmp_path / "long.csv", RECORDS))
    model = dialog.model
    tip = model.data(model.index(1, 0), Qt.ItemDataRole.ToolTipRole)
    assert "A2 — persona column (whose row it is)" in tip and "left out" not in tip
    assert "C2 — order of the stages" in model.data(model.index(1, 2), Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(1, 0), Qt.ItemDataRole.BackgroundRole).color().name() == "#e7a6d4"
    assert "2 personas" in dialog.current.summary()
    journey = click_import(qtbot, dialog).journey
    assert [p.name for p in journey.personas] == ["Anna", "Ben"] and curves(journey) == CURVES


def test_steps_put_the_stages_in_their_order(tmp_path):
    rows = [RECORDS[0]] + sorted(RECORDS[1:], key=lambda row: (-row[2], row[0]))  # Purchase rows first
    journey = read_map(write(tmp_path / "steps.csv", rows)).journey
    assert [s.name for s in journey.stages] == ["Awareness", "Consideration", "Purchase"]
    assert curves(journey) == CURVES
    assert named(journey, "Awareness", "Customer action", "Hears from a friend") == {"Ben"}


def test_a_column_in_another_language_and_a_persona_described_above_the_table(tmp_path):
    rows = [["Persona", "Anna"], ["Goals", "A bike for the commute"], [], [],
            ["Kunde", None, "Suchen", "Kaufen"], ["Anna", "Aktionen", "googelt", "bestellt"], ["Anna", "Gefühl", 3, 4],
            ["Ben", "Aktionen", "fragt", "bestellt"], ["Ben", "Gefühl", 2, 1]]
    result = read_map(write(tmp_path / "kunden.xlsx", rows))
    journey = result.journey
    assert [p.name for p in journey.personas] == ["Anna", "Ben"]
    assert journey.personas[0].goals == ["A bike for the commute"]
    assert named(journey, "Suchen", "Aktionen", "fragt") == {"Ben"}
    assert named(journey, "Kaufen", "Aktionen", "bestellt") == {"*"}
    assert curves(journey) == {"Anna": [("Kaufen", 4.0, None), ("Suchen", 3.0, None)],
                               "Ben": [("Kaufen", 1.0, None), ("Suchen", 2.0, None)]}
    assert "column A 'Kunde': 2 personas, Anna (2 rows) and Ben (2 rows); each has its own cards and emotion " \
           "curve" in result.report


@pytest.mark.parametrize("case", ["one name", "names that do not repeat the stages", "no persona heading"])
def test_tables_without_a_persona_column_import_as_before(tmp_path, case):
    """One name all along, one name per stage (a column of owners), or a column of names not headed as personas:
    a lane as always, one map without personas, scores of a stage averaged."""
    rows = [["Persona", "Stage", "Actions", "Emotion"],
            ["Anna", "Awareness", "sees an ad", 3], ["Anna", "Awareness", "asks", 5],
            ["Anna", "Purchase", "buys", 4], ["Anna", "Purchase", "pays", 2]]
    if case == "names that do not repeat the stages":
        rows = [["Persona", "Stage", "Actions", "Emotion"], ["Anna", "Awareness", "sees an ad", 3],
                ["Anna", "Consideration", "compares", 2], ["Ben", "Purchase", "buys", 4], ["Ben", "Use", "rides", 5]]
    if case == "no persona heading":
        rows = [[("Owner" if n == 0 else v) for n, v in enumerate(row)] for row in RECORDS[:1]] + RECORDS[1:]
    journey = read_map(write(tmp_path / "plain.csv", rows)).journey
    assert len(journey.personas) == 0
    assert journey.lanes[0].name in ("Persona", "Owner")
    assert {"Anna"} <= texts(journey)


@pytest.mark.parametrize("numbers, order", [
    ([1, 1, 2, 3], ["Awareness", "Consideration", "Purchase"]),  # the stage's number on each of its rows
    ([1, 2, 3, 4], ["Awareness", "Consideration", "Purchase"]),  # the rows numbered one by one
    ([3, 4, 1, 2], ["Consideration", "Purchase", "Awareness"]),  # out of the sheet's order: the numbers win
    ([1, 2, 1, 3], None),  # Awareness's rows numbered 1 and 2, Consideration 1: not an order, a lane as before
])
def test_a_step_column_of_one_persona_orders_the_stages_or_stays_a_lane(tmp_path, numbers, order):
    rows = [["No.", "Stage", "Actions", "Emotion"], [numbers[0], "Awareness", "sees an ad", 3],
            [numbers[1], "Awareness", "asks a friend", 4], [numbers[2], "Consideration", "compares", 2],
            [numbers[3], "Purchase", "buys", 5]]
    result = read_map(write(tmp_path / "steps.csv", rows))
    journey = result.journey
    if order is None:
        assert journey.lanes[0].name == "No." and {"1", "2", "3"} <= texts(journey)
        assert not any("the stages' order" in line for line in result.report)
        return
    assert [s.name for s in journey.stages] == order
    assert [lane.name for lane in journey.lanes] == ["Actions", "Emotion"]
    assert "column A 'No.': the stages' order" in result.report
    assert not journey.personas and texts(journey) == {"sees an ad", "asks a friend", "compares", "buys"}


def test_a_persona_line_at_the_top_of_a_map_is_not_a_persona_column(tmp_path):
    """'Persona | Maria' over 'Stage | ...' and the lanes: the first column holds the lane labels, as before."""
    rows = [["Persona", "Maria"], ["Stage", "Discover", "Buy"], ["Actions", "search", "pay"], ["Emotions", 3, 4]]
    result = read_map(write(tmp_path / "maria.xlsx", rows))
    assert [p.name for p in result.journey.personas] == ["Maria"]
    assert [lane.name for lane in result.journey.lanes] == ["Actions", "Emotions"]
    assert not any("personas," in line for line in result.report)
