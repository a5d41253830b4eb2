"""The main window's toolbar: the actions a workshop uses most, one click away, and toggles for the
side panels (which start closed, so the canvas keeps most of a laptop screen)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar, QToolBar


def _current_index(window, kind: str) -> int:
    """Where a new stage or lane goes: after the selected (or cursor's) one, else at the end."""
    journey = window.document.journey
    selection = window.view.selection()
    if kind == "stage":
        stage_id = selection.stage_id or (selection.cell[0] if selection.cell else None)
        return journey.stage_index(stage_id) + 1 if stage_id else len(journey.stages)
    lane_id = selection.lane_id or (selection.cell[1] if selection.cell else None)
    return journey.lane_index(lane_id) + 1 if lane_id else len(journey.lanes)


def add_stage(window) -> str:
    """A new stage after the current one, selected with its name open for typing."""
    from app.widgets.canvas_menus import _then_rename

    stage_id = window.document.add_stage(_current_index(window, "stage"))
    _then_rename(window.view, "stage", stage_id)
    return stage_id


def add_lane(window) -> str:
    from app.widgets.canvas_menus import _then_rename

    lane_id = window.document.add_lane(_current_index(window, "lane"))
    _then_rename(window.view, "lane", lane_id)
    return lane_id


def _export_pdf_action(window) -> QAction | None:
    return next((a for a in window.export_menu.actions() if a.data() == "pdf"), None)


def _tip(bar: QToolBar, label: str, text: str) -> None:
    act = next((a for a in bar.actions() if a.text() == label), None)
    if act is not None:
        act.setToolTip(f"{label} {text}" if text else label)


def install_toolbar(window: QMainWindow) -> QToolBar:
    """Add stage, add lane, undo, redo, zoom, fit, present, export, and the panel toggles."""
    bar = QToolBar("Toolbar", window)
    bar.setObjectName("main_toolbar")
    bar.setAccessibleName("Main toolbar")
    bar.setMovable(False)
    bar.setIconSize(QSize(16, 16))
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

    def action(text: str, slot, tip: str) -> QAction:
        act = bar.addAction(text)
        act.setToolTip(tip)
        act.setStatusTip(tip)
        act.triggered.connect(lambda _checked=False: slot())
        return act

    window.add_stage_action = action("+ Stage", lambda: add_stage(window), "Add a stage after the current one")
    window.add_lane_action = action("+ Lane", lambda: add_lane(window), "Add a lane below the current one")
    bar.addSeparator()
    stack = window.document.undo_stack
    for text, slot, can, changed, key in (("Undo", stack.undo, stack.canUndo, stack.canUndoChanged, "Ctrl+Z"),
                                          ("Redo", stack.redo, stack.canRedo, stack.canRedoChanged, "Ctrl+Y")):
        act = action(text, slot, f"{text} ({key})")  # short labels: the menu names the edit
        act.setEnabled(can())
        changed.connect(act.setEnabled)
    stack.undoTextChanged.connect(lambda text: _tip(bar, "Undo", text))
    stack.redoTextChanged.connect(lambda text: _tip(bar, "Redo", text))
    bar.addSeparator()
    action("Zoom −", window.view.zoom_out, "Zoom out (Ctrl+-)")
    action("Zoom +", window.view.zoom_in, "Zoom in (Ctrl++)")
    action("Fit", window.view.zoom_to_fit, "Show the whole map (Ctrl+Shift+F)")
    bar.addSeparator()
    action("Present", lambda: window.workshop.present(), "Full-screen presentation (F5)")
    pdf = _export_pdf_action(window)
    if pdf is not None:
        action("Export PDF", pdf.trigger, "Export the map as a PDF")
    bar.addSeparator()
    window.panel_buttons = {}
    for name, text in PANEL_BUTTONS:  # the panels come after the first paint: a click builds them if need be
        button = bar.addAction(text)
        button.setCheckable(True)
        button.setToolTip(f"Show or hide the {text} panel")
        button.triggered.connect(lambda _checked=False, name=name: _toggle_panel(window, name))
        window.panel_buttons[name] = button
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar


PANEL_BUTTONS = (("inspector", "Inspector"), ("persona_panel", "Persona"), ("versions_panel", "Versions"),
                 ("check_panel", "Check"))


def _panel(window: QMainWindow, name: str) -> QDockWidget:
    return getattr(window.workshop if name in ("versions_panel", "check_panel") else window, name)


def _toggle_panel(window: QMainWindow, name: str) -> None:
    """Show or hide a panel; one clicked before the panels' last step finishes them first (that step restores
    the saved layout, which would otherwise undo the click)."""
    window.finish_startup()
    _panel(window, name).toggleViewAction().trigger()


def connect_panel_buttons(window: QMainWindow) -> None:
    """Each panel button shows whether its panel does: checked with the View menu's entry for it."""
    for name, button in window.panel_buttons.items():
        toggle = _panel(window, name).toggleViewAction()  # the View menu's entry: one action for both
        button.setChecked(toggle.isChecked())
        toggle.toggled.connect(button.setChecked)


DIRECT = Qt.FindChildOption.FindDirectChildrenOnly
"""A main window's docks and the tab bars of its tabbed docks are its own children: not searched for among
every widget of the canvas and the panels (a search that cost tens of milliseconds at start)."""


def collapse_side_panels(window: QMainWindow) -> None:
    """Panels start closed (their toolbar buttons and View menu entries open them), so the canvas
    keeps at least 70 % of a 1280x720 window; a layout the user arranged is restored over this."""
    for dock in (window.inspector, window.persona_panel, window.workshop.versions_panel):
        dock.hide()
    for dock in window.findChildren(QDockWidget, options=DIRECT):
        dock.visibilityChanged.connect(lambda _visible: QTimer.singleShot(0, lambda: hide_stray_tab_bars(window)))
    QTimer.singleShot(0, lambda: hide_stray_tab_bars(window))  # after the saved layout is restored


def hide_stray_tab_bars(window: QMainWindow) -> None:
    """Qt's restoreState can leave the tab bar of a group of hidden docks showing, at the window's top-left
    corner over the menus ("Check Map"): a tab bar whose docks are all hidden is hidden."""
    if not shiboken6.isValid(window):
        return
    hidden = {dock.windowTitle() for dock in window.findChildren(QDockWidget, options=DIRECT) if dock.isHidden()}
    for bar in window.findChildren(QTabBar, options=DIRECT):
        if bar.parent() is window and bar.isVisible() and all(bar.tabText(i) in hidden for i in range(bar.count())):
            bar.hide()
