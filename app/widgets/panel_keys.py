"""Esc in a side panel (Inspector, Persona, Versions, ...) gives the keyboard back to the canvas; F6 / Shift+F6
go from the canvas to each open panel in turn and back.

A field that takes Esc itself (an open list, a table cell being edited, a combo box's popup) keeps it: only an
Esc that no widget of the panel used reaches the panel. What was typed is kept, as Esc keeps it on the canvas:
the field commits when it loses the focus.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QPlainTextEdit, QScrollArea, QWidget


class EscapeToCanvas(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window

    def watch(self, *panels: QWidget) -> None:
        for panel in panels:
            panel.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier):
            view = self.window.view
            if view.isVisible():
                self.window.activateWindow()  # the panel may float in its own window
                view.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return True
        return False


def first_field(panel: QWidget) -> QWidget | None:
    """The first widget of `panel` that Tab would reach (shown, enabled, taking the focus by Tab)."""
    widget = panel.nextInFocusChain()
    while widget is not None and widget is not panel:
        if (panel.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and not isinstance(widget, QScrollArea)):  # a page's frame, not a field: typing there did nothing
            return widget
        widget = widget.nextInFocusChain()
    return None


class PaneCycle(QObject):
    """F6 / Shift+F6 take the keyboard to the next / previous pane: the canvas, then each open side panel (Tab
    on the canvas steps through a cell's cards, so it never reached a panel opened from the View menu)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        for keys, step in (("F6", 1), ("Shift+F6", -1)):
            action = QAction(window)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(lambda _checked=False, step=step: self.cycle(step))
            window.addAction(action)

    def panes(self) -> list[QWidget]:
        docks = [d for d in self.window.findChildren(QDockWidget) if d.isVisible() and not d.visibleRegion().isEmpty()
                 and first_field(d) is not None]
        docks.sort(key=lambda d: (d.mapTo(self.window, d.rect().topLeft()).x(), d.mapTo(self.window,
                                                                                        d.rect().topLeft()).y()))
        return [self.window.view, *docks]

    def cycle(self, step: int) -> None:
        panes = self.panes()
        focus = QApplication.focusWidget()
        current = next((i for i, pane in enumerate(panes) if focus is pane or (focus and pane.isAncestorOf(focus))), 0)
        target = panes[(current + step) % len(panes)]
        if target is self.window.view:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            field = first_field(target)
            if field is not None:
                field.setFocus(Qt.FocusReason.ShortcutFocusReason)  # a line's text is selected, to retype it
                if isinstance(field, QPlainTextEdit):
                    field.moveCursor(QTextCursor.MoveOperation.End)  # typing goes on after the text, as F2 does
