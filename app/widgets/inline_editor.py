"""In-place text editing on the canvas: Enter commits, Shift+Enter breaks the line, Esc cancels.

The editor commits once per edit (one undo command), including when it loses focus.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter, QTextCursor, QTextOption
from PySide6.QtWidgets import QGraphicsItem, QGraphicsTextItem, QStyleOptionGraphicsItem, QWidget

from app.layout import theme
from app.painters.qt_fonts import layout_font
from app.painters.qt_painter import qcolor
from app.widgets.canvas_items import Z_EDITOR


class InlineEditor(QGraphicsTextItem):
    def __init__(self, rect: QRectF, text: str, size: float, on_commit: Callable[[str], None],
                 on_cancel: Callable[[], None], multiline: bool = True, bold: bool = False) -> None:
        super().__init__()
        self._rect = rect
        self._on_commit = on_commit
        self._on_cancel = on_cancel
        self._multiline = multiline
        self._finished = False
        self.keep_on_escape = False  # quick capture: Esc keeps what was typed (sticky-note tools do)
        self.how = ""  # how editing ended: "enter", "tab", "backtab", "escape" or "away" (focus left)
        self.setZValue(Z_EDITOR)
        self.setFont(layout_font(size, bold))
        self.setDefaultTextColor(qcolor(theme.CARD_TEXT))
        self.setTextWidth(rect.width())
        self.document().setDocumentMargin(4)
        option = self.document().defaultTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)
        self.setPlainText(text)
        self.setPos(rect.topLeft())
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable, True)
        self.setAcceptDrops(False)

    def start(self) -> None:
        """Take the focus with all the text selected (a new name typed replaces the old; Home / End keep it)."""
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        cursor = self.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        self.setTextCursor(cursor)

    def place_caret(self, scene_pos: QPointF | None = None) -> None:
        """The caret where `scene_pos` is in the text (the nearest place between two characters), or at the end
        of the text; nothing selected, so typing adds to the text instead of replacing it."""
        cursor = self.textCursor()
        if scene_pos is None:
            cursor.movePosition(QTextCursor.MoveOperation.End)
        else:
            where = self.document().documentLayout().hitTest(self.mapFromScene(scene_pos),
                                                             Qt.HitTestAccuracy.FuzzyHit)
            cursor.setPosition(max(0, min(where, len(self.toPlainText()))))
        self.setTextCursor(cursor)

    def text(self) -> str:
        return self.toPlainText()

    @property
    def tab_pressed(self) -> bool:
        return self.how == "tab"

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        """The text's bounds, at least the box's height: the frame painted there must be repainted away too."""
        rect = super().boundingRect()
        rect.setHeight(max(rect.height(), self._rect.height()))
        return rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        rect = self.boundingRect()
        painter.setPen(qcolor(theme.SELECTION))
        painter.setBrush(qcolor("#ffffff"))
        painter.drawRoundedRect(rect, 3, 3)
        # Qt draws a dashed focus frame around the text's own bounds: our frame above is the one shown.
        from PySide6.QtWidgets import QStyle  # here, not at start: PySide6 builds QStyle's many enums on first use

        option.state &= ~(QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_Selected)
        super().paint(painter, option, widget)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if key == Qt.Key.Key_Escape:
            if self.keep_on_escape:
                self.commit("escape")
            else:
                self.cancel()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._multiline and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.textCursor().insertText("\n")
                return
            self.commit("enter")
            return
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and shift):
            self.commit("backtab")
            return
        if key == Qt.Key.Key_Tab:
            self.commit("tab")
            return
        super().keyPressEvent(event)

    def sceneEvent(self, event: QEvent) -> bool:  # noqa: N802
        """Tab must reach keyPressEvent: the text control would otherwise insert a tab character."""
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.keyPressEvent(event)
            return True
        return super().sceneEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.commit()

    def commit(self, how: str = "away") -> None:
        if self._finished:
            return
        self._finished = True
        self.how = how
        text = self.toPlainText()
        self._on_commit(text)

    def cancel(self) -> None:
        if self._finished:
            return
        self._finished = True
        self._on_cancel()
