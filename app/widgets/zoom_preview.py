"""Instant zoom feedback: while the user zooms (wheel, pinch, keys), the view shows its last
frame scaled about the zoom anchor, and lays out the real picture once the gesture pauses.

Re-rendering every visible card at a new scale costs tens of milliseconds on a big map; a
scaled snapshot costs a few, so zooming stays fluid and the sharp frame follows ~0.1 s later.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QWidget

SETTLE_MS = 120


class ZoomPreview(QWidget):
    def __init__(self, view) -> None:
        super().__init__(view.viewport())
        self._view = view
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.hide()
        self._snapshot = QPixmap()
        self._base = 1.0
        self._target = 1.0
        self._anchor = QPointF()
        self._scene_anchor = QPointF()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self.settle)

    @property
    def active(self) -> bool:
        return self.isVisible()

    @property
    def target(self) -> float:
        return self._target

    def zoom_to(self, factor: float, anchor: QPointF) -> None:
        """Show `factor` now as a scaled snapshot; apply it for real when the gesture pauses."""
        view = self._view
        if not self.isVisible():
            self._snapshot = view.viewport().grab()
            self._base = view.zoom()
            self._anchor = QPointF(anchor)
            self._scene_anchor = view.mapToScene(anchor.toPoint())
            self.setGeometry(view.viewport().rect())
            self.show()
            self.raise_()
        self._target = factor
        self.update()
        self._timer.start()

    def settle(self) -> None:
        """Apply the target zoom to the view, keeping the anchor's scene point under it."""
        self._timer.stop()
        if not self.isVisible():
            return
        self.hide()
        self._view.apply_zoom(self._target, self._scene_anchor, self._anchor)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        scale = self._target / self._base
        painter.translate(self._anchor)
        painter.scale(scale, scale)
        painter.translate(-self._anchor)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.drawPixmap(0, 0, self._snapshot)
