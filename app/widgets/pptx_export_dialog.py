"""File > Export > PowerPoint: slide size and "Include the editable map", then the deck is written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.io.pptx.sizes import SLIDE_SIZES
from app.model.journey import JourneyMap
from app.widgets.embed_option import EmbedMapOption


class PptxExportDialog(QDialog):
    """The deck's options: slide size (16:9 or 4:3) and whether it carries the editable map."""

    def __init__(self, journey: JourneyMap, slide_size: str = "16:9", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export PowerPoint")
        self.slide_size = QComboBox()
        self.slide_size.addItems(list(SLIDE_SIZES))
        self.slide_size.setCurrentText(slide_size if slide_size in SLIDE_SIZES else "16:9")
        self.embed_map = EmbedMapOption()
        stages = len(journey.stages)
        self.summary = QLabel(f"A title slide, the whole map as an overview, the persona, the emotion curve as a "
                              f"chart, one slide per stage ({stages}; a crowded stage continues on the next slide "
                              f"rather than shrinking its text) and the KPIs. Every text stays editable; card notes "
                              f"and evidence sources go in the speaker notes.")
        self.summary.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Slide size:", self.slide_size)
        form.addRow("", self.embed_map)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def options(self) -> dict:
        return {"slide_size": self.slide_size.currentText(), "embed": self.embed_map.isChecked()}


def export_pptx(window, fmt, suggested: Path) -> None:
    """File > Export > PowerPoint: choose where, then the options; the deck is written in a second or two."""
    from app.widgets import dialogs

    path = dialogs.ask_save_path(window, "Export PowerPoint", str(suggested), "PowerPoint presentation (*.pptx)")
    if path is None:
        return
    if path.suffix.lower() != ".pptx":
        path = path.with_name(path.name + ".pptx")
    remembered = window.settings.export_options(fmt.name)
    dialog = PptxExportDialog(window.document.journey, str(remembered.get("slide_size", "16:9")), parent=window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    dialog.embed_map.remember()
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        window.export_to(path, fmt, dialog.options())
    finally:
        QGuiApplication.restoreOverrideCursor()
