"""Edit ▸ Find (Ctrl+F): a bar in its own row above the canvas that finds cards (text, note, tags, evidence source),
stages (title, description), lane titles and emotion points (label, note) by their words (`app.model.find`), says
"3 of 12", and selects and shows the current match on the canvas.

Enter / F3 go to the next match, Shift+Enter / Shift+F3 to the previous one (both wrap); Esc closes the bar and
gives the canvas the focus with the match still selected. The matches follow edits while the bar is open, and
search the map as the persona filter shows it (a card the filter hides is not found; the bar says how many).

Edit ▸ Replace (Ctrl+H) adds a Replace with field: Enter there replaces in the current match and goes to the next,
Ctrl+Enter (Replace all) in every match, one undo step (`JourneyDocument.replace_text`); the status bar says how
many places changed and which matches were left as they were.

Typing searches once the keys pause (`SEARCH_DELAY_MS`), so a burst of keys on a large map is one search; Enter,
F3 and the buttons search the field's text at once if that search is still to come. The map's text is folded once
(`FindIndex`), so a search is one substring scan; after an edit only the cells it changed are folded again."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QMainWindow, QToolBar

from app.model.find import Cell, FindIndex, Match
from app.model.journey import JourneyContent

NO_MATCH_STYLE = "QLineEdit { background: #fde8e8; }"
SEARCH_DELAY_MS = 120
"""How long typing in the field pauses before the map is searched: shorter than a reader notices, longer than
the gap between two keys of someone typing a word."""


class FindBar(QToolBar):
    """The field, the count and the previous / next / close buttons."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__("Find", window)
        self.setObjectName("find_bar")
        self.setMovable(False)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Find cards, stages, lanes and emotions")
        self.field.setAccessibleName("Find on the map")
        self.field.setClearButtonEnabled(True)
        self.field.setMinimumWidth(260)
        self.field.setMaximumWidth(480)
        self.addWidget(self.field)
        self.count = QLabel(self)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setContentsMargins(8, 0, 8, 0)
        self.count.setAccessibleName("Matches")
        self.addWidget(self.count)
        self.previous_action = self.addAction("Previous")
        self.previous_action.setToolTip("Previous match (Shift+Enter, Shift+F3)")
        self.next_action = self.addAction("Next")
        self.next_action.setToolTip("Next match (Enter, F3)")
        self.close_action = self.addAction("Close")
        self.close_action.setToolTip("Close the find bar (Esc)")
        # Edit ▸ Replace (Ctrl+H) shows the rest: what to put instead, and the two buttons
        self.replace_field = QLineEdit(self)
        self.replace_field.setPlaceholderText("Replace with")
        self.replace_field.setAccessibleName("Replace with")
        self.replace_field.setMinimumWidth(200)
        self.replace_field.setMaximumWidth(360)
        self.replace_actions = [self.addSeparator(), self.addWidget(self.replace_field)]
        self.replace_action = self.addAction("Replace")
        self.replace_action.setToolTip("Replace in the current match and go to the next (Enter in this field)")
        self.replace_all_action = self.addAction("Replace all")
        self.replace_all_action.setToolTip("Replace in every match at once: one undo step (Ctrl+Enter)")
        self.replace_actions += [self.replace_action, self.replace_all_action]
        self.set_replacing(False)

    def set_replacing(self, on: bool) -> None:
        for action in self.replace_actions:
            action.setVisible(on)

    @property
    def replacing(self) -> bool:
        return self.replace_action.isVisible()


class FindController(QObject):
    """Runs the find bar of one window: the matches, the current one, and the canvas's selection of it."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.view = window.view
        self.document = window.document
        self._bar: FindBar | None = None  # made the first time Find is used
        self.matches: list[Match] = []
        self.current: int | None = None  # index into matches of the one shown
        self._resume: int | None = None  # where the current match was when an edit took it away
        self.hidden = 0  # cards the persona filter hides that hold the words
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.timeout.connect(self._follow_edits)
        self._search_timer = QTimer(self)  # the search of what was typed, once the keys pause
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._search)
        # the map's text folded: "map", and "shown" (the map as the persona filter shows it) while it hides some
        self._indexes: dict[str, FindIndex] = {}
        self._stale: dict[str, set[Cell]] = {}  # per index, the cells whose cards or points changed since
        self.document.cardsChanged.connect(self._cells_changed)
        self.document.emotionsChanged.connect(self._lanes_changed)
        for signal in (self.document.structureChanged, self.document.replaced, self.document.personaFilterChanged,
                       self.document.personaChanged):
            signal.connect(self._map_changed)

    @property
    def bar(self) -> FindBar:
        if self._bar is None:
            bar = self._bar = FindBar(self.window)
            self.window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)  # its own row, never over another bar
            self.window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
            bar.hide()
            bar.field.textChanged.connect(self._on_text_changed)
            bar.field.installEventFilter(self)
            bar.previous_action.triggered.connect(self.find_previous)
            bar.next_action.triggered.connect(self.find_next)
            bar.close_action.triggered.connect(self.close)
            bar.replace_field.installEventFilter(self)
            bar.replace_action.triggered.connect(self.replace_current)
            bar.replace_all_action.triggered.connect(self.replace_all)
        return self._bar

    @property
    def is_open(self) -> bool:
        return self._bar is not None and self._bar.isVisible()

    # --- user actions ---------------------------------------------------------------------------

    def open(self, replacing: bool = False) -> None:
        """Show the bar with the focus in its field, its text selected (to type a new query at once)."""
        bar = self.bar
        bar.set_replacing(replacing)
        bar.show()
        bar.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        bar.field.selectAll()
        self._refresh(keep=True)

    def open_replace(self) -> None:
        """The bar with its Replace row; the focus in the find field, or in the replace field when there is a query."""
        query = self.bar.field.text().strip()
        self.open(replacing=True)
        if query:
            self.bar.replace_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.bar.replace_field.selectAll()

    def replace_current(self) -> None:
        """Replace in the current match (the first one when none is current yet), then go to the next."""
        if self._search_timer.isActive() or self.current is None:
            self._step(1)  # a match to replace in, shown first
            if self.current is None:
                return
        self._replace([self.matches[self.current]])
        self._refresh(keep=True)  # the match replaced is no longer one: the next is the one in its place
        self._step(1)

    def replace_all(self) -> None:
        if self._search_timer.isActive():
            self._search()
        self._replace(list(self.matches))
        self._refresh(keep=True)

    def _replace(self, matches: list[Match]) -> None:
        query, replacement = self.bar.field.text(), self.bar.replace_field.text()
        if not query.strip() or not matches:
            return
        done = self.document.replace_text(query, replacement, matches)
        message = (f"Replaced '{query.strip()}' with '{replacement}' in {done.places} "
                   f"place{'s' if done.places != 1 else ''} (Ctrl+Z undoes it)" if done.places else "Nothing replaced")
        if done.skipped:
            message += (f"; {done.skipped} match{'es' if done.skipped != 1 else ''} left as "
                        f"{'they were' if done.skipped != 1 else 'it was'} (an emotion label, the words not side "
                        "by side, or a name that would be empty)")
        if self.hidden:
            message += (f"; {self.hidden} more card{'s' if self.hidden != 1 else ''} the persona filter hides "
                        f"{'hold' if self.hidden != 1 else 'holds'} the words: not replaced")
        self.window.statusBar().showMessage(message, 12000)

    def close(self) -> None:
        """Hide the bar (a search still to come is dropped); the canvas gets the focus, the current match stays
        selected."""
        self._search_timer.stop()
        if self._bar is not None:
            self._bar.hide()
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def find_next(self) -> None:
        self._step(1)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        if not self.is_open:  # F3 with the bar closed opens it on the last query
            self.open()
        if self._search_timer.isActive():  # typed just now, not searched yet: the first (or last) match of it
            self._search(0 if step > 0 else -1)
            return
        if not self.matches:
            return
        if self.current is None:  # none yet, or the current one was edited away: the one now in its place
            resume = self._resume or 0
            self.current = resume % len(self.matches) if step > 0 else (resume - 1) % len(self.matches)
        else:
            self.current = (self.current + step) % len(self.matches)
        self._show_current()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """In the field: Enter next, Shift+Enter previous, Esc closes."""
        if self._bar is not None and watched is self._bar.field and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event
            if key_event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shift = key_event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                self.find_previous() if shift else self.find_next()
                return True
            if key_event.key() == Qt.Key.Key_Escape:
                self.close()
                return True
        if self._bar is not None and watched is self._bar.replace_field and event.type() == QEvent.Type.KeyPress:
            key_event = event
            if key_event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                ctrl = key_event.modifiers() & Qt.KeyboardModifier.ControlModifier
                self.replace_all() if ctrl else self.replace_current()
                return True
            if key_event.key() == Qt.Key.Key_Escape:
                self.close()
                return True
        return super().eventFilter(watched, event)

    # --- matching -------------------------------------------------------------------------------

    def _on_text_changed(self, text: str) -> None:
        if text.strip():
            self._search_timer.start()  # (again): once the keys pause
        else:
            self._search()  # an emptied field clears the count at once (nothing to search)

    def _search(self, show: int = 0) -> None:
        """Search the field's text; the first match (`show` 0) or the last (-1) is current and shown."""
        self._search_timer.stop()
        self._refresh(keep=False)
        if self.matches:
            self.current = show % len(self.matches)
            self._show_current()

    def _map_changed(self, *_args) -> None:
        self._indexes.clear()
        self._stale.clear()
        self._schedule_refresh()

    def _cells_changed(self, cells: set[Cell]) -> None:
        for key in self._indexes:
            self._stale.setdefault(key, set()).update(cells)
        self._schedule_refresh()

    def _lanes_changed(self, lane_ids: set[str]) -> None:
        self._cells_changed({(stage.id, lane_id) for stage in self.document.journey.stages for lane_id in lane_ids})

    def _schedule_refresh(self) -> None:
        if self.is_open:
            self._refresh_timer.start(0)  # once after a burst of changes (a paste, an undo of many)

    def _follow_edits(self) -> None:
        if self.is_open and not self._search_timer.isActive():  # else that search, soon, sees the edit
            self._refresh(keep=True)

    def _index(self, key: str, journey: JourneyContent) -> FindIndex:
        """The folded text of `journey` (the map, or the map as the filter shows it), brought up to date."""
        index, stale = self._indexes.get(key), self._stale.pop(key, None)
        if index is None:
            index = self._indexes[key] = FindIndex(journey)
        elif stale:
            index = self._indexes[key] = index.updated(journey, stale)
        return index

    def _refresh(self, keep: bool) -> None:
        """Match the field's words again; with `keep`, the current match stays current while it still matches
        (else there is none until Enter or F3 goes on from its place), and the canvas's selection is left alone."""
        query = self.bar.field.text()
        previous = self.matches[self.current] if keep and self.current is not None else None
        if not keep:
            self._resume = None
        elif self.current is not None:
            self._resume = self.current
        visible = self.document.visible_journey()
        filtered = bool(self.document.persona_filter)
        shown = self.view.map_scene.cards
        self.matches = [m for m in self._index("shown" if filtered else "map", visible).matches(query)
                        if m.kind != "card" or m.id in shown] if query.strip() else []
        all_cards = sum(1 for m in self._index("map", self.document.journey).matches(query) if m.kind == "card") \
            if filtered and query.strip() else None
        self.hidden = 0 if all_cards is None else all_cards - sum(1 for m in self.matches if m.kind == "card")
        if not self.matches:
            self.current = None
        elif previous is not None and previous in self.matches:
            self.current = self.matches.index(previous)
        else:
            self.current = None
        self._update_count()

    def _update_count(self) -> None:
        bar = self.bar
        query = bar.field.text().strip()
        if not query:
            text = ""
        elif not self.matches:
            text = "No matches"
        elif self.current is None:
            text = f"{len(self.matches)} match{'es' if len(self.matches) != 1 else ''}"
        else:
            text = f"{self.current + 1} of {len(self.matches)}"
        if query and self.hidden:
            text += f" ({self.hidden} more in cards the persona filter hides)"
        bar.count.setText(text)
        bar.field.setStyleSheet(NO_MATCH_STYLE if query and not self.matches else "")

    def _show_current(self) -> None:
        """Select the current match on the canvas and scroll it into view."""
        self._update_count()
        if self.current is None:
            return
        match = self.matches[self.current]
        scene, view = self.view.map_scene, self.view
        if match.kind == "card":
            scene.select_cards([match.id])
            view.ensureVisible(scene.cards[match.id].sceneBoundingRect(), 40, 40)
        elif match.kind == "emotion":  # its face on the curve the editor changes, else its cell
            lane_id, stage_id = match.id.split(" ")
            face = scene.points.get((lane_id, stage_id))
            if face is not None:
                scene.select_emotion(lane_id, stage_id)
                view.ensureVisible(face.sceneBoundingRect(), 40, 40)
            else:
                scene.set_cell((stage_id, lane_id))
                view.ensureVisible(QRectF(*scene.layout.cell_rect(stage_id, lane_id)), 40, 40)
        else:
            scene.select_header(match.kind, match.id)
            journey = self.document.journey
            if match.kind == "stage" and journey.lanes:
                x, y, w, _h = scene.layout.cell_rect(match.id, journey.lanes[0].id)
                view.ensureVisible(QRectF(x, view.mapToScene(0, 0).y(), w, 1), 40, 0)
            elif match.kind == "lane" and journey.stages:
                x, y, _w, h = scene.layout.cell_rect(journey.stages[0].id, match.id)
                view.ensureVisible(QRectF(view.mapToScene(0, 0).x(), y, 1, min(h, 200)), 0, 40)
        view._pin_headers()


def install_find(window: QMainWindow) -> FindController:
    """Find, Find Next and Find Previous in the Edit menu; the bar itself is made when first opened."""
    from app.widgets.main_window import key_sequences

    controller = FindController(window)
    menu = window.edit_menu
    menu.addSeparator()
    for text, slot, keys in (("&Find...", controller.open, QKeySequence.StandardKey.Find),
                             ("&Replace...", controller.open_replace, [QKeySequence.StandardKey.Replace, "Ctrl+H"]),
                             ("Find &Next", controller.find_next, [QKeySequence.StandardKey.FindNext, "F3"]),
                             ("Find Pre&vious", controller.find_previous,
                              [QKeySequence.StandardKey.FindPrevious, "Shift+F3"])):
        action = QAction(text, window)
        action.setShortcuts(key_sequences(keys))
        action.triggered.connect(lambda _checked=False, slot=slot: slot())
        menu.addAction(action)
    return controller
