"""The main window's panels and the features wired through them, built just after the first paint.

Cold start (issue #18): the canvas shows the map first; the inspector, persona, history, overview,
versions, compare, merge, channel and check panels, the View menu entries that toggle them and the
start page's tiles follow once the canvas has painted, in `STEPS`: each step runs on its own zero-delay
timer, so a key press or click that arrives meanwhile is handled between two steps, not after all of
them (or every step at once, the first time anything asks for one of the panels: `MainWindow.__getattr__`).
Their modules are imported here, step by step, not at start.

Every dock is closed as it is added (the canvas keeps the room, and no frame between two steps shows a
panel that the next step would close); the View menu's entries, the toolbar buttons' links and the saved
layout all come in the last step, so nothing the user can reach shows a panel before that layout is back.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QUndoView


def make_history_dock(window: QMainWindow) -> QDockWidget:
    dock = QDockWidget("Undo History", window)
    dock.setObjectName("undo_history")
    dock.setAccessibleName("Undo history")
    view = QUndoView(window.document.undo_stack, dock)
    view.setEmptyLabel("<original map>")
    view.setAccessibleName("Undo history list")
    dock.setWidget(view)
    return dock


def import_inline_editor(window: QMainWindow) -> None:
    """The inline editor's module (and its text cursor and option enums), imported before the first keystroke
    that opens it."""
    import app.widgets.inline_editor  # noqa: F401


def import_inspector(window: QMainWindow) -> None:
    """The inspector's modules: its pages and their form fields."""
    import app.widgets.inspector  # noqa: F401


def make_inspector_pages(window: QMainWindow) -> None:
    """The inspector's pages, kept for the next step."""
    from app.widgets.inspector import make_pages

    window._inspector_pages = make_pages(window.document)


def add_inspector(window: QMainWindow) -> None:
    """The inspector, following the canvas's selection."""
    from app.widgets.inspector import InspectorPanel

    window.inspector = InspectorPanel(window.document, window, window.__dict__.pop("_inspector_pages", None))
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.inspector)
    window.inspector.hide()
    window.view.selectionChanged.connect(window.inspector.set_selection)
    if not window.view.selection().is_empty:  # selected before the panel existed
        window.inspector.set_selection(window.view.selection())


def add_persona_panel(window: QMainWindow) -> None:
    from app.widgets.persona_panel import PersonaPanel

    window.persona_panel = PersonaPanel(window.document, window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.persona_panel)
    window.tabifyDockWidget(window.inspector, window.persona_panel)
    window.persona_panel.hide()
    window.inspector.raise_()


def add_history_and_overview(window: QMainWindow) -> None:
    from app.widgets.overview import make_overview_dock

    window.history_dock = make_history_dock(window)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, window.history_dock)
    window.history_dock.hide()
    window.overview_dock = make_overview_dock(window.view, window)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, window.overview_dock)
    window.overview_dock.hide()


def import_workshop(window: QMainWindow) -> None:
    """The workshop's modules: versions, compare, merge, channel and check panels."""
    import app.widgets.workshop  # noqa: F401


def add_versions_panel(window: QMainWindow) -> None:
    """The workshop (`app.widgets.workshop`) with its versions panel, tabbed with the persona panel."""
    from app.widgets.workshop import Workshop

    window.workshop = Workshop(window)
    window.workshop.versions_panel.hide()


def add_bottom_panels(window: QMainWindow) -> None:
    window.workshop.add_bottom_panels()


def add_workshop_controllers(window: QMainWindow) -> None:
    window.workshop.add_controllers()


def add_menus_and_layout(window: QMainWindow) -> None:
    """The View menu's panel toggles, the persona filter, the workshop's menu entries, the toolbar buttons'
    links to their panels and the text size and contrast entries, in the order the menus have always shown
    them (the window restores where the docks were once this step is done)."""
    from app.widgets.main_window import key_sequences
    from app.widgets.panel_keys import EscapeToCanvas, PaneCycle
    from app.widgets.persona_filter import FilterIndicator, PersonaFilterMenu
    from app.widgets.toolbar import collapse_side_panels, connect_panel_buttons
    from app.widgets.view_options import install_view_options

    view_menu = window.view_menu
    view_menu.addSeparator()
    for dock, key in ((window.inspector, "Ctrl+Shift+I"), (window.persona_panel, "Ctrl+Shift+P"),
                      (window.history_dock, "Ctrl+Shift+H"), (window.overview_dock, "Ctrl+Shift+O")):
        toggle = dock.toggleViewAction()
        toggle.setShortcuts(key_sequences(key))
        toggle.triggered.connect(lambda checked, dock=dock: checked and dock.raise_())  # out of a tab stack
        view_menu.addAction(toggle)
    view_menu.addSeparator()
    window.persona_filter_menu = PersonaFilterMenu(window.document, view_menu)
    view_menu.addMenu(window.persona_filter_menu)
    window.persona_filter_indicator = FilterIndicator(window.document, window)
    window.statusBar().insertPermanentWidget(0, window.persona_filter_indicator)

    window.workshop.build_menus()  # versions, compare, presentation, channel and check entries
    connect_panel_buttons(window)
    collapse_side_panels(window)
    install_view_options(window)  # its menu entries (the theme itself was applied before the first paint)
    from app.widgets.find_bar import install_find

    window.find = install_find(window)  # Edit > Find (Ctrl+F), Find Next (F3), Find Previous (Shift+F3)
    window.escape_to_canvas = EscapeToCanvas(window)
    window.escape_to_canvas.watch(*window.findChildren(QDockWidget))
    window.pane_cycle = PaneCycle(window)


STEPS: tuple[Callable[[QMainWindow], None], ...] = (
    import_inline_editor, import_inspector, make_inspector_pages, add_inspector, add_persona_panel,
    add_history_and_overview, import_workshop, add_versions_panel, add_bottom_panels, add_workshop_controllers,
    add_menus_and_layout)
"""The panels' steps, in order; the window runs each once."""
