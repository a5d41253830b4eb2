"""The main window's panels and the features wired through them, built just after the first paint.

Cold start (issue #18): the canvas shows the map first; the inspector, persona, history, overview,
versions, compare, merge, channel and check panels, the View menu entries that toggle them and the
start page's tiles follow on a zero-delay timer once the canvas has painted (or at once, the first time
anything asks for one of them: `MainWindow.__getattr__`). Their modules are imported here, not at start.
"""

from __future__ import annotations

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


def install_panels(window: QMainWindow) -> None:
    """Add the docks, their View menu toggles and toolbar buttons, the workshop features and the View
    menu's text size and contrast entries, in the order the menus have always shown them."""
    from app.widgets.inspector import InspectorPanel
    from app.widgets.main_window import key_sequences
    from app.widgets.overview import make_overview_dock
    from app.widgets.persona_filter import PersonaFilterMenu
    from app.widgets.persona_panel import PersonaPanel
    from app.widgets.toolbar import collapse_side_panels, connect_panel_buttons
    from app.widgets.view_options import install_view_options
    from app.widgets.workshop import install as install_workshop

    window.inspector = InspectorPanel(window.document, window)
    window.persona_panel = PersonaPanel(window.document, window)
    window.history_dock = make_history_dock(window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.inspector)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.persona_panel)
    window.tabifyDockWidget(window.inspector, window.persona_panel)
    window.inspector.raise_()
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, window.history_dock)
    window.history_dock.hide()
    window.overview_dock = make_overview_dock(window.view, window)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, window.overview_dock)
    window.overview_dock.hide()
    window.view.selectionChanged.connect(window.inspector.set_selection)
    if not window.view.selection().is_empty:  # selected before the panel existed
        window.inspector.set_selection(window.view.selection())

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

    window.workshop = install_workshop(window)  # versions, compare, presentation, channel and check panels
    connect_panel_buttons(window)
    collapse_side_panels(window)
    install_view_options(window)  # its menu entries (the theme itself was applied before the first paint)
