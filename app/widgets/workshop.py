"""The living-map features wired into the main window: versions, compare mode, merging another copy,
presentation, the channel matrix, the map check and the evidence filter.

Kept out of main_window.py so that file stays about files and windows; the window's start
(`app.widgets.main_panels.STEPS`) makes a `Workshop` and adds its parts one step at a time: the docks and
menu entries, with the pieces stored on the window (window.versions_panel, ...).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow

from app.io.errors import JourneyFileError
from app.model import EvidenceStatus
from app.widgets import dialogs
from app.widgets.channel_panel import ChannelPanel
from app.widgets.check_panel import CheckPanel, show_finding
from app.widgets.compare_panel import CompareController, CompareWindow
from app.widgets.evidence_filter import UNMARKED, EvidenceFilter
from app.widgets.git_merge_bar import GitMergeController
from app.widgets.merge_panel import MergeController
from app.widgets.versions_panel import VersionsPanel


class Workshop:
    """What the workshop adds to one main window."""

    def __init__(self, window: QMainWindow) -> None:
        """The versions panel; `add_bottom_panels`, `add_controllers` and `build_menus` add the rest (each
        its own step of the window's start, so the window answers input between them)."""
        self.window = window
        document = window.document
        self.compare_source: str | None = None  # the snapshot id compared with, if any
        self.presentation = None
        self.compare_windows: list[CompareWindow] = []

        self.versions_panel = VersionsPanel(document, window)
        self.versions_panel.compare_requested.connect(self.compare_snapshots)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.versions_panel)
        window.tabifyDockWidget(window.persona_panel, self.versions_panel)
        window.inspector.raise_()

    def add_bottom_panels(self) -> None:
        """The channel matrix and the map check, tabbed at the bottom, closed."""
        window = self.window
        self.channel_panel = ChannelPanel(window.document, window)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.channel_panel)
        self.channel_panel.hide()
        self.check_panel = CheckPanel(window.document, window)
        self.check_panel.finding_activated.connect(lambda finding: show_finding(window.view, finding))
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.check_panel)
        window.tabifyDockWidget(self.channel_panel, self.check_panel)
        self.check_panel.hide()

    def add_controllers(self) -> None:
        """Compare mode, merging another copy (and the bar of an unfinished git merge) and the evidence filter."""
        window = self.window
        self.compare = CompareController(window, window.view)
        self.merge = MergeController(window, self.compare)
        self.git_merge = GitMergeController(window, self.merge)
        self.evidence = EvidenceFilter(window.view.map_scene, window)
        window.document.replaced.connect(self._on_document_replaced)

    # --- menus -------------------------------------------------------------------------------------

    def build_menus(self) -> None:
        """File > Compare and Merge; View > Presentation, Show evidence and the three panels' toggles."""
        window = self.window
        file_menu = window.file_menu
        close = next(a for a in file_menu.actions() if a.text() == "&Close")
        before = file_menu.actions()[file_menu.actions().index(close) - 1]  # the separator above Close
        self.compare_file_action = QAction("Compare with &File…", window)
        self.compare_file_action.setStatusTip("Mark on the canvas what changed since another version of the map")
        self.compare_file_action.triggered.connect(lambda _checked=False: self.compare_with_file())
        file_menu.insertAction(before, self.compare_file_action)
        file_menu.insertAction(before, self.merge.action)

        view_menu = window.view_menu
        view_menu.addSeparator()
        self.presentation_action = window._action(view_menu, "&Presentation", self.present, "F5")
        evidence_menu = view_menu.addMenu("Show &evidence")
        self.evidence_group = QActionGroup(window)
        choices = [("&All cards", None), ("&Observed only", EvidenceStatus.OBSERVED),
                   ("A&ssumed only", EvidenceStatus.ASSUMED), ("&Proposed only", EvidenceStatus.PROPOSED),
                   ("&Not marked", UNMARKED)]
        self.evidence_actions: dict[object, QAction] = {}
        for text, wanted in choices:
            action = evidence_menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(wanted is None)
            action.triggered.connect(lambda _checked=False, w=wanted: self.evidence.set_filter(w))
            self.evidence_group.addAction(action)
            self.evidence_actions[wanted] = action
        view_menu.addSeparator()
        for dock, text, key in ((self.check_panel, "&Check Map", "Ctrl+Shift+K"),
                                (self.channel_panel, "Channel &Matrix", "Ctrl+Shift+M"),
                                (self.versions_panel, "&Versions", "Ctrl+Shift+V")):
            toggle = dock.toggleViewAction()
            toggle.setText(text)
            toggle.setShortcut(key)
            toggle.triggered.connect(lambda checked, dock=dock: checked and dock.raise_())
            view_menu.addAction(toggle)
        self.check_action = self.check_panel.toggleViewAction()

    # --- compare --------------------------------------------------------------------------------------

    def compare_snapshots(self, old_id: str, new_id: str | None) -> None:
        """A snapshot against the current map (on the canvas) or against another snapshot (a window)."""
        snapshots = {s.id: s for s in self.window.document.journey.snapshots}
        old = snapshots[old_id]
        if new_id is None:
            self.compare.start(old.content, f"'{old.name}'")
            self.compare_source = old_id
            return
        new = snapshots[new_id]
        compare_window = CompareWindow(old.content, f"'{old.name}'", new.content, f"'{new.name}'", self.window)
        self.compare_windows = [w for w in self.compare_windows if w.isVisible()] + [compare_window]
        compare_window.show()
        compare_window.activateWindow()  # its keys (Esc closes it) work at once
        compare_window.view.setFocus()

    def compare_with_file(self, path: Path | None = None) -> bool:
        from app.io.formats import read_map
        from app.widgets.window_files import ask_readable_path

        window = self.window
        if path is None:
            path = ask_readable_path(window, "Compare with File")
            if path is None:
                return False
        try:
            old = read_map(Path(path)).journey
        except JourneyFileError as exc:
            dialogs.show_error(window, str(exc))
            return False
        self.compare.start(old.content(), f"'{Path(path).name}'")
        self.compare_source = None
        return True

    def _on_document_replaced(self) -> None:
        """Another map was opened (or the snapshot compared with is gone): leave compare mode."""
        ids = {s.id for s in self.window.document.journey.snapshots}
        if self.compare_source is not None and self.compare_source not in ids:
            self.compare.stop()
            self.compare_source = None

    # --- presentation -----------------------------------------------------------------------------------

    def present(self):
        from app.widgets.presentation import PresentationWindow

        if self.presentation is not None and self.presentation.isVisible():
            self.presentation.activateWindow()
            return self.presentation
        self.window.view.editing.close()
        self.presentation = PresentationWindow(self.window.document, self.window)
        self.presentation.closed.connect(self._on_presentation_closed)
        self.presentation.present()
        return self.presentation

    def _on_presentation_closed(self) -> None:
        self.presentation = None
        self.window.activateWindow()
        self.window.view.setFocus()
