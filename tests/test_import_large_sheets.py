"""Sheets far larger than any map: a tiny file that repeats one word to the cell limit, a CSV of a million filled
cells, a data sheet beside the map. Each is refused in one line or left out and said, in seconds, never read as a
map for minutes."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from app.io.errors import JourneyFileError
from app.io.formats import read_map
from app.io.sheet_import import read_sheet
from app.io.sheet_import.grid import Grid
from app.io.sheet_import.grid_blocks import find_blocks
from app.io.sheet_import.grid_split import MAX_PARTS, split_maps
from tests.hostile import run_cli
from tests.ods_helpers import content_xml, write_ods


def _blocks(rows: list[list[object]]) -> list:
    grid = Grid.from_rows("Sheet", rows)
    return split_maps(grid, find_blocks(grid, sorted(grid.cells)))


def test_a_block_of_one_word_everywhere_is_one_block_not_a_map_per_column():
    rows = [["Stage", *[f"Step {i}" for i in range(1, 60)]], *[["x"] * 60 for _ in range(60)]]
    assert len(_blocks(rows)) == 1


def test_two_maps_side_by_side_are_still_two():
    left = [["Stage", "Discover", "Buy"], ["Doing", "Reads", "Pays"], ["Feeling", "Curious", "Relieved"]]
    rows = [[*row, None, *row] for row in left]
    rows[1][5] = "Searches"  # the second persona's own cards
    assert [(b.c1, b.c2) for b in _blocks(rows)] == [(0, 2), (4, 6)]


def test_splitting_one_block_stops_at_the_most_maps_a_sheet_is_read_as():
    # a label column, then a stage, over and over: each pair looks like a map of its own
    pair_rows = [["Stage", "Discover"], ["Doing", "Reads"], ["Feeling", "Curious"]]
    rows = [[cell for _ in range(200) for cell in row] for row in pair_rows]
    blocks = _blocks(rows)
    assert 2 <= len(blocks) <= MAX_PARTS


def test_a_tiny_ods_repeating_one_word_over_the_whole_sheet_is_refused_in_one_line(tmp_path):
    body = ('<table:table table:name="Journey"><table:table-row><table:table-cell office:value-type="string">'
            '<text:p>Stage</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Aware'
            '</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048575">'
            '<table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p>'
            '</table:table-cell></table:table-row></table:table>')
    path = write_ods(tmp_path / "repeat.ods", content_xml([body]))
    assert path.stat().st_size < 5_000
    run_cli("info", path).assert_refused("filled cells, more than the 150,000 a journey map sheet can have")


def test_a_csv_of_a_million_filled_cells_is_refused_in_one_line(tmp_path):
    path = tmp_path / "million.csv"
    rows = ["Stage," + ",".join(f"S{i}" for i in range(999))]
    rows += [f"L{r}," + ",".join("x" for _ in range(999)) for r in range(999)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    outcome = run_cli("convert", path, tmp_path / "million.journey")
    outcome.assert_refused("million.csv: holds 1,000,000 filled cells")
    assert not (tmp_path / "million.journey").exists()


def test_a_data_sheet_beside_the_map_is_left_out_and_said(tmp_path, monkeypatch):
    monkeypatch.setattr(read_sheet, "MAX_MAP_CELLS", 100)
    book = Workbook()
    sheet = book.active
    sheet.title = "Map"
    for row in [["", "Awareness", "Purchase"], ["Actions", "Sees an ad", "Pays"], ["Emotions", 1, 2]]:
        sheet.append(row)
    data = book.create_sheet("Responses")
    for r in range(30):
        data.append([f"answer {r}-{c}" for c in range(5)])
    book.save(tmp_path / "with data.xlsx")
    result = read_map(tmp_path / "with data.xlsx")
    assert [s.name for s in result.journey.stages] == ["Awareness", "Purchase"]
    assert any("sheet 'Responses' holds 150 filled cells, more than the 100" in line and "not read" in line
               for line in result.report), result.report


def test_a_chosen_sheet_too_large_to_be_a_map_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(read_sheet, "MAX_MAP_CELLS", 100)
    book = Workbook()
    book.active.title = "Map"
    book.active.append(["", "Awareness", "Purchase"])
    book.active.append(["Actions", "Sees an ad", "Pays"])
    data = book.create_sheet("Responses")
    for r in range(30):
        data.append([f"answer {r}-{c}" for c in range(5)])
    book.save(tmp_path / "with data.xlsx")
    with pytest.raises(JourneyFileError, match="sheet 'Responses' holds 150 filled cells"):
        read_map(tmp_path / "with data.xlsx", sheet="Responses")


def test_a_long_stage_list_is_read_in_one_pass(tmp_path):
    """A map written as `Stage:` / `Actions:` lines looked each stage and lane up by scanning those read before:
    60,000 lines took more than five minutes. Stages named again are still one stage."""
    lines = []
    for n in range(10_000):
        lines += [f"Stage: Step {n % 5_000}", f"Actions: act {n}", f"Touchpoints: web {n}"]
    path = tmp_path / "list.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outcome = run_cli("info", path)
    outcome.assert_bounded()
    assert outcome.code == 0, outcome.stderr
    assert "Stages:   5000 " in outcome.stdout and "Cards:    20000" in outcome.stdout, outcome.stdout
