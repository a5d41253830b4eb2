"""The lean .xlsx reader gives exactly the grid openpyxl gives (values, fills, merges, comments, hidden)."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from app.io.sheet_import import source as sheet_source
from app.io.sheet_import.source_xlsx import cell_position, read_raw
from tests.conftest import SAMPLES
from tests.import_helpers import make_workbook


def same_grids(path):
    grids, _states, hidden, _fingerprint = read_raw(path, sheet_source._theme_from_xml, sheet_source.resolve_colour,
                                      sheet_source.MAX_CELL_TEXT)
    reference = sheet_source._load_with_openpyxl(path)
    assert [g.name for g in grids] == [g.name for g in reference.grids]
    for ours, theirs in zip(grids, reference.grids, strict=True):
        assert ours.cells == theirs.cells
        assert ours.fills == theirs.fills
        assert ours.blank_fills == theirs.blank_fills
        assert ours.comments == theirs.comments
        assert sorted(ours.merged) == sorted(theirs.merged)
        assert ours.hidden_rows == theirs.hidden_rows and ours.hidden_cols == theirs.hidden_cols
        assert ours.uncalculated == theirs.uncalculated and ours.shortened == theirs.shortened
        assert ours.formula_errors == theirs.formula_errors
    assert hidden == reference.hidden_sheet_text
    return grids


def test_cell_position():
    assert cell_position("A1") == (0, 0)
    assert cell_position("AB12") == (11, 27)
    assert cell_position("XFD1048576") == (1048575, 16383)


def test_same_as_openpyxl_on_built_workbooks(tmp_path):
    rows = [["Title", "x"], [None, "A", "B"], ["Doing", 1.5, True], ["When", date(2024, 5, 1), "=1+1"],
            ["Rich", "line one\nline two", "  spaced  "]]
    path = make_workbook(tmp_path / "b.xlsx", rows, merged=("B2:C2",), fills={"B3": "FFCC00", "A4": "FF0000"},
                         comments={"C3": "a note"}, hidden_rows=(5,), sheets={"Other": [["a", "b"]]})
    grids = same_grids(path)
    assert grids[0].cells[(3, 1)] == "2024-05-01"
    assert grids[0].uncalculated == {(3, 2): "1+1"}  # written by openpyxl: a formula without its result


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="real samples not present")
def test_same_as_openpyxl_on_every_real_workbook():
    for path in sorted(SAMPLES.glob("*.xlsx")):
        same_grids(path)


def test_dates_and_times_read_as_the_sheet_shows_them(tmp_path):
    """openpyxl formats a date 'yyyy-mm-dd', a moment 'yyyy-mm-dd h:mm:ss' and a time 'h:mm:ss': the cells read
    as Excel shows them under those formats (not '...T00:00:00', nor Excel's day zero '1899-12-30T09:30:00'),
    each still carrying its ISO text; the lean reader and openpyxl agree."""
    rows = [[None, "Awareness", "Decision"],
            ["When", date(2026, 1, 31), datetime(2026, 1, 31, 9, 30)],
            ["At", time(9, 30), time(17, 5, 12)]]
    path = make_workbook(tmp_path / "d.xlsx", rows)
    cells = same_grids(path)[0].cells
    shown = [cells[(1, 1)], cells[(1, 2)], cells[(2, 1)], cells[(2, 2)]]
    assert shown == ["2026-01-31", "2026-01-31 9:30:00", "9:30:00", "17:05:12"]
    assert [cell.iso for cell in shown] == ["2026-01-31", "2026-01-31 09:30", "09:30", "17:05:12"]


def test_formulas_saved_without_their_result_are_reported(tmp_path):
    """A workbook written by a script (openpyxl, pandas) holds formulas but no results: the cells cannot be
    read, and the report names them under Left out instead of dropping them silently."""
    from app.io.sheet_import.report import LEFT_OUT, group_of
    from tests.import_helpers import read

    rows = [[None, "Awareness", "Decision"], ["Doing", '=CONCATENATE("Sees ", "ad")', "Buys"],
            ["Thinking", "Is it safe?", "=1+1"]]
    result = read(make_workbook(tmp_path / "f.xlsx", rows))
    lines = [line for line in result.report if "formula" in line]
    assert len(lines) == 1 and "Map!B2, C3: 2 formula(s) saved without their result" in lines[0]
    assert group_of(lines[0]) == LEFT_OUT


@pytest.mark.parametrize("suffix", [".xlsx", ".xlsm"])
def test_every_workbook_reader_reports_formulas_without_result_alike(tmp_path, monkeypatch, suffix):
    """The openpyxl reader (taken when the lean one balks at a workbook) read such cells as empty and said
    nothing: now both name the same cells and count in the same report line, for .xlsx and .xlsm alike."""
    from app.io.sheet_import import source_xlsx
    from tests.import_helpers import read

    rows = [[None, "Awareness", "Decision"], ["Doing", '=CONCATENATE("Sees ", "ad")', "Buys"],
            ["Thinking", "Is it safe?", "=B2&C2"], ["Feeling", 2, "=SUM(B4:B4)"]]
    path = make_workbook(tmp_path / f"f{suffix}", rows)
    lean = [line for line in read(path).report if "formula" in line]

    def balk(*_args, **_kwargs):
        raise ValueError("something the lean reader does not know")

    monkeypatch.setattr(source_xlsx, "read_raw", balk)
    fallback = [line for line in read(path).report if "formula" in line]
    assert lean == fallback == ["Map!B2, C3, C4: 3 formula(s) saved without their result, not read (open the file in "
                                "Excel or LibreOffice, save it and import it again)"]


def test_formula_results_are_read_and_not_reported(tmp_path):

    from tests.import_helpers import read, rewrite_parts

    rows = [[None, "Awareness", "Decision"], ["Doing", "x", "Buys"], ["Thinking", "Is it safe?", "y"]]
    plain = make_workbook(tmp_path / "p.xlsx", rows)

    def formulas(name: str, data: bytes) -> bytes:
        if not name.endswith("sheet1.xml"):
            return data
        data = data.replace(b'<c r="B2" t="inlineStr"><is><t>x</t></is></c>',
                            b'<c r="B2" t="str"><f>"Sees ad"</f><v>Sees ad</v></c>')
        return data.replace(b'<c r="C3" t="inlineStr"><is><t>y</t></is></c>',
                            b'<c r="C3" t="str"><f>""</f><v></v></c>')

    path = rewrite_parts(plain, tmp_path / "r.xlsx", formulas)
    result = read(path)
    assert "Sees ad" in [c.text for c in result.journey.cards]
    assert not [line for line in result.report if "formula" in line]


def test_a_strict_open_xml_workbook_is_read(tmp_path):
    """Excel's 'Strict Open XML Spreadsheet' names relationships in another namespace: its sheets were not
    found ('every sheet is empty'); its ISO dates (t="d") read like other dates."""

    from tests.import_helpers import read, rewrite_parts

    rows = [[None, "Awareness", "Decision"], ["Doing", "Sees ad", "Buys"], ["When", "x", "y"]]
    plain = make_workbook(tmp_path / "p.xlsx", rows)

    def strict(name: str, data: bytes) -> bytes:
        data = data.replace(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                            b"http://purl.oclc.org/ooxml/spreadsheetml/main")
        data = data.replace(b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                            b"http://purl.oclc.org/ooxml/officeDocument/relationships")
        return data.replace(b'<c r="B3" t="inlineStr"><is><t>x</t></is></c>',
                            b'<c r="B3" t="d"><v>2026-01-31T00:00:00</v></c>')

    path = rewrite_parts(plain, tmp_path / "strict.xlsx", strict)
    journey = read(path).journey
    assert [s.name for s in journey.stages] == ["Awareness", "Decision"]
    assert "2026-01-31" in [c.text for c in journey.cards]


def test_a_formula_error_is_not_a_card_and_every_reader_reports_it_alike(tmp_path, monkeypatch):
    """#N/A or #REF! in a cell (a formula that failed in Excel) became a card reading '#N/A': now both readers leave
    it out and name the cells and errors in the report's Left out group."""
    from app.io.sheet_import import source_xlsx
    from app.io.sheet_import.report import LEFT_OUT, group_of
    from tests.import_helpers import read

    rows = [[None, "Awareness", "Decision"], ["Doing", "#N/A", "Buys"], ["Thinking", "Is it safe?", "#REF!"]]
    path = make_workbook(tmp_path / "e.xlsx", rows)
    assert same_grids(path)[0].formula_errors == {(1, 1): "#N/A", (2, 2): "#REF!"}
    result = read(path)
    assert not any(card.text.startswith("#") for card in result.journey.cards)
    assert {card.text for card in result.journey.cards} == {"Buys", "Is it safe?"}
    lean = [line for line in result.report if "formula error" in line]
    assert lean == ["Map!B2, C3: 2 cell(s) holding a formula error (#N/A, #REF!), not read"]
    assert group_of(lean[0]) == LEFT_OUT

    def balk(*_args, **_kwargs):
        raise ValueError("something the lean reader does not know")

    monkeypatch.setattr(source_xlsx, "read_raw", balk)
    assert [line for line in read(path).report if "formula error" in line] == lean


def test_a_damaged_value_is_named_in_the_report_not_dropped_silently(tmp_path):
    """A shared-text index the workbook does not hold, or a number saved as NaN or 1e999 (Excel writes neither): the
    cell used to vanish without a word; now the report's Left out group names each cell and why."""
    from app.io.sheet_import.report import LEFT_OUT, group_of
    from tests.import_helpers import read, rewrite_parts

    rows = [[None, "Awareness", "Decision", "Loyalty"], ["Doing", "Reads", "Buys", "Returns"], ["Feeling", 1, 2, 3]]
    plain = make_workbook(tmp_path / "plain.xlsx", rows)

    def damage(name: str, data: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return data
        text = data.decode()
        text = text.replace('<c r="C3" t="n"><v>2</v></c>', '<c r="C3" t="n"><v>NaN</v></c>')
        text = text.replace('<c r="D3" t="n"><v>3</v></c>', '<c r="D3" t="n"><v>1e999</v></c>')
        text = text.replace('<c r="B2" t="inlineStr"><is><t>Reads</t></is></c>', '<c r="B2" t="s"><v>99</v></c>')
        assert "NaN" in text and "1e999" in text and '<v>99</v>' in text, text
        return text.encode()

    path = rewrite_parts(plain, tmp_path / "damaged.xlsx", damage)
    result = read(path)
    assert {c.text for c in result.journey.cards} == {"Buys", "Returns"}
    lines = [line for line in result.report if "damaged" in line]
    assert lines == ["Map!B2, C3, D3: 3 cell(s) whose saved value is damaged (a number that is not finite; a shared "
                     "text the workbook does not hold), not read"], result.report
    assert group_of(lines[0]) == LEFT_OUT
