"""Esc in a side panel (Inspector, Persona, Versions, ...) gives the keyboard back to the canvas.

A field that takes Esc itself (an open list, a table cell being edited, a combo box's popup) keeps it: only an
Esc that no widget of the panel used reaches the panel. What was typed is kept, as Esc keeps it on the canvas:
the field commits when it loses the focus.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QMainWindow, QWidget


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
