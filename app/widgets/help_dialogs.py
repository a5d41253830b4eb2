"""Help ▸ Keyboard Shortcuts, Help ▸ About, and the import report viewer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import RESOURCES, __version__
from app.widgets.plain_text import plain

# Keys the canvas handles itself (no menu action carries them).
CANVAS_KEYS: tuple[tuple[str, str], ...] = (
    ("Canvas", "Add a card in the selected cell: Enter, or double-click the cell"),
    ("Canvas", "Edit the selected card: F2 or Enter (the caret at the end of its text), or double-click it (the "
               "caret where you clicked); Ctrl+A in the editor selects all its text"),
    ("Canvas", "Commit an edit: Enter; new line: Shift+Enter; cancel an edit of a card or name: Esc"),
    ("Canvas", "Quick capture: Enter adds and starts the next card; Tab / Shift+Tab next / previous lane "
               "(then the next / previous stage); Esc or a click elsewhere keeps the card and stops"),
    ("Canvas", "Move the cell cursor: arrow keys; Home / End: first / last stage; Ctrl+Home / Ctrl+End: "
               "first / last cell"),
    ("Canvas", "Stage and lane headers: Up from the first lane, Left from the first stage; type (or F2) to rename, "
               "the Menu key to insert one; Ctrl+arrows move it; Down / Right back to the cells"),
    ("Canvas", "Select the cell's cards one by one: Tab / Shift+Tab (past the last: the cell again)"),
    ("Canvas", "Menu of the selection: right-click, the Menu key or Shift+F10"),
    ("Canvas", "Votes: + and -; move cards: Ctrl+arrows (past a cell's top or bottom: the next lane)"),
    ("Canvas", "Emotion curve: Enter on a stage of its lane selects the face there (or adds one mid-scale); "
               "Up / Down move it, Delete removes it"),
    ("Canvas", "Select more cards: Ctrl+click, Shift+click, or drag a rubber band"),
    ("Canvas", "Zoom: Ctrl+mouse wheel or pinch; pan: middle button or Space+drag; sideways: Shift+wheel"),
    ("Canvas", "Esc while dragging: the drag is cancelled, nothing moves"),
    ("Panels", "F6 / Shift+F6: from the canvas to each open panel and back; Esc in a panel: back to the canvas"),
)


def menu_shortcuts(menu_bar: QMenuBar) -> list[tuple[str, str, str]]:
    """(menu path, action, shortcuts) for every menu action that has a shortcut."""
    rows: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{path} ▸ {_plain(action.text())}")
            elif typed := [s for s in action.shortcuts() if _typeable(s)]:
                keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in typed)
                rows.append((path, _command(action.text(), typed), keys))

    for action in menu_bar.actions():
        if action.menu() is not None:
            walk(action.menu(), _plain(action.text()))
    return rows


def _typeable(sequence: QKeySequence) -> bool:
    """Keys of an ordinary keyboard. The platform also binds dedicated keys (Save, Undo, Copy, F13-F35 of old
    Sun keyboards) that still work, but listed they read as words: "Ctrl+S, Save", "Ctrl+Z, F14, Undo"."""
    return all(sequence[i].key().value < Qt.Key.Key_F13.value for i in range(sequence.count()))


def _command(text: str, keys: list[QKeySequence]) -> str:
    """An action's name: Undo and Redo without the step they would undo or redo now."""
    for name, standard in (("Undo", QKeySequence.StandardKey.Undo), ("Redo", QKeySequence.StandardKey.Redo)):
        if any(key in keys for key in QKeySequence.keyBindings(standard)):
            return name
    return _plain(text)


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").removesuffix("...").strip()


class ShortcutsDialog(QDialog):
    def __init__(self, menu_bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        rows = [(menu, f"{action}", keys) for menu, action, keys in menu_shortcuts(menu_bar)]
        rows += [(where, what, "") for where, what in CANVAS_KEYS]
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setAccessibleName("Shortcut list")
        self.table.setHorizontalHeaderLabels(["Menu", "Command", "Keys"])
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 520)


def about_text() -> str:
    return (
        f"<h3>Journey Canvas {__version__}</h3>"
        "<p>An offline desktop editor for customer journey maps. MIT licence.</p>"
        "<p>Maps are drawn with the bundled font <b>DejaVu Sans</b>: Bitstream Vera Fonts licence "
        "(Copyright &copy; 2003 Bitstream, Inc.); DejaVu changes are in the public domain. "
        f"The full licence is in <code>{RESOURCES / 'fonts' / 'LICENSE-DejaVu.txt'}</code>.</p>"
    )


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Journey Canvas")
        label = QLabel(about_text(), self)
        label.setWordWrap(True)
        label.setAccessibleName("About Journey Canvas")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(buttons)
        self.resize(460, 220)


class ReportDialog(QDialog):
    """What an importer guessed or left out, one line each."""

    def __init__(self, source: str, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import report — {source}")
        self.text = QPlainTextEdit("\n".join(lines), self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Import report")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(plain(QLabel(f"Notes from importing {source}:", self)))
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(640, 360)

