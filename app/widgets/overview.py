"""The overview (minimap): the whole map small, with the visible part outlined; click or drag
in it to move the canvas there. Helpful on 60-stage maps."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QDockWidget, QWidget

from app.layout.painting import map_picture
from app.painters.qt_painter import paint_shapes

REDRAW_DELAY_MS = 400  # the picture is redrawn once edits pause


class OverviewWidget(QWidget):
    def __init__(self, view, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._image: QImage | None = None
        self._scale = 1.0
        self.setAccessibleName("Map overview")
        self.setAccessibleDescription("The whole map; click or drag to show that part on the canvas")
        self.setMinimumSize(160, 90)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REDRAW_DELAY_MS)
        self._timer.timeout.connect(self.redraw)
        document = view.document
        for signal in (document.replaced, document.structureChanged, document.cardsChanged,
                       document.emotionsChanged, document.metadataChanged):
            signal.connect(self._timer.start)
        for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
            bar.valueChanged.connect(self.update)
        view.zoomChanged.connect(self.update)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(260, 150)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.redraw()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._timer.start()

    def redraw(self) -> None:
        """Render the map once at the size of this widget (only while it is visible)."""
        if not self.isVisible():
            return
        from app.layout import compute_layout

        journey = self._view.document.journey
        layout = compute_layout(journey)
        if layout.width <= 0 or layout.height <= 0:
            self._image = None
            self.update()
            return
        self._scale = min(self.width() / layout.width, self.height() / layout.height)
        ratio = self.devicePixelRatioF()
        image = QImage(max(1, round(layout.width * self._scale * ratio)),
                       max(1, round(layout.height * self._scale * ratio)), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.scale(self._scale, self._scale)
        paint_shapes(painter, map_picture(layout, journey.metadata.title).all())
        painter.end()
        self._image = image
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        if self._image is None:
            return
        fit = self._fit()
        ratio = self._image.devicePixelRatio() or 1.0
        painter.drawImage(QRectF(0, 0, self._image.width() / ratio * fit, self._image.height() / ratio * fit),
                          self._image)
        scale = self._scale * fit
        visible = self._view.mapToScene(self._view.viewport().rect()).boundingRect()
        frame = QRectF(visible.x() * scale, visible.y() * scale, visible.width() * scale, visible.height() * scale)
        painter.setPen(QPen(self.palette().highlight().color(), 2))
        painter.setBrush(QColor(self.palette().highlight().color().red(), self.palette().highlight().color().green(),
                                self.palette().highlight().color().blue(), 40))
        painter.drawRect(frame.intersected(QRectF(self.rect())).adjusted(1, 1, -1, -1))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._go_to(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._go_to(event.position())

    def _fit(self) -> float:
        """Shrink a picture drawn for a larger size (the widget just got smaller; the sharp redraw follows
        after a pause): the whole map always shows, never clipped."""
        if self._image is None:
            return 1.0
        ratio = self._image.devicePixelRatio() or 1.0
        width, height = self._image.width() / ratio, self._image.height() / ratio
        return min(1.0, self.width() / width if width else 1.0, self.height() / height if height else 1.0)

    def _go_to(self, point: QPointF) -> None:
        scale = self._scale * self._fit()
        if scale > 0:
            self._view.centerOn(point.x() / scale, point.y() / scale)


def make_overview_dock(view, parent: QWidget) -> QDockWidget:
    dock = QDockWidget("Overview", parent)
    dock.setObjectName("overview")
    dock.setAccessibleName("Overview")
    dock.setWidget(OverviewWidget(view, dock))
    return dock
