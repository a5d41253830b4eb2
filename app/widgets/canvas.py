"""PLACEHOLDER MapView: the canvas contract, drawn as one picture with no editing.

The lead's real canvas replaces this file; the rest of the app codes only against the interface
below (signals selectionChanged(Selection), zoomChanged(float) and the public methods).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView, QWidget

from app.document import JourneyDocument
from app.widgets.selection import Selection


class _MapPictureItem(QGraphicsItem):
    def __init__(self) -> None:
        super().__init__()
        self._shapes: list = []
        self._rect = QRectF()

    def set_journey(self, journey) -> None:
        from app.layout import compute_layout
        from app.layout.painting import map_picture

        layout = compute_layout(journey.content())
        self.prepareGeometryChange()
        self._rect = QRectF(0, 0, layout.width, layout.height)
        self._shapes = map_picture(layout, journey.metadata.title).all()
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        from app.widgets.shape_painter import paint_shapes

        paint_shapes(painter, self._shapes)


class MapView(QGraphicsView):
    selectionChanged = Signal(object)  # noqa: N815
    zoomChanged = Signal(float)  # noqa: N815

    def __init__(self, document: JourneyDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Journey map canvas")
        self._document = document
        self._scene = QGraphicsScene(self)
        self._item = _MapPictureItem()
        self._scene.addItem(self._item)
        self.setScene(self._scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self._zoom = 1.0
        for signal in (document.replaced, document.structureChanged, document.cardsChanged,
                       document.emotionsChanged, document.metadataChanged):
            signal.connect(self._rebuild)
        self._rebuild()

    def _rebuild(self, *_args) -> None:
        self._item.set_journey(self._document.journey)
        self._scene.setSceneRect(self._item.boundingRect())
        self.selectionChanged.emit(Selection())

    # --- zoom ---------------------------------------------------------------------------

    def _set_zoom(self, zoom: float) -> None:
        self._zoom = max(0.1, min(4.0, zoom))
        self.resetTransform()
        self.scale(self._zoom, self._zoom)
        self.zoomChanged.emit(self._zoom)

    def zoom_in(self) -> None:
        self._set_zoom(self._zoom * 1.25)

    def zoom_out(self) -> None:
        self._set_zoom(self._zoom / 1.25)

    def zoom_reset(self) -> None:
        self._set_zoom(1.0)

    def zoom_to_fit(self) -> None:
        rect = self._item.boundingRect()
        if rect.isEmpty():
            return
        viewport = self.viewport().rect()
        self._set_zoom(min(viewport.width() / rect.width(), viewport.height() / rect.height()))

    # --- editing (the real canvas implements these) -------------------------------------------

    def selection(self) -> Selection:
        return Selection()

    def copy_selection(self) -> None:
        pass

    def cut_selection(self) -> None:
        pass

    def paste(self) -> None:
        pass

    def delete_selection(self) -> None:
        pass

    def duplicate_selection(self) -> None:
        pass

    def select_all(self) -> None:
        pass

    def edit_selection(self) -> None:
        pass

    def render_to_image(self, path) -> None:
        self.grab().save(str(path))
