"""The inspector dock: the details of what is selected on the canvas, editable.

It shows one page per kind of selection (card, stage, lane, phase, emotion point, or the map
itself when nothing is selected). Pages edit only through the document's public methods, one
undo step per finished edit, and refresh whenever the document signals a change.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDockWidget, QLabel, QScrollArea, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from app.document import JourneyDocument
from app.widgets.inspector_pages import CardPage, EmotionPage, LanePage, MapPage, Page, PhasePage, StagePage
from app.widgets.plain_text import plain
from app.widgets.selection import Selection


def make_pages(document: JourneyDocument) -> tuple[Page, ...]:
    """The pages, in `InspectorPanel`'s order: card, stage, lane, phase, emotion point, map."""
    return (CardPage(document), StagePage(document), LanePage(document), PhasePage(document),
            EmotionPage(document), MapPage(document))


class InspectorPanel(QDockWidget):
    def __init__(self, document: JourneyDocument, parent: QWidget | None = None,
                 pages: tuple[Page, ...] | None = None) -> None:
        """`pages` from `make_pages` (made here when not given: the window's start makes them a step earlier)."""
        super().__init__("Inspector", parent)
        self.setObjectName("inspector")
        self.setAccessibleName("Inspector")
        self.document = document
        self.selection = Selection()

        (self.card_page, self.stage_page, self.lane_page, self.phase_page, self.emotion_page,
         self.map_page) = pages or make_pages(document)
        self.pages = QStackedWidget()
        for page in (self.map_page, self.card_page, self.stage_page, self.lane_page, self.phase_page,
                     self.emotion_page):
            self.pages.addWidget(page)

        self.heading = plain(QLabel())
        self.heading.setAccessibleName("Inspector heading")
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.heading)
        layout.addWidget(self.pages)
        layout.addStretch(1)
        self.pages.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setAccessibleName("Inspector fields")
        self.setWidget(scroll)
        self.setMinimumWidth(300)

        for signal in (document.structureChanged, document.cardsChanged, document.emotionsChanged,
                       document.metadataChanged, document.personaChanged):
            signal.connect(self.refresh)
        document.replaced.connect(lambda: self.set_selection(Selection()))
        self.set_selection(Selection())

    @property
    def current_page(self) -> Page:
        return self.pages.currentWidget()

    def set_selection(self, selection: Selection) -> None:
        self.current_page.flush()  # typed-but-unfinished text belongs to the old selection
        self.selection = selection
        if selection.cards:
            self.card_page.show_cards(selection.cards)
            page: Page = self.card_page
        elif selection.emotion:
            self.emotion_page.point = selection.emotion
            page = self.emotion_page
        elif selection.stage_id:
            self.stage_page.stage_id = selection.stage_id
            page = self.stage_page
        elif selection.lane_id:
            self.lane_page.lane_id = selection.lane_id
            page = self.lane_page
        elif selection.phase_id:
            self.phase_page.phase_id = selection.phase_id
            page = self.phase_page
        else:
            page = self.map_page
        self._show_page(page)
        self.refresh()

    def _show_page(self, page: Page) -> None:
        """Only the shown page takes room, so a short form is not stretched to the longest one's height."""
        for index in range(self.pages.count()):
            other = self.pages.widget(index)
            policy = QSizePolicy.Policy.Preferred if other is page else QSizePolicy.Policy.Ignored
            other.setSizePolicy(QSizePolicy.Policy.Preferred, policy)
        self.pages.setCurrentWidget(page)
        self.pages.adjustSize()

    def refresh(self, *_args) -> None:
        page = self.current_page
        if not page.refresh():  # the selected thing was deleted (or undone away)
            self.selection = Selection()
            page = self.map_page
            self._show_page(page)
            page.refresh()
        self.pages.adjustSize()  # a page that grew (a persona's check box added) gets its room
        self.heading.setText(self._heading())

    def _heading(self) -> str:
        journey = self.document.journey
        page = self.current_page
        if page is self.card_page:
            count = len(self.card_page.card_ids)
            if count > 1:
                return f"{count} cards"
            card = self.document.card(self.card_page.card_ids[0])
            return f"Card in {journey.stage(card.stage_id).name} · {journey.lane(card.lane_id).name}"
        if page is self.stage_page:
            return f"Stage: {journey.stage(self.stage_page.stage_id).name}"
        if page is self.lane_page:
            return f"Lane: {journey.lane(self.lane_page.lane_id).name}"
        if page is self.phase_page:
            return f"Phase: {journey.phase(self.phase_page.phase_id).name}"
        if page is self.emotion_page:
            lane_id, stage_id = self.emotion_page.point
            return f"Emotion in {journey.stage(stage_id).name} · {journey.lane(lane_id).name}"
        return "Map"
