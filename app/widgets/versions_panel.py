"""The Versions dock: the map's snapshots ("Workshop 1", "After redesign") with their date and
author; take, restore, rename, delete, and compare them.

Every change goes through the document (one undo step each). Comparing is the main window's
job: the panel asks for it through the `compare_requested` signal.
"""

from __future__ import annotations

import getpass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.document import JourneyDocument
from app.model.snapshots import SnapshotError, as_aware
from app.widgets import dialogs

ID_ROLE = Qt.ItemDataRole.UserRole


def default_author(document: JourneyDocument) -> str:
    """The map's author if it names one, else the login name."""
    author = document.journey.metadata.author.strip()
    if author:
        return author
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers)
        return ""


class VersionsPanel(QDockWidget):
    # (old snapshot id, new snapshot id or None for the current map)
    compare_requested = Signal(str, object)

    def __init__(self, document: JourneyDocument, parent: QWidget | None = None) -> None:
        super().__init__("Versions", parent)
        self.setObjectName("versions")
        self.setAccessibleName("Versions")
        self.document = document
        body = QWidget()
        layout = QVBoxLayout(body)
        self.list = QListWidget(body)
        self.list.setAccessibleName("Snapshots")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(lambda _item: self.compare_with_current())
        self.empty_label = QLabel("No snapshots yet. Take one before a workshop changes the map.", body)
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.list)
        layout.addWidget(self.empty_label)
        buttons = QGridLayout()
        self.take_button = self._button("Take snapshot…", self.take, buttons, 0, 0)
        self.restore_button = self._button("Restore", self.restore, buttons, 0, 1)
        self.rename_button = self._button("Rename…", self.rename, buttons, 1, 0)
        self.delete_button = self._button("Delete", self.delete, buttons, 1, 1)
        self.compare_button = self._button("Compare with current", self.compare_with_current, buttons, 2, 0)
        self.compare_two_button = self._button("Compare two…", self.compare_two, buttons, 2, 1)
        self.compare_two_button.setToolTip("Select two snapshots in the list (Ctrl+click), then compare them")
        layout.addLayout(buttons)
        self.setWidget(body)
        document.snapshotsChanged.connect(self.refresh)
        document.replaced.connect(self.refresh)
        self.refresh()

    def _button(self, text: str, slot, grid: QGridLayout, row: int, column: int) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(lambda _checked=False: slot())
        grid.addWidget(button, row, column)
        return button

    # --- the list ----------------------------------------------------------------------------

    def refresh(self) -> None:
        selected = set(self.selected_ids())
        self.list.clear()
        for snapshot in self.document.journey.snapshots:
            when = snapshot.created.astimezone().strftime("%d %b %Y, %H:%M")
            by = f" · {snapshot.author}" if snapshot.author else ""
            item = QListWidgetItem(f"{snapshot.name}\n{when}{by}")
            item.setData(ID_ROLE, snapshot.id)
            content = snapshot.content
            item.setToolTip(f"{len(content.stages)} stages, {len(content.lanes)} lanes, {len(content.cards)} cards")
            self.list.addItem(item)
            item.setSelected(snapshot.id in selected)
        has_any = bool(self.document.journey.snapshots)
        self.list.setVisible(has_any)
        self.empty_label.setVisible(not has_any)
        self._update_buttons()

    def selected_ids(self) -> list[str]:
        """Selected snapshot ids in list (file) order."""
        return [self.list.item(row).data(ID_ROLE) for row in range(self.list.count())
                if self.list.item(row).isSelected()]

    def select(self, snapshot_ids: list[str]) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setSelected(item.data(ID_ROLE) in snapshot_ids)

    def _update_buttons(self) -> None:
        count = len(self.selected_ids())
        for button in (self.restore_button, self.rename_button, self.compare_button):
            button.setEnabled(count == 1)
        self.delete_button.setEnabled(count >= 1)
        self.compare_two_button.setEnabled(count == 2)

    # --- actions -------------------------------------------------------------------------------

    def take(self) -> str | None:
        name = dialogs.ask_text(self, "Take Snapshot", "Name of this version (e.g. 'Workshop 1'):",
                                f"Version {len(self.document.journey.snapshots) + 1}")
        if name is None:
            return None
        try:
            snapshot_id = self.document.take_snapshot(name, default_author(self.document))
        except SnapshotError as exc:
            dialogs.show_error(self, str(exc))
            return None
        self.select([snapshot_id])
        return snapshot_id

    def restore(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.document.restore_snapshot(ids[0])
            self.select(ids)

    def rename(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        current = next(s.name for s in self.document.journey.snapshots if s.id == ids[0])
        name = dialogs.ask_text(self, "Rename Snapshot", "New name:", current)
        if name is None:
            return
        try:
            self.document.rename_snapshot(ids[0], name)
        except SnapshotError as exc:
            dialogs.show_error(self, str(exc))
        self.select(ids)

    def delete(self) -> None:
        for snapshot_id in self.selected_ids():  # each one undo step; Ctrl+Z brings it back
            self.document.delete_snapshot(snapshot_id)

    def compare_with_current(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.compare_requested.emit(ids[0], None)

    def compare_two(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 2:
            dialogs.show_error(self, "Select two snapshots to compare (Ctrl+click the second one).")
            return
        by_id = {s.id: s for s in self.document.journey.snapshots}
        older, newer = sorted(ids, key=lambda i: (as_aware(by_id[i].created), ids.index(i)))
        self.compare_requested.emit(older, newer)
