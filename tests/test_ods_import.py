"""OpenDocument spreadsheets (.ods): the same maps come out as from the same sheet saved as .xlsx, and hostile
files are refused as .xlsx ones are."""

from __future__ import annotations

import shutil
import subprocess
import time
import tracemalloc
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from app.io.errors import JourneyFileError
from app.io.formats import format_for, read_map
from app.io.sheet_import.detect_emotions import parse_number
from app.io.sheet_import.grid import as_text
from app.io.sheet_import.preview import import_sheets, load_sheets, preview
from app.io.sheet_import.sniff import sniff_sheet_file
from app.io.sheet_import.source import load_workbook
from app.model.journey import JourneyMap
from tests.conftest import SAMPLES
from tests.import_helpers import make_workbook, refuse
from tests.ods_helpers import Raw, content_xml, make_ods, percent, table_xml, write_ods

MAP = [
    [None, "Before", None, "During"],
    [None, "Awareness", "Consideration", "Purchase"],
    ["Doing", "Sees an ad", "Compares  prices\nReads reviews", "Pays online"],
    ["Touchpoints", "Instagram", "Website", "Mobile app"],
    ["Secret lane", "x", "y", "z"],
    ["Pain points", "• Too many ads\n• Pop-ups", "Hidden fees", "Card declined"],
    ["Emotion", 2, 4, 1],
]
OPTIONS = {"merged": ("B1:C1",), "fills": {"B3": "FFCC00", "A4": "3366FF", "C2": "00AA00"},
           "comments": {"C6": "Seen in 4 of 5 interviews"}, "hidden_rows": (5,)}


def summary(journey: JourneyMap) -> tuple:
    """What a map is made of, without ids: stages, phases, lanes, cards with colours and notes, emotions."""
    stage = {s.id: s.name for s in journey.stages}
    lane = {x.id: x.name for x in journey.lanes}
    return (
        journey.metadata.title,
        [(s.name, s.color) for s in journey.stages],
        [(p.name, [s.name for s in journey.stages_of_phase(p.id)]) for p in journey.phases],
        [(x.name, str(x.kind), x.color) for x in journey.lanes],
        [(stage[c.stage_id], lane[c.lane_id], c.text, c.color, c.note) for c in journey.cards],
        sorted((stage[p.stage_id], lane[p.lane_id], p.value, p.label) for p in journey.emotions),
        (journey.emotion_scale.min, journey.emotion_scale.max),
    )


def same_report(ods: list[str], xlsx: list[str], ods_name: str, xlsx_name: str) -> None:
    assert [line.replace(ods_name, "F") for line in ods] == [line.replace(xlsx_name, "F") for line in xlsx]


def test_a_map_reads_as_its_xlsx_twin(tmp_path):
    ods = read_map(make_ods(tmp_path / "map.ods", MAP, **OPTIONS))
    xlsx = read_map(make_workbook(tmp_path / "map.xlsx", MAP, **OPTIONS))
    assert summary(ods.journey) == summary(xlsx.journey)
    same_report(ods.report, xlsx.report, "map.ods", "map.xlsx")
    journey = ods.journey
    assert [p.name for p in journey.phases] == ["Before", "During"]
    assert any(c.text == "Compares  prices" for c in journey.cards)  # two spaces (text:s) kept
    assert next(c for c in journey.cards if c.text == "Hidden fees").note == "Seen in 4 of 5 interviews"
    assert journey.cards[0].color == "#ffcc00" and journey.lanes[1].color == "#3366ff"
    assert "Secret lane" not in [x.name for x in journey.lanes]
    assert any("Map!A5: 'Secret lane' not part of the map (in a hidden row)" in line for line in ods.report)


def test_percentages_and_currencies_read_as_shown_like_their_xlsx_twin(tmp_path):
    import openpyxl

    rows = [[None, "Discover", "Compare", "Buy"], ["Doing", "Searches", "Compares", "Pays"],
            ["Satisfaction", 0.45, 0.6, 0.9], ["Spend", 12, 1500.5, 300]]
    twin = make_workbook(tmp_path / "p.xlsx", rows)
    book = openpyxl.load_workbook(twin)
    for ref in ("B3", "C3", "D3"):
        book["Map"][ref].number_format = "0%"
    for ref in ("B4", "C4", "D4"):
        book["Map"][ref].number_format = '"$"#,##0.00'
    book.save(twin)
    shown = [*rows[:2], ["Satisfaction", percent(0.45, "45%"), percent(0.6, "60%"), percent(0.9, "90%")],
             ["Spend", *(Raw(f'office:value-type="currency" office:currency="USD" office:value="{v}"',
                             f"<text:p>{t}</text:p>") for v, t in ((12, "$12.00"), (1500.5, "$1,500.50"),
                                                                  (300, "$300.00")))]]
    ods, xlsx = read_map(write_ods(tmp_path / "p.ods", content_xml([table_xml("Map", shown)]))), read_map(twin)
    assert summary(ods.journey) == summary(xlsx.journey)
    same_report(ods.report, xlsx.report, "p.ods", "p.xlsx")
    assert [p.value for p in ods.journey.emotions] == [45, 60, 90]
    assert "$1,500.50" in [c.text for c in ods.journey.cards]


def test_the_preview_dialog_path_reads_it_too(tmp_path):
    path = make_ods(tmp_path / "map.ods", MAP, **OPTIONS, sheets={"Notes": [["just", "words"]]})
    source = load_sheets(path)
    assert source.sheet_names == ["Map", "Notes"] and not source.is_csv
    found = preview(source)
    assert found.ok and found.summary().startswith("3 stages, 4 lanes, 11 cards, emotions on 1-5")
    assert summary(import_sheets(path).journey) == summary(read_map(path).journey)
    assert format_for(path, for_writing=False).name == "ods"


def test_paragraphs_spaces_tabs_line_breaks_and_links(tmp_path):
    inner = ('<text:p>Tab<text:tab/>here, <text:s text:c="3"/>four spaces</text:p>'
             '<text:p><text:span text:style-name="T1">Bold</text:span> and '
             '<text:a xlink:href="https://example.com" xmlns:xlink="http://www.w3.org/1999/xlink">a link</text:a>'
             '<text:line-break/>next line</text:p>')
    rows = [["Words", Raw('office:value-type="string"', inner)]]
    path = write_ods(tmp_path / "t.ods", content_xml([table_xml("S", rows)]))
    assert load_workbook(path).grids[0].cells[(0, 1)] == "Tab\there,    four spaces\nBold and a link\nnext line"


def test_repeated_cells_and_rows_that_hold_words_are_each_read(tmp_path):
    # LibreOffice writes equal neighbours once, with a repeat count
    rows = [[None, "A", "B", "C"],
            ["Doing", Raw('office:value-type="string" table:number-columns-repeated="3"', "<text:p>same</text:p>")]]
    body = table_xml("Map", rows).replace(
        "</table:table-row><table:table-row table:number-rows-repeated=\"1048000\">",
        '</table:table-row><table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type='
        '"string"><text:p>Feels</text:p></table:table-cell><table:table-cell office:value-type="float" '
        'office:value="3" table:number-columns-repeated="3"><text:p>3</text:p></table:table-cell></table:table-row>'
        '<table:table-row table:number-rows-repeated="1048000">', 1)
    grid = load_workbook(write_ods(tmp_path / "r.ods", content_xml([body]))).grids[0]
    assert [grid.cells[(1, c)] for c in (1, 2, 3)] == ["same"] * 3
    assert [grid.cells.get((r, c)) for r in (2, 3) for c in range(4)] == ["Feels", 3, 3, 3] * 2
    assert len(grid.cells) == 3 + 4 + 8


def test_values_dates_booleans_percentages_and_formulas(tmp_path):
    rows = [["Number", 4.5, 7],
            ["Percent", percent(0.45, "45%")],
            ["Date", date(2026, 1, 31), datetime(2026, 1, 31, 9, 30)],
            ["Time", Raw('office:value-type="time" office:time-value="PT09H30M00S"', "<text:p>09:30:00 AM</text:p>")],
            ["Bool", True],
            ["Sum", Raw('table:formula="of:=[.B1]+1" office:value-type="float" office:value="5.5"',
                        "<text:p>5.5</text:p>")],
            ["Failed", Raw('table:formula="of:=1/0" office:value-type="float" office:value="0" '
                           'calcext:value-type="error"', "<text:p>#DIV/0!</text:p>"),
             Raw('table:formula="of:=[.Q99" office:value-type="string" office:string-value="" '
                 'calcext:value-type="error"', "<text:p>Err:502</text:p>")],
            ["Script", Raw('table:formula="of:=SUM([.B1:.C1])"')]]
    workbook = load_workbook(write_ods(tmp_path / "v.ods", content_xml([table_xml("Values", rows)])))
    grid = workbook.grids[0]
    # dates and times as the sheet shows them (the text LibreOffice saves beside the value), still the moment
    assert [grid.cells.get((r, 1)) for r in range(6)] == [4.5, 0.45, "01/31/2026", "09:30:00 AM", "TRUE", 5.5]
    assert [grid.cells[(r, 1)].iso for r in (2, 3)] == ["2026-01-31", "09:30"]
    assert as_text(grid.cells[(1, 1)]) == "45%" and parse_number(grid.cells[(1, 1)]) == 45  # shown, still 0.45
    assert grid.cells[(0, 2)] == 7 and isinstance(grid.cells[(0, 2)], int)
    assert grid.cells[(2, 2)] == "01/31/2026 09:30" and grid.cells[(2, 2)].iso == "2026-01-31 09:30"
    assert grid.formula_errors == {(6, 1): "#DIV/0!", (6, 2): "Err:502"}
    assert grid.uncalculated == {(7, 1): "SUM(B1:C1)"}
    assert "Values!B8: 1 formula(s) saved without their result, not read (open the file in Excel or LibreOffice, " \
           "save it and import it again)" in workbook.notes
    assert "Values!B7, C7: 2 cell(s) holding a formula error (#DIV/0!, Err:502), not read" in workbook.notes


def test_hidden_sheets_columns_and_the_column_default_style(tmp_path):
    hidden = table_xml("Hidden", [["a", "b"]], style="hid")
    shown = table_xml("Map", [["x", "y", "z"]], hidden_cols=(2,)).replace(
        "<table:table-column/>", '<table:table-column table:default-cell-style-name="Accent"/>', 1)
    workbook = load_workbook(write_ods(tmp_path / "h.ods", content_xml([shown, hidden])))
    assert workbook.sheet_states == {"Map": "visible", "Hidden": "hidden"}
    assert "sheet 'Hidden' is hidden in the workbook" in workbook.notes
    grid = workbook.grids[0]
    assert grid.hidden_cols == {1}
    assert grid.fills == {(0, 0): "#00aa00"}  # the column's style, through its parent in styles.xml


def test_shapes_anchored_to_cells_are_read_as_the_cell_under_them(tmp_path):
    shape = ('<draw:custom-shape draw:name="Arrow 1" table:end-cell-address="Map.C1"><text:p>Discover</text:p>'
             '</draw:custom-shape>')
    rows = [[None, Raw("", shape)], ["Doing", "Sees an ad", "Pays"]]
    page = ('<table:shapes><draw:frame draw:name="Box"><draw:text-box><text:p>Loose words</text:p>'
            '</draw:text-box></draw:frame></table:shapes>')
    body = table_xml("Map", rows).replace("<table:table-column", page + "<table:table-column", 1)
    workbook = load_workbook(write_ods(tmp_path / "s.ods", content_xml([body])))
    grid = workbook.grids[0]
    assert grid.cells[(0, 1)] == "Discover" and grid.drawn[(0, 1)] == "Arrow 1"
    assert (0, 1, 0, 2) in grid.merged
    assert any("'Loose words'" in note and "anchored to the page" in note for note in workbook.notes)


def test_an_ods_named_xlsx_and_an_xlsx_named_ods_are_read_as_what_they_hold(tmp_path):
    ods_bytes = make_ods(tmp_path / "real.ods", MAP, **OPTIONS).read_bytes()
    (tmp_path / "sent.xlsx").write_bytes(ods_bytes)
    result = read_map(tmp_path / "sent.xlsx")
    assert result.report[0] == ("sent.xlsx holds an OpenDocument spreadsheet (.ods), not an Excel workbook as its "
                                "name says: read as an OpenDocument spreadsheet")
    assert summary(result.journey) == summary(read_map(tmp_path / "real.ods").journey)
    xlsx_bytes = make_workbook(tmp_path / "real.xlsx", MAP, **OPTIONS).read_bytes()
    (tmp_path / "sent.ods").write_bytes(xlsx_bytes)
    assert sniff_sheet_file(tmp_path / "sent.ods").kind == "xlsx"
    assert summary(read_map(tmp_path / "sent.ods").journey) == summary(read_map(tmp_path / "real.xlsx").journey)
    # an .ods whose mimetype is not the first member is still known by its content.xml
    late = tmp_path / "late.xlsx"
    with zipfile.ZipFile(late, "w") as archive:
        archive.writestr("content.xml", content_xml([table_xml("Map", MAP)]))
    assert sniff_sheet_file(late).kind == "ods"
    text = tmp_path / "letter.ods"
    write_ods(text, content_xml([]), mimetype="application/vnd.oasis.opendocument.text")
    with pytest.raises(JourneyFileError, match="is an OpenDocument text, not a spreadsheet"):
        read_map(text)


# --- hostile files ---------------------------------------------------------------------------------------------


def test_zip_bombs_and_huge_declared_sizes_are_refused_before_inflating(tmp_path):
    path = make_ods(tmp_path / "ok.ods", MAP)
    ratio = tmp_path / "ratio.ods"
    shutil.copy(path, ratio)
    with zipfile.ZipFile(ratio, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Thumbnails/blank.bin", b"\0" * (50 << 20))
    refuse(ratio, "compressed .*:1 \\(a zip bomb\\?\\)")
    huge = tmp_path / "huge.ods"
    shutil.copy(path, huge)
    with zipfile.ZipFile(huge, "a", zipfile.ZIP_DEFLATED) as archive, archive.open("Pictures/p.bin", "w") as member:
        for _ in range(300):
            member.write(b"\0" * (1 << 20))
    refuse(huge, "would inflate to 3.. MB")


def test_entities_doctype_and_truncated_archives_are_refused(tmp_path):
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]>'
              + content_xml([table_xml("Map", [["&lol;"]])]).split("?>", 1)[1])
    refuse(write_ods(tmp_path / "laughs.ods", laughs), "content.xml declares XML entities, which Journey Canvas "
                                                        "refuses \\(a possible attack\\)")
    good = make_ods(tmp_path / "good.ods", MAP).read_bytes()
    cut = tmp_path / "cut.ods"
    cut.write_bytes(good[: len(good) // 2])
    refuse(cut, "damaged or truncated")
    broken = write_ods(tmp_path / "broken.ods", content_xml([table_xml("Map", MAP)])[:-200])
    refuse(broken, "has broken XML inside")


def test_too_many_cells_are_refused_before_reading(tmp_path, monkeypatch):
    from app.io.sheet_import import source as sheet_source

    monkeypatch.setattr(sheet_source, "MAX_CELLS", 5)
    refuse(make_ods(tmp_path / "many.ods", MAP), "more than 5 cells")


def test_rows_and_cells_repeated_to_the_sheet_edges_cost_nothing(tmp_path):
    body = table_xml("Map", MAP).replace('number-rows-repeated="1048000"', 'number-rows-repeated="1048576"')
    body = body.replace('number-columns-repeated="16384"', 'number-columns-repeated="16384" '
                        'table:style-name="Default"')
    hidden = '<table:table-row table:visibility="collapse" table:number-rows-repeated="1048576"><table:table-cell ' \
             'table:number-columns-repeated="16384"/></table:table-row></table:table>'
    body = body.replace("</table:table>", hidden)
    path = write_ods(tmp_path / "edges.ods", content_xml([body] * 3))
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = read_map(path)
        seconds = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert seconds < 2, seconds
    assert peak < 30 * 1024 * 1024, peak
    assert [s.name for s in result.journey.stages] == ["Awareness", "Consideration", "Purchase"]
    assert len(load_workbook(path).grids[0].cells) == sum(1 for row in MAP for v in row if v is not None)


def test_a_word_repeated_ten_thousand_times_is_read_to_the_grid_limit_and_said(tmp_path):
    rows = [*MAP, ["Noise", Raw('office:value-type="string" table:number-columns-repeated="10000"',
                                "<text:p>spam</text:p>")]]
    workbook = load_workbook(write_ods(tmp_path / "spam.ods", content_xml([table_xml("Map", rows, tail=False)])))
    grid = workbook.grids[0]
    assert sum(1 for v in grid.cells.values() if v == "spam") == 999  # B to ALL: 1,000 columns in all
    assert "Map!B8: 'spam' repeated 10,000 times across; read 999 times (up to column ALL)" in workbook.notes
    result = read_map(tmp_path / "spam.ods")
    assert any("repeated 10,000 times across" in line for line in result.report)


def test_a_row_repeated_past_the_cell_limit_is_cut_and_said(tmp_path, monkeypatch):
    from app.io.sheet_import import source as sheet_source

    rows = [[None, "A", "B"]]
    body = table_xml("Map", rows, tail=False).replace(
        "</table:table>", '<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type='
        '"string"><text:p>Doing</text:p></table:table-cell><table:table-cell office:value-type="string" '
        'table:number-columns-repeated="2"><text:p>x</text:p></table:table-cell></table:table-row></table:table>')
    path = write_ods(tmp_path / "rows.ods", content_xml([body]))
    monkeypatch.setattr(sheet_source, "MAX_CELLS", 3_000)
    workbook = load_workbook(path)
    assert len(workbook.grids[0].cells) <= 3_000
    assert any("a row repeated 1,000,000 times; read 999 times" in note for note in workbook.notes)


def test_words_past_the_last_row_and_a_million_hidden_rows(tmp_path):
    rows = [[None, "A", "B"], ["Doing", "x", "y"]]
    tail = ('<table:table-row table:visibility="collapse" table:number-rows-repeated="1000000"><table:table-cell '
            'table:number-columns-repeated="3"/></table:table-row><table:table-row><table:table-cell office:value-type='
            '"string"><text:p>Under</text:p></table:table-cell></table:table-row>'
            '<table:table-row table:number-rows-repeated="999999999999"><table:table-cell/></table:table-row>'
            '<table:table-row><table:table-cell office:value-type="string"><text:p>Lost</text:p></table:table-cell>'
            "</table:table-row></table:table>")
    body = table_xml("Map", rows, tail=False).replace("</table:table>", tail)
    started = time.perf_counter()
    workbook = load_workbook(write_ods(tmp_path / "far.ods", content_xml([body])))
    assert time.perf_counter() - started < 2
    grid = workbook.grids[0]
    assert grid.cells[(1_000_002, 0)] == "Under" and grid.hidden_rows == set()  # the hidden rows hold nothing
    assert "Lost" not in grid.cells.values()
    assert "Map: 1 cell(s) past row 1,048,576, the last a sheet can have, not read ('Lost')" in workbook.notes


def test_the_command_line_refuses_a_hostile_ods_in_one_line_and_converts_sheet_edges(tmp_path):
    """In a fresh process (`tests.hostile.run_cli` measures memory too, but a child forked from a big pytest process
    inherits its peak: memory is measured in-process above)."""
    import sys

    from tests.conftest import PROJECT_ROOT

    def cli(*args: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, str(PROJECT_ROOT / "main.py"), *map(str, args)], capture_output=True,
                              text=True, timeout=120, cwd=PROJECT_ROOT)

    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]>'
              + content_xml([table_xml("Map", [["&lol;"]])]).split("?>", 1)[1])
    refused = cli("convert", write_ods(tmp_path / "laughs.ods", laughs), tmp_path / "out.journey")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.strip().splitlines() == [
        "journey-canvas: error: laughs.ods: content.xml declares XML entities, which Journey Canvas refuses "
        "(a possible attack); open it in Excel or LibreOffice and save it as .xlsx, then import that"]
    edges = write_ods(tmp_path / "edges.ods", content_xml([table_xml(f"Sheet {i}", MAP) for i in range(20)]))
    started = time.perf_counter()
    converted = cli("convert", edges, tmp_path / "edges.journey")
    assert converted.returncode == 0 and "Traceback" not in converted.stderr, converted.stderr
    assert time.perf_counter() - started < 30
    assert [s.name for s in read_map(tmp_path / "edges.journey").journey.stages] == [
        "Awareness", "Consideration", "Purchase"]


def test_a_chart_is_named_as_not_read(tmp_path):
    chart = '<draw:frame draw:name="Mood"><draw:object xlink:href="./Object 1" ' \
            'xmlns:xlink="http://www.w3.org/1999/xlink"/></draw:frame>'
    rows = [*MAP, [Raw("", chart)]]
    workbook = load_workbook(write_ods(tmp_path / "c.ods", content_xml([table_xml("Map", rows)])))
    assert "Map!A8: chart 'Mood' not read (charts in .ods files are not read; the emotions come from the cells)" \
        in workbook.notes


# --- a real file through LibreOffice ---------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None or not SAMPLES.is_dir(), reason="needs LibreOffice and samples")
def test_a_real_workbook_saved_by_libreoffice_as_ods_imports_the_same(tmp_path):
    sample = SAMPLES / "riccardoredaelli+PSD__Blueprint.xlsx"
    if not sample.exists():
        pytest.skip("sample missing")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "ods", "--outdir",
                    str(tmp_path), str(sample)], check=True, capture_output=True, timeout=180)
    converted = tmp_path / sample.with_suffix(".ods").name
    ods, xlsx = read_map(converted), read_map(sample)
    assert summary(ods.journey) == summary(xlsx.journey)
    same_report(ods.report, xlsx.report, converted.name, sample.name)
