"""Fixtures for the application shell tests: no modal dialog ever blocks, settings start empty,
recovery files go to the test's own folder. Imported by the shell test modules."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest


@dataclass
class DialogScript:
    """What the stubbed dialogs answer, and what they were asked."""

    unsaved_answer: str = "discard"
    save_paths: list[Path] = field(default_factory=list)
    open_paths: list[Path] = field(default_factory=list)
    recovery_answer: str = "later"
    file_changed_answer: str = "keep"
    color: str | None = None
    errors: list[str] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)


@pytest.fixture
def dialog_script(qapp, monkeypatch) -> DialogScript:
    from app.widgets import dialogs

    script = DialogScript()

    def ask_unsaved_changes(parent, name):
        script.asked.append(f"unsaved:{name}")
        return script.unsaved_answer

    def ask_save_path(parent, caption, suggested, filters):
        script.asked.append(f"save:{Path(suggested).name}")
        return script.save_paths.pop(0) if script.save_paths else None

    def ask_open_path(parent, caption, folder, filters):
        script.asked.append(f"open:{filters}")
        return script.open_paths.pop(0) if script.open_paths else None

    def ask_recovery(parent, descriptions):
        script.asked.append("recovery:" + " | ".join(descriptions))
        return script.recovery_answer

    def ask_color(parent, current, title):
        script.asked.append(f"color:{title}")
        return script.color

    def ask_file_changed(parent, name, modified, at_save):
        script.asked.append(f"changed:{name}:{'save' if at_save else 'watch'}")
        return script.file_changed_answer

    monkeypatch.setattr(dialogs, "ask_unsaved_changes", ask_unsaved_changes)
    monkeypatch.setattr(dialogs, "ask_file_changed", ask_file_changed)
    monkeypatch.setattr(dialogs, "ask_save_path", ask_save_path)
    monkeypatch.setattr(dialogs, "ask_open_path", ask_open_path)
    monkeypatch.setattr(dialogs, "ask_recovery", ask_recovery)
    monkeypatch.setattr(dialogs, "ask_color", ask_color)
    monkeypatch.setattr(dialogs, "show_error", lambda parent, message: script.errors.append(message))
    return script


@pytest.fixture
def clean_settings():
    from PySide6.QtCore import QSettings

    from app.settings import APPLICATION, ORGANIZATION

    store = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)
    store.clear()
    store.sync()
    yield store
    store.clear()
    store.sync()


@pytest.fixture
def recovery_home(tmp_path, monkeypatch) -> Path:
    """A fresh XDG_DATA_HOME, so each test sees only its own recovery files."""
    home = tmp_path / "data-home"
    home.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


@pytest.fixture
def window(qtbot, dialog_script, clean_settings, recovery_home):
    from app.widgets.main_window import MainWindow

    win = MainWindow()
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.started)  # the panels follow the canvas's first paint
    win.activateWindow()
    yield win
    close_window(win, dialog_script)


def close_window(win, dialog_script: DialogScript) -> None:
    """Close a window unless the test already did (it deletes itself on close)."""
    import shiboken6

    dialog_script.unsaved_answer = "discard"  # never ask anyone at teardown
    if shiboken6.isValid(win):
        win.close()


@contextmanager
def start_window(dialog_script: DialogScript, qtbot) -> Iterator:  # noqa: ANN001 - pytest-qt's bot
    """The editor as started without a file (the start page), shown, exposed and active; closed afterwards."""
    from app.gui import open_windows

    windows = open_windows(None)
    try:
        window = windows[0]
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        yield window
    finally:
        for win in windows:
            close_window(win, dialog_script)
