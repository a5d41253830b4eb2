"""The gestures a workshop facilitator uses a hundred times an hour (issue 12), driven with real mouse
presses and key events on the canvas's viewport and the focused widget."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from app.document import JourneyDocument
from app.model import LaneKind
from app.model.templates import map_from_template
from app.widgets.canvas import MapView


@pytest.fixture
def make_view(qtbot):
    def make(journey):
        view = MapView(JourneyDocument(journey))
        qtbot.addWidget(view)
        view.resize(1300, 900)
        view.show()
        qtbot.waitExposed(view)
        view.activateWindow()
        view.setFocus()
        qtbot.waitUntil(view.hasFocus, timeout=2000)
        return view

    return make


def at(view: MapView, x: float, y: float) -> QPoint:
    return view.mapFromScene(QPointF(x, y))


def card_point(view: MapView, card_id: str) -> QPoint:
    item = view.map_scene.cards[card_id]
    center = item.mapToScene(item.boundingRect().center())
    return at(view, center.x(), center.y())


def cell_point(view: MapView, stage_index: int, lane_index: int, dy: float = 20) -> QPoint:
    journey = view.document.journey
    x, y, w, h = view.map_scene.layout.cell_rect(journey.stages[stage_index].id, journey.lanes[lane_index].id)
    return at(view, x + w / 2, y + h - dy)


def right_click(view: MapView, pos: QPoint) -> None:
    """What the platform sends: a right press (and release), then a context-menu event at the same place."""
    QTest.mousePress(view.viewport(), Qt.MouseButton.RightButton, pos=pos)
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.RightButton, pos=pos)
    QApplication.sendEvent(view.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos,
                                                              view.viewport().mapToGlobal(pos)))


def menu_texts(menu) -> list[str]:
    return [a.text() for a in menu.actions() if a.text()]


def close_menu(view: MapView) -> None:
    menu = getattr(view, "context_menu", None)
    if menu is not None and menu.isVisible():
        menu.close()


def test_right_click_on_a_card_opens_the_card_menu_with_the_card_selected(make_view, example_map):
    view = make_view(example_map)
    first, second = example_map.cards[0], example_map.cards[1]
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(view, second.id))
    right_click(view, card_point(view, first.id))
    assert view.selection().cards == (first.id,)
    assert view.context_menu.isVisible()
    texts = menu_texts(view.context_menu)
    for wanted in ("Duplicate", "Delete", "Colour", "Channel", "Evidence", "Add vote (+)"):
        assert wanted in texts
    assert "Add card here" not in texts
    close_menu(view)
    # Left-click first, then right-click the same card: the card menu again.
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(view, first.id))
    right_click(view, card_point(view, first.id))
    assert "Duplicate" in menu_texts(view.context_menu) and view.selection().cards == (first.id,)
    close_menu(view)


@pytest.mark.parametrize("keys", [(Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier),
                                  (Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)])
def test_menu_key_and_shift_f10_open_the_card_menu_at_the_card(make_view, example_map, keys):
    view = make_view(example_map)
    card = example_map.cards[2]
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(view, card.id))
    QTest.keyClick(view, *keys)
    menu = view.context_menu
    assert menu.isVisible() and "Duplicate" in menu_texts(menu)
    item = view.map_scene.cards[card.id]
    rect = view.mapFromScene(item.mapRectToScene(item.boundingRect())).boundingRect()
    card_global = view.viewport().mapToGlobal(rect.center())
    assert abs(menu.pos().x() - card_global.x()) <= rect.width()
    assert abs(menu.pos().y() - card_global.y()) <= rect.height() + 10
    assert menu.pos() != view.window().mapToGlobal(QPoint(0, 0))
    close_menu(view)


def test_quick_capture_esc_and_clicking_away_keep_the_text(make_view):
    view = make_view(map_from_template("five-stage"))
    journey = view.document.journey
    cell = (journey.stages[0].id, journey.lanes[0].id)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell_point(view, 0, 0))
    QTest.keyClicks(view, "Reads reviews")
    QTest.keyClick(view.viewport(), Qt.Key.Key_Escape)
    assert [c.text for c in journey.cards_in(*cell)] == ["Reads reviews"] and not view.editing.active
    # Esc on an empty new card removes it.
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert view.editing.active
    QTest.keyClick(view.viewport(), Qt.Key.Key_Escape)
    assert len(journey.cards_in(*cell)) == 1 and not view.editing.active
    # Typing, then clicking another cell: the card is kept and no new editor opens.
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell_point(view, 0, 0, dy=8))
    QTest.keyClick(view, Qt.Key.Key_Return)
    QTest.keyClicks(view.viewport(), "Asks a friend")
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell_point(view, 2, 2))
    assert [c.text for c in journey.cards_in(*cell)] == ["Reads reviews", "Asks a friend"]
    assert not view.editing.active
    assert view.selection().cell == (journey.stages[2].id, journey.lanes[2].id)


def test_quick_capture_grows_its_cell_and_tabs_across_stages(make_view):
    view = make_view(map_from_template("five-stage"))
    journey = view.document.journey
    layout = view.map_scene.layout
    lanes = journey.lanes
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell_point(view, 0, 0))
    below = layout.row_y[lanes[1].id]
    QTest.keyClicks(view, "A long first card " * 8)
    editor = view.editing.editor
    bottom = editor.y() + editor.boundingRect().height()
    assert layout.row_y[lanes[1].id] > below  # the rows below made room
    assert bottom <= layout.row_y[lanes[1].id]  # the editor stays inside its cell
    # Tab from the last card lane goes to the first lane of the next stage.
    last = lanes[-1]
    QTest.keyClick(view.viewport(), Qt.Key.Key_Escape)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell_point(view, 0, len(lanes) - 1))
    QTest.keyClicks(view, "Last lane")
    QTest.keyClick(view, Qt.Key.Key_Tab)
    assert view.selection().cell == (journey.stages[1].id, lanes[0].id)
    assert [c.text for c in journey.cards_in(journey.stages[0].id, last.id)] == ["Last lane"]
    # Shift+Tab goes back (skipping nothing but the Emotions lane, which holds no text cards).
    QTest.keyClick(view.viewport(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert view.selection().cell == (journey.stages[0].id, last.id)
    QTest.keyClick(view.viewport(), Qt.Key.Key_Escape)
    assert not view.editing.active and not layout.reserve  # the room kept for the editor is given back


def test_emotions_lane_clicks_clamp_and_double_click_opens_no_text_editor(make_view):
    view = make_view(map_from_template("five-stage"))
    journey = view.document.journey
    lane_index = next(i for i, lane in enumerate(journey.lanes) if lane.kind == LaneKind.EMOTIONS)
    lane_id = journey.lanes[lane_index].id
    x, y, w, h = view.map_scene.layout.cell_rect(journey.stages[0].id, lane_id)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at(view, x + w / 2, y + 3))  # above the scale
    assert journey.emotion(lane_id, journey.stages[0].id).value == journey.emotion_scale.max
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at(view, x + w * 1.5, y + h - 3))  # below
    assert journey.emotion(lane_id, journey.stages[1].id).value == journey.emotion_scale.min
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at(view, x + w * 2.5, y + h - 3))
    assert not view.editing.active
    view.setFocus()
    QTest.keyClicks(view, "x")  # typing on an Emotions cell adds no text card there
    assert not view.editing.active and not journey.cards


def test_home_and_ctrl_home_go_to_the_start(make_view, example_map):
    view = make_view(example_map)
    journey = view.document.journey
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell_point(view, 3, 1))
    QTest.keyClick(view, Qt.Key.Key_Home)
    assert view.selection().cell == (journey.stages[0].id, journey.lanes[1].id)
    QTest.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert view.selection().cell == (journey.stages[-1].id, journey.lanes[-1].id)
    QTest.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert view.selection().cell == (journey.stages[0].id, journey.lanes[0].id)
    assert view.horizontalScrollBar().value() == view.horizontalScrollBar().minimum()
    assert view.verticalScrollBar().value() == view.verticalScrollBar().minimum()


def test_empty_stage_name_is_refused_with_a_reason(make_view, example_map):
    view = make_view(example_map)
    stage = example_map.stages[0]
    header = next(h for h in view.map_scene.layout.frame.stage_headers if h.stage_id == stage.id)
    r = header.rect
    notices = []
    view.notice.connect(notices.append)
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton,
                      pos=at(view, r.x + r.width / 2, view.map_scene.stage_bar.y() + r.y + r.height / 2))
    assert view.editing.active
    QTest.keyClick(view.viewport(), Qt.Key.Key_Backspace)  # the whole name is selected
    QTest.keyClick(view.viewport(), Qt.Key.Key_Return)
    assert view.document.journey.stage(stage.id).name == stage.name
    assert notices and "needs a name" in notices[-1]


# --- the main window -------------------------------------------------------------------------------------


def test_ctrl_d_duplicates_and_ctrl_y_and_ctrl_shift_z_redo(window, qtbot):
    view = window.view
    document = window.document
    document.add_card(document.journey.stages[0].id, document.journey.lanes[0].id, "Sees an advert")
    card = document.journey.cards[0]
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=2000)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(view, card.id))
    QTest.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert [c.text for c in document.journey.cards] == ["Sees an advert", "Sees an advert"]
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(document.journey.cards) == 1
    QTest.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert len(document.journey.cards) == 2
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(document.journey.cards) == 2
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(view, card.id))
    QTest.keyClick(view, Qt.Key.Key_Delete)  # Delete still deletes
    assert len(document.journey.cards) == 1


def test_empty_map_title_is_refused_with_a_reason(window, qtbot):
    from app.widgets.inspector_pages import MapPage

    page = window.inspector.findChild(MapPage)
    window.inspector.show()
    title = page.title
    before = window.document.journey.metadata.title
    title.setFocus()
    qtbot.waitUntil(title.hasFocus, timeout=2000)
    QTest.keyClick(title, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(title, Qt.Key.Key_Backspace)
    QTest.keyClick(title, Qt.Key.Key_Return)
    assert window.document.journey.metadata.title == before
    assert title.text() == before and "needs a title" in title.refusal


def test_kpi_table_headers_are_not_cut(window, qtbot):
    from app.widgets.inspector_pages import KPI_COLUMNS, StagePage

    page = window.inspector.findChild(StagePage)
    header = page.kpis.horizontalHeader()
    for column, text in enumerate(KPI_COLUMNS):
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(text)


def test_open_asks_to_save_only_after_the_file_was_read(window, dialog_script, tmp_path):
    bad = tmp_path / "bad.journey"
    bad.write_text("{not json", encoding="utf-8")
    window.document.add_card(window.document.journey.stages[0].id, window.document.journey.lanes[0].id, "x")
    dialog_script.open_paths = [bad]
    window.open_file()
    assert dialog_script.errors and not [q for q in dialog_script.asked if q.startswith("unsaved")]


def test_enter_in_the_pdf_dialog_exports(qtbot, example_map):
    from app.widgets.pdf_export_dialog import PdfExportDialog

    dialog = PdfExportDialog(example_map)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setFocus()  # even with Cancel focused, Enter means Export
    qtbot.waitUntil(cancel.hasFocus, timeout=2000)
    QTest.keyClick(cancel, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_empty_cells_show_a_hint_under_the_mouse(make_view):
    view = make_view(map_from_template("five-stage"))
    journey = view.document.journey
    view.document.add_card(journey.stages[0].id, journey.lanes[0].id, "Sees an advert")
    hint = view.map_scene.hint
    empty = (1, 2)
    QTest.mouseMove(view.viewport(), cell_point(view, *empty))
    assert hint.isVisible() and hint.text() == "+ type to add"
    x, y, w, h = view.map_scene.layout.cell_rect(journey.stages[empty[0]].id, journey.lanes[empty[1]].id)
    assert x <= hint.x() < x + w and y <= hint.y() < y + h
    QTest.mouseMove(view.viewport(), card_point(view, journey.cards[0].id))
    assert not hint.isVisible()
    QTest.mouseMove(view.viewport(), cell_point(view, *empty))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell_point(view, *empty))
    QTest.keyClicks(view, "Typing")  # typing into the cell: the hint goes
    assert not hint.isVisible()


def test_stage_editor_draws_one_frame_not_a_stray_dashed_box(make_view, example_map):
    view = make_view(example_map)
    header = view.map_scene.layout.frame.stage_headers[1].rect
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at(
        view, header.x + header.width / 2, view.map_scene.stage_bar.y() + header.y + header.height / 2))
    editor = view.editing.editor
    assert editor is not None
    QTest.keyClick(view.viewport(), Qt.Key.Key_End)  # no selection highlight in the way
    image = view.viewport().grab().toImage()
    text_bounds = QRectF(QPointF(0, 0), editor.document().size())  # the text's own, inside the box's
    bounds = view.mapFromScene(editor.mapRectToScene(text_bounds)).boundingRect()
    # Qt's focus frame would be a dashed line along the text item's own bounds, inside our white frame.
    xs = range(bounds.left() + bounds.width() * 6 // 10, bounds.right() - 4)
    dark = [(x, y) for y in range(bounds.bottom() - 2, bounds.bottom() + 3) for x in xs
            if QColor(image.pixel(x, y)).lightness() < 160]
    assert not dark, dark
