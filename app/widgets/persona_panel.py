"""The persona dock: who the journey is about. Every finished edit is one `edit_persona` call."""

from __future__ import annotations

import base64
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDockWidget,
    QFormLayout,
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
        body = QWidget()
        form = QFormLayout(body)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

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
        self.lists: dict[str, CommitTextEdit] = {}
        for field in LIST_FIELDS:
            edit = CommitTextEdit(f"Persona {field}, one per line", 3)
            edit.setPlaceholderText("one per line")
            edit.committed.connect(lambda text, field=field: self._edit(**{field: _lines(text)}))
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
        document.personaChanged.connect(self.refresh)
        document.replaced.connect(self.refresh)
        self.refresh()

    def persona(self) -> Persona:
        return self.document.journey.persona or Persona()

    def refresh(self) -> None:
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
        self.document.edit_persona(**fields)

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
