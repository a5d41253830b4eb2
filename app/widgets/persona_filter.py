"""View > Show personas: which personas the canvas and the exports from the editor show.

The filter is the document's (`JourneyDocument.set_persona_filter`), so the canvas, File > Export and the
PDF dialog all draw `document.visible_journey()`, the map that `app.model.personas.filter_personas` returns.
"""

from __future__ import annotations

from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from app.document import JourneyDocument
from app.model.personas import persona_label


class PersonaFilterMenu(QMenu):
    """"All personas", then one checkable entry per persona; checking several shows several."""

    def __init__(self, document: JourneyDocument, parent: QWidget | None = None) -> None:
        super().__init__("Show &personas", parent)
        self.document = document
        self.aboutToShow.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        self.clear()
        shown = set(self.document.persona_filter)
        every = self.addAction("&All personas", lambda: self.document.set_persona_filter(()))
        every.setCheckable(True)
        every.setChecked(not shown)
        self.addSeparator()
        group = QActionGroup(self)
        group.setExclusive(False)
        for index, persona in enumerate(self.document.journey.personas):
            action = self.addAction(persona_label(persona, index),
                                    lambda checked=False, pid=persona.id: self.toggle(pid))
            action.setCheckable(True)
            action.setChecked(persona.id in shown)
            group.addAction(action)
        if not self.document.journey.personas:
            self.addAction("(the map has no personas)").setEnabled(False)

    def toggle(self, persona_id: str) -> None:
        """Show or hide one persona; hiding the last one shown shows all again."""
        shown = list(self.document.persona_filter)
        if persona_id in shown:
            shown.remove(persona_id)
        else:
            shown.append(persona_id)
        self.document.set_persona_filter(shown)
