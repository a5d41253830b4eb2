"""A cell longer than a card holds keeps every word: it becomes several cards and the report says so."""

from __future__ import annotations

import pytest

from app.io.errors import JourneyFileError
from app.io.formats import read_map
from app.model.journey import MAX_TEXT_LENGTH
from tests.import_helpers import make_workbook

LONG = " ".join(f"w{i}" for i in range(4_500))  # 25,889 characters (a workbook cell holds 32,767)


def _check(result, cell):
    texts = [card.text for card in result.journey.cards]
    assert all(len(t) <= MAX_TEXT_LENGTH for t in texts)
    assert " ".join(texts[:-1]) == LONG and texts[-1] == "b"  # every word, in order, none cut in two
    assert any(f"{cell}: a text of {len(LONG):,} characters became 2 cards" in line for line in result.report)


def test_a_long_csv_cell_becomes_several_cards(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text(f',Awareness,Decision\nActions,"{LONG}",b\n', encoding="utf-8")
    _check(read_map(path), "long!B2")


def test_a_long_workbook_cell_becomes_several_cards(tmp_path):
    path = make_workbook(tmp_path / "long.xlsx", [[None, "Awareness", "Decision"], ["Actions", LONG, "b"]])
    _check(read_map(path), "Map!B2")


def test_a_csv_cell_beyond_the_csv_limit_is_one_plain_line(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text(',Awareness,Decision\nActions,"' + "word " * 30_000 + '\nThoughts,a,b\n', encoding="utf-8")
    with pytest.raises(JourneyFileError) as caught:
        read_map(path)
    message = str(caught.value)
    assert "a cell longer than 131,072 characters (from line 2)" in message and "field limit" not in message


def test_a_stage_name_or_lane_label_beyond_500_characters_is_reported(tmp_path):
    """A name holds 500 characters: a longer stage name keeps its whole text as the stage's description, a
    longer lane label is reported (both were cut without a word)."""
    stage = "Awareness " + "and more " * 80
    label = "Actions " + "x" * 700
    path = make_workbook(tmp_path / "names.xlsx", [[None, stage, "Decision"], [label, "a", "b"]])
    result = read_map(path)
    first = result.journey.stages[0]
    assert len(first.name) == 500 and first.description == stage.strip()
    assert any("Map!B1: a stage name of 729 characters was shortened to 500" in line for line in result.report)
    assert any("lane label shortened to its first 500 characters" in line and "708 characters" in line
               for line in result.report)
