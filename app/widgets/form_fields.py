"""Panel fields that commit once per finished edit (not per keystroke), and a colour picker.

Each field emits `committed(value)` only when the user finished editing and the value differs
from the one last shown; `set_value` updates the display without emitting anything, so a panel
refreshing from the document never echoes a change back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.widgets import dialogs


class CommitLineEdit(QLineEdit):
    committed = Signal(str)

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self._shown = ""
        self._required = ""  # the reason shown when the field is left empty (then the old text comes back)
        self.refusal = ""
        self.editingFinished.connect(self.flush)

    def set_required(self, reason: str) -> None:
        self._required = reason

    def set_value(self, text: str) -> None:
        self._shown = text
        if self.text() != text:
            self.setText(text)

    def flush(self) -> None:
        if self._required and not self.text().strip() and self._shown.strip():
            self.refusal = self._required
            self.setText(self._shown)
            QToolTip.showText(self.mapToGlobal(self.rect().bottomLeft()), self._required, self)
            window = self.window()
            if hasattr(window, "statusBar"):
                window.statusBar().showMessage(self._required, 8000)
            return
        if self.text() != self._shown:
            self._shown = self.text()
            self.committed.emit(self._shown)


class CommitTextEdit(QPlainTextEdit):
    """Multi-line text committed on focus-out or Ctrl+Enter; Tab moves focus, as in a form. With `live_ms`, also
    when typing pauses that long, so what it shows on the canvas follows the typing (the page joins those commits
    into one undo step)."""

    committed = Signal(str)

    def __init__(self, accessible_name: str, lines: int = 3, parent: QWidget | None = None, live_ms: int = 0) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setTabChangesFocus(True)
        self._shown = ""
        self.draft = None
        """(journey copy, text) -> None: puts text typed here and not yet committed into a copy of the map, for
        autosave (a long note typed when the editor crashed was lost: it is committed only when the field is left)."""
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 14)
        self._pause: QTimer | None = None
        if live_ms:
            self._pause = QTimer(self)
            self._pause.setSingleShot(True)
            self._pause.setInterval(live_ms)
            self._pause.timeout.connect(self.flush)
            self.textChanged.connect(lambda: self.hasFocus() and self._pause.start())

    def set_value(self, text: str) -> None:
        self._shown = text
        if self.toPlainText() != text:
            self.setPlainText(text)
        if self._pause is not None:
            self._pause.stop()

    @property
    def uncommitted(self) -> bool:
        return self.toPlainText() != self._shown

    def flush(self) -> None:
        if self._pause is not None:
            self._pause.stop()
        if self.toPlainText() != self._shown:
            self._shown = self.toPlainText()
            self.committed.emit(self._shown)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        self.flush()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if ctrl and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.flush()
            return
        super().keyPressEvent(event)


class CommitComboBox(QComboBox):
    """A choice committed when the user picks an item (`activated`), carrying its item data."""

    committed = Signal(object)

    def __init__(self, accessible_name: str, choices: list[tuple[str, object]] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        if choices:
            self.set_choices(choices)
        self.activated.connect(lambda index: self.committed.emit(self.itemData(index)))

    def set_choices(self, choices: list[tuple[str, object]]) -> None:
        current = self.currentData()
        self.blockSignals(True)
        self.clear()
        for label, data in choices:
            self.addItem(label, data)
        self.blockSignals(False)
        self.set_value(current)

    def set_value(self, data: object) -> None:
        index = self.findData(data)
        self.blockSignals(True)
        self.setCurrentIndex(max(0, index))
        self.blockSignals(False)

    def set_mixed(self, text: str) -> None:
        """No item chosen, `text` shown instead (several cards, each with its own choice)."""
        self.setPlaceholderText(text)
        self.blockSignals(True)
        self.setCurrentIndex(-1)
        self.blockSignals(False)


class CommitSpinBox(QSpinBox):
    committed = Signal(int)

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setKeyboardTracking(False)  # valueChanged on Enter, focus-out and arrow steps only
        self.valueChanged.connect(self.committed.emit)

    def set_value(self, value: int) -> None:
        self.blockSignals(True)
        self.setValue(value)
        self.blockSignals(False)


class CommitDoubleSpinBox(QDoubleSpinBox):
    committed = Signal(float)

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setKeyboardTracking(False)
        self.valueChanged.connect(self.committed.emit)

    def set_value(self, value: float) -> None:
        self.blockSignals(True)
        self.setValue(value)
        self.blockSignals(False)


class ColorField(QWidget):
    """A swatch button that opens a colour dialog, and a button back to the default colour."""

    committed = Signal(object)  # '#rrggbb' or None for the default

    def __init__(self, accessible_name: str, reset_label: str = "Use default", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._name = accessible_name
        self._value: str | None = None
        self._mixed = False  # several cards with different colours: the reset button still applies
        self.choose_button = QPushButton(self)
        self.choose_button.setAccessibleName(f"Choose {accessible_name.lower()}")
        self.choose_button.clicked.connect(self.choose)
        self.reset_button = QPushButton(reset_label, self)
        self.reset_button.setAccessibleName(f"{accessible_name}: {reset_label.lower()}")
        self.reset_button.clicked.connect(self.reset)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.choose_button, 1)
        layout.addWidget(self.reset_button)
        self.set_value(None)

    def value(self) -> str | None:
        return self._value

    def set_value(self, color: str | None) -> None:
        self._value = color
        self._mixed = False
        self.reset_button.setEnabled(color is not None)
        self.choose_button.setText(color or "Choose...")
        if color:
            # The swatch is the user's colour; the text picks black or white to stay readable on it.
            text = "#000000" if QColor(color).lightnessF() > 0.55 else "#ffffff"
            self.choose_button.setStyleSheet(f"QPushButton {{ background: {color}; color: {text}; }}")
        else:
            self.choose_button.setStyleSheet("")

    def set_mixed(self) -> None:
        self.set_value(None)
        self._mixed = True
        self.reset_button.setEnabled(True)
        self.choose_button.setText("Different colours: choose...")

    def choose(self) -> None:
        color = dialogs.ask_color(self, self._value, self._name)
        if color is not None and color != self._value:
            self.set_value(color)
            self.committed.emit(color)

    def reset(self) -> None:
        if self._value is not None or self._mixed:
            self.set_value(None)
            self.committed.emit(None)


class PersonaChecks(QWidget):
    """Which personas a card is for: one check box per persona; none checked means all of them.

    `committed` carries the checked persona ids (an empty list when every box is cleared)."""

    committed = Signal(object)
    toggled = Signal(str, bool)  # one box clicked: (persona id, checked now)

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.boxes: list[QCheckBox] = []
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #6b7280;")
        self._layout.addWidget(self.hint)
        self._ids: list[str] = []

    def set_personas(self, personas: list[tuple[str, str]]) -> None:
        """(id, label) per persona of the map, in order; rebuilds the boxes only when the list changed."""
        if [i for i, _ in personas] == self._ids and [b.text() for b in self.boxes] == [n for _, n in personas]:
            return
        for box in self.boxes:
            self._layout.removeWidget(box)
            box.deleteLater()
        self.boxes = []
        self._ids = [i for i, _ in personas]
        for index, (_, label) in enumerate(personas):
            box = QCheckBox(label, self)
            box.setAccessibleName(f"For persona {label}")
            box.clicked.connect(lambda checked=False, pid=self._ids[index]: self._on_clicked(pid, checked))
            self._layout.insertWidget(index, box)
            box.show()
            self.boxes.append(box)

    def set_value(self, persona_ids: list[str]) -> None:
        for persona_id, box in zip(self._ids, self.boxes, strict=True):
            box.setChecked(persona_id in persona_ids)
        self._show_hint()

    def set_values(self, lists: list[list[str]]) -> None:
        """Several cards' personas: a box is checked when every card names that persona, half-checked when some do."""
        for persona_id, box in zip(self._ids, self.boxes, strict=True):
            count = sum(persona_id in ids for ids in lists)
            box.setCheckState(Qt.CheckState.Checked if count == len(lists) else
                              Qt.CheckState.PartiallyChecked if count else Qt.CheckState.Unchecked)
        self._show_hint()
        if any(box.checkState() == Qt.CheckState.PartiallyChecked for box in self.boxes):
            self.hint.setText("Half-checked: some of the cards are for that persona; a click sets it for all of them.")

    def value(self) -> list[str]:
        return [i for i, box in zip(self._ids, self.boxes, strict=True) if box.isChecked()]

    def _show_hint(self) -> None:
        if not self.boxes:
            self.hint.setText("The map has no personas.")
        elif not self.value():
            self.hint.setText("None checked: the card is for every persona.")
        else:
            self.hint.setText("Shown only when a checked persona is shown.")

    def _on_clicked(self, persona_id: str, checked: bool) -> None:
        self._show_hint()
        self.toggled.emit(persona_id, checked)
        self.committed.emit(self.value())
