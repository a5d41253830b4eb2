"""User text shown as text, never as markup: a map title `<font size=80>` must not grow huge.

QLabel, QMessageBox and tooltips guess rich text from the content (Qt::AutoText); these helpers take
that guess away wherever a label or tooltip can hold something the user or a file wrote."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def plain(label: QLabel) -> QLabel:
    """The label, set to show its text literally."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def escape(text: str) -> str:
    """`html.escape(text)`: the canvas's tooltips need it before the first paint, and the html package
    imports html.entities (its 2,000-entry tables) with it."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("'", "&#x27;"))


def plain_tooltip(text: str) -> str:
    """A tooltip showing `text` literally (tooltips have no text-format switch: escape and keep spacing)."""
    return f"<p style='white-space:pre-wrap'>{escape(text)}</p>" if text else ""
