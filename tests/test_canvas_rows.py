"""The canvas's cards live in one item per lane row: a row that grows moves the rows below whole,
and what the window shows after edits and scrolling is what a fresh canvas paints."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtTest import QTest

from app.document import JourneyDocument
from app.layout.engine import compute_layout, translate_card
from app.widgets.canvas import MapView


def _view(qtbot, document: JourneyDocument) -> MapView:
    view = MapView(document)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


def _card_places(view: MapView) -> dict[str, tuple[float, float]]:
    return {card_id: (item.scenePos().x(), item.scenePos().y()) for card_id, item in view.map_scene.cards.items()}


def test_a_growing_row_moves_the_rows_below_with_their_cards(qtbot, example_map):
    document = JourneyDocument(example_map)
    view = _view(qtbot, document)
    journey = document.journey
    first_lane = journey.lanes[0].id
    below = [c.id for c in journey.cards if c.lane_id != first_lane]
    in_row = {card_id: view.map_scene.cards[card_id].pos() for card_id in below}
    before = _card_places(view)
    document.add_card(journey.stages[0].id, first_lane, "A card long enough to wrap over many lines " * 4)
    after = _card_places(view)
    assert all(after[c][1] > before[c][1] for c in below)  # everything below moved down...
    assert all(view.map_scene.cards[c].pos() == in_row[c] for c in below)  # ...with its row, not one by one
    full = compute_layout(journey)
    for card in journey.cards:
        box = view.map_scene.layout.card_box(card.id)
        assert translate_card(box, *after[card.id]) == full.cards[card.id]
    document.undo_stack.undo()
    assert _card_places(view) == before


def test_after_edits_and_scrolling_the_window_shows_what_a_fresh_canvas_paints(qtbot, example_map):
    document = JourneyDocument(example_map)
    view = _view(qtbot, document)
    journey = document.journey
    document.add_card(journey.stages[1].id, journey.lanes[0].id, "Grows the first row " * 6, index=0)
    for _ in range(3):  # real wheel steps down, then across
        QTest.keyClick(view, Qt.Key.Key_PageDown)
        view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 70)
        qtbot.wait(1)
    document.edit_card(journey.cards[2].id, text="Edited after scrolling")
    document.undo_stack.undo()
    document.undo_stack.redo()
    qtbot.wait(1)
    live = _screen(view)
    fresh_view = _view(qtbot, document)
    fresh_view.verticalScrollBar().setValue(view.verticalScrollBar().value())
    fresh_view.horizontalScrollBar().setValue(view.horizontalScrollBar().value())
    fresh = fresh_view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert live.size() == fresh.size()
    differing = sum(1 for y in range(0, live.height(), 2) for x in range(0, live.width(), 2)
                    if _far(live.pixel(x, y), fresh.pixel(x, y)))
    assert differing < 0.01 * (live.width() // 2) * (live.height() // 2)  # text anti-aliasing at most


def _screen(view: MapView) -> QImage:
    """What the window shows of the canvas (its backing store), not a new paint of it."""
    area = view.viewport().geometry()
    shot = QGuiApplication.primaryScreen().grabWindow(view.winId(), area.x(), area.y(), area.width(), area.height())
    return shot.toImage().convertToFormat(QImage.Format.Format_RGB32)


def _far(a: int, b: int) -> bool:
    return max(abs(((a >> s) & 255) - ((b >> s) & 255)) for s in (0, 8, 16)) > 100


def test_an_emotions_lane_below_a_growing_row_moves_with_its_faces_and_they_still_drag(qtbot, example_map):
    from app.model.enums import LaneKind
    from tests.test_canvas import at

    document = JourneyDocument(example_map)
    view = _view(qtbot, document)
    journey = document.journey
    lane = next(lane for lane in journey.lanes if lane.kind == LaneKind.EMOTIONS)
    stage = journey.stages[0]
    scene = view.map_scene
    face = scene.points[(lane.id, stage.id)]
    kept, old_y = face.boundingRect(), face.point.y
    document.add_card(stage.id, journey.lanes[0].id, "A card long enough to wrap over many lines " * 4)
    fresh = compute_layout(journey).emotion_lanes[lane.id]
    assert face.boundingRect() == kept  # the face itself is untouched: its layer moved
    assert scene.emotion_lanes[lane.id].faces.y() > 0
    wanted = next(p for p in fresh.points if p.stage_id == stage.id)
    assert (face.point.x, face.point.y) == (wanted.x, wanted.y)
    assert face.sceneBoundingRect() == kept.translated(0, wanted.y - old_y)
    assert scene.layout.emotion_lanes[lane.id].points == fresh.points
    # The moved face is where the mouse finds it, and dragging it sets the value.
    point = face.point
    view.ensureVisible(fresh.lane_rect.x, fresh.lane_rect.y, 10, fresh.lane_rect.height)
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=at(view, point.x, point.y))
    QTest.mouseMove(view.viewport(), at(view, point.x, point.y - 10))
    QTest.mouseMove(view.viewport(), at(view, point.x, fresh.y_for(2) + 2))
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=at(view, point.x, fresh.y_for(2) + 2))
    assert journey.emotion(lane.id, stage.id).value == 2
    assert scene.emotion_lanes[lane.id].faces.y() == 0  # the lane was set again, in place
    assert face.point == next(p for p in compute_layout(journey).emotion_lanes[lane.id].points
                              if p.stage_id == stage.id)
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert scene.layout.emotion_lanes[lane.id].points == compute_layout(journey).emotion_lanes[lane.id].points
    assert face.point == next(p for p in compute_layout(journey).emotion_lanes[lane.id].points
                              if p.stage_id == stage.id)


def test_a_wide_row_keeps_its_cards_in_blocks_of_stages_that_follow_structure_edits_and_drags(qtbot):
    from app.widgets.canvas_items import BLOCK_STAGES, Z_CARD
    from bench.generate import generated_map
    from tests.test_canvas import at, cell_point

    document = JourneyDocument(generated_map(stages=BLOCK_STAGES + 4, lanes=5, cards_per_cell=1))
    view = _view(qtbot, document)
    scene, journey = view.map_scene, document.journey

    def check_blocks() -> None:
        for card in journey.cards:
            item, layout = scene.cards[card.id], scene.layout
            block = item.parentItem()
            assert block is scene.rows[card.lane_id].block(journey.stage_index(card.stage_id))
            assert block.sceneBoundingRect().contains(item.sceneBoundingRect())  # culled with it, never cut
            assert (item.scenePos().x(), item.scenePos().y()) == layout.card_pos(card.id)

    check_blocks()
    assert len(scene.rows[journey.lanes[0].id].blocks) == 2
    document.add_stage(0, "A stage in front")  # every card moves one column right, some into the next block
    check_blocks()
    # A card dragged from the first block to a stage of the second with the mouse.
    card = journey.cards_in(journey.stages[1].id, journey.lanes[0].id)[0]
    item = scene.cards[card.id]
    view.horizontalScrollBar().setValue(0)
    start = item.mapToScene(item.boundingRect().center())
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=at(view, start.x(), start.y()))
    QTest.mouseMove(view.viewport(), at(view, start.x() + 30, start.y() + 5))
    assert item.parentItem().zValue() > Z_CARD  # lifted above the other blocks while it moves
    target = cell_point(view, 3, 0, dy=12)
    QTest.mouseMove(view.viewport(), target)
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=target)
    assert document.card(card.id).stage_id == journey.stages[3].id
    assert item.parentItem().zValue() == Z_CARD
    document.move_cards([card.id], journey.stages[BLOCK_STAGES + 2].id, journey.lanes[0].id, 0)
    check_blocks()
    # Scrolled to the last stages, the window shows what a fresh canvas paints.
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    qtbot.wait(1)
    live = _screen(view)
    fresh_view = _view(qtbot, document)
    fresh_view.horizontalScrollBar().setValue(view.horizontalScrollBar().value())
    fresh = fresh_view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    differing = sum(1 for y in range(0, live.height(), 2) for x in range(0, live.width(), 2)
                    if _far(live.pixel(x, y), fresh.pixel(x, y)))
    assert differing < 0.01 * (live.width() // 2) * (live.height() // 2)
