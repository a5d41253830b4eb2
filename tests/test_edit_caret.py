"""Editing a card's text in place adds to it: F2 and Enter put the caret at the end, a double-click where the
text was clicked, nothing selected (typing never wipes the card); Ctrl+A still selects all. Driven with real
keys and mouse clicks in the editor's window (so the window's own Ctrl+A, Select All cards, is in play)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.layout.fonts import line_height, text_width


def _ready(window, qtbot, example_map):
    window.load(example_map, None)
    view = window.view
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    QTest.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # 100 %: a scene unit is a pixel
    return view


def _card(view, words: int = 2):
    """A card on screen whose text has at least `words` words, its first one at least five letters long."""
    journey = view.document.journey
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for card in journey.cards:
        item = view.map_scene.cards.get(card.id)
        if item is not None and visible.contains(item.sceneBoundingRect()) and len(card.text.split()) >= words \
                and len(card.text.split()[0]) >= 5 and "\n" not in card.text:
            return card, item
    raise AssertionError("no such card on screen")


def _click_card(view, item) -> None:
    center = item.mapToScene(item.boundingRect().center())
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(center))


def _undo(view, qtbot) -> None:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def test_f2_and_enter_put_the_caret_at_the_end_so_typing_adds(window, qtbot, example_map):
    view = _ready(window, qtbot, example_map)
    card, item = _card(view)
    original = card.text
    document = view.document
    for key in (Qt.Key.Key_F2, Qt.Key.Key_Return):
        _click_card(view, item)
        assert view.selection().cards == (card.id,)
        QTest.keyClick(view, key)
        editor = view.editing.editor
        assert editor is not None and not editor.textCursor().hasSelection()
        QTest.keyClicks(view.viewport(), " at the airport")
        QTest.keyClick(view.viewport(), Qt.Key.Key_Return)
        assert not view.editing.active and document.card(card.id).text == original + " at the airport"
        _undo(view, qtbot)
        assert document.card(card.id).text == original


def test_a_double_click_in_a_word_puts_the_caret_there(window, qtbot, example_map):
    view = _ready(window, qtbot, example_map)
    card, item = _card(view)
    original = card.text
    box = item.box
    split = 3  # inside the first word, after its third letter (on the first line: the word is short)
    size = box.text.size
    x = box.text.x + text_width(original[:split], size) + text_width(original[split], size) * 0.3
    y = box.text.y + line_height(size) / 2
    where = view.mapFromScene(item.mapToScene(QPointF(x, y)))
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    editor = view.editing.editor
    assert editor is not None and not editor.textCursor().hasSelection()
    QTest.keyClicks(view.viewport(), "XY")
    QTest.keyClick(view.viewport(), Qt.Key.Key_Return)
    assert view.document.card(card.id).text == original[:split] + "XY" + original[split:]
    _undo(view, qtbot)
    assert view.document.card(card.id).text == original
    # past the end of the text (the card's foot): the caret at the end
    foot = view.mapFromScene(item.mapToScene(QPointF(box.rect.width - 6, box.rect.height - 4)))
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=foot)
    assert view.editing.active
    QTest.keyClicks(view.viewport(), "!")
    QTest.keyClick(view.viewport(), Qt.Key.Key_Return)
    assert view.document.card(card.id).text == original + "!"


def test_ctrl_a_in_the_editor_selects_all_its_text_to_replace_it(window, qtbot, example_map):
    view = _ready(window, qtbot, example_map)
    card, item = _card(view)
    original = card.text
    _click_card(view, item)
    QTest.keyClick(view, Qt.Key.Key_F2)
    QTest.keyClick(view.viewport(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    editor = view.editing.editor
    assert editor is not None and editor.textCursor().selectedText() == original
    assert view.selection().cards == (card.id,)  # not the window's Select All (every card)
    QTest.keyClicks(view.viewport(), "Rewritten")
    QTest.keyClick(view.viewport(), Qt.Key.Key_Return)
    assert view.document.card(card.id).text == "Rewritten"
    _undo(view, qtbot)
    assert view.document.card(card.id).text == original


def test_renaming_a_stage_still_selects_its_name_and_a_new_card_starts_empty(window, qtbot, example_map):
    view = _ready(window, qtbot, example_map)
    stage = view.document.journey.stages[1]
    header = next(h for h in view.map_scene.layout.frame.stage_headers if h.stage_id == stage.id).rect
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(QPointF(
        header.x + header.width / 2, view.map_scene.stage_bar.y() + header.y + 12)))
    assert view.editing.editor.textCursor().selectedText() == stage.name  # a name is replaced as a whole
    QTest.keyClicks(view.viewport(), "Choosing")
    QTest.keyClick(view.viewport(), Qt.Key.Key_Return)
    assert view.document.journey.stages[1].name == "Choosing"
