"""Every question the editor asks the user, as small module-level functions.

The windows and panels call these instead of QFileDialog/QMessageBox directly, so tests replace
one function with `monkeypatch.setattr(dialogs, "ask_save_path", ...)` and never block on a modal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QColorDialog, QFileDialog, QInputDialog, QLabel, QMessageBox, QWidget

APP_TITLE = "Journey Canvas"

UnsavedAnswer = Literal["save", "discard", "cancel"]
RecoveryAnswer = Literal["restore", "discard", "later"]
FileChangedAnswer = Literal["reload", "keep", "compare"]

FRAME_ROOM = (16, 48)  # what a window manager's frame and title bar add around a window (not in its size)


def fit_on_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize to width x height, or less on a smaller screen, leaving room for the title bar and frame that the
    screen's available area does not count: on a 1280x720 laptop a 720-high window lost its bottom row, and the
    import dialog its Import button, under the screen's edge."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        widget.resize(width, height)
        return
    room = screen.availableGeometry()
    widget.resize(min(width, room.width() - FRAME_ROOM[0]), min(height, room.height() - FRAME_ROOM[1]))


def ask_open_path(parent: QWidget | None, caption: str, folder: str, filters: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, caption, folder, filters)
    return Path(name) if name else None


def ask_save_path(parent: QWidget | None, caption: str, suggested: str, filters: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, caption, suggested, filters)
    return Path(name) if name else None


def with_suffix_added(path: Path, suffixes: tuple[str, ...]) -> Path:
    """`path`, with the first of `suffixes` added when its name ends in none of them ("Plan" -> "Plan.pdf")."""
    return path if path.suffix.lower() in suffixes else path.with_name(path.name + suffixes[0])


def ask_save_path_as(parent: QWidget | None, caption: str, suggested: str, filters: str,
                     suffixes: tuple[str, ...]) -> Path | None:
    """Where to write a file of one format: the name chosen, with the format's suffix added when it has none."""
    path = ask_save_path(parent, caption, suggested, filters)
    return None if path is None else with_suffix_added(path, suffixes)


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, text: str, informative: str = "",
                buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.NoButton,
                title: str = APP_TITLE) -> QMessageBox:
    """A message box whose texts are shown as plain text: a map title like `<font size=80>` stays
    literally that, never markup (QMessageBox would otherwise guess rich text from the content)."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if informative:
        box.setInformativeText(informative)
        for label in box.findChildren(QLabel):
            label.setTextFormat(Qt.TextFormat.PlainText)
    return box


def ask_unsaved_changes(parent: QWidget | None, name: str) -> UnsavedAnswer:
    box = message_box(parent, QMessageBox.Icon.Warning, f"Save the changes to {name}?",
                      "Your changes are lost if you don't save them.",
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


def _choose(box: QMessageBox, choices: list[tuple[str, QMessageBox.ButtonRole, str]], default: str) -> str:
    """Add a button per (label, role, answer), run the box and return the clicked button's answer; the last
    choice (the reject role's) when the box is closed without one."""
    buttons = {answer: box.addButton(label, role) for label, role, answer in choices}
    box.setDefaultButton(buttons[default])
    box.exec()
    clicked = box.clickedButton()
    return next((answer for answer, button in buttons.items() if button is clicked), choices[-1][2])


def ask_recovery(parent: QWidget | None, descriptions: list[str]) -> RecoveryAnswer:
    box = message_box(parent, QMessageBox.Icon.Question,
                      "Journey Canvas did not close properly. Restore the unsaved work?", "\n".join(descriptions))
    role = QMessageBox.ButtonRole
    return _choose(box, [("Restore", role.AcceptRole, "restore"), ("Discard", role.DestructiveRole, "discard"),
                         ("Later", role.RejectRole, "later")], default="restore")


def ask_file_changed(parent: QWidget | None, name: str, modified: bool, at_save: bool) -> FileChangedAnswer:
    """The open file changed on disk: reload it, keep the map on screen (overwrite it), or compare."""
    lost = " Reloading discards your unsaved changes." if modified else ""
    keep = ("Keep mine overwrites the file now." if at_save else "Keep mine overwrites it at the next save.")
    box = message_box(parent, QMessageBox.Icon.Warning, f"{name} was changed on disk by another program.",
                      f"{keep}{lost} Compare marks on the canvas what differs from the file.")
    role = QMessageBox.ButtonRole
    return _choose(box, [("Reload", role.DestructiveRole, "reload"), ("Keep Mine", role.AcceptRole, "keep"),
                         ("Compare", role.RejectRole, "compare")], default="compare")


def ask_git_merge(parent: QWidget | None, name: str, their_side: str, problem: str) -> bool:
    """A map git merged line by line cannot open: merge git's two versions of it by ids instead?"""
    box = message_box(parent, QMessageBox.Icon.Question, f"{name} is in a git merge with {their_side} that is "
                      "not finished.",
                      f"It {problem.split(':', 1)[0]}, so it cannot open as it is. Journey Canvas can open your "
                      "version with theirs merged in by ids: both sides' changes land, and each conflict keeps "
                      "yours until you take theirs. The file is written only when you save.")
    role = QMessageBox.ButtonRole
    return _choose(box, [("Merge by Ids", role.AcceptRole, "merge"), ("Cancel", role.RejectRole, "cancel")],
                   default="merge") == "merge"


def show_error(parent: QWidget | None, message: str) -> None:
    """One line, never a traceback; shown as plain text."""
    message_box(parent, QMessageBox.Icon.Warning, message, buttons=QMessageBox.StandardButton.Ok).exec()


def ask_color(parent: QWidget | None, current: str | None, title: str) -> str | None:
    """A '#rrggbb' colour, or None when the user cancels."""
    color = QColorDialog.getColor(QColor(current or "#ffffff"), parent, title)
    return color.name() if color.isValid() else None


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """One line of text (a snapshot's name), or None when the user cancels."""
    value, ok = QInputDialog.getText(parent, title, label, text=text)
    return value if ok else None
