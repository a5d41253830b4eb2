"""The start page, shown when the editor opens without a file: `StartPages` swaps the central widget
between it (`app.widgets.start_page_content`, built when first shown) and the canvas."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QMainWindow, QScrollArea, QStackedWidget


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
            from app.widgets.start_page_content import StartPage

            page = StartPage(self.window)
            self._scroll = QScrollArea(self.window)  # the page never makes the window wider than a small screen
            self._scroll.setWidgetResizable(True)
            self._scroll.setFrameShape(QFrame.Shape.NoFrame)
            self._scroll.setWidget(page)
            self.stack.insertWidget(0, self._scroll)
        return self._scroll

    @property
    def page(self):  # a StartPage
        return self.scroll.widget()

    @property
    def showing(self) -> bool:
        return self._scroll is not None and self.stack.currentWidget() is self._scroll

    def show_start(self) -> None:
        """Show the start page instead of the canvas (whose first paint would otherwise build the panels)."""
        self.window.schedule_startup()  # the View menu lists every panel here too
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
