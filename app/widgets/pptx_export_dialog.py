"""File > Export > PowerPoint: slide size, which personas the deck shows and "Include the editable map"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.io.pptx.sizes import SLIDE_SIZES
from app.model.journey import JourneyMap
from app.model.personas import filter_personas, persona_label
from app.widgets.embed_option import EmbedMapOption, persona_split


class PptxExportDialog(QDialog):
    """The deck's options: slide size (16:9 or 4:3), the personas it shows (at first those View > Show personas
    shows) and whether it carries the editable map (then only what the deck shows)."""

    def __init__(self, journey: JourneyMap, slide_size: str = "16:9", parent: QWidget | None = None,
                 shown_personas: tuple[str, ...] | list[str] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export PowerPoint")
        self.journey = journey
        self.slide_size = QComboBox()
        self.slide_size.addItems(list(SLIDE_SIZES))
        self.slide_size.setCurrentText(slide_size if slide_size in SLIDE_SIZES else "16:9")
        self.embed_map = EmbedMapOption()
        stages = len(journey.stages)
        self.summary = QLabel(f"A title slide, the whole map as an overview, a slide per persona, the emotion curves "
                              f"as a chart, one slide per stage ({stages}; a crowded stage continues on the next "
                              f"slide rather than shrinking its text) and the KPIs. Every text stays editable; card "
                              f"notes and evidence sources go in the speaker notes.")
        self.summary.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Slide size:", self.slide_size)
        self.persona_boxes: list[tuple[str, QCheckBox]] = []
        shown = set(shown_personas) or {p.id for p in journey.personas}
        personas = QVBoxLayout()
        personas.setSpacing(2)
        for index, persona in enumerate(journey.personas):
            box = QCheckBox(persona_label(persona, index))
            box.setChecked(persona.id in shown)
            box.toggled.connect(self._personas_changed)
            personas.addWidget(box)
            self.persona_boxes.append((persona.id, box))
        if len(self.persona_boxes) > 1:  # one persona (or none): nothing to choose
            form.addRow("Personas shown:", personas)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.embed_map)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)  # the wrapped hint is never cut
        self._personas_changed()

    def shown_persona_ids(self) -> list[str]:
        """The personas ticked; none ticked or all ticked means the whole map (no filter)."""
        ticked = [pid for pid, box in self.persona_boxes if box.isChecked()]
        return [] if len(ticked) == len(self.persona_boxes) else ticked

    def _personas_changed(self) -> None:
        ticked = [pid for pid, box in self.persona_boxes if box.isChecked()]
        self.export_button.setEnabled(bool(ticked) or not self.persona_boxes)
        self.export_button.setToolTip("" if self.export_button.isEnabled() else "Tick at least one persona")
        self.embed_map.show_filter(*persona_split(self.journey, self.shown_persona_ids()))

    def deck_journey(self) -> JourneyMap:
        """The map the deck shows (and embeds): the personas ticked, their cards and curves."""
        ids = self.shown_persona_ids()
        return filter_personas(self.journey, ids) if ids else self.journey

    def options(self) -> dict:
        return {"slide_size": self.slide_size.currentText(), "embed": self.embed_map.isChecked()}


def export_pptx(window, fmt, suggested: Path) -> None:
    """File > Export > PowerPoint: choose where, then the options; the deck is written in a second or two."""
    from app.widgets import dialogs

    path = dialogs.ask_save_path_as(window, "Export PowerPoint", str(suggested), "PowerPoint presentation (*.pptx)",
                                    (".pptx",))
    if path is None:
        return
    remembered = window.settings.export_options(fmt.name)
    document = window.document
    dialog = PptxExportDialog(document.journey, str(remembered.get("slide_size", "16:9")), parent=window,
                              shown_personas=document.persona_filter)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    dialog.embed_map.remember()
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        window.export_to(path, fmt, dialog.options(), journey=dialog.deck_journey())
    finally:
        QGuiApplication.restoreOverrideCursor()
