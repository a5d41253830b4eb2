"""The import preview dialog: the detected grid over the sheet, the user's corrections by real keys and
clicks, OK equal to the headless import with the same choices, and a window that never freezes."""

from __future__ import annotations

import html
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QDialog

from app.io.formats import ImportResult, write_map
from app.io.sheet_import import preview as import_preview
from app.io.sheet_import.preview import CARD, EMOTION, EMOTION_LANE, LANE, LEFT_OUT, META, STAGE
from app.io.sheet_import.read_csv import read_csv
from app.io.sheet_import.read_xlsx import read_xlsx
from app.model.enums import LaneKind
from app.model.journey import JourneyMap
from app.widgets import import_dialog as import_dialog_module
from app.widgets.import_dialog import ImportDialog
from app.widgets.import_parts import POS_ROLE
from tests.conftest import SAMPLES
from tests.import_helpers import make_workbook

ROWS = [
    ["Bike journey"],
    [],
    ["Stage", "Discover", "Buy", "Ride"],
    ["Doing", "Search", "Pay", "Cycle"],
    ["Thinking", "Which one?", "Price?", "Fun"],
    ["Feeling", 3, 2, 5],
    ["Channel", "Web", "Shop", "Road"],
    [],
    [],
    ["note: ask Ana", None, None, None, None, "x"],
]
OTHER = [["Stage", "Plan", "Go"], ["Actions", "book", "travel"]]


@pytest.fixture
def book(tmp_path) -> Path:
    return make_workbook(tmp_path / "bike.xlsx", ROWS, sheets={"Other": OTHER})


def open_dialog(qtbot, path: Path) -> ImportDialog:
    dialog = ImportDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle(qtbot, dialog)
    return dialog


def settle(qtbot, dialog: ImportDialog) -> None:
    """Wait for the debounce timer and the detection it starts."""
    qtbot.waitUntil(lambda: dialog.settled, timeout=10_000)


def stages(dialog: ImportDialog) -> list[str]:
    assert dialog.current is not None and dialog.current.detection is not None
    return [s.name for s in dialog.current.detection.stages]


def pick(qtbot, combo: QComboBox, text: str) -> None:
    """Choose an entry as a keyboard user does: focus the combo and press Down/Up until it shows."""
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    target = next(i for i in range(combo.count()) if combo.itemText(i).startswith(text))
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    for _ in range(abs(target - combo.currentIndex())):
        qtbot.keyClick(combo, key)
    assert combo.currentIndex() == target


def type_into_spin(qtbot, spin, text: str) -> None:
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, text)


def click_import(qtbot, dialog: ImportDialog) -> ImportResult:
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.import_result is not None
    return dialog.import_result


def shape(journey: JourneyMap) -> dict:
    """The map without its generated ids."""
    stage = {s.id: s.name for s in journey.stages}
    lane = {x.id: x.name for x in journey.lanes}
    phase = {p.id: p.name for p in journey.phases}
    return {
        "title": journey.metadata.title,
        "stages": [(s.name, phase.get(s.phase_id or "")) for s in journey.stages],
        "lanes": [(x.name, x.kind) for x in journey.lanes],
        "cards": [(stage[c.stage_id], lane[c.lane_id], c.text, c.color, c.note, c.channel) for c in journey.cards],
        "emotions": [(stage[e.stage_id], lane[e.lane_id], e.value, e.label) for e in journey.emotions],
        "scale": (journey.emotion_scale.min, journey.emotion_scale.max),
    }


def same_import(got: ImportResult, expected: ImportResult) -> None:
    assert shape(got.journey) == shape(expected.journey)
    assert got.report == expected.report


def test_shows_the_detected_grid_over_the_sheet(qtbot, book):
    dialog = open_dialog(qtbot, book)
    model = dialog.model
    assert stages(dialog) == ["Discover", "Buy", "Ride"]
    assert [model.role_at((2, c)) for c in range(4)] == [STAGE] * 4  # the header row, "Stage" corner included
    assert [model.role_at((r, 0)) for r in (3, 4, 6)] == [LANE] * 3
    assert model.role_at((5, 0)) == EMOTION_LANE and model.role_at((5, 2)) == EMOTION
    assert model.role_at((3, 1)) == CARD and model.role_at((0, 0)) == META
    assert model.role_at((9, 5)) == LEFT_OUT
    assert "left out" in model.data(model.index(9, 5), Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(5, Qt.Orientation.Horizontal) == "F"
    assert model.headerData(2, Qt.Orientation.Vertical) == "3"
    assert dialog.header_spin.text() == "auto (row 3)"
    assert dialog.label_combo.currentText() == "auto (A)"
    assert dialog.sheet_combo.currentText() == "Map" and dialog.sheet_combo.isVisible()
    lanes = [(dialog.lanes_table.item(i, 0).text(), dialog.lanes_table.kind_combo(i).currentText())
             for i in range(dialog.lanes_table.rowCount())]
    assert lanes == [("Doing", "Actions"), ("Thinking", "Thoughts"), ("Feeling", "Emotions"),
                     ("Channel", "Touchpoints")]
    assert dialog.summary_label.text() == "Map: 3 stages, 4 lanes, 9 cards, emotions on 1-5; 2 cells left out"
    assert dialog.ok_button.isEnabled()


def test_changing_orientation_and_header_row_redetects(qtbot, book):
    dialog = open_dialog(qtbot, book)
    pick(qtbot, dialog.orientation_combo, "stages in rows")
    settle(qtbot, dialog)
    assert stages(dialog) == ["Doing", "Thinking", "Feeling", "Channel"]
    assert dialog.model.role_at((3, 0)) == STAGE
    assert dialog.summary_label.text().startswith("Map: 4 stages, 3 lanes")
    pick(qtbot, dialog.orientation_combo, "auto")
    type_into_spin(qtbot, dialog.header_spin, "4")
    settle(qtbot, dialog)
    assert dialog.overrides() == {"header_row": 3}
    assert stages(dialog) == ["Search", "Pay", "Cycle"]
    assert dialog.model.role_at((3, 1)) == STAGE and dialog.model.role_at((2, 1)) != STAGE
    result = click_import(qtbot, dialog)
    same_import(result, read_xlsx(book, header_row=3))


def test_changing_a_lane_kind_changes_the_imported_kind(qtbot, book):
    dialog = open_dialog(qtbot, book)
    combo = dialog.lanes_table.kind_combo(1)  # Thinking: Thoughts
    pick(qtbot, combo, "Pain points")
    settle(qtbot, dialog)
    assert dialog.lanes_table.kind_combo(1).currentText() == "Pain points"  # rebuilt from the new detection
    result = click_import(qtbot, dialog)
    assert [lane.kind for lane in result.journey.lanes] == [LaneKind.ACTIONS, LaneKind.PAIN_POINTS,
                                                          LaneKind.EMOTIONS, LaneKind.TOUCHPOINTS]
    same_import(result, read_xlsx(book, lane_kinds={1: LaneKind.PAIN_POINTS}))


def test_choosing_another_sheet_and_the_label_column(qtbot, book):
    dialog = open_dialog(qtbot, book)
    pick(qtbot, dialog.sheet_combo, "Other")
    settle(qtbot, dialog)
    assert stages(dialog) == ["Plan", "Go"]
    assert dialog.model.rowCount() == 2 and dialog.model.columnCount() == 3
    assert dialog.summary_label.text() == "Other: 2 stages, 1 lane, 2 cards"
    pick(qtbot, dialog.sheet_combo, "Map")
    settle(qtbot, dialog)
    pick(qtbot, dialog.label_combo, "B")
    settle(qtbot, dialog)
    assert dialog.overrides() == {"sheet": "Map", "label_column": 1}
    assert dialog.model.role_at((3, 0)) == LEFT_OUT
    result = click_import(qtbot, dialog)
    same_import(result, read_xlsx(book, sheet="Map", label_column=1))


def test_ok_equals_read_xlsx_and_the_file_is_never_written(qtbot, book):
    before, stamp = book.read_bytes(), book.stat().st_mtime_ns
    dialog = open_dialog(qtbot, book)
    pick(qtbot, dialog.sheet_combo, "Other")
    settle(qtbot, dialog)
    result = click_import(qtbot, dialog)
    same_import(result, read_xlsx(book, sheet="Other"))
    assert book.read_bytes() == before and book.stat().st_mtime_ns == stamp


def test_cancel_returns_nothing(qtbot, book):
    dialog = open_dialog(qtbot, book)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert dialog.import_result is None


def test_an_exported_workbook_unchanged_comes_back_from_its_hidden_sheet(qtbot, tmp_path, example_map):
    path = tmp_path / "exported.xlsx"
    write_map(example_map, path)
    dialog = open_dialog(qtbot, path)
    assert "hidden sheet" in dialog.current.notes[0]
    result = click_import(qtbot, dialog)
    assert result.journey == read_xlsx(path).journey  # ids and all


def test_csv_has_no_sheet_choice_and_imports_like_read_csv(qtbot, tmp_path):
    path = tmp_path / "map.csv"
    path.write_text("Stage;Discover;Buy\nDoing;Search;Pay\nFeeling;2;4\n", encoding="utf-8")
    dialog = open_dialog(qtbot, path)
    assert not dialog.sheet_combo.isVisible()
    assert dialog.summary_label.text() == "2 stages, 2 lanes, 2 cards, emotions on 1-5"
    pick(qtbot, dialog.orientation_combo, "stages in rows")
    settle(qtbot, dialog)
    result = click_import(qtbot, dialog)
    same_import(result, read_csv(path, orientation="stages-in-rows"))


def test_report_lists_left_out_cells_and_a_click_selects_the_cell(qtbot, book):
    dialog = open_dialog(qtbot, book)
    assert not dialog.report_list.isVisible()
    qtbot.mouseClick(dialog.report_toggle, Qt.MouseButton.LeftButton)
    assert dialog.report_list.isVisible()
    assert dialog.report_toggle.text().startswith("Import report: 2 cells left out")
    texts = [dialog.report_list.item(i).text() for i in range(dialog.report_list.count())]
    assert texts[0].startswith("Found: ") and any(t.startswith("Left out (and why): ") for t in texts)
    item = next(dialog.report_list.item(i) for i, t in enumerate(texts) if t.strip().startswith("F10: 'x' ("))
    rect = dialog.report_list.visualItemRect(item)
    qtbot.mouseClick(dialog.report_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    current = dialog.table.currentIndex()
    assert (current.row(), current.column()) == (9, 5)


def test_the_window_keeps_running_during_a_slow_detection(qtbot, book, monkeypatch):
    real = import_dialog_module.preview

    def slow_preview(*args, **kwargs):
        time.sleep(1.0)
        return real(*args, **kwargs)

    monkeypatch.setattr(import_dialog_module, "preview", slow_preview)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    dialog = ImportDialog(book)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.busy and dialog.busy_bar.isVisible() and dialog.source is not None)
    assert dialog.busy_bar.format() in ("Finding the map…", f"Reading {book.name}…")
    started = len(ticks)
    settle(qtbot, dialog)
    timer.stop()
    assert len(ticks) - started >= 10  # the event loop ran all along (a frozen window gets at most one tick)
    assert not dialog.busy_bar.isVisible() and stages(dialog) == ["Discover", "Buy", "Ride"]


def test_hundreds_of_lanes_get_their_kind_combos_in_batches(qtbot):
    from app.io.sheet_import.detect_result import DetectedLane
    from app.widgets.import_parts import COMBO_BATCH, LanesTable

    table = LanesTable()
    qtbot.addWidget(table)
    table.show()
    lanes = [DetectedLane(f"Step {i}", i, LaneKind.TEXT, (i, 0)) for i in range(3 * COMBO_BATCH + 5)]
    table.show_lanes(lanes)
    assert table.cellWidget(COMBO_BATCH - 1, 1) is not None and table.cellWidget(COMBO_BATCH, 1) is None
    qtbot.waitUntil(lambda: table.cellWidget(len(lanes) - 1, 1) is not None)
    chosen: list[tuple[int, str]] = []
    table.kindChosen.connect(lambda row, kind: chosen.append((row, kind)))
    pick(qtbot, table.kind_combo(len(lanes) - 1), "Actions")
    assert chosen[-1] == (len(lanes) - 1, "actions")


def test_long_format_colours_the_stage_and_lane_columns_not_the_title(tmp_path):
    path = make_workbook(tmp_path / "long.xlsx", [
        ["Export of journey items"], [], ["Stage", "Lane", "Text", "Owner"], ["Discover", "Actions", "Search", "Ana"],
        ["Discover", "Feeling", "3"], ["Buy", "Actions", "Pay"], ["Buy", "Feeling", "2"]])
    found = import_preview.preview(import_preview.load_sheets(path))
    assert found.detection.orientation == "long"
    assert found.roles[(0, 0)] == META
    # the Owner column is the cards' metadata ('owner: Ana' tags), read but no part of the table's structure
    assert [found.roles[(2, c)] for c in range(3)] == [STAGE] * 3 and found.roles[(2, 3)] == META
    assert found.result.journey.cards[0].tags == ["owner: Ana"]
    assert [found.roles[(r, 0)] for r in range(3, 7)] == [STAGE] * 4
    assert [found.roles[(r, 1)] for r in range(3, 7)] == [LANE, EMOTION_LANE, LANE, EMOTION_LANE]
    assert [found.roles[(r, 2)] for r in range(3, 7)] == [CARD, EMOTION, CARD, EMOTION]


def test_no_map_with_the_choices_made_says_so_and_disables_import(qtbot, book):
    dialog = open_dialog(qtbot, book)
    pick(qtbot, dialog.orientation_combo, "long")
    settle(qtbot, dialog)
    assert dialog.summary_label.text().startswith("Does not look like a journey map")
    assert not dialog.ok_button.isEnabled() and dialog.lanes_table.rowCount() == 0
    assert dialog.model.role_at((2, 1)) is None  # the old colouring is gone


def test_an_unreadable_file_gives_one_line(qtbot, tmp_path):
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    dialog = ImportDialog(empty)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.rejected, timeout=10_000):
        dialog.show()
    assert dialog.load_error is not None and dialog.load_error.startswith("empty.xlsx: is empty")


def test_the_summary_counts_the_formulas_without_result_as_the_import_reports_them(qtbot, tmp_path):
    """A workbook written by a script: its formulas have no saved result. The summary line says how many, the
    cells are hatched as left out with the formula in the tooltip, and Import reports the same count and map."""
    rows = [["Stage", "Discover", "Buy", "Ride"], ["Doing", "Search", '=B2&" again"', "Cycle"],
            ["Thinking", "Which one?", "Price?", "=UPPER(B3)"], ["Feeling", 3, 2, 5]]
    dialog = open_dialog(qtbot, make_workbook(tmp_path / "script.xlsx", rows))
    summary = dialog.summary_label.text()
    assert summary == "Map: 3 stages, 3 lanes, 4 cards, emotions on 1-5; 2 formula(s) saved without their result, " \
                      "not read"
    assert dialog.model.role_at((1, 2)) == LEFT_OUT and dialog.model.role_at((2, 3)) == LEFT_OUT
    tip = html.unescape(dialog.model.data(dialog.model.index(1, 2), Qt.ItemDataRole.ToolTipRole))
    assert "formula saved without its result" in tip and '=B2&" again"' in tip
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    result = dialog.import_result
    assert [line for line in result.report if "formula" in line] == [
        "Map!C2, D3: 2 formula(s) saved without their result, not read (open the file in Excel or LibreOffice, save "
        "it and import it again)"]
    assert (len(result.journey.stages), len(result.journey.lanes), len(result.journey.cards)) == (3, 3, 4)


# --- in the main window -----------------------------------------------------------------------------


@pytest.fixture
def accept_with_import(qtbot, monkeypatch):
    """ImportDialog.exec replaced by: wait for the preview, press Import, return as exec would."""
    seen: list[ImportDialog] = []

    def exec_(self: ImportDialog) -> int:
        seen.append(self)
        self.show()
        qtbot.waitUntil(lambda: self.settled or self.load_error is not None, timeout=10_000)
        if self.load_error is None:
            with qtbot.waitSignal(self.accepted, timeout=10_000):
                qtbot.mouseClick(self.ok_button, Qt.MouseButton.LeftButton)
        return self.result()

    monkeypatch.setattr(ImportDialog, "exec", exec_)
    return seen


def test_file_import_goes_through_the_dialog(window, dialog_script, accept_with_import, book, tmp_path,
                                            example_map):
    dialog_script.open_paths.append(book)
    window.import_action.trigger()
    assert len(accept_with_import) == 1
    assert [s.name for s in window.document.journey.stages] == ["Discover", "Buy", "Ride"]
    assert window.document.path is None and window.document.modified
    assert window.import_source == book.absolute()
    assert window.report_button.isVisible() and window.report_button.text().endswith("import notes")
    assert window.import_report == read_xlsx(book).report
    mermaid = tmp_path / "map.mmd"  # other formats import directly, as before
    write_map(example_map, mermaid)
    dialog_script.open_paths.append(mermaid)
    window.import_action.trigger()
    assert len(accept_with_import) == 1 and window.import_source == mermaid.absolute()
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    dialog_script.open_paths.append(empty)
    window.import_action.trigger()
    assert dialog_script.errors == ["empty.csv: is empty; export the sheet again as CSV"]
    assert window.import_source == mermaid.absolute()  # the map shown did not change


def test_dropping_a_workbook_goes_through_the_dialog(window, accept_with_import, book):
    from tests.test_main_window import _drop

    _drop(window, book)
    assert len(accept_with_import) == 1
    assert [s.name for s in window.document.journey.stages] == ["Discover", "Buy", "Ride"]


def test_a_tab_delimited_txt_opens_imports_and_drops_like_a_csv(window, dialog_script, accept_with_import,
                                                               tmp_path):
    """Excel's "Text (Tab delimited)" save: File > Open and File > Import offer *.txt, Import and a drop go
    through the preview (which shows no sheet choice, as for a CSV), Open reads it directly."""
    source = tmp_path / "map.txt"
    source.write_text("Stage\tDiscover\tBuy\nDoing\tSearch, compare\tPay\nThinking\tWhich one?\tPrice?\n",
                      encoding="cp1252")
    dialog_script.open_paths.append(source)
    window.import_action.trigger()
    assert "*.txt" in [a for a in dialog_script.asked if a.startswith("open:")][-1]
    assert len(accept_with_import) == 1 and not accept_with_import[0].sheet_combo.isVisible()
    assert [s.name for s in window.document.journey.stages] == ["Discover", "Buy"]
    assert "Search, compare" in [c.text for c in window.document.journey.cards]
    window.load(JourneyMap(), None)
    dialog_script.open_paths.append(source)
    window.open_file()
    assert "*.txt" in [a for a in dialog_script.asked if a.startswith("open:")][-1].split(";;")[0]  # All supported
    assert [s.name for s in window.document.journey.stages] == ["Discover", "Buy"] and window.document.path is None
    from tests.test_main_window import _drop

    window.load(JourneyMap(), None)
    _drop(window, source)
    assert len(accept_with_import) == 2
    assert [s.name for s in window.document.journey.stages] == ["Discover", "Buy"]


def test_an_ods_imports_and_drops_through_the_dialog_with_its_sheets(window, dialog_script, accept_with_import,
                                                                   tmp_path, artifacts_dir):
    """LibreOffice's .ods: offered by File > Import's first filter and File > Open's, previewed with a sheet
    choice like a workbook, and the same map as its .xlsx twin."""
    from tests.ods_helpers import make_ods
    from tests.test_main_window import _drop

    source = make_ods(tmp_path / "bike.ods", ROWS, sheets={"Other": OTHER}, fills={"C4": "FFCC00"})
    dialog_script.open_paths.append(source)
    window.import_action.trigger()
    assert "*.ods" in [a for a in dialog_script.asked if a.startswith("open:")][-1].split(";;")[0]
    dialog = accept_with_import[0]
    assert not dialog.sheet_combo.isHidden()  # a workbook's sheet choice (a CSV has none)
    assert [dialog.sheet_combo.itemText(i) for i in range(dialog.sheet_combo.count())] == ["Map", "Other"]
    assert dialog.grab().save(str(artifacts_dir / "import-dialog-ods.png"))
    assert [s.name for s in window.document.journey.stages] == ["Discover", "Buy", "Ride"]
    twin = read_xlsx(make_workbook(tmp_path / "bike.xlsx", ROWS, sheets={"Other": OTHER}, fills={"C4": "FFCC00"}))
    assert [(c.text, c.color) for c in window.document.journey.cards] == [(c.text, c.color) for c in twin.journey.cards]
    window.load(JourneyMap(), None)
    dialog_script.open_paths.append(source)
    window.open_file()
    assert "*.ods" in [a for a in dialog_script.asked if a.startswith("open:")][-1].split(";;")[0]  # All supported
    assert [s.name for s in window.document.journey.stages] == ["Discover", "Buy", "Ride"]
    window.load(JourneyMap(), None)
    _drop(window, source)
    assert len(accept_with_import) == 2
    assert [s.name for s in window.document.journey.stages] == ["Discover", "Buy", "Ride"]


# --- a real sample, for the eye ----------------------------------------------------------------------

SAMPLE = SAMPLES / "RakeshPandey+portfolio__Journey_Map.xlsx"


@pytest.mark.skipif(not SAMPLE.is_file(), reason="real samples not present")
def test_real_sample_preview_and_screenshot(qtbot, artifacts_dir):
    dialog = open_dialog(qtbot, SAMPLE)
    assert dialog.sheet_combo.currentText() == "Sheet2"
    assert stages(dialog)[:2] == ["Need/Idea arises", "Research"]
    feeling = next(i for i, lane in enumerate(dialog.current.detection.lanes) if lane.kind == LaneKind.EMOTIONS)
    assert dialog.lanes_table.kind_combo(feeling).currentText() == "Emotions"
    qtbot.mouseClick(dialog.report_toggle, Qt.MouseButton.LeftButton)
    first = next(dialog.report_list.item(i) for i in range(dialog.report_list.count())
                 if dialog.report_list.item(i).data(POS_ROLE) is not None)
    qtbot.mouseClick(dialog.report_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=dialog.report_list.visualItemRect(first).center())
    assert dialog.table.currentIndex().row() == 0  # A1, the instructions above the map
    dialog.table.scrollTo(dialog.model.index(8, 0), dialog.table.ScrollHint.PositionAtTop)
    dialog.table.horizontalScrollBar().setValue(0)
    qtbot.wait(50)
    assert dialog.grab().save(str(artifacts_dir / "import-dialog.png"))
    before = dialog.table.indexAt(QPoint(5, 5))
    assert before.isValid()


def test_preview_module_needs_no_qt():
    source = Path(import_preview.__file__).read_text(encoding="utf-8")
    assert "PySide6" not in source


def test_several_maps_on_a_sheet_choose_one_and_guessed_kinds_are_marked(qtbot, tmp_path, artifacts_dir):
    import openpyxl

    from tests.test_import_layouts import two_maps

    path = two_maps(tmp_path / "two.xlsx", 1)
    book = openpyxl.load_workbook(path)
    book.active["A6"] = "Estado"  # a lane whose kind only its cells tell: feelings
    for col, word in zip("BCD", ["Curioso", "Frustrado", "Feliz"], strict=True):
        book.active[f"{col}6"] = word
    book.save(path)
    dialog = open_dialog(qtbot, path)
    assert dialog.map_combo.isVisible() and dialog.map_combo.count() == 2
    assert dialog.map_combo.currentText().startswith("A2: Anna: first purchase")
    guessed = next(row for row in range(dialog.lanes_table.rowCount())
                   if dialog.lanes_table.item(row, 0).text() == "? Estado")
    assert "Kind guessed" in dialog.lanes_table.item(guessed, 0).toolTip()
    qtbot.mouseClick(dialog.report_toggle, Qt.MouseButton.LeftButton)
    texts = [dialog.report_list.item(i).text() for i in range(dialog.report_list.count())]
    assert any(t.startswith("Guessed (check these first): ") for t in texts)
    assert any("lane 'Estado'" in t for t in texts)
    dialog.resize(1200, 760)
    assert dialog.grab().save(str(artifacts_dir / "import-dialog-two-maps.png"))
    pick(qtbot, dialog.map_combo, "F2")
    settle(qtbot, dialog)
    assert stages(dialog) == ["Reminder", "Review", "Renew", "Use"]
    result = click_import(qtbot, dialog)
    assert result.journey.metadata.title == "Ben: renewal"


def test_blueprint_lines_chart_and_chevrons_in_the_preview(qtbot, tmp_path, artifacts_dir):
    import openpyxl

    from app.io.sheet_import.preview import DIVIDER, EMOTION
    from tests.import_layouts import add_shapes, line_chart, write_rows

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Blueprint"
    write_rows(sheet, [["Customer actions", "Walks in", "Fills the form", "Picks a book"], ["Line of interaction"],
                       ["Frontstage", "Greets", "Checks ID", "Scans"], ["Line of visibility"],
                       ["Backstage", "Opens up", "Enters data", "Updates stock"], ["Emotional journey"]], top=3)
    for row in (4, 6):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    write_rows(sheet, [["score", 4, 2, 5]], top=30)
    sheet.row_dimensions[30].hidden = True
    line_chart(sheet, "Emotional journey", "B30:D30", None, "F3")
    path = tmp_path / "blueprint.xlsx"
    book.save(path)
    add_shapes(path, [(1, c, 1, c, name) for c, name in enumerate(["Arrive", "Register", "Borrow"], 1)])
    dialog = open_dialog(qtbot, path)
    assert stages(dialog) == ["Arrive", "Register", "Borrow"]
    assert [lane.name for lane in dialog.current.detection.lanes] == ["Customer actions", "Frontstage", "Backstage",
                                                                      "Emotional journey"]
    assert dialog.current.roles[(3, 0)] == DIVIDER and dialog.current.roles[(29, 1)] == EMOTION
    qtbot.mouseClick(dialog.report_toggle, Qt.MouseButton.LeftButton)
    dialog.resize(1200, 760)
    assert dialog.grab().save(str(artifacts_dir / "import-dialog-blueprint.png"))
    result = click_import(qtbot, dialog)
    assert [g.name for g in result.journey.lane_groups] == ["Customer", "Frontstage", "Backstage"]


def test_cells_holding_a_formula_error_show_as_left_out_and_the_summary_counts_them(qtbot, tmp_path):
    rows = [["Stage", "Discover", "Buy", "Ride"], ["Doing", "Search", "#N/A", "Cycle"],
            ["Thinking", "Which one?", "Price?", "#DIV/0!"]]
    dialog = open_dialog(qtbot, make_workbook(tmp_path / "errors.xlsx", rows))
    assert dialog.summary_label.text().endswith("; 2 cell(s) holding a formula error, not read")
    assert dialog.model.role_at((1, 2)) == LEFT_OUT and dialog.model.data(dialog.model.index(1, 2)) == "#N/A"
    tip = html.unescape(dialog.model.data(dialog.model.index(2, 3), Qt.ItemDataRole.ToolTipRole))
    assert "error (#DIV/0!)" in tip
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not any(card.text.startswith("#") for card in dialog.import_result.journey.cards)
