"""Second round of defects found running the editor in a real X window as a workshop facilitator would
(multi-selection, the Inspector, snapshots and compare, find), each reproduced with real mouse and key events."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from app.model.templates import map_from_template
from app.widgets import dialogs
from tests.test_gestures import card_point, cell_point, make_view  # noqa: F401 - the fixture


def test_a_removed_cards_ghost_sits_under_the_cards_left_never_over_their_text(window, qtbot, monkeypatch):
    """Compare mode drew the ghost of a card deleted from a full cell over the card below it ("Checks out"
    unreadable under "Reads reviews"): the row had shrunk and the ghost was pulled up into it."""
    monkeypatch.setattr(dialogs, "ask_text", lambda *_args, **_kw: "Before lunch")
    window.load(map_from_template("five-stage"), None)
    document, view = window.document, window.view
    journey = document.journey
    thoughts = next(i for i, lane in enumerate(journey.lanes) if lane.name == "Thoughts")
    stage, lane = journey.stages[2].id, journey.lanes[thoughts].id
    ids = [document.add_card(stage, lane, text) for text in ("Sees an ad", "Compares prices", "Reads reviews",
                                                             "Checks out")]
    panel = window.workshop.versions_panel
    panel.show()
    QTest.mouseClick(panel.take_button, Qt.MouseButton.LeftButton)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(view, ids[2]))
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert not document.has_card(ids[2])
    panel.select([journey.snapshots[0].id])
    QTest.mouseClick(panel.compare_button, Qt.MouseButton.LeftButton)
    overlay = window.workshop.compare.overlay
    ghost = overlay.ghosts[ids[2]].sceneBoundingRect()
    scene = view.map_scene
    for card_id in (ids[0], ids[1], ids[3]):
        assert not ghost.intersects(scene.cards[card_id].sceneBoundingRect()), document.card(card_id).text
    x, y, w, h = scene.layout.cell_rect(stage, lane)
    assert y <= ghost.top() and ghost.bottom() <= y + h + 2  # in its row: the row made room
    below = journey.lanes[thoughts + 1].id
    assert scene.layout.row_y[below] >= ghost.bottom() - 2  # the rows below moved down
    # leaving compare gives the room back
    window.workshop.compare.banner.exit_action.trigger()
    assert scene.layout.row_y[below] == scene.layout.row_y[lane] + scene.layout.row_h[lane]
    assert scene.layout.row_h[lane] < h
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell_point(view, 0, thoughts))
    assert view.selection().cell == (journey.stages[0].id, lane)


def _three_cards(window):
    """Three cards in one cell that differ in votes, tags, note, evidence source and personas."""
    from app.model import Evidence, EvidenceStatus

    window.load(map_from_template("five-stage"), None)
    document = window.document
    journey = document.journey
    maya, tom = document.add_persona("Maya"), document.add_persona("Tom")
    stage, lane = journey.stages[1].id, journey.lanes[0].id
    ids = [document.add_card(stage, lane, "Reads reviews", votes=2, tags=["pricing"], note="asked twice",
                             personas=[maya], evidence=Evidence(status=EvidenceStatus.ASSUMED, source="interview 3")),
           document.add_card(stage, lane, "Asks a friend", votes=1, personas=[]),
           document.add_card(stage, lane, "Compares prices", personas=[tom])]
    return document, ids, maya, tom


def _ctrl_click_all(view, ids) -> None:
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(view, ids[0]))
    for card_id in ids[1:]:
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                         card_point(view, card_id))
    assert set(view.selection().cards) == set(ids)


def test_the_inspector_shows_what_several_cards_share_and_edits_keep_what_is_each_cards_own(window, qtbot):
    """Three cards selected: the Inspector showed the first card's votes, tags and personas as if all had them, and
    a click on a persona gave every card the first card's personas (Tom's card lost Tom; votes stepped all to 3)."""
    from app.widgets.inspector_pages import MIXED

    document, ids, maya, tom = _three_cards(window)
    view = window.view
    _ctrl_click_all(view, ids)
    QTest.keyClick(view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(window.inspector.isVisible, timeout=2000)
    page = window.inspector.card_page
    assert page.tags.text() == "" and page.tags.placeholderText().startswith(MIXED)
    assert page.tags.fontMetrics().horizontalAdvance(page.tags.placeholderText()) < page.tags.width() - 8  # uncut
    assert page.note.toPlainText() == "" and "Different" in page.note.placeholderText()
    assert page.votes.text() == MIXED and not page.votes.isEnabled()
    assert page.evidence.currentIndex() == -1 and page.evidence.placeholderText() == MIXED
    boxes = dict(zip(page.personas._ids, page.personas.boxes, strict=True))
    assert boxes[maya].checkState() == Qt.CheckState.PartiallyChecked
    assert boxes[tom].checkState() == Qt.CheckState.PartiallyChecked
    before = [document.card(i).model_copy() for i in ids]
    count = document.undo_stack.count()
    QTest.mouseClick(boxes[tom], Qt.MouseButton.LeftButton, pos=QPoint(8, boxes[tom].height() // 2))
    assert [document.card(i).personas for i in ids] == [[maya, tom], [tom], [tom]]
    assert document.undo_stack.count() == count + 1
    assert boxes[tom].checkState() == Qt.CheckState.Checked
    # a status for all three: each keeps its own source
    page.evidence.setFocus()
    QTest.keyClick(page.evidence, Qt.Key.Key_End)  # the last status
    assert {document.card(i).evidence.status for i in ids} == {page.evidence.currentData()}
    assert document.card(ids[0]).evidence.source == "interview 3"
    assert document.undo_stack.count() == count + 2
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [document.card(i) for i in ids] == before  # exactly as before


def test_esc_in_a_side_panel_gives_the_keyboard_back_to_the_canvas_keeping_what_was_typed(window, qtbot):
    """Esc in an Inspector or Persona field did nothing: the keyboard stayed in the form, and the next keys
    typed (meant for the canvas: Delete, arrows, a new card) went into the field."""
    document, ids, _maya, _tom = _three_cards(window)
    view = window.view
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(view, ids[1]))
    QTest.keyClick(view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(window.inspector.isVisible, timeout=2000)
    tags = window.inspector.card_page.tags
    QTest.mouseClick(tags, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(tags.hasFocus, timeout=2000)
    QTest.keyClicks(tags, "word of mouth")
    QTest.keyClick(tags, Qt.Key.Key_Escape)
    qtbot.waitUntil(view.hasFocus, timeout=2000)
    assert document.card(ids[1]).tags == ["word of mouth"]  # kept, as Esc keeps typing on the canvas
    QTest.keyClick(view, Qt.Key.Key_Delete)  # the canvas has the keys again: the selected card goes
    assert not document.has_card(ids[1])
    # the Persona panel too
    QTest.keyClick(view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    panel = window.persona_panel
    qtbot.waitUntil(panel.isVisible, timeout=2000)
    name = next(w for w in panel.findChildren(QLineEdit) if w.isVisible() and w.isEnabled())
    QTest.mouseClick(name, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(name.hasFocus, timeout=2000)
    QTest.keyClick(name, Qt.Key.Key_Escape)
    qtbot.waitUntil(view.hasFocus, timeout=2000)


def _drag_then_escape(view, start, end) -> None:
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(view.viewport(), start + QPoint(30, 10))
    QTest.mouseMove(view.viewport(), end)
    QTest.keyClick(view, Qt.Key.Key_Escape)
    QTest.mouseMove(view.viewport(), end + QPoint(5, 5))  # the mouse goes on moving: nothing follows it
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)


def test_esc_while_dragging_cancels_the_drag_nothing_moves(make_view):  # noqa: F811
    """Esc in the middle of dragging cards (or a stage header) did nothing: letting go still moved them."""
    view = make_view(map_from_template("five-stage"))
    document, journey = view.document, view.document.journey
    first = document.add_card(journey.stages[0].id, journey.lanes[0].id, "Sees an ad")
    second = document.add_card(journey.stages[0].id, journey.lanes[0].id, "Asks a friend")
    count = document.undo_stack.count()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(view, first))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     card_point(view, second))
    _drag_then_escape(view, card_point(view, first), cell_point(view, 3, 1))
    assert [c.id for c in document.cards_in(journey.stages[0].id, journey.lanes[0].id)] == [first, second]
    assert document.undo_stack.count() == count
    assert not view.map_scene.drop_marker.isVisible()
    for card_id in (first, second):
        x, y = view.map_scene.card_item_pos(card_id)
        item = view.map_scene.cards[card_id]
        assert (item.pos().x(), item.pos().y()) == (x, y) and item.opacity() == 1.0
    assert set(view.selection().cards) == {first, second}  # still selected, for another try
    # a stage header dragged and let go after Esc stays put
    header = view.map_scene.layout.frame.stage_headers[0].rect
    bar_y = view.map_scene.stage_bar.y()
    start = view.mapFromScene(header.x + header.width / 2, bar_y + header.y + header.height / 2)
    end = view.mapFromScene(header.x + 3.5 * header.width, bar_y + header.y + header.height / 2)
    names = [s.name for s in journey.stages]
    _drag_then_escape(view, start, end)
    assert [s.name for s in journey.stages] == names and document.undo_stack.count() == count
    # and a drag without Esc still works
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(view.viewport(), start + QPoint(30, 0))
    QTest.mouseMove(view.viewport(), end)
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert [s.name for s in journey.stages] != names


def test_the_start_page_leaves_the_placeholder_map_alone(dialog_script, clean_settings, recovery_home, qtbot):
    """The Inspector, left open last time, showed on the start page and edited the map hidden behind it (and the
    Edit and View menus, Ctrl+S, F5 worked on it too): choosing a template then asked "Save the changes to
    Untitled?" about a map the facilitator never saw."""
    from tests.shell_fixtures import start_window

    with start_window(dialog_script, qtbot) as window:
        qtbot.waitUntil(lambda: window.started, timeout=3000)
        window.inspector.show()  # the layout saved last time had it open
        title = window.inspector.map_page.title
        assert not title.isEnabled()
        QTest.mouseClick(title, Qt.MouseButton.LeftButton)
        QTest.keyClicks(title, "Leaked")
        QTest.keyClick(title, Qt.Key.Key_Tab)
        assert window.document.undo_stack.count() == 0
        edit_entries = [a for a in window.edit_menu.actions() if not a.isSeparator()]
        assert edit_entries and not any(a.isEnabled() for a in edit_entries)
        assert not window.save_action.isEnabled() and not window.workshop.presentation_action.isEnabled()
        assert window.view_options.contrast_action.isEnabled()  # the editor's own settings stay
        buttons = window.start_pages.page.template_buttons
        buttons["five-stage"].setFocus()
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        assert not window.start_pages.showing
        assert dialog_script.asked == []  # neither a save dialog nor "save the changes?"
        assert window.document.journey.metadata.title != "Leaked"
        # with a map shown, everything works again
        assert title.isEnabled() and window.save_action.isEnabled()
        assert not window.undo_action.isEnabled()
        QTest.keyClick(window.view, Qt.Key.Key_Down)
        QTest.keyClicks(window.view, "Sees an ad")
        QTest.keyClick(window.view.viewport(), Qt.Key.Key_Escape)
        assert window.undo_action.isEnabled() and any(a.isEnabled() for a in edit_entries)


@pytest.mark.parametrize("width", [560, 860, 1280])
def test_every_template_tile_shows_its_whole_description(window, qtbot, width):
    """On a 1280x720 laptop with a panel open, the start page first showed about 860 px wide and cut the
    Seven-phase tile's "again" and the Service blueprint's "points": the tiles grew, their text did not."""
    from PySide6.QtWidgets import QMainWindow

    from app.widgets.start_page_content import StartPage

    host = QMainWindow()
    host.settings = window.settings
    qtbot.addWidget(host)
    page = StartPage(host)
    host.setCentralWidget(page)
    host.resize(width, 720)
    host.show()
    qtbot.waitExposed(host)
    qtbot.wait(20)
    for name, tile in page.template_buttons.items():
        label = tile.label
        assert label.height() >= label.heightForWidth(label.width()), name
        assert label.geometry().bottom() < tile.height(), name
    assert page.width() <= host.width()  # and the page never grows wider than the window


def test_ctrl_arrows_move_a_selected_stage_or_lane_header(make_view):  # noqa: F811
    """Ctrl+arrows moved selected cards, but on a selected stage or lane header they only walked to the next
    header: reordering stages without a mouse took the Menu key and a menu entry each step."""
    view = make_view(map_from_template("five-stage"))
    document, journey = view.document, view.document.journey
    stages = [s.id for s in journey.stages]
    lanes = [lane.id for lane in journey.lanes]
    ctrl = Qt.KeyboardModifier.ControlModifier
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell_point(view, 1, 0))
    QTest.keyClick(view, Qt.Key.Key_Up)  # onto the stage header "Consideration"
    assert view.selection().stage_id == stages[1]
    QTest.keyClick(view, Qt.Key.Key_Right, ctrl)
    QTest.keyClick(view, Qt.Key.Key_Right, ctrl)
    assert [s.id for s in journey.stages] == [stages[0], stages[2], stages[3], stages[1], stages[4]]
    assert view.selection().stage_id == stages[1]  # still selected, to move it on
    QTest.keyClick(view, Qt.Key.Key_Down, ctrl)  # a stage does not move up or down
    assert journey.stages[3].id == stages[1]
    QTest.keyClick(view, Qt.Key.Key_Z, ctrl)
    QTest.keyClick(view, Qt.Key.Key_Z, ctrl)
    assert [s.id for s in journey.stages] == stages
    # a lane: Left from the first stage reaches its header
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell_point(view, 0, 2))
    QTest.keyClick(view, Qt.Key.Key_Left)
    assert view.selection().lane_id == lanes[2]
    QTest.keyClick(view, Qt.Key.Key_Up, ctrl)
    assert [lane.id for lane in journey.lanes][:3] == [lanes[0], lanes[2], lanes[1]]
    assert view.selection().lane_id == lanes[2]
    QTest.keyClick(view, Qt.Key.Key_Up, ctrl)
    QTest.keyClick(view, Qt.Key.Key_Up, ctrl)  # already first: nothing
    assert journey.lanes[0].id == lanes[2] and document.undo_stack.count() == 2


def test_a_persona_filter_left_on_says_so_and_one_click_shows_everyone(window, qtbot):
    """View ▸ Show personas ▸ Maya hid Tom's cards with no sign on screen but a tick deep in a menu: a room
    looking at the canvas later saw cards gone."""
    document, ids, maya, tom = _three_cards(window)
    indicator = window.persona_filter_indicator
    assert not indicator.isVisible()
    menu = window.persona_filter_menu
    menu.rebuild()
    next(a for a in menu.actions() if a.text() == "Maya").trigger()  # what a click on the entry does
    assert document.persona_filter == (maya,)
    qtbot.waitUntil(indicator.isVisible, timeout=2000)
    assert "Maya" in indicator.text() and "1 card hidden" in indicator.text()  # Tom's card
    assert ids[2] not in window.view.map_scene.cards
    QTest.mouseClick(indicator, Qt.MouseButton.LeftButton)
    assert document.persona_filter == () and not indicator.isVisible()
    assert ids[2] in window.view.map_scene.cards


def test_the_comparison_of_two_snapshots_takes_esc_ctrl_w_and_the_zoom_keys(window, qtbot, monkeypatch):
    """The view-only window of two snapshots compared opened over the editor and took no key at all: Esc and
    Ctrl+W did not close it, Ctrl++ / Ctrl+- did not zoom it."""
    names = iter(["Workshop 1", "Workshop 2"])
    monkeypatch.setattr(dialogs, "ask_text", lambda *_args, **_kw: next(names))
    document, ids, _maya, _tom = _three_cards(window)
    panel = window.workshop.versions_panel
    panel.show()
    QTest.mouseClick(panel.take_button, Qt.MouseButton.LeftButton)
    document.remove_cards([ids[1]])
    QTest.mouseClick(panel.take_button, Qt.MouseButton.LeftButton)
    panel.select([s.id for s in document.journey.snapshots])
    QTest.mouseClick(panel.compare_two_button, Qt.MouseButton.LeftButton)
    compare = window.workshop.compare_windows[-1]
    qtbot.waitExposed(compare)
    qtbot.waitUntil(compare.isActiveWindow, timeout=2000)
    view = compare.view
    zoom = view.zoom()
    QTest.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() < zoom
    QTest.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == 1.0
    QTest.keyClick(view, Qt.Key.Key_X)  # still view only
    assert not view.editing.active and len(compare.document.journey.cards) == 2
    with qtbot.waitSignal(compare.destroyed, timeout=2000):
        QTest.keyClick(view, Qt.Key.Key_Escape)
    assert window.isVisible() and len(document.journey.cards) == 2


def test_f6_takes_the_keyboard_from_the_canvas_to_each_open_panel_and_back(window, qtbot):
    """A panel opened with its shortcut (Ctrl+Shift+P) could not be reached without the mouse: Tab on the canvas
    steps through a cell's cards and never leaves it."""
    document, ids, _maya, _tom = _three_cards(window)
    view = window.view
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(view, ids[0]))
    QTest.keyClick(view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    panel = window.persona_panel
    qtbot.waitUntil(panel.isVisible, timeout=2000)
    assert view.hasFocus()
    QTest.keyClick(view, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: panel.isAncestorOf(QApplication.focusWidget()), timeout=2000)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)  # the last pane: round to the canvas
    qtbot.waitUntil(view.hasFocus, timeout=2000)
    QTest.keyClick(view, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)  # backwards: the panel again
    qtbot.waitUntil(lambda: panel.isAncestorOf(QApplication.focusWidget()), timeout=2000)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(view.hasFocus, timeout=2000)
    assert view.selection().cards == (ids[0],) and len(document.journey.cards) == 3
    # the Inspector's first field takes the keys, not the frame around its page
    QTest.keyClick(view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(window.inspector.isVisible, timeout=2000)
    while not window.inspector.isAncestorOf(QApplication.focusWidget()):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    text = window.inspector.card_page.text
    assert QApplication.focusWidget() is text
    QTest.keyClicks(text, " online")
    QTest.keyClick(text, Qt.Key.Key_Escape)
    qtbot.waitUntil(view.hasFocus, timeout=2000)
    assert document.card(ids[0]).text == "Reads reviews online"


def test_a_card_being_typed_is_in_the_recovery_file_before_enter(window, qtbot):
    """Autosave wrote only what was added to the map: a card half typed when the laptop died (kill -9 while
    typing) came back without it, every word of it lost."""
    from app.autosave import read_recovery

    window.load(map_from_template("five-stage"), None)
    document, view = window.document, window.view
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell_point(view, 2, 0))
    QTest.keyClicks(view, "A")
    QTest.keyClicks(view.viewport(), " long idea the room just said")
    assert view.editing.active and not document.journey.cards and not document.modified
    path = window.autosaver.path
    qtbot.waitUntil(path.exists, timeout=5000)  # a second or two after the typing, as after any change
    _info, saved = read_recovery(path)
    assert [c.text for c in saved.cards] == ["A long idea the room just said"]
    assert saved.cards[0].stage_id == document.journey.stages[2].id
    # editing an existing card's text: the recovery file has the new words too
    QTest.keyClick(view.viewport(), Qt.Key.Key_Return)  # added; the next card opens
    QTest.keyClick(view.viewport(), Qt.Key.Key_Escape)
    card_id = document.journey.cards[0].id
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(view, card_id))
    QTest.keyClick(view, Qt.Key.Key_F2)
    QTest.keyClicks(view.viewport(), ", twice")
    qtbot.waitUntil(lambda: [c.text for c in read_recovery(path)[1].cards] == ["A long idea the room just said, twice"],
                    timeout=5000)
    assert document.card(card_id).text == "A long idea the room just said"  # the map itself waits for the edit's end


def test_a_note_being_typed_in_the_inspector_is_in_the_recovery_file(window, qtbot):
    """A long note typed in the Inspector is committed only when the field is left: a crash while typing it (the
    facilitator still in the field) lost it all. Autosave now writes what the field holds."""
    from app.autosave import read_recovery

    document, ids, maya, _tom = _three_cards(window)
    document.undo_stack.clear()
    view = window.view
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(view, ids[1]))
    QTest.keyClick(view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(window.inspector.isVisible, timeout=2000)
    note = window.inspector.card_page.note
    QTest.mouseClick(note.viewport(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(note.hasFocus, timeout=2000)
    QTest.keyClicks(note, "She asked twice about roaming")
    assert document.card(ids[1]).note == ""  # still in the field
    path = window.autosaver.path
    qtbot.waitUntil(lambda: path.exists() and any(c.note == "She asked twice about roaming"
                                                  for c in read_recovery(path)[1].cards), timeout=5000)
    # and the Persona panel's lists too
    QTest.keyClick(note, Qt.Key.Key_Escape)
    QTest.keyClick(view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    panel = window.persona_panel
    qtbot.waitUntil(panel.isVisible, timeout=2000)
    goals = panel.lists["goals"]
    QTest.mouseClick(goals.viewport(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(goals.hasFocus, timeout=2000)
    QTest.keyClicks(goals, "Pay less")
    current = panel._current
    qtbot.waitUntil(lambda: next(p for p in read_recovery(path)[1].personas if p.id == current).goals == ["Pay less"],
                    timeout=5000)


def test_undoing_the_removal_of_the_persona_shown_lays_the_curve_lane_out_again(window, qtbot):
    """Show personas ▸ Tom, remove Tom in the Persona panel, Ctrl+Z: Tom and his curve came back, but the
    emotions lane kept the height it had without the legend, the names over the top of the scale."""
    from app.layout.incremental import CanvasLayout

    document, ids, maya, tom = _three_cards(window)
    journey = document.journey
    emotions = next(lane for lane in journey.lanes if lane.kind == "emotions").id
    document.set_active_persona(tom)
    for stage in journey.stages[:3]:
        document.set_emotion(emotions, stage.id, 1.0)
    menu = window.persona_filter_menu
    menu.rebuild()
    next(a for a in menu.actions() if a.text() == "Tom").trigger()
    view = window.view
    QTest.keyClick(view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    panel = window.persona_panel
    qtbot.waitUntil(panel.isVisible, timeout=2000)
    panel.select_persona(tom)
    QTest.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert [p.id for p in journey.personas] == [maya]
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [p.id for p in document.journey.personas] == [maya, tom]
    fresh = CanvasLayout(document.visible_journey())
    layout = view.map_scene.layout
    assert layout.lane_tops == fresh.lane_tops
    assert layout.row_y == fresh.row_y and layout.row_h == fresh.row_h


def test_the_undo_history_names_several_cards_edited_each_their_own_way(window):
    document, ids, maya, tom = _three_cards(window)
    document.tie_cards(ids, tom, True)
    assert document.undo_stack.undoText() == "Tie 2 cards to persona 'Tom'"  # the third one was Tom's already
    document.edit_cards(ids, votes=5)
    assert document.undo_stack.undoText() == "Change votes of 3 cards"


def test_delete_on_a_selected_stage_header_says_what_went_with_it(make_view):  # noqa: F811
    """Delete with a stage header selected removed the stage, its cards and its emotion point without a word:
    in front of a room, a column of cards simply vanished."""
    view = make_view(map_from_template("five-stage"))
    document, journey = view.document, view.document.journey
    stage = journey.stages[1]
    document.add_card(stage.id, journey.lanes[0].id, "Reads reviews")
    document.add_card(stage.id, journey.lanes[1].id, "Forum")
    emotions = next(lane for lane in journey.lanes if lane.kind == "emotions")
    document.set_emotion(emotions.id, stage.id, 1.0)
    notices: list[str] = []
    view.notice.connect(notices.append)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell_point(view, 1, 2))  # an empty cell
    for _ in range(3):
        QTest.keyClick(view, Qt.Key.Key_Up)  # up the lanes and onto the stage's header
    assert view.selection().stage_id == stage.id
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert stage.id not in [s.id for s in journey.stages]
    assert notices[-1] == ("Deleted stage 'Consideration' with its 2 cards and 1 emotion point "
                           "(Ctrl+Z brings it back)")
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert journey.stages[1].id == stage.id and len(document.cards_in(stage.id, journey.lanes[0].id)) == 1
    # the lane header's menu says it too
    lane = journey.lanes[1]
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell_point(view, 0, 1))
    QTest.keyClick(view, Qt.Key.Key_Left)  # onto the lane's header
    QTest.keyClick(view, Qt.Key.Key_Menu)
    menu = view.context_menu
    action = next(a for a in menu.actions() if a.text() == "Delete lane")
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
    assert lane.id not in [item.id for item in journey.lanes]
    assert notices[-1] == "Deleted lane 'Touchpoints' with its 1 card (Ctrl+Z brings it back)"
