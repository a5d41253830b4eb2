"""Context menus of the canvas (also opened from the keyboard with the Menu key or Shift+F10),
so that everything the mouse can do has a keyboard path too."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QColorDialog, QMenu

from app.model import Channel, Evidence, EvidenceStatus, LaneKind
from app.model.enums import LaneRole
from app.model.personas import persona_label

PRESET_COLORS = {
    "Blue": "#dbe9ff", "Teal": "#d5f0f0", "Green": "#dcf5e3", "Yellow": "#fff4c2", "Orange": "#ffe3c7",
    "Red": "#ffe0dc", "Pink": "#fde2f3", "Purple": "#efe4ff", "Grey": "#eceef2",
}
HEADER_COLORS = {
    "Navy": "#2f3b52", "Blue": "#2f5fb3", "Teal": "#1f7a80", "Green": "#2d7a46", "Amber": "#b7791f",
    "Red": "#b83a3a", "Purple": "#6b46c1", "Slate": "#5a6b8c",
}


def _swatch(color: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


def _color_menu(parent: QMenu, title: str, presets: dict[str, str], apply, reset_label: str) -> None:
    menu = parent.addMenu(title)
    for name, color in presets.items():
        menu.addAction(_swatch(color), name, lambda c=color: apply(c))
    menu.addSeparator()

    def custom() -> None:
        chosen = QColorDialog.getColor(parent=parent)
        if chosen.isValid():
            apply(chosen.name())

    menu.addAction("Custom…", custom)
    menu.addAction(reset_label, lambda: apply(None))


def _then_rename(view, kind: str, item_id: str) -> None:
    """A new stage, lane or phase is selected with its name open for typing, as in a spreadsheet."""
    view.map_scene.select_header(kind, item_id)
    {"stage": view.editing.rename_stage, "lane": view.editing.rename_lane,
     "phase": view.editing.rename_phase}[kind](item_id)


def selection_anchor(view) -> QPoint:
    """Where a keyboard-opened menu goes, in viewport pixels: beside the selected card, face, header or cell."""
    selection = view.selection()
    scene = view.map_scene
    layout = scene.layout
    point: QPointF | None = None
    if selection.cards and selection.cards[-1] in scene.cards:
        item = scene.cards[selection.cards[-1]]
        rect = item.mapRectToScene(item.boundingRect())
        point = QPointF(rect.center().x(), rect.bottom())
    elif selection.emotion and selection.emotion in scene.points:
        item = scene.points[selection.emotion]
        point = item.mapRectToScene(item.boundingRect()).center()
    elif selection.stage_id or selection.phase_id:
        boxes = layout.frame.stage_headers if selection.stage_id else layout.frame.phases
        wanted = selection.stage_id or selection.phase_id
        box = next((b for b in boxes if getattr(b, "stage_id", None) == wanted
                    or getattr(b, "phase_id", None) == wanted), None)
        if box is not None:
            point = QPointF(box.rect.x + box.rect.width / 2, scene.stage_bar.y() + box.rect.bottom)
    elif selection.lane_id and selection.lane_id in layout.lane_headers:
        r = layout.lane_headers[selection.lane_id].rect
        point = QPointF(scene.lane_bar.x() + r.right, r.y + r.height / 2)
    elif selection.cell:
        x, y, w, h = layout.cell_rect(*selection.cell)
        point = QPointF(x + w / 2, y + min(h, 40) / 2)
    if point is None:
        return view.viewport().rect().center()
    pos = view.mapFromScene(point)
    rect = view.viewport().rect()
    return QPoint(max(0, min(rect.width() - 1, pos.x())), max(0, min(rect.height() - 1, pos.y())))


def build_context_menu(view) -> QMenu | None:
    selection = view.selection()
    document = view.document
    journey = document.journey
    menu = QMenu(view)
    if selection.cards:
        _card_menu(menu, view, selection.cards)
    elif selection.emotion:
        lane_id, stage_id = selection.emotion
        menu.addAction("Remove emotion point", lambda: document.remove_emotion(lane_id, stage_id))
    elif selection.stage_id:
        _stage_menu(menu, view, selection.stage_id)
    elif selection.lane_id:
        _lane_menu(menu, view, selection.lane_id)
    elif selection.phase_id:
        phase_id = selection.phase_id
        menu.addAction("Rename phase", lambda: view.editing.rename_phase(phase_id))
        _color_menu(menu, "Colour", HEADER_COLORS, lambda c: document.edit_phase(phase_id, color=c), "Default colour")
        menu.addAction("Delete phase", lambda: document.remove_phase(phase_id))
    elif selection.cell:
        stage_id, lane_id = selection.cell
        menu.addAction("Add card here", lambda: view.editing.new_card(selection.cell))
        menu.addAction("Paste", view.paste)
        menu.addAction("Sort cell by votes", lambda: document.sort_cell_by_votes(stage_id, lane_id))
        menu.addSeparator()
        _stage_menu(menu.addMenu(f"Stage '{journey.stage(stage_id).name}'"), view, stage_id)
        _lane_menu(menu.addMenu(f"Lane '{journey.lane(lane_id).name}'"), view, lane_id)
    else:
        return None
    return menu


def _card_menu(menu: QMenu, view, card_ids: tuple[str, ...]) -> None:
    document = view.document

    def each(**fields) -> None:
        document.edit_cards(card_ids, **fields)

    menu.addAction("Edit text", lambda: view.editing.edit_card(card_ids[-1]))
    menu.addAction("Duplicate", view.duplicate_selection)
    menu.addAction("Copy", view.copy_selection)
    menu.addAction("Delete", view.delete_selection)
    menu.addSeparator()
    _color_menu(menu, "Colour", PRESET_COLORS, lambda c: each(color=c), "Lane colour")
    channels = menu.addMenu("Channel")
    current = {document.card(card_id).channel for card_id in card_ids}
    for channel in Channel:
        action = channels.addAction(channel.label, lambda ch=channel: each(channel=ch))
        action.setCheckable(True)
        action.setChecked(current == {channel})  # a guessed channel shows here, to change
    channels.addSeparator()
    channels.addAction("No channel", lambda: each(channel=None))
    evidence = menu.addMenu("Evidence")
    for status in EvidenceStatus:
        evidence.addAction(status.label, lambda s=status: each(evidence=Evidence(status=s)))
    evidence.addAction("Not marked", lambda: each(evidence=None))
    if document.journey.personas:
        _card_personas_menu(menu, document, card_ids, each)
    menu.addSeparator()
    menu.addAction("Add vote (+)", lambda: view._vote(card_ids, 1))
    menu.addAction("Remove vote (-)", lambda: view._vote(card_ids, -1))
    card = document.card(card_ids[-1])
    menu.addAction("Sort cell by votes", lambda: document.sort_cell_by_votes(card.stage_id, card.lane_id))


def _card_personas_menu(menu: QMenu, document, card_ids: tuple[str, ...], each) -> None:
    """Personas ▸ All personas, or tick the personas the cards are about (the last card's ties are shown)."""
    journey = document.journey
    tied = document.card(card_ids[-1]).personas
    personas = menu.addMenu("Personas")
    every = personas.addAction("All personas", lambda: each(personas=[]))
    every.setCheckable(True)
    every.setChecked(not tied)
    personas.addSeparator()
    for index, persona in enumerate(journey.personas):
        def toggle(checked: bool = False, pid: str = persona.id) -> None:
            wanted = [p for p in tied if p != pid] if pid in tied else [*tied, pid]
            order = [p.id for p in journey.personas]
            each(personas=sorted(wanted, key=order.index))

        action = personas.addAction(persona_label(persona, index), toggle)
        action.setCheckable(True)
        action.setChecked(persona.id in tied)


def _stage_menu(menu: QMenu, view, stage_id: str) -> None:
    document = view.document
    journey = document.journey
    index = journey.stage_index(stage_id)
    menu.addAction("Rename stage", lambda: view.editing.rename_stage(stage_id))
    menu.addAction("Insert stage before", lambda: _then_rename(view, "stage", document.add_stage(index)))
    menu.addAction("Insert stage after", lambda: _then_rename(view, "stage", document.add_stage(index + 1)))
    move_left = menu.addAction("Move left", lambda: document.move_stage(stage_id, index - 1))
    move_left.setEnabled(index > 0)
    move_right = menu.addAction("Move right", lambda: document.move_stage(stage_id, index + 1))
    move_right.setEnabled(index < len(journey.stages) - 1)
    _color_menu(menu, "Colour", HEADER_COLORS, lambda c: document.edit_stage(stage_id, color=c), "Default colour")
    phases = menu.addMenu("Phase")
    for phase in journey.phases:
        phases.addAction(phase.name, lambda p=phase.id: document.edit_stage(stage_id, phase_id=p))
    phases.addSeparator()
    phases.addAction("New phase with this stage",
                     lambda: _then_rename(view, "phase", document.add_phase("New phase", [stage_id])))
    phases.addAction("No phase", lambda: document.edit_stage(stage_id, phase_id=None))
    delete = menu.addAction("Delete stage", lambda: view._delete_header("stage", stage_id))
    delete.setEnabled(len(journey.stages) > 1)


def _lane_menu(menu: QMenu, view, lane_id: str) -> None:
    document = view.document
    journey = document.journey
    index = journey.lane_index(lane_id)
    menu.addAction("Rename lane", lambda: view.editing.rename_lane(lane_id))
    menu.addAction("Insert lane above", lambda: _then_rename(view, "lane", document.add_lane(index)))
    menu.addAction("Insert lane below", lambda: _then_rename(view, "lane", document.add_lane(index + 1)))
    up = menu.addAction("Move up", lambda: document.move_lane(lane_id, index - 1))
    up.setEnabled(index > 0)
    down = menu.addAction("Move down", lambda: document.move_lane(lane_id, index + 1))
    down.setEnabled(index < len(journey.lanes) - 1)
    kinds = menu.addMenu("Kind")
    current = journey.lane(lane_id).kind
    for kind in LaneKind:
        action = kinds.addAction(kind.label, lambda k=kind: document.edit_lane(lane_id, kind=k))
        action.setCheckable(True)
        action.setChecked(kind == current)
    roles = menu.addMenu("Blueprint role")
    current_role = journey.lane(lane_id).role
    for role in (*LaneRole, None):
        action = roles.addAction(role.label if role else "No role", lambda r=role: document.edit_lane(lane_id, role=r))
        action.setCheckable(True)
        action.setChecked(role == current_role)
    _color_menu(menu, "Colour", PRESET_COLORS, lambda c: document.edit_lane(lane_id, color=c), "Kind colour")
    delete = menu.addAction("Delete lane", lambda: view._delete_header("lane", lane_id))
    delete.setEnabled(len(journey.lanes) > 1)
