"""View > Show personas: which personas the canvas and the exports from the editor show.

The filter is the document's (`JourneyDocument.set_persona_filter`), so the canvas, File > Export and the
PDF dialog all draw `document.visible_journey()`, the map that `app.model.personas.filter_personas` returns.
"""

from __future__ import annotations

from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

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


class FilterIndicator(QPushButton):
    """In the status bar while View ▸ Show personas hides some: whom the canvas shows and how many cards it hides;
    a click shows every persona again (a filter left on made a room think cards were lost)."""

    def __init__(self, document: JourneyDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setFlat(True)
        self.setAccessibleName("Persona filter: show all personas")
        self.setStyleSheet("QPushButton { color: #9a3412; font-weight: bold; padding: 0 6px; }")
        self.clicked.connect(lambda: self.document.set_persona_filter(()))
        for signal in (document.personaFilterChanged, document.personaChanged, document.replaced,
                       document.structureChanged):
            signal.connect(self.refresh)
        document.cardsChanged.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args) -> None:
        shown = self.document.persona_filter
        if not shown:
            self.hide()
            return
        journey = self.document.journey
        names = [persona_label(p, i) for i, p in enumerate(journey.personas) if p.id in shown]
        hidden = len(journey.cards) - len(self.document.visible_journey().cards)
        cards = f"{hidden} card{'s' if hidden != 1 else ''} hidden"
        self.setText(f"Showing {', '.join(names)} only ({cards}): show all")
        self.setToolTip("View ▸ Show personas hides the other personas' cards and curves; click to show everyone")
        self.show()
