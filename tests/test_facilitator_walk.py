"""Defects found walking through the editor as a workshop facilitator (real windows, keyboard first),
each driven with the real mouse and key events that showed it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.shell_fixtures import close_window, start_window


def test_typing_right_after_picking_a_template_makes_a_card_in_the_first_cell(dialog_script, clean_settings,
                                                                               recovery_home, qtbot):
    """No cell chosen yet: the words typed go to the first cell, not nowhere."""
    with start_window(dialog_script, qtbot) as window:
        QTest.mouseClick(window.start_pages.page.template_buttons["five-stage"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.view.hasFocus(), timeout=2000)
        assert window.view.selection().is_empty
        QTest.keyClicks(QApplication.focusWidget(), "Sees an ad")
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        journey = window.document.journey
        assert [(c.text, c.stage_id, c.lane_id) for c in journey.cards] == [
            ("Sees an ad", journey.stages[0].id, journey.lanes[0].id)]
        assert window.view.selection().cell == (journey.stages[0].id, journey.lanes[0].id)


def test_the_quick_capture_box_lies_inside_the_bounds_qt_repaints(qtbot, example_map):
    """Enter on a long card in the last lane opens an empty box below the map; after Esc a stale frame stayed on
    screen under the map, because the box was painted two lines tall outside the item's one-line bounds (Qt
    repaints only an item's bounds when it goes away or moves)."""
    from app.document import JourneyDocument
    from app.widgets.canvas import MapView

    view = MapView(JourneyDocument(example_map))
    qtbot.addWidget(view)
    view.resize(1300, 900)
    view.show()
    qtbot.waitExposed(view)
    view.setFocus()
    count = len(view.document.journey.cards)
    QTest.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(view, "A participant's long story about the SMS code that arrived late and the hotline")
    QTest.keyClick(view, Qt.Key.Key_Return)
    editor = view.editing.editor
    assert editor is not None and editor.toPlainText() == ""
    image = view.viewport().grab().toImage()
    box = view.mapFromScene(editor._rect).boundingRect()  # where paint() draws the white box and its frame
    bounds = view.mapFromScene(editor.sceneBoundingRect()).boundingRect()
    assert bounds.contains(box.adjusted(1, 1, -1, -1)), (bounds, box)
    y = box.bottom() - 1  # the frame's bottom edge is really painted there
    assert any(image.pixelColor(x, y).lightness() < 200 for x in range(box.left() + 8, box.right() - 8))
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert view.editing.editor is None and len(view.document.journey.cards) == count + 1


def test_f1_lists_keys_a_person_can_press_not_words(window, qtbot):
    """The platform also binds dedicated keys (Save, Undo, F14...), which F1 listed as "Ctrl+S, Save" and
    "Ctrl+Z, F14, Undo"; and the Undo row was named after the step it would undo."""
    import re

    from PySide6.QtCore import QTimer

    from app.widgets.help_dialogs import ShortcutsDialog

    document = window.document
    document.add_card(document.journey.stages[0].id, document.journey.lanes[0].id, "Sees an advert")
    window.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    rows: dict[str, str] = {}

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ShortcutsDialog)
        for r in range(dialog.table.rowCount()):
            if dialog.table.item(r, 2).text():
                rows[dialog.table.item(r, 1).text()] = dialog.table.item(r, 2).text()
        dialog.reject()

    QTimer.singleShot(0, read_and_close)
    QTest.keyClick(window.view, Qt.Key.Key_F1)
    assert rows["Undo"].split(", ")[0] == "Ctrl+Z" and "Ctrl+S" in rows["Save"].split(", ")
    key = re.compile(r"^((Ctrl|Shift|Alt|Meta)\+)*([A-Z0-9+=\-]|F([1-9]|1[0-2])|Del|Ins|Backspace|Home|End|"
                     r"Left|Right|Up|Down|PgUp|PgDown|Esc|Return|Enter|Tab|Space)$")
    for command, keys in rows.items():
        for one in keys.split(", "):
            assert key.match(one), (command, one)


def test_persona_panel_fits_its_dock_on_a_laptop_screen(window, qtbot):
    """Ctrl+Shift+P on a 1280x800 window: every button is whole, no sideways scrolling (five buttons in a row
    made the panel wider than its dock: 'Colour...' and 'Edit this curve' were cut)."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QPushButton

    window.resize(1280, 800)
    window.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QTest.keyClick(window.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    panel = window.persona_panel
    qtbot.waitUntil(panel.isVisible, timeout=2000)
    QTest.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    qtbot.wait(20)
    scroll = panel.widget()
    assert not scroll.horizontalScrollBar().isVisible()
    shown = scroll.viewport().rect()
    for button in scroll.widget().findChildren(QPushButton):
        if button.isVisible():
            rect = QRect(button.mapTo(scroll.viewport(), QPoint(0, 0)), button.size())
            assert shown.left() <= rect.left() and rect.right() <= shown.right(), button.text()


def test_the_first_arrow_key_on_a_freshly_opened_map_puts_the_cursor_on_its_first_cell(
        dialog_script, clean_settings, recovery_home, qtbot, example_path):
    """Nothing selected yet, the canvas focused: Right used to step from an invisible cursor on the first cell to
    the second stage (Down to the second lane), so the map's first cell could only be reached by going back."""
    from app.gui import open_windows

    for key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Up):
        [window] = open_windows(example_path)
        try:
            window.show()
            qtbot.waitExposed(window)
            window.activateWindow()
            qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view)  # noqa: B023 - this loop's window
            assert window.view.selection().is_empty
            journey = window.document.journey
            QTest.keyClick(QApplication.focusWidget(), key)
            assert window.view.selection().cell == (journey.stages[0].id, journey.lanes[0].id)
            assert window.view.map_scene.cursor.isVisible()
            QTest.keyClick(window.view, Qt.Key.Key_Right)  # and from there the arrows walk the map
            assert window.view.selection().cell == (journey.stages[1].id, journey.lanes[0].id)
        finally:
            close_window(window, dialog_script)
