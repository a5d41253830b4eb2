"""File safety in the editor (issue 13): the open file changing on disk, user text shown as plain text."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from app.io.journey.file import load_journey, save_journey
from app.model.snapshots import take_snapshot
from app.widgets.selection import Selection
from tests.conftest import EXAMPLE_MAP

MARKUP = "<font size=80>Huge</font>"


@pytest.fixture
def opened(window, tmp_path):
    path = tmp_path / "map.journey"
    shutil.copyfile(EXAMPLE_MAP, path)
    assert window.open_path(path)
    return window, path


def _changed_elsewhere(path) -> None:
    """Another program adds a snapshot to the file (an atomic save, as the command line does)."""
    save_journey(take_snapshot(load_journey(path), "From the command line"), path)


def test_change_on_disk_is_noticed_and_reload_shows_it(opened, qtbot, dialog_script):
    window, path = opened
    dialog_script.file_changed_answer = "reload"
    _changed_elsewhere(path)
    qtbot.waitUntil(lambda: any(a.startswith("changed:map.journey:watch") for a in dialog_script.asked), timeout=5000)
    assert [s.name for s in window.document.journey.snapshots] == ["From the command line"]
    assert not window.document.modified


def test_keep_mine_overwrites_and_compare_saves_nothing(opened, qtbot, dialog_script):
    window, path = opened
    window.document.edit_metadata(title="Mine")
    dialog_script.file_changed_answer = "compare"
    window.disk_watch.watcher.removePaths(window.disk_watch.watcher.files())  # the watcher missed it: save checks
    _changed_elsewhere(path)
    theirs = path.read_bytes()
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "changed:map.journey:save" in dialog_script.asked
    assert path.read_bytes() == theirs  # nothing lost: the file is as the other program left it
    assert window.workshop.compare.active
    dialog_script.file_changed_answer = "keep"
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert load_journey(path).metadata.title == "Mine"


def test_own_saves_do_not_ask(opened, qtbot, dialog_script):
    window, path = opened
    window.document.edit_metadata(title="Saved twice")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    window.document.edit_metadata(title="Saved again")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(200)
    assert not [a for a in dialog_script.asked if a.startswith("changed:")]
    assert load_journey(path).metadata.title == "Saved again"


def test_recovery_question_shows_a_title_as_plain_text(qapp):
    from app.widgets import dialogs

    box = dialogs.message_box(None, QMessageBox.Icon.Question, "Restore?", f"{MARKUP} — 3 minutes ago")
    labels = [label for label in box.findChildren(QLabel) if MARKUP in label.text()]
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    assert box.textFormat() == Qt.TextFormat.PlainText
    box.deleteLater()


def _answer_next_box(qtbot, button_text: str | None) -> None:
    """When the next message box shows, click its button `button_text` with the mouse (None: press Escape)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    def answer() -> None:
        box = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()), None)
        if box is None:
            QTimer.singleShot(10, answer)
            return
        if button_text is None:
            QTest.keyClick(box, Qt.Key.Key_Escape)
        else:
            button = next(b for b in box.buttons() if b.text() == button_text)
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(10, answer)


@pytest.mark.parametrize(("button", "expected"), [("Reload", "reload"), ("Keep Mine", "keep"),
                                                  ("Compare", "compare"), (None, "compare")])
def test_the_changed_on_disk_question_answers_with_the_clicked_button(qapp, qtbot, button, expected):
    from app.widgets import dialogs

    _answer_next_box(qtbot, button)
    assert dialogs.ask_file_changed(None, "map.journey", modified=True, at_save=False) == expected


@pytest.mark.parametrize(("button", "expected"), [("Restore", "restore"), ("Discard", "discard"),
                                                  ("Later", "later"), (None, "later")])
def test_the_recovery_question_answers_with_the_clicked_button(qapp, qtbot, button, expected):
    from app.widgets import dialogs

    _answer_next_box(qtbot, button)
    assert dialogs.ask_recovery(None, ["map.journey — 3 minutes ago"]) == expected


def test_panels_show_user_text_as_plain_text(window, qtbot):
    window.document.edit_stage(window.document.journey.stages[0].id, name=MARKUP)
    stage_id = window.document.journey.stages[0].id
    window.inspector.set_selection(Selection(stage_id=stage_id))
    heading = window.inspector.heading
    assert heading.text() == f"Stage: {MARKUP}" and heading.textFormat() == Qt.TextFormat.PlainText


def test_tooltips_escape_user_text():
    from app.widgets.plain_text import plain_tooltip

    assert "&lt;font size=80&gt;" in plain_tooltip(MARKUP) and "<font" not in plain_tooltip(MARKUP)


def test_choosing_an_image_bomb_as_photo_is_refused(qapp, tmp_path):
    from app.widgets.persona_panel import photo_from_file
    from tests.test_file_safety import _png_bomb

    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(_png_bomb())
    with pytest.raises(ValueError, match="13,000 x 13,000 pixels; a persona photo can have at most 40 megapixels"):
        photo_from_file(bomb)


def test_a_name_chosen_without_its_suffix_gets_the_formats_one(window, dialog_script, tmp_path):
    """Save As "plan" writes plan.journey, Export SVG "plan" writes plan.svg; a name that has it keeps it."""
    from app.io.formats import FORMATS

    dialog_script.save_paths = [tmp_path / "plan", tmp_path / "poster.SVG", tmp_path / "plan"]
    assert window.save_as()
    assert (tmp_path / "plan.journey").is_file() and window.document.path.name == "plan.journey"
    svg = next(f for f in FORMATS if ".svg" in f.extensions)
    assert window.export(svg) and (tmp_path / "poster.SVG").is_file()
    assert window.export(svg) and (tmp_path / "plan.svg").is_file()
    assert not (tmp_path / "plan").exists()
