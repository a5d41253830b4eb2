"""The canvas driven with real mouse and keyboard events through qtbot."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from app.document import JourneyDocument
from app.model import LaneKind
from app.model.templates import map_from_template
from app.widgets.canvas import MapView


@pytest.fixture
def make_view(qtbot):
    def make(journey):
        document = JourneyDocument(journey)
        view = MapView(document)
        qtbot.addWidget(view)
        view.resize(1300, 900)
        view.show()
        qtbot.waitExposed(view)
        view.activateWindow()
        view.setFocus()
        qtbot.waitUntil(view.hasFocus, timeout=2000)  # keys go where a real keyboard sends them
        return view

    return make


def at(view: MapView, x: float, y: float) -> QPoint:
    return view.mapFromScene(QPointF(x, y))


def cell_point(view: MapView, stage_index: int, lane_index: int, dy: float = 20) -> QPoint:
    journey = view.document.journey
    x, y, w, h = view.map_scene.layout.cell_rect(journey.stages[stage_index].id, journey.lanes[lane_index].id)
    return at(view, x + w / 2, y + h - dy)


def test_build_cards_from_an_empty_template_with_keyboard(make_view, qtbot):
    view = make_view(map_from_template("five-stage"))
    journey = view.document.journey
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell_point(view, 0, 0))
    assert view.selection().cell == (journey.stages[0].id, journey.lanes[0].id)
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert view.editing.active
    QTest.keyClicks(view.viewport(), "Sees an advert")
    QTest.keyClick(view.viewport(), Qt.Key.Key_Return)
    # Quick capture: the next editor is open in the same cell.
    assert view.editing.active
    QTest.keyClicks(view.viewport(), "Asks a friend")
    QTest.keyClick(view.viewport(), Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClicks(view.viewport(), "about it")
    QTest.keyClick(view.viewport(), Qt.Key.Key_Return)
    QTest.keyClick(view.viewport(), Qt.Key.Key_Escape)
    assert not view.editing.active
    texts = [c.text for c in view.document.cards_in(journey.stages[0].id, journey.lanes[0].id)]
    assert texts == ["Sees an advert", "Asks a friend\nabout it"]
    # Arrow to the next stage and just start typing.
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Right)
    QTest.keyClicks(view, "Compares")
    QTest.keyClick(view.viewport(), Qt.Key.Key_Escape)  # Esc keeps what was typed, and stops
    assert not view.editing.active
    assert [c.text for c in view.document.cards_in(journey.stages[1].id, journey.lanes[0].id)] == ["Compares"]
    assert len(view.map_scene.cards) == 3
    # Undo everything, redo everything.
    stack = view.document.undo_stack
    while stack.canUndo():
        stack.undo()
    assert not view.document.journey.cards and not view.map_scene.cards
    while stack.canRedo():
        stack.redo()
    assert len(view.map_scene.cards) == 3


def test_edit_card_in_place_and_cancel(make_view, example_map):
    view = make_view(example_map)
    card = view.document.journey.cards[0]
    original = card.text
    item = view.map_scene.cards[card.id]
    center = item.mapToScene(item.boundingRect().center())
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at(view, center.x(), center.y()))
    assert view.editing.active
    QTest.keyClicks(view.viewport(), "Throwaway")
    QTest.keyClick(view.viewport(), Qt.Key.Key_Escape)
    assert view.document.card(card.id).text == card.text
    QTest.keyClick(view, Qt.Key.Key_F2)  # the caret at the end: typing adds
    QTest.keyClicks(view.viewport(), " and more")
    QTest.keyClick(view.viewport(), Qt.Key.Key_Return)
    assert view.document.card(card.id).text == original + " and more"
    assert view.document.undo_stack.count() == 1


def test_drag_a_card_to_another_cell(make_view, example_map, qtbot):
    view = make_view(example_map)
    journey = view.document.journey
    card = journey.cards_in(journey.stages[0].id, journey.lanes[0].id)[0]
    item = view.map_scene.cards[card.id]
    start = item.mapToScene(item.boundingRect().center())
    target = cell_point(view, 2, 0, dy=12)
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=at(view, start.x(), start.y()))
    QTest.mouseMove(view.viewport(), at(view, start.x() + 30, start.y() + 5))
    QTest.mouseMove(view.viewport(), target)
    assert view.map_scene.drop_marker.isVisible()
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=target)
    moved = view.document.card(card.id)
    assert (moved.stage_id, moved.lane_id) == (journey.stages[2].id, journey.lanes[0].id)
    assert journey.cards_in(journey.stages[2].id, journey.lanes[0].id)[-1].id == card.id
    x, y = view.map_scene.layout.card_pos(card.id)
    assert (item.scenePos().x(), item.scenePos().y()) == (x, y)  # cards sit in their rows
    view.document.undo_stack.undo()
    assert view.document.card(card.id).stage_id == journey.stages[0].id


def test_drag_an_emotion_point(make_view, example_map):
    view = make_view(example_map)
    journey = view.document.journey
    lane = next(lane for lane in journey.lanes if lane.kind == LaneKind.EMOTIONS)
    stage = journey.stages[0]
    assert journey.emotion(lane.id, stage.id).value == -1
    point = view.map_scene.points[(lane.id, stage.id)].point
    box = view.map_scene.layout.emotion_lanes[lane.id]
    view.ensureVisible(box.lane_rect.x, box.lane_rect.y, 10, box.lane_rect.height)
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=at(view, point.x, point.y))
    QTest.mouseMove(view.viewport(), at(view, point.x, point.y - 10))
    QTest.mouseMove(view.viewport(), at(view, point.x, box.y_for(2) + 2))
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=at(view, point.x, box.y_for(2) + 2))
    assert journey.emotion(lane.id, stage.id).value == 2
    assert view.document.undo_stack.count() == 1
    # The keyboard nudges it too, merging into one step.
    QTest.keyClick(view, Qt.Key.Key_Down)
    QTest.keyClick(view, Qt.Key.Key_Down)
    assert journey.emotion(lane.id, stage.id).value == 0


def test_reorder_stages_by_dragging_a_header(make_view, example_map):
    view = make_view(example_map)
    journey = view.document.journey
    names = [s.name for s in journey.stages]
    header = view.map_scene.layout.frame.stage_headers[0].rect
    start = at(view, header.center_x, header.center_y)
    end_x = view.map_scene.layout.frame.columns[3].x + 10  # drop at the boundary before the fourth stage... and past
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(view.viewport(), at(view, header.center_x + 40, header.center_y))
    QTest.mouseMove(view.viewport(), at(view, end_x, header.center_y))
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=at(view, end_x, header.center_y))
    assert [s.name for s in journey.stages] == names[1:3] + names[:1] + names[3:]
    assert view.map_scene.layout.frame.stage_headers[2].stage_id == journey.stages[2].id


def test_paste_a_spreadsheet_block(make_view):
    view = make_view(map_from_template("five-stage"))
    journey = view.document.journey
    QGuiApplication.clipboard().setText("Sees ad\tCompares\tBuys\r\nHappy\t\tWorried\r\n")
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell_point(view, 1, 0))
    QTest.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [c.text for c in journey.cards_in(journey.stages[1].id, journey.lanes[0].id)] == ["Sees ad"]
    assert [c.text for c in journey.cards_in(journey.stages[3].id, journey.lanes[0].id)] == ["Buys"]
    assert [c.text for c in journey.cards_in(journey.stages[3].id, journey.lanes[1].id)] == ["Worried"]
    assert len(journey.cards) == 5
    assert view.document.undo_stack.count() == 1
    # Copy a card and paste it elsewhere.
    view.map_scene.select_cards([journey.cards[0].id])
    QTest.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell_point(view, 4, 2))
    QTest.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [c.text for c in journey.cards_in(journey.stages[4].id, journey.lanes[2].id)] == ["Sees ad"]


def test_rubber_band_and_delete(make_view, example_map):
    view = make_view(example_map)
    journey = view.document.journey
    layout = view.map_scene.layout
    first = layout.cell_rect(journey.stages[0].id, journey.lanes[0].id)
    start = at(view, first[0] + 3, first[1] + 3)
    end = at(view, first[0] + 2 * first[2] - 3, first[1] + first[3] - 3)
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(view.viewport(), QPoint(start.x() + 20, start.y() + 20))
    QTest.mouseMove(view.viewport(), end)
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    expected = {c.id for c in journey.cards if c.lane_id == journey.lanes[0].id
                and c.stage_id in (journey.stages[0].id, journey.stages[1].id)}
    assert set(view.selection().cards) == expected
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert not expected & {c.id for c in journey.cards}
    assert view.document.undo_stack.count() == 1


def test_screenshot_of_the_example_map(make_view, example_map, artifacts_dir):
    view = make_view(example_map)
    image = view.grab().toImage()
    image.save(str(artifacts_dir / "canvas-example.png"))
    layout = view.map_scene.layout
    header = image.pixelColor(at(view, layout.frame.columns[1].x + 100, layout.frame.header_height - 6))
    assert header.lightness() < 90  # the dark stage header row is drawn
    # Some card text pixels (dark) inside the first card.
    card = view.document.journey.cards[0]
    x, y = layout.card_pos(card.id)
    box = layout.card_box(card.id)
    dark = sum(
        1
        for dx in range(int(box.rect.width))
        for dy in range(int(box.rect.height))
        if image.pixelColor(at(view, x + dx, y + dy)).lightness() < 80
    )
    assert dark > 50


def test_ctrl_wheel_zooms_with_a_preview_then_settles(make_view, example_map, qtbot):
    from PySide6.QtCore import QPoint as P
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    view = make_view(example_map)
    zooms = []
    view.zoomChanged.connect(zooms.append)
    pos = QPointF(400, 300)
    anchor_scene = view.mapToScene(pos.toPoint())
    for _ in range(2):
        event = QWheelEvent(pos, view.viewport().mapToGlobal(pos), P(0, 0), P(0, 120), Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(view.viewport(), event)
    assert view.zoom_preview.active and abs(view.zoom() - 1.5625) < 1e-6
    qtbot.waitUntil(lambda: not view.zoom_preview.active, timeout=2000)
    assert abs(view.transform().m11() - 1.5625) < 1e-6
    assert zooms[-1] == pytest.approx(1.5625)
    # The point under the mouse stayed under the mouse.
    moved = view.mapFromScene(anchor_scene)
    assert abs(moved.x() - pos.x()) <= 2 and abs(moved.y() - pos.y()) <= 2
    view.zoom_to_fit()
    layout = view.map_scene.layout
    assert layout.width * view.zoom() <= view.viewport().width()


def test_quick_capture_tab_moves_to_the_next_lane(make_view):
    view = make_view(map_from_template("five-stage"))
    journey = view.document.journey
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell_point(view, 0, 0))
    QTest.keyClicks(view, "Googles plans")
    QTest.keyClick(view, Qt.Key.Key_Tab)  # to the focus widget, as a real keyboard does
    assert view.editing.active  # the next lane's editor
    QTest.keyClicks(view.viewport(), "Search")
    QTest.keyClick(view.viewport(), Qt.Key.Key_Return)
    QTest.keyClick(view.viewport(), Qt.Key.Key_Escape)
    assert [c.text for c in journey.cards_in(journey.stages[0].id, journey.lanes[0].id)] == ["Googles plans"]
    assert [c.text for c in journey.cards_in(journey.stages[0].id, journey.lanes[1].id)] == ["Search"]


def test_quitting_after_copying_cards_exits_cleanly(tmp_path):
    """PySide6 crashes at exit if the clipboard owns a QMimeData made in Python; the app hands it
    back as plain text when it quits."""
    import subprocess
    import sys

    script = tmp_path / "copy_and_quit.py"
    script.write_text(
        "from PySide6.QtCore import QTimer\n"
        "from app.gui import create_application\n"
        "from app.document import JourneyDocument\n"
        "from app.io.journey.file import load_journey\n"
        "from app.widgets.canvas import MapView\n"
        "from tests.conftest import EXAMPLE_MAP\n"
        "app = create_application()\n"
        "view = MapView(JourneyDocument(load_journey(EXAMPLE_MAP)))\n"
        "view.map_scene.select_cards([view.document.journey.cards[0].id])\n"
        "view.copy_selection()\n"
        "QTimer.singleShot(0, app.quit)\n"
        "app.exec()\n"
        "from PySide6.QtGui import QGuiApplication\n"
        "print(QGuiApplication.clipboard().text())\n",
        encoding="utf-8",
    )
    from tests.conftest import PROJECT_ROOT

    result = subprocess.run([sys.executable, str(script)], cwd=PROJECT_ROOT, capture_output=True, text=True,
                            timeout=60, env={**__import__("os").environ, "PYTHONPATH": str(PROJECT_ROOT)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()  # the card's text stayed on the clipboard


def test_overview_shows_the_map_and_moves_the_canvas(qtbot):
    from app.widgets.overview import OverviewWidget
    from bench.generate import generated_map

    document = JourneyDocument(generated_map(40, 6, 2))
    view = MapView(document)
    qtbot.addWidget(view)
    view.resize(800, 500)
    view.show()
    overview = OverviewWidget(view)
    qtbot.addWidget(overview)
    overview.resize(400, 120)
    overview.show()
    qtbot.waitExposed(overview)
    before = view.mapToScene(view.viewport().rect().center())
    QTest.mouseClick(overview, Qt.MouseButton.LeftButton, pos=QPoint(380, 60))
    after = view.mapToScene(view.viewport().rect().center())
    assert after.x() > before.x() + 1000  # jumped far to the right
    image = overview.grab().toImage()
    assert image.pixelColor(100, 1).lightness() < 120  # the dark header row, drawn small


def test_middle_button_and_space_drag_pan(make_view, qtbot):
    from bench.generate import generated_map

    view = make_view(generated_map(30, 8, 2))
    bar = view.horizontalScrollBar()
    start = bar.value()
    QTest.mousePress(view.viewport(), Qt.MouseButton.MiddleButton, pos=QPoint(600, 400))
    QTest.mouseMove(view.viewport(), QPoint(300, 400))
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.MiddleButton, pos=QPoint(300, 400))
    assert bar.value() == start + 300
    QTest.keyPress(view, Qt.Key.Key_Space)
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(300, 400))
    QTest.mouseMove(view.viewport(), QPoint(500, 400))
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(500, 400))
    QTest.keyRelease(view, Qt.Key.Key_Space)
    assert bar.value() == start + 100
    assert not view.document.undo_stack.count()  # panning is not an edit


def test_paste_plain_lines_as_one_card_each(make_view):
    view = make_view(map_from_template("five-stage"))
    journey = view.document.journey
    QGuiApplication.clipboard().setText("• Sees an advert\n• Asks a friend\n\n- Reads reviews\n")
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell_point(view, 2, 1))
    QTest.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    cell = journey.cards_in(journey.stages[2].id, journey.lanes[1].id)
    assert [c.text for c in cell] == ["Sees an advert", "Asks a friend", "Reads reviews"]
    assert set(view.selection().cards) == {c.id for c in cell}


def test_insert_a_stage_from_the_menu_and_type_its_name(make_view, example_map):
    from app.widgets.canvas_menus import build_context_menu

    view = make_view(example_map)
    journey = view.document.journey
    view.map_scene.select_header("stage", journey.stages[1].id)
    menu = build_context_menu(view)
    next(a for a in menu.actions() if a.text() == "Insert stage after").trigger()
    assert len(journey.stages) == 6 and view.editing.active
    QTest.keyClicks(view, "Compare offers")
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert journey.stages[2].name == "Compare offers"
    assert view.selection().stage_id == journey.stages[2].id
    view.document.undo_stack.undo()
    view.document.undo_stack.undo()
    assert len(journey.stages) == 5
