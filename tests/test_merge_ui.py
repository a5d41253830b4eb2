"""File ▸ Merge Another Copy…, the conflicts dock and the conflict-copy bar, driven like a user would."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.io.journey.file import load_journey, save_journey
from app.model import Card
from app.model.snapshots import take_snapshot
from tests.test_versions_ui import type_card


def _shared_start(example_map, tmp_path: Path) -> tuple[Path, Path]:
    """The map with a snapshot both copies share, and their copy: card 0 reworded, one card added,
    card 2 reworded (which we will reword too: a conflict)."""
    start = take_snapshot(example_map, "Sent to the client")
    mine = tmp_path / "map.journey"
    save_journey(start, mine)
    theirs = start.model_copy(deep=True)
    theirs.cards[0].text = "their wording"
    theirs.cards[2].text = "their take on card 2"
    theirs.cards.append(Card(stage_id=theirs.stages[1].id, lane_id=theirs.lanes[0].id, text="idea from the office"))
    copy = tmp_path / "office copy.journey"
    save_journey(theirs, copy)
    return mine, copy


def _click_menu_entry(window, qtbot, menu_title: str, action) -> None:
    """Open a menu of the menu bar with the mouse and click one of its entries."""
    bar = window.menuBar()
    menu_action = next(a for a in bar.actions() if a.text().replace("&", "") == menu_title)
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(menu_action).center())
    menu = menu_action.menu()
    qtbot.waitUntil(menu.isVisible)
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def test_merge_another_copy_from_the_file_menu(window, example_map, dialog_script, tmp_path, qtbot, artifacts_dir):
    mine, copy = _shared_start(example_map, tmp_path)
    assert window.open_path(mine)
    document = window.document
    type_card(window.view, 3, 0, "typed here")  # a card of ours, typed on the canvas
    document.edit_card(document.journey.cards[2].id, text="my take on card 2")
    pre_merge = [c.text for c in document.journey.cards]
    dialog_script.open_paths.append(copy)
    merge = window.workshop.merge
    _click_menu_entry(window, qtbot, "File", merge.action)
    qtbot.waitUntil(lambda: merge.session is not None)

    texts = [c.text for c in document.journey.cards]
    assert texts[0] == "their wording" and "idea from the office" in texts and "typed here" in texts
    assert texts[2] == "my take on card 2"  # the conflict kept mine by the rule
    changes = window.workshop.compare.panel.lines()
    assert any("idea from the office" in line for line in changes)
    assert merge.panel.isVisible() and len(merge.panel.lines()) == 1
    assert "kept mine" in merge.panel.lines()[0] and "their take on card 2" in merge.panel.details.text()
    window.resize(1400, 900)
    window.grab().save(str(artifacts_dir / "merge_conflicts.png"))

    QTest.mouseClick(merge.panel.take_button, Qt.MouseButton.LeftButton)
    assert document.journey.cards[2].text == "their take on card 2"
    assert "took theirs" in merge.panel.lines()[0]
    document.undo_stack.undo()  # the choice is one undo step, and the dock follows
    assert document.journey.cards[2].text == "my take on card 2"
    assert "kept mine" in merge.panel.lines()[0]
    document.undo_stack.redo()
    assert "took theirs" in merge.panel.lines()[0] and document.journey.cards[2].text == "their take on card 2"
    document.undo_stack.undo()
    document.undo_stack.undo()  # the merge is one undo step
    assert [c.text for c in document.journey.cards] == pre_merge
    assert merge.session is None and not merge.panel.isVisible()


def test_a_sync_conflict_copy_beside_the_map_is_offered_for_merging(window, example_map, tmp_path, qtbot,
                                                                   artifacts_dir):
    mine, copy = _shared_start(example_map, tmp_path)
    conflicted = tmp_path / "map (conflicted copy 2026-11-30).journey"
    copy.rename(conflicted)
    (tmp_path / "map-old.journey").write_text("not a map", encoding="utf-8")  # looks like OneDrive; is not a copy
    assert window.open_path(mine)
    bar = window.workshop.merge.bar
    assert bar.isVisible() and conflicted.name in bar.label.text()
    window.resize(1200, 500)
    window.grab().save(str(artifacts_dir / "merge_conflict_copy_bar.png"))
    QTest.mouseClick(bar.widgetForAction(bar.merge_action), Qt.MouseButton.LeftButton)
    assert "idea from the office" in [c.text for c in window.document.journey.cards]
    assert load_journey(conflicted).cards[-1].text == "idea from the office"  # the copy itself is left alone
    trash = bar.widgetForAction(bar.trash_action)
    assert bar.isVisible() and "Save the map" in bar.label.text() and not trash.isEnabled()
    QApplication.processEvents()  # let the bar lay out its new buttons before the picture
    window.grab().save(str(artifacts_dir / "merge_conflict_copy_merged.png"))
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # save
    assert not window.document.modified and trash.isEnabled()
    QTest.mouseClick(trash, Qt.MouseButton.LeftButton)
    assert not conflicted.exists() and not bar.isVisible()
    assert "idea from the office" in [c.text for c in load_journey(mine).cards]


def test_a_conflict_copy_that_appears_later_is_found_when_the_window_is_activated(window, example_map, tmp_path):
    from PySide6.QtCore import QEvent

    mine, copy = _shared_start(example_map, tmp_path)
    assert window.open_path(mine)
    bar = window.workshop.merge.bar
    assert not bar.isVisible()
    copy.rename(tmp_path / "map.sync-conflict-20261130-101500-ABCDEF7.journey")
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    assert bar.isVisible() and "sync-conflict" in bar.label.text()
    QTest.mouseClick(bar.widgetForAction(bar.dismiss_action), Qt.MouseButton.LeftButton)
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    assert not bar.isVisible()  # "Not now" holds for this copy


def test_without_a_shared_snapshot_the_ancestor_is_asked_for_and_may_be_none(window, example_map, dialog_script,
                                                                              tmp_path):
    mine = tmp_path / "mine.journey"
    save_journey(example_map, mine)
    theirs = example_map.model_copy(deep=True)
    theirs.cards[0].text = "their wording"
    theirs.cards.append(Card(stage_id=theirs.stages[0].id, lane_id=theirs.lanes[0].id, text="theirs only"))
    copy = tmp_path / "theirs.journey"
    save_journey(theirs, copy)
    assert window.open_path(mine)
    dialog_script.open_paths.append(copy)  # the copy; then Cancel for the ancestor: none
    merge = window.workshop.merge
    merge.action.trigger()
    assert [a.split(":")[0] for a in dialog_script.asked] == ["open", "open"]
    texts = [c.text for c in window.document.journey.cards]
    assert "theirs only" in texts and texts[0] == example_map.cards[0].text  # both kept; the difference listed
    assert [line.split(":")[0] for line in merge.panel.lines()] == [f"card “{example_map.cards[0].text}”"]
