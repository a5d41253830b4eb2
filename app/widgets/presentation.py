"""Presentation mode for workshops: the map full screen in large type, the persona on the side,
one stage in focus at a time (the others dimmed), moved with the arrow keys.

The canvas is a MapView on the editor's own document, so quick capture (select a cell and type)
and dot voting (+ and -) change the real map live, with undo. Esc leaves.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QPen
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsRectItem,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.document import JourneyDocument
from app.layout import theme
from app.model import LaneKind, Persona
from app.widgets.canvas import MapView
from app.widgets.photo_image import photo_pixmap

FULL_SCREEN = True
"""Tests set this False: the window is then shown normally (full screen on a test's screen is moot)."""

MIN_ZOOM, MAX_ZOOM = 1.1, 2.2  # large type, but never so large that one stage leaves no room
DIM = QColor(255, 255, 255, 190)
FOCUS_FRAME = theme.SELECTION
Z_DIM = 9.0  # above cards and marks, below the frozen headers (which get their own dim children)
SIDE_WIDTH = 320


class PresentationView(MapView):
    """A MapView whose Left/Right keys move the focused stage instead of the cell cursor."""

    exit_requested = Signal()
    focus_changed = Signal(int)

    def __init__(self, document: JourneyDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.setAccessibleName("Journey map, presentation")
        # A projected map shows no scroll bars: the arrow keys move the focused stage into view.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.focus_index = 0
        self.dims: list[QGraphicsRectItem] = []
        self.focus_frame: QGraphicsRectItem | None = None
        self.map_scene.relaidOut.connect(self._update_dims)
        self.map_scene.canvasSelectionChanged.connect(self._follow_selection)
        self._update_dims()

    # --- the focused stage ------------------------------------------------------------------------

    @property
    def focused_stage_id(self) -> str | None:
        stages = self.document.journey.stages
        return stages[min(self.focus_index, len(stages) - 1)].id if stages else None

    def set_focus_stage(self, index: int) -> None:
        stages = self.document.journey.stages
        if not stages:
            return
        index = max(0, min(len(stages) - 1, index))
        changed = index != self.focus_index
        self.focus_index = index
        stage_id = stages[index].id
        cell = self.selection().cell
        if cell is None or cell[0] != stage_id:
            lane_id = cell[1] if cell else next((lane.id for lane in self.document.journey.lanes
                                                 if lane.kind != LaneKind.EMOTIONS), None)
            if lane_id is not None:
                self.map_scene.set_cell((stage_id, lane_id))
        self._update_dims()
        x = self.map_scene.layout.column_x(stage_id)
        top = self.mapToScene(0, 0).y()
        self.ensureVisible(QRectF(x, top + 1, theme.STAGE_WIDTH, 1), 40, 0)
        self._pin_headers()
        if changed:
            self.focus_changed.emit(index)

    def _follow_selection(self, selection) -> None:
        """Clicking or typing in another stage brings that stage into focus."""
        stage_id = selection.cell[0] if selection.cell else None
        if stage_id is None and selection.stage_id:
            stage_id = selection.stage_id
        stages = [s.id for s in self.document.journey.stages]
        if stage_id in stages and stages.index(stage_id) != self.focus_index:
            self.focus_index = stages.index(stage_id)
            self._update_dims()
            self.focus_changed.emit(self.focus_index)

    def _update_dims(self) -> None:
        """A translucent veil over every column but the focused one, headers included."""
        scene = self.map_scene
        for item in self.dims:
            if item.scene() is not None:
                scene.removeItem(item)
        self.dims = []
        layout = scene.layout
        focused = self.focused_stage_id
        header_h = layout.frame.header_height
        for column in layout.frame.columns:
            if column.stage_id == focused:
                continue
            body = QGraphicsRectItem(column.x, header_h, column.width, layout.height - header_h)
            band = theme.PHASE_BAND_HEIGHT if layout.frame.phases else 0.0  # phase names span stages: left clear
            header = QGraphicsRectItem(column.x, band, column.width, header_h - band, scene.stage_bar)  # pinned
            for item in (body, header):
                item.setBrush(QBrush(DIM))
                item.setPen(QPen(Qt.PenStyle.NoPen))
                item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
                item.setData(0, "dim")
                self.dims.append(item)
            body.setZValue(Z_DIM)
            scene.addItem(body)
        if self.focus_frame is not None and self.focus_frame.scene() is not None:
            scene.removeItem(self.focus_frame)
        self.focus_frame = None
        if focused is not None:
            x = layout.column_x(focused)
            frame = QGraphicsRectItem(x + 1.5, header_h + 1.5, theme.STAGE_WIDTH - 3, layout.height - header_h - 3)
            pen = QPen(QColor(FOCUS_FRAME), 3)
            frame.setPen(pen)
            frame.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            frame.setZValue(Z_DIM)
            scene.addItem(frame)
            self.focus_frame = frame

    # --- zoom -------------------------------------------------------------------------------------------

    def fit_for_presentation(self) -> None:
        """Large type: the stages fill the width when they can, at 110 % to 220 %."""
        layout = self.map_scene.layout
        width = self.viewport().width()
        if layout.width <= 0 or width <= 0:
            return
        self.set_zoom(max(MIN_ZOOM, min(MAX_ZOOM, (width - 12) / layout.width)))
        self.scroll_home()
        corner = self.mapFromScene(QPointF(-4, -4))  # skip the scene's margin: every pixel for the map
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + corner.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + corner.y())
        self.set_focus_stage(self.focus_index)

    # --- keys ---------------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if self.editing.active:
            super().keyPressEvent(event)
            return
        key = event.key()
        plain = not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        if plain and key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown):
            self.set_focus_stage(self.focus_index + 1)
        elif plain and key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            self.set_focus_stage(self.focus_index - 1)
        elif key == Qt.Key.Key_Escape:  # leaves even with a card picked (after a vote it only let go of the card)
            self.exit_requested.emit()
        else:
            super().keyPressEvent(event)


class PersonaCard(QFrame):
    """One persona in the side panel: photo, name, role, quote, goals and frustrations; smaller type and a
    colour bar (the persona's curve colour) when several personas share the panel."""

    def __init__(self, persona: Persona, label: str, color: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from html import escape

        compact = color is not None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4 if compact else 10)
        size = 72 if compact else 160
        self.photo = QLabel(self)
        pixmap = photo_pixmap(persona.photo.image_bytes(), 2 * size) if persona.photo is not None else None
        if pixmap is not None:
            self.photo.setPixmap(pixmap.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                                               Qt.TransformationMode.SmoothTransformation))
        else:
            self.photo.hide()
        layout.addWidget(self.photo)
        self.name = _label(self, layout, 18 if compact else 24, bold=True)
        self.role = _label(self, layout, 12 if compact else 14, color="#c9d2e3")
        self.quote = _label(self, layout, 13 if compact else 16, italic=True)
        self.goals = _label(self, layout, 12 if compact else 14)
        self.frustrations = _label(self, layout, 12 if compact else 14)
        self.name.setText(escape(label))
        if compact:  # the colour of the persona's curve, as a bar before the name
            self.name.setText(f"<span style='color:{color}'>\u2588</span>&nbsp;{escape(label)}")
        self.role.setText(escape(persona.role))
        self.quote.setText(f"“{escape(persona.quote)}”" if persona.quote else "")
        self.goals.setText(_bullets("Goals", persona.goals))
        self.frustrations.setText(_bullets("Frustrations", persona.frustrations))
        for widget in (self.role, self.quote, self.goals, self.frustrations):
            widget.setVisible(bool(widget.text()))


def _label(parent: QWidget, layout: QVBoxLayout, size: int, bold: bool = False, italic: bool = False,
           color: str = "#ffffff") -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    font = label.font()
    font.setPixelSize(size)
    font.setBold(bold)
    font.setItalic(italic)
    label.setFont(font)
    label.setStyleSheet(f"color: {color};")
    layout.addWidget(label)
    return label


class PersonaSide(QFrame):
    """Who the journey is about, in large type: every persona the filter shows (one card each, compact and
    scrolling when several), then the stage in focus."""

    def __init__(self, document: JourneyDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setFixedWidth(SIDE_WIDTH)
        self.setObjectName("presentation_persona")
        self.setStyleSheet("#presentation_persona { background: #2f3b52; } QLabel { color: #ffffff; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 24, 20, 20)
        layout.setSpacing(10)
        self.title = _label(self, layout, 13, color="#c9d2e3")
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setStyleSheet("QScrollArea, #presentation_personas { background: transparent; }")
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.scroll, 1)
        self.stage = _label(self, layout, 18, bold=True)
        self.hint = _label(self, layout, 11, color="#c9d2e3")
        self.hint.setText("← → stages · type in a cell to add a card · Tab picks a card, + / − vote · Esc leaves")
        self.cards: list[PersonaCard] = []
        self.empty = None
        for signal in (document.personaChanged, document.replaced, document.metadataChanged,
                       document.personaFilterChanged):
            signal.connect(self.refresh)
        self.refresh()

    @property
    def name(self) -> QLabel:
        """The name label of the first persona shown (or the "No persona yet" line)."""
        return self.cards[0].name if self.cards else self.empty

    def refresh(self) -> None:
        from html import escape

        from app.model.personas import persona_colors, persona_label

        journey = self.document.visible_journey()
        self.title.setText(escape(journey.metadata.title))
        holder = QWidget()
        holder.setObjectName("presentation_personas")
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(18)
        personas = list(enumerate(journey.personas))
        colors = persona_colors(journey) if len(personas) > 1 else {}
        self.cards = [PersonaCard(p, persona_label(p, i), colors.get(p.id), holder) for i, p in personas]
        for card in self.cards:
            column.addWidget(card)
        self.empty = _label(holder, column, 24, bold=True)
        self.empty.setText("No persona yet" if not self.cards else "")
        self.empty.setVisible(not self.cards)
        column.addStretch(1)
        self.scroll.setWidget(holder)  # the old holder and its cards are deleted

    def show_stage(self, index: int) -> None:
        from html import escape

        stages = self.document.journey.stages
        if stages:
            stage = stages[min(index, len(stages) - 1)]
            self.stage.setText(f"Stage {index + 1} of {len(stages)}<br>{escape(stage.name)}")


def _bullets(title: str, items: list[str]) -> str:
    from html import escape

    if not items:
        return ""
    rows = "".join(f"<li>{escape(item)}</li>" for item in items)
    return f"<b>{title}</b><ul style='margin-left:-20px'>{rows}</ul>"


class PresentationWindow(QWidget):
    """The full-screen workshop window; closing it (Esc) returns to the editor."""

    closed = Signal()

    def __init__(self, document: JourneyDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(f"{document.journey.metadata.title} — Presentation")
        self.document = document
        self.side = PersonaSide(document, self)
        self.view = PresentationView(document, self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.side)
        layout.addWidget(self.view, 1)
        self.view.exit_requested.connect(self.close)
        self.view.focus_changed.connect(self.side.show_stage)
        document.structureChanged.connect(self._on_structure_changed)  # a bound slot: dropped when closed
        self.side.show_stage(0)

    def _on_structure_changed(self) -> None:
        self.side.show_stage(self.view.focus_index)

    def present(self) -> None:
        if FULL_SCREEN:
            self.showFullScreen()
        else:
            self.show()
        self.activateWindow()
        self.view.fit_for_presentation()
        self.view.setFocus()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.isVisible():
            self.view.fit_for_presentation()

    def closeEvent(self, event) -> None:  # noqa: N802
        self.view.editing.close()
        self.closed.emit()
        super().closeEvent(event)
