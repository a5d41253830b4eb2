"""The start page, shown when the editor opens without a file: `StartPages` swaps the central widget
between it (`app.widgets.start_page_content`, built when first shown) and the canvas."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QScrollArea, QStackedWidget


class StartPages:
    """Swaps the central widget between the start page and the canvas; any map loaded shows the canvas.

    The page itself (template tiles, recent files) is built the first time it is shown or asked for:
    an editor opened on a file paints its canvas without it."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self._scroll: QScrollArea | None = None
        self._waiting: dict[QAction | QDockWidget, bool] = {}  # what the start page disabled: was it enabled?
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

    def panels_built(self) -> None:
        """The panels and their menu entries came after the start page showed: they wait for a map too."""
        if self.showing:
            self._enable_editing(False)

    def _enable_editing(self, on: bool) -> None:
        """The start page shows no map: the toolbar, the panels and every menu entry that works on the map
        wait (the map behind the page is a placeholder: an edit there asked "Save the changes to Untitled?")."""
        toolbar = getattr(self.window, "toolbar", None)
        if toolbar is not None:
            toolbar.setEnabled(on)
        if on:
            for thing, enabled in self._waiting.items():
                thing.setEnabled(enabled)
            self._waiting = {}
            stack = self.window.document.undo_stack
            self.window.undo_action.setEnabled(stack.canUndo())
            self.window.redo_action.setEnabled(stack.canRedo())
            return
        for thing in self._map_things():
            if thing not in self._waiting:
                self._waiting[thing] = thing.isEnabled()
                thing.setEnabled(False)

    def _map_things(self) -> list[QAction | QDockWidget]:
        window = self.window
        keep: set[QAction] = set()
        options = window.__dict__.get("view_options")  # text size and contrast: the editor's, not the map's
        if options is not None:
            keep = {options.contrast_action} | {a.parent().menuAction() for a in options.size_actions.values()}
        things: list[QAction | QDockWidget] = [window.save_action, window.save_as_action,
                                               window.export_menu.menuAction()]
        workshop = window.__dict__.get("workshop")
        if workshop is not None and hasattr(workshop, "compare_file_action"):
            things += [workshop.compare_file_action, workshop.merge.action]
        for menu in (window.edit_menu, window.view_menu):
            things += [a for a in menu.actions() if not a.isSeparator() and a not in keep]
        things += window.findChildren(QDockWidget)
        return things


def install_start_page(window: QMainWindow) -> StartPages:
    window.start_pages = StartPages(window)
    return window.start_pages
