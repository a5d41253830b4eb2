"""Compare mode: the banner ("Comparing with 'Workshop 1' — Exit compare"), the summary dock that
lists the changes (a click jumps to the card), and the controller that keeps the canvas overlay
up to date while the map is edited.

Two kinds of comparison:
- an old version (a snapshot or a file) against the map being edited: the overlay is drawn on the
  main canvas and follows every edit;
- two snapshots: a separate CompareWindow shows the newer one with the overlay; edits made in it
  are not kept (its key presses and drags are ignored).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.document import JourneyDocument
from app.model.journey import JourneyContent, JourneyMap
from app.widgets.compare_overlay import ADDED, CHANGED, MOVED, REMOVED, CompareOverlay, Entry
from app.widgets.dialogs import fit_on_screen
from app.widgets.plain_text import plain

TARGET_ROLE = Qt.ItemDataRole.UserRole
LEGEND = " &nbsp; ".join(
    f"<span style='color:{color}; white-space:nowrap'><b>{glyph}</b> {text}</span>"
    for color, glyph, text in ((ADDED, "+", "added"), (CHANGED, "~", "changed"), (MOVED, "→", "moved"),
                               (REMOVED, "−", "removed"), ("#7d8596", "- -", "old emotion curve")))


class CompareBanner(QToolBar):
    """The strip above the canvas that says compare mode is on, with the way out."""

    exit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Compare", parent)
        self.setObjectName("compare_banner")
        self.setMovable(False)
        self.setStyleSheet("QToolBar { background: #fff4d6; border-bottom: 1px solid #e8c36a; }")
        self.label = plain(QLabel(self))
        self.label.setContentsMargins(8, 2, 12, 2)
        self.addWidget(self.label)
        self.pdf_action = self.addAction("Export comparison PDF…")
        self.pdf_action.setToolTip("The current map with the change marks, and a page listing every change")
        self.exit_action = self.addAction("Exit compare")
        self.exit_action.setShortcut("Ctrl+Shift+E")
        self.exit_action.triggered.connect(lambda _checked=False: self.exit_requested.emit())

    def set_text(self, text: str) -> None:
        self.label.setText(text)


class ComparePanel(QDockWidget):
    """The list of changes, one line each; clicking a line shows that card, stage or lane."""

    target_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Changes", parent)
        self.setObjectName("compare_changes")
        self.setAccessibleName("Changes since the compared version")
        body = QWidget()
        layout = QVBoxLayout(body)
        self.title = plain(QLabel(body))
        self.title.setWordWrap(True)
        self.legend = QLabel(LEGEND, body)
        self.legend.setWordWrap(True)
        self.list = QListWidget(body)
        self.list.setAccessibleName("Changes")
        self.list.setWordWrap(True)
        self.list.itemClicked.connect(self._on_item)
        self.list.itemActivated.connect(self._on_item)
        layout.addWidget(self.title)
        layout.addWidget(self.legend)
        layout.addWidget(self.list)
        self.setWidget(body)

    def set_entries(self, title: str, entries: list[Entry]) -> None:
        self.title.setText(title)
        self.list.clear()
        for entry in entries:
            item = QListWidgetItem(entry.text)
            item.setData(TARGET_ROLE, entry.target)
            self.list.addItem(item)
        if not entries:
            self.list.addItem("No differences.")

    def lines(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]

    def _on_item(self, item: QListWidgetItem) -> None:
        target = item.data(TARGET_ROLE)
        if target is not None:
            self.target_activated.emit(target)


class CompareController(QObject):
    """Compare mode for one window's canvas: start with an old version, stop, and follow edits."""

    started = Signal()
    stopped = Signal()

    def __init__(self, window: QMainWindow, view) -> None:
        super().__init__(window)
        self.window = window
        self.view = view
        self.overlay: CompareOverlay | None = None
        self.label = ""
        self.banner = CompareBanner(window)
        self.banner.exit_requested.connect(self.stop)
        self.banner.pdf_action.triggered.connect(lambda _checked=False: self.export_pdf())
        window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)  # its own row: beside the toolbar it pushed both
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.banner)  # bars' buttons behind a » menu
        self.banner.hide()
        self.panel = ComparePanel(window)
        self.panel.target_activated.connect(self.go_to)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel)
        self.panel.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)  # after the scene has re-laid out, once per burst of signals
        self._timer.timeout.connect(self.refresh)
        document: JourneyDocument = view.document
        document.loaded.connect(self.stop)  # another map: the comparison no longer applies
        for signal in (document.replaced, document.structureChanged, document.cardsChanged,
                       document.emotionsChanged, document.personaChanged, document.metadataChanged):
            signal.connect(self._schedule)

    @property
    def active(self) -> bool:
        return self.overlay is not None

    def start(self, old: JourneyContent, label: str) -> None:
        self.stop()
        self.overlay = CompareOverlay(self.view.map_scene, old)
        self.label = label
        self.banner.set_text(f"Comparing with {label} — marks show what changed since then")
        self.banner.show()
        self.panel.show()
        self.panel.raise_()
        self.refresh()
        self.started.emit()

    def stop(self) -> None:
        if self.overlay is None:
            return
        self._timer.stop()
        self.overlay.clear()
        self.overlay = None
        self.banner.hide()
        self.panel.hide()
        self.stopped.emit()

    def export_pdf(self, path: Path | None = None) -> bool:
        """Write the comparison (the map now, marked, plus the list of changes) to a PDF."""
        if self.overlay is None:
            return False
        from app.io.errors import JourneyFileError
        from app.io.pdf.compare import write_comparison_pdf
        from app.model.diff import diff_contents
        from app.widgets import dialogs
        from app.widgets.embed_option import embed_map_setting

        if path is None:
            path = dialogs.ask_save_path(self.window, "Export comparison PDF", "comparison.pdf",
                                         "PDF document (*.pdf)")
            if path is None:
                return False
        path = dialogs.with_suffix_added(path, (".pdf",))
        from app.layout.theme_variants import deliverable_theme

        journey = self.view.document.journey
        try:
            with deliverable_theme():
                write_comparison_pdf(self.overlay.old, journey, diff_contents(self.overlay.old, journey), path,
                                     old_label=self.label, new_label="now", embed=embed_map_setting())
        except JourneyFileError as exc:
            dialogs.show_error(self.window, str(exc))
            return False
        self.window.statusBar().showMessage(f"Exported {path.name}", 8000)
        return True

    def _schedule(self, *_args) -> None:
        if self.overlay is not None:
            self._timer.start()

    def refresh(self) -> None:
        if self.overlay is None:
            return
        diff = self.overlay.refresh()
        count = len(diff.summary())
        self.panel.set_entries(f"{count} change{'s' if count != 1 else ''} since {self.label}",
                               self.overlay.entries())

    def go_to(self, target: tuple[str, object]) -> None:
        kind, item_id = target
        scene = self.view.map_scene
        layout = scene.layout
        rect = None
        if kind == "card" and item_id in scene.cards:
            scene.select_cards([item_id])
            rect = scene.cards[item_id].sceneBoundingRect()
        elif kind == "ghost" and self.overlay is not None and item_id in self.overlay.ghosts:
            rect = self.overlay.ghosts[item_id].sceneBoundingRect()
        elif kind == "stage" and item_id in layout.stage_index:
            scene.select_header("stage", item_id)
            rect = QRectF(layout.column_x(item_id), self.view.mapToScene(0, 0).y(), 10, 10)
        elif kind == "lane" and item_id in layout.row_y:
            scene.select_header("lane", item_id)
            rect = QRectF(self.view.mapToScene(0, 0).x(), layout.row_y[item_id], 10, 10)
        elif kind == "emotion":
            lane_id, stage_id = item_id
            if (lane_id, stage_id) in scene.points:
                scene.select_emotion(lane_id, stage_id)
                rect = scene.points[(lane_id, stage_id)].sceneBoundingRect()
        if rect is not None:
            frame = layout.frame
            self.view.ensureVisible(rect, int(frame.lane_header_width * self.view.zoom()) + 20,
                                    int(frame.header_height * self.view.zoom()) + 20)
            self.view._pin_headers()


class _IgnoreEdits(QObject):
    """Swallows what would edit a comparison view's throwaway map: keys, double-clicks, drags."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.Drop):
            return True
        return kind == QEvent.Type.MouseMove and event.buttons() != Qt.MouseButton.NoButton


class CompareWindow(QMainWindow):
    """Two snapshots side by side in time: the newer one on a canvas, marked against the older."""

    def __init__(self, old: JourneyContent, old_label: str, new: JourneyContent, new_label: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.widgets.canvas import MapView

        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(f"{new_label} compared with {old_label} — Journey Canvas")
        self.document = JourneyDocument(JourneyMap.model_validate(new.model_dump()), None, self)
        self.view = MapView(self.document, self)
        self._filter = _IgnoreEdits(self)
        self.view.installEventFilter(self._filter)
        self.view.viewport().installEventFilter(self._filter)
        self.setCentralWidget(self.view)
        self.compare = CompareController(self, self.view)
        self.compare.start(old, old_label)
        self.compare.banner.set_text(f"Showing {new_label}, compared with {old_label} (view only)")
        self.compare.banner.exit_requested.connect(self.close)
        self._keys()
        fit_on_screen(self, 1280, 800)

    def _keys(self) -> None:
        """The view takes no keys (it would edit): the window's own close and zoom keys, as in the editor (Esc and
        Ctrl+W did nothing, and a window over the editor without a title bar could not be left by keyboard)."""
        from app.widgets.main_window import key_sequences

        keys = QKeySequence.StandardKey
        for slot, shortcut in ((self.close, ["Esc", keys.Close, "Ctrl+W"]),
                               (self.view.zoom_in, [keys.ZoomIn, "Ctrl+="]), (self.view.zoom_out, keys.ZoomOut),
                               (self.view.zoom_reset, "Ctrl+0"), (self.view.zoom_to_fit, "Ctrl+Shift+F")):
            action = QAction(self)
            action.setShortcuts(key_sequences(shortcut))
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            self.addAction(action)
