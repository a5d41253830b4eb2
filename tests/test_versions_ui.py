"""Versions dock and compare mode, driven through the main window's widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from app.io.formats import write_map
from app.widgets import dialogs
from app.widgets.compare_overlay import GHOST_HEIGHT, OldCurveItem, ShapesItem


@pytest.fixture
def names(monkeypatch):
    """Answers for dialogs.ask_text, in order (None, like Cancel, when they run out)."""
    answers: list[str | None] = []
    monkeypatch.setattr(dialogs, "ask_text", lambda parent, title, label, text="": answers.pop(0) if answers else None)
    return answers


@pytest.fixture
def example_window(window, example_map):
    window.load(example_map, None)
    window.workshop.versions_panel.show()
    window.workshop.versions_panel.raise_()
    return window


def click(widget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def cell_point(view, stage_index: int, lane_index: int) -> QPoint:
    journey = view.document.journey
    x, y, w, h = view.map_scene.layout.cell_rect(journey.stages[stage_index].id, journey.lanes[lane_index].id)
    return view.mapFromScene(QPointF(x + w / 2, y + h - 6))


def type_card(view, stage_index: int, lane_index: int, text: str) -> None:
    """Quick capture: click a cell, type, Enter, Esc."""
    view.ensureVisible(*view.map_scene.layout.cell_rect(view.document.journey.stages[stage_index].id,
                                                        view.document.journey.lanes[lane_index].id))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell_point(view, stage_index, lane_index))
    QTest.keyClicks(view, text[0])
    QTest.keyClicks(view.viewport(), text[1:])
    QTest.keyClick(view.viewport(), Qt.Key.Key_Return)
    QTest.keyClick(view.viewport(), Qt.Key.Key_Escape)


def test_take_restore_and_undo_through_the_versions_dock(example_window, names):
    window = example_window
    panel = window.workshop.versions_panel
    document = window.document
    names.append("Workshop 1")
    click(panel.take_button)
    assert [s.name for s in document.journey.snapshots] == ["Workshop 1"]
    assert "Workshop 1" in panel.list.item(0).text()
    assert window.isWindowModified()
    before = [c.text for c in document.journey.cards]

    type_card(window.view, 0, 0, "Reads a review")
    assert [c.text for c in document.journey.cards] != before
    edited = [c.text for c in document.journey.cards]

    panel.select([document.journey.snapshots[0].id])
    click(panel.restore_button)
    assert [c.text for c in document.journey.cards] == before
    assert [s.name for s in document.journey.snapshots] == ["Workshop 1"]  # restoring keeps the snapshots
    assert window.view.map_scene.cards.keys() == {c.id for c in document.journey.cards}

    document.undo_stack.undo()
    assert [c.text for c in document.journey.cards] == edited
    assert [s.name for s in document.journey.snapshots] == ["Workshop 1"]


def test_rename_delete_and_a_taken_name(example_window, names, dialog_script):
    panel = example_window.workshop.versions_panel
    document = example_window.document
    names.extend(["Workshop 1", "workshop  1", "After redesign"])
    click(panel.take_button)
    click(panel.take_button)  # same name, other case and spaces: refused with one line
    assert len(document.journey.snapshots) == 1
    assert dialog_script.errors and "already a snapshot" in dialog_script.errors[-1]
    panel.select([document.journey.snapshots[0].id])
    click(panel.rename_button)
    assert document.journey.snapshots[0].name == "After redesign"
    click(panel.delete_button)
    assert document.journey.snapshots == []
    assert panel.empty_label.isVisibleTo(panel)
    document.undo_stack.undo()
    assert [s.name for s in document.journey.snapshots] == ["After redesign"]


def test_compare_with_current_marks_added_removed_moved_cards_and_the_old_curve(example_window, names, qtbot,
                                                                              artifacts_dir):
    window = example_window
    window.resize(1500, 950)
    view, document = window.view, window.document
    journey = document.journey
    panel = window.workshop.versions_panel
    names.append("Workshop 1")
    click(panel.take_button)

    # The second workshop: one card added, one removed, one moved to the next stage, an emotion changed.
    type_card(view, 0, 0, "Sees a billboard")
    added = next(c for c in document.journey.cards if c.text == "Sees a billboard")
    removed = document.cards_in(journey.stages[1].id, journey.lanes[0].id)[0]
    view.map_scene.select_cards([removed.id])
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Delete)
    moved = document.cards_in(journey.stages[2].id, journey.lanes[4].id)[0]
    view.map_scene.select_cards([moved.id])
    QTest.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert document.card(moved.id).stage_id == journey.stages[3].id
    emotions = next(lane for lane in journey.lanes if lane.kind == "emotions")
    point = journey.emotions[1]
    document.set_emotion(emotions.id, point.stage_id, point.value + 2 if point.value < 3 else point.value - 3)

    panel.select([document.journey.snapshots[0].id])
    click(panel.compare_button)
    compare = window.workshop.compare
    assert compare.active and compare.banner.isVisible()
    assert "Workshop 1" in compare.banner.label.text()
    overlay = compare.overlay
    assert overlay.card_marks[added.id] == ["added"]
    assert "moved" in overlay.card_marks[moved.id]
    assert removed.id in overlay.ghosts
    ghost = overlay.ghosts[removed.id]
    x, y, w, h = view.map_scene.layout.cell_rect(removed.stage_id, removed.lane_id)
    assert x <= ghost.sceneBoundingRect().center().x() <= x + w
    assert ghost.sceneBoundingRect().height() == pytest.approx(GHOST_HEIGHT + 4)
    curves = [i for i in view.map_scene.items() if isinstance(i, OldCurveItem)]
    assert len(curves) == 1
    assert any(differs for *_xy, differs in curves[0].points)
    assert curves[0].zValue() < view.map_scene.emotion_lanes[emotions.id].zValue()

    lines = window.workshop.compare.panel.lines()
    assert any("Sees a billboard" in line and "added" in line for line in lines)
    assert any("removed" in line for line in lines)
    assert any("moved" in line for line in lines)
    # Clicking the "added" line selects that card on the canvas.
    summary = compare.panel.list
    row = next(i for i in range(summary.count()) if "Sees a billboard" in summary.item(i).text())
    summary.scrollToItem(summary.item(row))
    line_center = summary.visualItemRect(summary.item(row)).center()
    QTest.mouseClick(summary.viewport(), Qt.MouseButton.LeftButton, pos=line_center)
    assert view.selection().cards == (added.id,)

    # Edits while comparing update the marks.
    type_card(view, 4, 0, "Tells a colleague")
    qtbot.waitUntil(lambda: any(i for i, k in compare.overlay.card_marks.items()
                                if document.card(i).text == "Tells a colleague" and k == ["added"]))
    view.scroll_home()
    qtbot.wait(20)
    window.grab().save(str(artifacts_dir / "compare_mode.png"))

    compare.banner.exit_action.trigger()
    assert not compare.active and not compare.banner.isVisible()
    leftovers = [i for i in view.map_scene.items() if isinstance(i, ShapesItem | OldCurveItem)]
    assert leftovers == []


def test_compare_two_snapshots_opens_a_comparison_window(example_window, names, qtbot, artifacts_dir):
    window = example_window
    panel = window.workshop.versions_panel
    document = window.document
    names.extend(["Workshop 1", "Workshop 2"])
    click(panel.take_button)
    first_stage = document.journey.stages[0]
    document.add_stage(1, "Research")
    document.remove_stage(document.journey.stages[4].id)
    document.remove_lane(document.journey.lanes[2].id)
    document.edit_stage(document.journey.stages[2].id, name="Compare plans")
    click(panel.take_button)
    panel.select([s.id for s in document.journey.snapshots])
    click(panel.compare_two_button)
    compare_window = window.workshop.compare_windows[-1]
    assert compare_window.isVisible()
    assert [s.name for s in compare_window.document.journey.stages][:2] == [first_stage.name, "Research"]
    lines = compare_window.compare.panel.lines()
    assert any("Stage 'Research' added" in line for line in lines)
    assert any("Stage 'Retention' removed" in line for line in lines)
    assert any("Lane 'Thoughts' removed" in line for line in lines)
    compare_window.resize(1500, 950)
    qtbot.waitExposed(compare_window)
    compare_window.grab().save(str(artifacts_dir / "compare_two_snapshots.png"))
    # Typing in the comparison view changes nothing.
    QTest.keyClicks(compare_window.view, "x")
    assert not compare_window.view.editing.active
    compare_window.close()


def test_compare_with_file_from_the_file_menu(example_window, dialog_script, tmp_path):
    window = example_window
    old = window.document.journey.model_copy(deep=True)
    old.cards = old.cards[1:]
    path = tmp_path / "earlier.journey"
    write_map(old, path)
    dialog_script.open_paths.append(path)
    window.workshop.compare_file_action.trigger()
    compare = window.workshop.compare
    assert compare.active and "earlier.journey" in compare.banner.label.text()
    assert list(compare.overlay.card_marks) == [window.document.journey.cards[0].id]
    dialog_script.open_paths.append(tmp_path / "missing.journey")
    assert not window.workshop.compare_with_file()
    assert dialog_script.errors


def test_snapshots_taken_in_the_dock_survive_save_and_reopen(example_window, names, dialog_script, tmp_path):
    window = example_window
    names.append("Workshop 1")
    click(window.workshop.versions_panel.take_button)
    dialog_script.save_paths.append(tmp_path / "map.journey")
    assert window.save()
    window.document.add_card(window.document.journey.stages[0].id, window.document.journey.lanes[0].id, "Later")
    assert window.save()
    assert window.open_path(tmp_path / "map.journey")
    snapshots = window.document.journey.snapshots
    assert [s.name for s in snapshots] == ["Workshop 1"]
    assert "Later" not in [c.text for c in snapshots[0].content.cards]
    assert window.workshop.versions_panel.list.count() == 1


def test_export_the_comparison_to_pdf_from_the_banner(example_window, dialog_script, tmp_path):
    from pypdf import PdfReader

    window = example_window
    old = window.document.journey.model_copy(deep=True)
    removed = old.cards[0].text
    window.document.remove_cards([window.document.journey.cards[0].id])
    compare = window.workshop.compare
    compare.start(old.content(), "'Workshop 1'")
    dialog_script.save_paths.append(tmp_path / "changes")
    compare.banner.pdf_action.trigger()
    text = "\n".join(page.extract_text() for page in PdfReader(tmp_path / "changes.pdf").pages)
    assert removed.split()[0] in text and "removed" in text.lower()


def test_opening_another_map_ends_compare_mode(example_window, dialog_script, tmp_path):
    window = example_window
    old = window.document.journey.model_copy(deep=True)
    compare = window.workshop.compare
    compare.start(old.content(), "'Workshop 1'")
    assert compare.active
    window.load(old, None)
    assert not compare.active and not compare.banner.isVisible()
