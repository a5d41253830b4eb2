"""The start page, shown when the editor opens without a file: a blank map and the templates, recent
files, Open, Import a spreadsheet and the example. Cheap to build (no file is read until a click)."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
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
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumSize(160, 64)

    def sizeHint(self) -> QSize:
        return QSize(240, max(64, self.label.heightForWidth(220) + 16))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        needed = max(64, self.label.heightForWidth(max(40, self.width() - 20)) + 16)
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)


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


class StartPages:
    """Swaps the central widget between the start page and the canvas; any map loaded shows the canvas.

    The page itself (template tiles, recent files) is built the first time it is shown or asked for:
    an editor opened on a file paints its canvas without it."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self._scroll: QScrollArea | None = None
        self.stack = QStackedWidget(window)
        view = window.takeCentralWidget()
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        window.setCentralWidget(self.stack)
        window.document.loaded.connect(self.show_canvas)

    @property
    def scroll(self) -> QScrollArea:
        if self._scroll is None:
            page = StartPage(self.window)
            self._scroll = QScrollArea(self.window)  # the page never makes the window wider than a small screen
            self._scroll.setWidgetResizable(True)
            self._scroll.setFrameShape(QFrame.Shape.NoFrame)
            self._scroll.setWidget(page)
            self.stack.insertWidget(0, self._scroll)
        return self._scroll

    @property
    def page(self) -> StartPage:
        return self.scroll.widget()

    @property
    def showing(self) -> bool:
        return self._scroll is not None and self.stack.currentWidget() is self._scroll

    def show_start(self) -> None:
        self.page.refresh()
        self.stack.setCurrentWidget(self.scroll)
        self._enable_editing(False)
        self.page.template_buttons["blank"].setFocus()

    def show_canvas(self) -> None:
        if self.showing:
            self.stack.setCurrentWidget(self.window.view)
            self._enable_editing(True)
            self.window.view.setFocus()

    def _enable_editing(self, on: bool) -> None:
        toolbar = getattr(self.window, "toolbar", None)
        if toolbar is not None:
            toolbar.setEnabled(on)


def install_start_page(window: QMainWindow) -> StartPages:
    window.start_pages = StartPages(window)
    return window.start_pages
