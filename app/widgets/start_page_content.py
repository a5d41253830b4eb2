"""The start page's content: a blank map and the templates, recent files, Open, Import a spreadsheet and
the example. Cheap to build (no file is read until a click); imported the first time the page shows."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.model.templates import TEMPLATES


class TemplateTile(QPushButton):
    """A template's button: its title in bold over its description, wrapped to the tile's width (a
    push button's own text never wraps, so long descriptions made the page wider than the window)."""

    def __init__(self, title: str, description: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAccessibleName(f"New map: {title}")
        self.setToolTip(description)
        self.label = QLabel(f"<b>{html.escape(title)}</b><br>{html.escape(description)}", self)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.label)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)  # the grid asks each tile how tall its wrapped text is at the width it gets
        self.setSizePolicy(policy)
        self.setMinimumWidth(160)
        self.setAutoDefault(True)  # Enter picks the focused tile (a push button outside a dialog takes only Space)

    def sizeHint(self) -> QSize:
        return QSize(240, self.heightForWidth(240))

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 64)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        """Tall enough for the title and the description wrapped at this width (they were cut on a laptop)."""
        return max(64, self.label.heightForWidth(max(40, width - 20)) + 16)


class StartPage(QWidget):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("start_page")
        self.setAccessibleName("Start page")
        title = QLabel("<h1>Journey Canvas</h1><p>Start a journey map: pick a template, or open one.</p>", self)
        title.setTextFormat(Qt.TextFormat.RichText)

        self.template_buttons: dict[str, QPushButton] = {}
        templates = QGridLayout()
        ordered = sorted(TEMPLATES, key=lambda t: t.name != "blank")  # the blank map first
        for index, template in enumerate(ordered):
            button = TemplateTile(template.title, template.description, self)
            button.clicked.connect(lambda _checked=False, name=template.name: self._new(name))
            templates.addWidget(button, index // 3, index % 3)
            self.template_buttons[template.name] = button
        for column_index in range(3):
            templates.setColumnStretch(column_index, 1)  # equal tiles whose text wraps: nothing cut on a laptop

        self.open_button = QPushButton("Open a map…", self)
        self.open_button.clicked.connect(lambda: window.open_file())
        self.import_button = QPushButton("Import a spreadsheet…", self)
        self.import_button.clicked.connect(lambda: window.import_file())
        self.example_button = QPushButton("Open the example map", self)
        self.example_button.clicked.connect(self._example)
        actions = QHBoxLayout()
        for button in (self.open_button, self.import_button, self.example_button):
            button.setMinimumHeight(36)
            button.setAutoDefault(True)  # Enter presses the focused button, as Space does
            actions.addWidget(button)
        actions.addStretch(1)

        self.recent = QListWidget(self)
        self.recent.setAccessibleName("Recent files")
        self.recent.itemActivated.connect(self._open_recent)
        self.recent.itemClicked.connect(self._open_recent)

        column = QVBoxLayout()
        column.addWidget(title)
        column.addWidget(QLabel("<b>New map</b>", self))
        column.addLayout(templates)
        column.addSpacing(12)
        column.addLayout(actions)
        column.addSpacing(12)
        column.addWidget(QLabel("<b>Recent files</b>", self))
        column.addWidget(self.recent, 1)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 6)
        outer.addStretch(1)

    def refresh(self) -> None:
        self.recent.clear()
        files = self.window_.settings.recent_files()
        for path in files:
            item = QListWidgetItem(f"{path.name}   —   {path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.recent.addItem(item)
        if not files:
            placeholder = QListWidgetItem("No recent files yet")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(placeholder)

    def _new(self, name: str) -> None:
        if self.window_.new_from_template(name):
            self.window_.start_pages.show_canvas()

    def _example(self) -> None:
        from app.gui import EXAMPLE_MAP
        from app.io.formats import read_map

        self.window_.load(read_map(EXAMPLE_MAP).journey, None)
        self.window_.start_pages.show_canvas()

    def _open_recent(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self.window_.open_path(Path(path))


