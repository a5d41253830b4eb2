"""The main window: menus, files, the unsaved-changes question, recent files, drops, title."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.io import formats
from app.io.formats import FileFormat, ImportResult
from app.io.journey.file import load_journey, save_journey
from app.model.templates import map_from_template
from tests.shell_fixtures import close_window


def menu_action(win, *path: str):
    """The action under a menu path, matched on text without '&' and '...'."""
    actions = win.menuBar().actions()
    for depth, name in enumerate(path):
        match = next((a for a in actions if a.text().replace("&", "").removesuffix("...").startswith(name)), None)
        assert match is not None, f"no {name!r} among {[a.text() for a in actions]}"
        if depth == len(path) - 1:
            return match
        match.menu().aboutToShow.emit()
        actions = match.menu().actions()
    raise AssertionError(path)


def add_card(win, text: str = "A new card") -> str:
    journey = win.document.journey
    return win.document.add_card(journey.stages[0].id, journey.lanes[0].id, text)


def test_title_follows_file_name_and_modified_state(window, dialog_script, tmp_path):
    assert window.windowTitle() == "Untitled[*] — Journey Canvas"
    assert not window.isWindowModified()
    add_card(window)
    assert window.isWindowModified()
    dialog_script.save_paths.append(tmp_path / "plan")
    menu_action(window, "File", "Save").trigger()
    assert window.windowTitle() == "plan.journey[*] — Journey Canvas"
    assert not window.isWindowModified()
    window.document.undo_stack.undo()
    assert window.isWindowModified()


def test_new_from_template_menu_replaces_the_map(window):
    action = menu_action(window, "File", "New from Template", "Seven-phase journey")
    action.trigger()
    names = [stage.name for stage in window.document.journey.stages]
    assert names == ["Awareness", "Interest", "Comparison", "Purchase", "Usage", "Feedback", "Repeat"]
    assert window.document.path is None and not window.document.modified
    entries = [a.text() for a in menu_action(window, "File", "New from Template").menu().actions()]
    assert len(entries) == 7 and entries[-1] == "Blank map"


@pytest.mark.parametrize("answer", ["cancel", "discard", "save"])
def test_unsaved_changes_question_on_new(window, dialog_script, tmp_path, answer):
    card = add_card(window, "Keep me?")
    dialog_script.unsaved_answer = answer
    dialog_script.save_paths.append(tmp_path / "kept.journey")
    menu_action(window, "File", "New from Template", "Three-phase lifecycle").trigger()
    assert dialog_script.asked[0] == "unsaved:Untitled"
    if answer == "cancel":  # nothing changes, the edit and its undo history stay
        assert window.document.has_card(card) and window.document.modified
        assert window.document.undo_stack.count() == 1
        return
    assert [s.name for s in window.document.journey.stages] == ["Acquisition", "Commitment", "Keep"]
    saved = tmp_path / "kept.journey"
    if answer == "save":
        assert any(c.text == "Keep me?" for c in load_journey(saved).cards)
    else:
        assert not saved.exists()


def test_close_with_unsaved_changes_cancel_keeps_window(window, dialog_script, tmp_path):
    add_card(window)
    dialog_script.unsaved_answer = "cancel"
    assert window.close() is False
    assert window.isVisible()
    dialog_script.unsaved_answer = "save"
    dialog_script.save_paths.append(tmp_path / "closing.journey")
    assert window.close() is True
    assert (tmp_path / "closing.journey").exists()


def test_save_failure_shows_one_line_and_keeps_modified(window, dialog_script, tmp_path):
    add_card(window)
    dialog_script.save_paths.append(tmp_path / "missing-folder" / "x.journey")
    assert window.save() is False
    assert len(dialog_script.errors) == 1 and "\n" not in dialog_script.errors[0]
    assert "does not exist" in dialog_script.errors[0]
    assert window.document.modified


def test_save_as_then_ctrl_s_saves_in_place(window, dialog_script, tmp_path, qtbot):
    add_card(window, "first")
    dialog_script.save_paths.append(tmp_path / "map.journey")
    menu_action(window, "File", "Save As").trigger()
    add_card(window, "second")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.document.modified
    texts = [c.text for c in load_journey(tmp_path / "map.journey").cards]
    assert texts == ["first", "second"]
    assert dialog_script.asked == ["save:Five-stage journey.journey"]  # Ctrl+S did not ask again


def test_open_and_recent_files(window, dialog_script, tmp_path, example_map):
    paths = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.journey"
        journey = example_map.model_copy(deep=True)
        journey.metadata.title = f"Map {name}"
        save_journey(journey, path)
        paths.append(path)
    for path in paths:
        dialog_script.open_paths.append(path)
        menu_action(window, "File", "Open").trigger()
        assert window.document.journey.metadata.title == f"Map {path.stem}"
    recent = menu_action(window, "File", "Open Recent").menu()
    recent.aboutToShow.emit()
    entries = [a for a in recent.actions() if a.data()]
    assert [Path(a.data()) for a in entries] == [paths[1], paths[0]]
    entries[1].trigger()
    assert window.document.path == paths[0]
    next(a for a in recent.actions() if a.text().replace("&", "") == "Clear List").trigger()
    recent.aboutToShow.emit()
    assert not [a for a in recent.actions() if a.data()]


def test_recent_files_keep_ten(window, tmp_path):
    for i in range(12):
        window.settings.add_recent_file(tmp_path / f"{i}.journey")
    files = window.settings.recent_files()
    assert len(files) == 10 and files[0].name == "11.journey"


def test_open_bad_file_shows_one_line_and_keeps_map(window, dialog_script, tmp_path):
    bad = tmp_path / "bad.journey"
    bad.write_text("{not json", encoding="utf-8")
    card = add_card(window)
    dialog_script.unsaved_answer = "discard"
    assert window.open_path(bad) is False
    assert dialog_script.errors == ["bad.journey: is not valid JSON (line 1, column 2: Expecting property name "
                                    "enclosed in double quotes)"]
    assert window.document.has_card(card)


def _drop(target, path: Path) -> QDropEvent:
    """A file dragged in from a file manager: enter (Qt delivers no drop without it), then drop."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with warnings.catch_warnings():  # PySide picks the QPoint overload, which Qt marks deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(QPoint(50, 50), *args)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(50, 50), *args)
    QApplication.sendEvent(target, event)
    assert event.isAccepted()
    return event


def test_dropping_a_file_opens_it(window, tmp_path, example_map):
    path = tmp_path / "dropped.journey"
    save_journey(example_map, path)
    _drop(window, path)
    assert window.document.path == path
    assert window.windowTitle().startswith("dropped.journey")
    other = tmp_path / "on-canvas.journey"
    save_journey(map_from_template("four-stage"), other)
    _drop(window.view.viewport(), other)  # the canvas passes file drops to the window
    assert window.document.path == other


def read_fake(path: Path) -> ImportResult:
    return ImportResult(map_from_template("lifecycle", title=path.read_text(encoding="utf-8").strip()),
                        ["Guessed lane kinds from their names", "Skipped an empty row"])


@pytest.fixture
def fake_importer(monkeypatch):
    fake = FileFormat("fake", "Fake spreadsheet", (".fake",), reader="tests.test_main_window:read_fake")
    monkeypatch.setattr(formats, "FORMATS", (*formats.FORMATS, fake))
    return fake


def test_import_becomes_untitled_and_never_writes_the_source(qtbot, fake_importer, dialog_script, clean_settings,
                                                             recovery_home, tmp_path):
    from app.widgets.main_window import MainWindow

    win = MainWindow()  # built after the fake format is registered, so Import... is enabled
    win.show()
    try:
        source = tmp_path / "workshop.fake"
        source.write_text("Workshop map", encoding="utf-8")
        before = source.read_bytes()
        dialog_script.open_paths.append(source)
        assert win.import_action.isEnabled()
        win.import_action.trigger()
        assert "Fake spreadsheet (*.fake)" in dialog_script.asked[-1]
        assert win.document.journey.metadata.title == "Workshop map"
        assert win.document.path is None and win.document.modified
        assert win.windowTitle() == "Untitled[*] — Journey Canvas"
        assert win.report_button.isVisible() and win.report_button.text() == "2 import notes"
        dialog_script.save_paths.append(tmp_path / "workshop.journey")
        assert win.save()
        assert dialog_script.asked[-1] == "save:workshop.journey"  # suggested beside the source
        assert source.read_bytes() == before
        assert win.document.path == tmp_path / "workshop.journey" and not win.document.modified
        assert not win.report_button.isVisible()
        _drop(win, source)  # dropping an importable file imports it too
        assert win.document.path is None and win.document.journey.metadata.title == "Workshop map"
    finally:
        close_window(win, dialog_script)


def test_export_menu_lists_registry_writers_and_uses_the_hook(window, dialog_script, tmp_path, monkeypatch):
    from app.widgets import main_window

    export_menu = menu_action(window, "File", "Export").menu()
    names = [a.data() for a in export_menu.actions()]
    assert names == [f.name for f in formats.FORMATS if f.writer and f.name != "journey"]
    dialog_script.save_paths.append(tmp_path / "picture")
    next(a for a in export_menu.actions() if a.data() == "png").trigger()
    assert (tmp_path / "picture.png").stat().st_size > 1000
    assert window.settings.export_options("png") == {}

    calls = []
    monkeypatch.setitem(main_window.EXPORT_DIALOGS, "svg",
                        lambda win, fmt, suggested: calls.append((fmt.name, suggested.suffix)))
    next(a for a in export_menu.actions() if a.data() == "svg").trigger()
    assert calls == [("svg", ".svg")]


def test_export_to_remembers_options(window, tmp_path):
    png = next(f for f in formats.FORMATS if f.name == "png")
    assert window.export_to(tmp_path / "small.png", png, {"scale": 50})
    assert window.settings.export_options("png") == {"scale": 50}


def test_undo_redo_actions_name_the_command(window, qtbot):
    add_card(window)
    assert window.undo_action.text().replace("&", "").startswith("Undo Add card '")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.undo_stack.index() == 0
    assert window.redo_action.text().replace("&", "").startswith("Redo Add card '")


def test_zoom_actions_update_status_bar(window):
    menu_action(window, "View", "Zoom In").trigger()
    assert window.zoom_label.text() == "125 %"
    menu_action(window, "View", "Zoom 100").trigger()
    assert window.zoom_label.text() == "100 %"


def test_panel_toggles_and_undo_history(window):
    inspector = menu_action(window, "View", "Inspector")
    assert not inspector.isChecked()  # side panels start closed: the canvas keeps the room
    inspector.trigger()
    assert window.inspector.isVisible() and inspector.isChecked()
    persona = menu_action(window, "View", "Persona")
    persona.trigger()
    history = menu_action(window, "View", "Undo History")
    assert not window.history_dock.isVisible() and not history.isChecked()
    history.trigger()
    assert window.history_dock.isVisible()
    assert persona.isChecked()  # open, in a tab beside the inspector
    persona.trigger()
    assert window.persona_panel.isHidden()
    persona.trigger()
    assert window.persona_panel.isVisible()


def test_window_layout_is_restored(dialog_script, clean_settings, recovery_home, qtbot):
    from app.widgets.main_window import MainWindow

    first = MainWindow()
    first.show()
    first.resize(700, 500)  # inside the offscreen screen (800 x 600)
    first.history_dock.show()
    qtbot.waitExposed(first)
    first.close()
    assert clean_settings.value("window/state") is not None
    second = MainWindow()
    second.show()
    try:
        assert second.history_dock.isVisible()
        assert (second.width(), second.height()) == (700, 500)
    finally:
        close_window(second, dialog_script)


def test_settings_live_under_the_redirected_config_home(window, clean_settings):
    import os

    window.settings.add_recent_file(Path("/tmp/x.journey"))
    window.settings.sync()
    config_home = Path(os.environ["XDG_CONFIG_HOME"])
    assert Path(window.settings.file_name).is_relative_to(config_home)
    assert Path(window.settings.file_name).exists()
    assert not Path(window.settings.file_name).is_relative_to(Path.home() / ".config")


def test_help_dialogs(window):
    from app.widgets.help_dialogs import AboutDialog, ShortcutsDialog, about_text

    dialog = ShortcutsDialog(window.menuBar(), window)
    rows = {dialog.table.item(r, 1).text(): dialog.table.item(r, 2).text().split(", ")
            for r in range(dialog.table.rowCount())}
    assert "Ctrl+S" in rows["Save"] and rows["Edit Card"] == ["F2"] and "Ctrl+Z" in rows["Undo"]
    assert {"Ctrl+Y", "Ctrl+Shift+Z"} <= set(rows["Redo"]) and "Ctrl+W" in rows["Close"]
    assert {"Ctrl++", "Ctrl+="} <= set(rows["Zoom In"]) and rows["Quit"] == ["Ctrl+Q"]
    assert "0.1.0" in about_text() and "DejaVu Sans" in about_text() and "Bitstream Vera" in about_text()
    AboutDialog(window).close()


def test_every_action_has_a_distinct_shortcut(window):
    from app.widgets.help_dialogs import menu_shortcuts

    keys = [k for _menu, _action, joined in menu_shortcuts(window.menuBar()) for k in joined.split(", ")]
    assert len(keys) == len(set(keys)), keys


def test_example_opens_as_untitled_copy(dialog_script, clean_settings, recovery_home, example_path):
    from app.gui import open_windows

    before = example_path.read_bytes()
    windows = open_windows(None)
    try:
        assert len(windows) == 1
        win = windows[0]
        assert win.start_pages.showing  # no file given: the start page
        win.show()
        QTest.mouseClick(win.start_pages.page.example_button, Qt.MouseButton.LeftButton)
        assert not win.start_pages.showing
        assert win.document.path is None and not win.document.modified
        assert win.document.journey.metadata.title == "Switching mobile plans"
        assert win.save() is False  # asked where (the stub answered nothing): the example is not written
        assert dialog_script.asked == ["save:Switching mobile plans.journey"]
        assert example_path.read_bytes() == before
    finally:
        for win in windows:
            close_window(win, dialog_script)


def test_screenshot_with_panels(window, artifacts_dir, example_map, qtbot):
    window.load(example_map, None)
    window.resize(1500, 900)
    window.persona_panel.show()
    window.history_dock.show()
    window.inspector.set_selection(window.view.selection()._replace(cards=(example_map.cards[0].id,)))
    qtbot.wait(50)
    image = window.grab().toImage()
    image.save(str(artifacts_dir / "main-window.png"))
    assert image.width() >= 1500 and image.height() >= 900
