"""View > Check Map: a dock listing what `check_map` finds (gaps in content, text the PDF cuts).

Double-clicking a finding selects its card, stage or lane on the canvas. The list follows edits,
debounced: the text checks lay out the whole map, so they run once a burst of edits is over,
and only while the dock is visible.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.document import JourneyDocument
from app.widgets.plain_text import plain

if TYPE_CHECKING:  # the checks are imported when the dock first shows, not with the editor
    from app.check import Finding

FINDING_ROLE = Qt.ItemDataRole.UserRole
REFRESH_MS = 400


class CheckPanel(QDockWidget):
    finding_activated = Signal(object)  # Finding

    def __init__(self, document: JourneyDocument, parent: QWidget | None = None) -> None:
        super().__init__("Check Map", parent)
        self.setObjectName("check_map")
        self.setAccessibleName("Map check")
        self.document = document
        self.findings: list[Finding] = []
        body = QWidget()
        layout = QVBoxLayout(body)
        self.summary = plain(QLabel(body))
        self.summary.setWordWrap(True)
        self.list = QListWidget(body)
        self.list.setAccessibleName("Findings")
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._on_activated)  # Enter (and double-click on most styles)
        self.list.itemDoubleClicked.connect(self._on_activated)
        layout.addWidget(self.summary)
        layout.addWidget(self.list)
        self.setWidget(body)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        for signal in (document.replaced, document.structureChanged, document.cardsChanged,
                       document.emotionsChanged):
            signal.connect(self._schedule)
        self.visibilityChanged.connect(lambda visible: visible and self.refresh())

    def _schedule(self, *_args) -> None:
        if self.isVisible():
            self.timer.start()

    def refresh(self) -> None:
        from PySide6.QtWidgets import QStyle  # here, not with the window: PySide6 builds its enums on first use

        from app.check import check_map

        self.timer.stop()
        self.findings = check_map(self.document.journey)
        style = self.style()
        icons = {"warning": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
                 "info": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)}
        self.list.clear()
        for finding in self.findings:
            item = QListWidgetItem(icons[finding.severity], finding.message)
            item.setData(FINDING_ROLE, self.findings.index(finding))
            item.setToolTip(f"{finding.severity}: {finding.code}")
            self.list.addItem(item)
        warnings = sum(1 for f in self.findings if f.severity == "warning")
        infos = len(self.findings) - warnings
        if not self.findings:
            self.summary.setText("Nothing to fix: the map is ready to share.")
        else:
            self.summary.setText(f"{warnings} warning{'s' if warnings != 1 else ''}, "
                                 f"{infos} suggestion{'s' if infos != 1 else ''}. Double-click one to see it.")

    def _on_activated(self, item: QListWidgetItem) -> None:
        self.finding_activated.emit(self.findings[item.data(FINDING_ROLE)])


def show_finding(view, finding: Finding) -> None:
    """Select what a finding is about on the canvas and scroll to it."""
    from PySide6.QtCore import QRectF

    scene = view.map_scene
    layout = scene.layout
    rect = None
    if finding.card_id and finding.card_id in scene.cards:
        scene.select_cards([finding.card_id])
        rect = scene.cards[finding.card_id].sceneBoundingRect()
    elif finding.stage_id and finding.lane_id and finding.stage_id in layout.stage_index \
            and finding.lane_id in layout.row_y:
        scene.set_cell((finding.stage_id, finding.lane_id))
        rect = QRectF(*layout.cell_rect(finding.stage_id, finding.lane_id))
    elif finding.stage_id and finding.stage_id in layout.stage_index:
        scene.select_header("stage", finding.stage_id)
        rect = QRectF(layout.column_x(finding.stage_id), view.mapToScene(0, 0).y(), 10, 10)
    elif finding.lane_id and finding.lane_id in layout.row_y:
        scene.select_header("lane", finding.lane_id)
        rect = QRectF(view.mapToScene(0, 0).x(), layout.row_y[finding.lane_id], 10, 10)
    if rect is not None:
        zoom = view.zoom()
        view.ensureVisible(rect.adjusted(0, 0, 0, -max(0.0, rect.height() - 200)),
                           int(layout.frame.lane_header_width * zoom) + 20, int(layout.frame.header_height * zoom) + 20)
        view._pin_headers()
    view.setFocus()
