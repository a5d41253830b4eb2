"""The persona dock: who the journey is about. A list of the map's personas on top (add, remove, reorder,
colour) and the chosen persona's fields below; every finished edit is one undo step."""

from __future__ import annotations

import base64
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QDockWidget,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.document import JourneyDocument
from app.model import Channel, Persona, Photo
from app.model.journey import MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS
from app.model.personas import persona_colors, persona_label
from app.widgets import dialogs
from app.widgets.form_fields import CommitLineEdit, CommitTextEdit
from app.widgets.photo_image import image_size, photo_pixmap, within_pixel_limit

LIST_FIELDS = ("goals", "needs", "expectations", "frustrations")
PHOTO_SIZE = 120
IMAGE_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def photo_from_file(path: Path) -> Photo:
    """A PNG or JPEG file of at most 2 MB as a Photo; ValueError with one readable line otherwise."""
    try:
        size = path.stat().st_size
        if size > MAX_PHOTO_BYTES:
            raise ValueError(f"{path.name}: is {size / (1024 * 1024):.1f} MB; a persona photo can be at most "
                             f"{MAX_PHOTO_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"{path.name}: could not be read ({exc.strerror or exc})") from exc
    mime = next((m for magic, m in IMAGE_TYPES.items() if data.startswith(magic)), None)
    size = image_size(data)
    if mime is None or not size.isValid():
        raise ValueError(f"{path.name}: is not a PNG or JPEG image")
    if not within_pixel_limit(size):
        raise ValueError(f"{path.name}: is {size.width():,} x {size.height():,} pixels; a persona photo can have at "
                         f"most {MAX_PHOTO_PIXELS // 1_000_000} megapixels")
    if photo_pixmap(data, PHOTO_SIZE) is None:
        raise ValueError(f"{path.name}: is not a PNG or JPEG image")
    return Photo(mime_type=mime, data=base64.b64encode(data).decode("ascii"))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class PersonaPanel(QDockWidget):
    def __init__(self, document: JourneyDocument, parent: QWidget | None = None) -> None:
        super().__init__("Persona", parent)
        self.setObjectName("persona")
        self.setAccessibleName("Persona")
        self.document = document
        self._current: str | None = None  # the persona the fields show
        body = QWidget()
        form = QFormLayout(body)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._persona_list_box())

        self.photo_label = QLabel("No photo")
        self.photo_label.setAccessibleName("Persona photo")
        self.photo_label.setFixedSize(PHOTO_SIZE, PHOTO_SIZE)
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_label.setWordWrap(True)
        self.photo_label.setFrameShape(QLabel.Shape.StyledPanel)
        self.choose_photo = QPushButton("Choose photo...")
        self.choose_photo.setAccessibleName("Choose persona photo")
        self.choose_photo.clicked.connect(self.on_choose_photo)
        self.remove_photo = QPushButton("Remove photo")
        self.remove_photo.setAccessibleName("Remove persona photo")
        self.remove_photo.clicked.connect(lambda: self._edit(photo=None))
        photo_box = QWidget()
        photo_box.setFixedHeight(PHOTO_SIZE)
        photo_row = QHBoxLayout(photo_box)
        photo_row.setContentsMargins(0, 0, 0, 0)
        photo_row.addWidget(self.photo_label, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_photo)
        buttons.addWidget(self.remove_photo)
        buttons.addStretch(1)
        photo_row.addLayout(buttons)
        photo_row.addStretch(1)
        form.addRow("Photo", photo_box)

        self.name = CommitLineEdit("Persona name")
        self.role = CommitLineEdit("Persona role")
        self.quote = CommitTextEdit("Persona quote", 2)
        form.addRow("Name", self.name)
        form.addRow("Role", self.role)
        form.addRow("Quote", self.quote)
        self.name.committed.connect(lambda text: self._edit(name=text))
        self.role.committed.connect(lambda text: self._edit(role=text))
        self.quote.committed.connect(lambda text: self._edit(quote=text))
        self.quote.draft = lambda journey, text: self._draft(journey, quote=text)
        self.lists: dict[str, CommitTextEdit] = {}
        for field in LIST_FIELDS:
            edit = CommitTextEdit(f"Persona {field}, one per line", 3)
            edit.setPlaceholderText("one per line")
            edit.committed.connect(lambda text, field=field: self._edit(**{field: _lines(text)}))
            edit.draft = lambda journey, text, field=field: self._draft(journey, **{field: _lines(text)})
            form.addRow(field.capitalize(), edit)
            self.lists[field] = edit

        self.channels = QListWidget()
        self.channels.setAccessibleName("Persona preferred channels")
        for channel in Channel:
            item = QListWidgetItem(channel.label)
            item.setData(Qt.ItemDataRole.UserRole, channel)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.channels.addItem(item)
        self.channels.setMinimumHeight(120)
        self.channels.itemChanged.connect(self._on_channel_toggled)
        form.addRow("Preferred channels", self.channels)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setAccessibleName("Persona fields")
        self.setWidget(scroll)
        self.setMinimumWidth(300)
        for signal in (document.personaChanged, document.replaced, document.activePersonaChanged,
                       document.personaFilterChanged):
            signal.connect(self.refresh)
        self.refresh()

    def _persona_list_box(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.persona_list = QListWidget()
        self.persona_list.setAccessibleName("Personas")
        self.persona_list.setMaximumHeight(130)
        self.persona_list.currentRowChanged.connect(self._on_current_row_changed)
        column.addWidget(self.persona_list)
        row = QGridLayout()  # two rows: five buttons in one made the panel wider than its dock (cut, scrolled)
        self.add_button = QPushButton("Add")
        self.add_button.setAccessibleName("Add persona")
        self.add_button.clicked.connect(self.on_add_persona)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName("Remove persona")
        self.remove_button.clicked.connect(self.on_remove_persona)
        self.up_button = QPushButton("Up")
        self.up_button.setAccessibleName("Move persona up")
        self.up_button.clicked.connect(lambda: self._move_current(-1))
        self.down_button = QPushButton("Down")
        self.down_button.setAccessibleName("Move persona down")
        self.down_button.clicked.connect(lambda: self._move_current(1))
        self.color_button = QPushButton("Colour...")
        self.color_button.setAccessibleName("Persona colour")
        self.color_button.clicked.connect(self.on_choose_color)
        for index, button in enumerate((self.add_button, self.remove_button, self.color_button, self.up_button,
                                        self.down_button)):
            row.addWidget(button, index // 3, index % 3)
        column.addLayout(row)
        curve_row = QHBoxLayout()
        self.curve_label = QLabel()
        self.curve_label.setAccessibleName("Curve the canvas edits")
        self.curve_label.setWordWrap(True)
        self.curve_button = QPushButton("Edit this curve")
        self.curve_button.setAccessibleName("Edit this persona's emotion curve")
        self.curve_button.setToolTip("Clicks and drags on the emotions lane change the chosen persona's curve")
        self.curve_button.clicked.connect(self.on_edit_curve)
        curve_row.addWidget(self.curve_label, 1)
        curve_row.addWidget(self.curve_button)
        column.addLayout(curve_row)
        return box

    def on_edit_curve(self) -> None:
        """The chosen persona's emotion curve becomes the one clicks and drags on the canvas change."""
        if self._current is not None:
            self.document.set_active_persona(self._current)

    def persona(self) -> Persona:
        journey = self.document.journey
        return next((p for p in journey.personas if p.id == self._current), journey.persona) or Persona()

    def _refresh_list(self) -> None:
        journey = self.document.journey
        ids = [p.id for p in journey.personas]
        if self._current not in ids:
            self._current = ids[0] if ids else None
        colors = persona_colors(journey)
        self.persona_list.blockSignals(True)
        self.persona_list.clear()
        for index, persona in enumerate(journey.personas):
            pixmap = QPixmap(12, 12)
            pixmap.fill(QColor(colors[persona.id]))
            item = QListWidgetItem(QIcon(pixmap), persona_label(persona, index))
            item.setData(Qt.ItemDataRole.UserRole, persona.id)
            self.persona_list.addItem(item)
        if self._current is not None:
            self.persona_list.setCurrentRow(ids.index(self._current))
        self.persona_list.blockSignals(False)
        active = self.document.active_persona_id
        for row, persona in enumerate(journey.personas):
            font = self.persona_list.item(row).font()
            font.setBold(persona.id == active)
            self.persona_list.item(row).setFont(font)
        names = {p.id: persona_label(p, i) for i, p in enumerate(journey.personas)}
        self.curve_label.setText(f"The canvas edits {names[active]}'s emotion curve" if active in names else "")
        self.curve_button.setEnabled(self._current is not None and self._current != active)
        index = ids.index(self._current) if self._current in ids else -1
        for button, enabled in ((self.remove_button, index >= 0), (self.up_button, index > 0),
                                (self.down_button, 0 <= index < len(ids) - 1), (self.color_button, index >= 0)):
            button.setEnabled(enabled)

    def _on_current_row_changed(self, row: int) -> None:
        item = self.persona_list.item(row)
        if item is not None:
            self._current = item.data(Qt.ItemDataRole.UserRole)
            self.refresh()

    def select_persona(self, persona_id: str) -> None:
        self._current = persona_id
        self.refresh()

    def on_add_persona(self) -> None:
        """A new persona, its name field focused and selected so typing names it."""
        count = len(self.document.journey.personas)
        self._current = self.document.add_persona(f"Persona {count + 1}")
        self.refresh()
        self.name.setFocus()
        self.name.selectAll()

    def on_remove_persona(self) -> None:
        if self._current is not None:
            self.document.remove_persona(self._current)

    def _move_current(self, step: int) -> None:
        ids = [p.id for p in self.document.journey.personas]
        if self._current in ids:
            self.document.move_persona(self._current, ids.index(self._current) + step)

    def on_choose_color(self) -> None:
        if self._current is None:
            return
        current = persona_colors(self.document.journey).get(self._current)
        color = dialogs.ask_color(self, current, "Persona Colour")
        if color is not None:
            self.document.edit_persona(self._current, color=color)

    def refresh(self) -> None:
        self._refresh_list()
        persona = self.persona()
        self.name.set_value(persona.name)
        self.role.set_value(persona.role)
        self.quote.set_value(persona.quote)
        for field, edit in self.lists.items():
            edit.set_value("\n".join(getattr(persona, field)))
        self.channels.blockSignals(True)
        for row in range(self.channels.count()):
            item = self.channels.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in persona.preferred_channels
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.channels.blockSignals(False)
        self._show_photo(persona.photo)

    def _show_photo(self, photo: Photo | None) -> None:
        self.remove_photo.setEnabled(photo is not None)
        ratio = self.devicePixelRatioF()
        pixmap = photo_pixmap(photo.image_bytes(), round(PHOTO_SIZE * ratio)) if photo is not None else None
        if pixmap is None:
            self.photo_label.setPixmap(QPixmap())
            self.photo_label.setText("No photo" if photo is None else "Photo too large or unreadable")
            return
        scaled = pixmap.scaled(round(PHOTO_SIZE * ratio), round(PHOTO_SIZE * ratio),
                               Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        scaled.setDevicePixelRatio(ratio)
        self.photo_label.setPixmap(scaled)

    def _edit(self, **fields) -> None:
        self.document.edit_persona(self._current, **fields)
        self._current = self._current or self.document.journey.curve_owner(None)

    def _draft(self, journey, **fields) -> None:
        """What a field typed and not yet left would change, in a copy of the map (autosave's)."""
        persona = next((p for p in journey.personas if p.id == self._current), None)
        for name, value in fields.items() if persona is not None else ():
            setattr(persona, name, value)

    def _on_channel_toggled(self, _item: QListWidgetItem) -> None:
        checked = [Channel(self.channels.item(row).data(Qt.ItemDataRole.UserRole))
                   for row in range(self.channels.count())
                   if self.channels.item(row).checkState() == Qt.CheckState.Checked]
        current = self.persona().preferred_channels  # keep the map's order; a new channel goes last
        self._edit(preferred_channels=[c for c in current if c in checked] + [c for c in checked if c not in current])

    def on_choose_photo(self) -> None:
        path = dialogs.ask_open_path(self, "Choose Persona Photo", str(Path.home()), "Images (*.png *.jpg *.jpeg)")
        if path is None:
            return
        try:
            photo = photo_from_file(path)
        except ValueError as exc:
            dialogs.show_error(self, str(exc))
            return
        self._edit(photo=photo)
