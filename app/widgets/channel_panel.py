"""The channel matrix dock: touchpoint cards counted per stage (rows) and channel (columns).

The persona's preferred channels are highlighted in the column headers, and a preferred
channel no stage uses (a gap) is called out under the table. Follows the document's signals.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QDockWidget, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from app.document import JourneyDocument
from app.widgets.plain_text import plain

if TYPE_CHECKING:  # the matrix is imported when the dock first shows, not with the editor
    from app.model.channels import ChannelMatrix

PREFERRED = "#1c7ed6"
PREFERRED_FILL = "#e7f1fc"
GAP = "#c92a2a"
EMPTY_FILL = "#fafbfc"
REFRESH_MS = 50


class ChannelPanel(QDockWidget):
    def __init__(self, document: JourneyDocument, parent: QWidget | None = None) -> None:
        super().__init__("Channel Matrix", parent)
        self.setObjectName("channel_matrix")
        self.setAccessibleName("Channel matrix")
        self.document = document
        self.matrix: ChannelMatrix | None = None
        body = QWidget()
        layout = QVBoxLayout(body)
        self.table = QTableWidget(body)
        self.table.setAccessibleName("Touchpoint cards per stage and channel")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setDefaultSectionSize(72)
        self.gaps_label = QLabel(body)
        self.gaps_label.setWordWrap(True)
        self.gaps_label.setAccessibleName("Channel gaps")
        self.note_label = plain(QLabel(body))
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("color: #4a5568;")
        layout.addWidget(self.table)
        layout.addWidget(self.gaps_label)
        layout.addWidget(self.note_label)
        self.setWidget(body)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        for signal in (document.replaced, document.structureChanged, document.cardsChanged, document.personaChanged,
                       document.personaFilterChanged):
            signal.connect(self._schedule)
        self.visibilityChanged.connect(lambda visible: visible and self.refresh())
        self.refresh()

    def _schedule(self, *_args) -> None:
        if self.isVisible():  # a hidden panel catches up when it is shown
            self._timer.start()

    def refresh(self) -> None:
        from app.model.channels import channel_matrix

        journey = self.document.visible_journey()  # the personas the filter shows: their cards and channels
        matrix = self.matrix = channel_matrix(journey)
        extra = any(matrix.without_channel)
        table = self.table
        table.clear()
        table.setRowCount(len(matrix.stage_ids))
        table.setColumnCount(len(matrix.channels) + (1 if extra else 0))
        table.setVerticalHeaderLabels(list(matrix.stage_names))
        for column, channel in enumerate(matrix.channels):
            header = QTableWidgetItem(channel.label)
            if matrix.is_preferred(channel):
                font = QFont(table.font())
                font.setBold(True)
                header.setFont(font)
                header.setForeground(QBrush(QColor(PREFERRED)))
                header.setToolTip("Preferred by " + ", ".join(matrix.who_prefers(channel) or ("the persona",)))
            table.setHorizontalHeaderItem(column, header)
            for row in range(len(matrix.stage_ids)):
                count = matrix.counts[row][column]
                item = QTableWidgetItem(str(count) if count else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if matrix.is_preferred(channel):
                    item.setBackground(QBrush(QColor(PREFERRED_FILL)))
                elif not count:
                    item.setBackground(QBrush(QColor(EMPTY_FILL)))
                table.setItem(row, column, item)
        if extra:
            column = len(matrix.channels)
            table.setHorizontalHeaderItem(column, QTableWidgetItem("No channel"))
            for row, count in enumerate(matrix.without_channel):
                item = QTableWidgetItem(str(count) if count else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setForeground(QBrush(QColor("#7d8596")))
                table.setItem(row, column, item)
        table.resizeColumnsToContents()
        self.gaps_label.setText(self._gap_text(matrix))
        self.note_label.setText("" if matrix.channels else
                                "No touchpoint card names a channel yet: set one from a card's context menu "
                                "(Channel) or in the inspector.")

    @staticmethod
    def _gap_text(matrix: ChannelMatrix) -> str:
        if not matrix.preferred:
            return "The persona names no preferred channels."
        if not matrix.gaps:
            return f"<span style='color:{PREFERRED}'>Every preferred channel is used at some stage.</span>"
        several = len({name for c in matrix.preferred for name in matrix.who_prefers(c)}) > 1
        if several:
            names = ", ".join(f"{c.label} ({escape(', '.join(matrix.who_prefers(c)))})" for c in matrix.gaps)
            who = "the personas prefer"
        else:
            names, who = ", ".join(channel.label for channel in matrix.gaps), "the persona prefers"
        return (f"<span style='color:{GAP}'><b>Gap:</b> {who} {names}, "
                f"but no stage offers {'it' if len(matrix.gaps) == 1 else 'them'}.</span>")
