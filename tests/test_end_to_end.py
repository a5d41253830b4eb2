"""End to end, as a facilitator does it: the shown main window, from the start page to a saved map and
back, with mouse clicks and key presses only. Each step leaves a screenshot in test-artifacts/e2e/."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from app.model import LaneKind
from tests.shell_fixtures import close_window


def _shot(window, folder, name: str) -> None:
    QTest.qWait(5)
    window.grab().save(str(folder / f"{name}.png"))


def _cell(view, stage: int, lane: int):
    journey = view.document.journey
    x, y, w, h = view.map_scene.layout.cell_rect(journey.stages[stage].id, journey.lanes[lane].id)
    return x, y, w, h


def _click_cell(view, stage: int, lane: int, near_bottom: float = 12) -> None:
    x, y, w, h = _cell(view, stage, lane)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(QPointF(x + w / 2,
                                                                                             y + h - near_bottom)))


def _tool(window, text: str) -> None:
    action = next(a for a in window.toolbar.actions() if a.text() == text)
    QTest.mouseClick(window.toolbar.widgetForAction(action), Qt.MouseButton.LeftButton)


def test_build_a_map_from_the_start_page_save_and_reopen(dialog_script, clean_settings, recovery_home, tmp_path,
                                                         artifacts_dir, qtbot):
    from app.gui import open_windows
    from app.io.journey.file import load_journey

    shots = artifacts_dir / "e2e"
    shots.mkdir(exist_ok=True)
    windows = open_windows(None)
    window = windows[0]
    try:
        window.resize(1280, 720)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        _shot(window, shots, "01-start-page")

        QTest.mouseClick(window.start_pages.page.template_buttons["blank"], Qt.MouseButton.LeftButton)
        view = window.view
        qtbot.waitUntil(view.hasFocus, timeout=2000)
        journey = window.document.journey
        _shot(window, shots, "02-blank-map")

        # Name the first stage in place: double-click its header, type, Enter.
        header = view.map_scene.layout.frame.stage_headers[0].rect
        QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(QPointF(
            header.x + header.width / 2, view.map_scene.stage_bar.y() + header.y + header.height / 2)))
        QTest.keyClicks(view.viewport(), "Discover")
        QTest.keyClick(view.viewport(), Qt.Key.Key_Return)

        # Quick capture: click a cell, type, Enter for the next card, Tab to the next lane, Esc to stop.
        _click_cell(view, 0, 0)
        QTest.keyClicks(view, "Sees an advert")
        QTest.keyClick(view.viewport(), Qt.Key.Key_Return)
        QTest.keyClicks(view.viewport(), "Asks a friend")
        _shot(window, shots, "03-quick-capture")
        QTest.keyClick(view.viewport(), Qt.Key.Key_Tab)
        QTest.keyClicks(view.viewport(), "Mobile app")
        QTest.keyClick(view.viewport(), Qt.Key.Key_Escape)

        # A stage from the toolbar, named by typing.
        _click_cell(view, 2, 0)
        _tool(window, "+ Stage")
        QTest.keyClicks(view.viewport(), "Renew")
        QTest.keyClick(view.viewport(), Qt.Key.Key_Return)

        # An emotion: a click high in the Emotions lane (above the scale's top: the top).
        emotions = next(i for i, lane in enumerate(journey.lanes) if lane.kind == LaneKind.EMOTIONS)
        x, y, w, h = _cell(view, 0, emotions)
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(QPointF(x + w / 2, y + 2)))
        # A vote with the keyboard: select the first card, press +.
        first = journey.cards_in(journey.stages[0].id, journey.lanes[0].id)[0]
        item = view.map_scene.cards[first.id]
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.mapFromScene(item.mapToScene(item.boundingRect().center())))
        QTest.keyClick(view, Qt.Key.Key_Plus)
        _shot(window, shots, "04-built")

        assert [s.name for s in journey.stages] == ["Discover", "Stage 2", "Stage 3", "Renew"]
        cards = {(journey.stage(c.stage_id).name, journey.lane(c.lane_id).name): [] for c in journey.cards}
        for card in journey.cards:
            cards[(journey.stage(card.stage_id).name, journey.lane(card.lane_id).name)].append(card.text)
        assert cards == {("Discover", "Customer actions"): ["Sees an advert", "Asks a friend"],
                         ("Discover", "Touchpoints"): ["Mobile app"]}
        assert journey.cards_in(journey.stages[0].id, journey.lanes[1].id)[0].channel.label == "Mobile app"
        assert journey.emotion(journey.lanes[emotions].id, journey.stages[0].id).value == journey.emotion_scale.max
        assert first.votes == 1

        # Save with Ctrl+S (the save dialog is answered by the test), then open it again with Ctrl+O.
        path = tmp_path / "workshop.journey"
        dialog_script.save_paths = [path]
        QTest.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert path.exists() and not window.document.modified
        saved = window.document.journey.model_dump(mode="json")
        _tool(window, "Undo")  # change something, then reopen the file: the saved map comes back
        assert window.document.modified
        dialog_script.unsaved_answer = "discard"
        dialog_script.open_paths = [path]
        QTest.keyClick(view, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
        _shot(window, shots, "05-reopened")
        assert window.document.path == path and not window.document.modified
        assert window.document.journey.model_dump(mode="json") == saved
        assert load_journey(path).model_dump(mode="json") == saved
    finally:
        for win in windows:
            close_window(win, dialog_script)
