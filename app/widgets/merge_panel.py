"""Merging another copy of the open map: File ▸ Merge another copy…, the conflicts dock, and the bar
that offers to merge a sync tool's conflict copy found beside the file.

The merge itself is app.model.merge; the result reaches the map through JourneyDocument.apply_merge
(one undo step), and compare mode then marks and lists what the merge changed. Each conflict can be
reviewed: *Keep mine* leaves it as the rule decided, *Take theirs* merges again with that choice and
applies the difference on top of the map as it is now (so edits made since the merge are kept).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.io.errors import JourneyFileError
from app.model.journey import JourneyContent, JourneyMap
from app.widgets import dialogs

if TYPE_CHECKING:  # the merge itself is imported when a merge starts, not with the editor
    from app.model.merge import Conflict, ConflictKey, MergeResult, Side

KEY_ROLE = Qt.ItemDataRole.UserRole
GO_TO_KINDS = ("card", "stage", "lane")


@dataclass
class MergeSession:
    """One merge of another copy into the open map, and the choices made on its conflicts."""

    base: JourneyContent
    ours: JourneyMap
    theirs: JourneyMap
    label: str
    result: MergeResult
    choices: dict[ConflictKey, Side] = field(default_factory=dict)

    def chosen(self, conflict: Conflict) -> Side:
        return self.choices.get(conflict.key, conflict.chosen)


@dataclass
class _Step:
    """One choice made in the merge, and the result it gave."""

    index: int  # the undo stack's index right after this step
    choices: dict[ConflictKey, Side]
    result: MergeResult


class ConflictsPanel(QDockWidget):
    """The merge's conflicts, one per line, with Keep mine / Take theirs for the selected one."""

    choice_made = Signal(object, str)  # conflict key, "ours" | "theirs"
    conflict_selected = Signal(object)  # Conflict

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Merge conflicts", parent)
        self.setObjectName("merge_conflicts")
        body = QWidget()
        layout = QVBoxLayout(body)
        self.title = QLabel(body)
        self.title.setWordWrap(True)
        self.list = QListWidget(body)
        self.list.setAccessibleName("Merge conflicts")
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(self._on_current)
        self.details = QLabel(body)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        self.keep_button = QPushButton("Keep &mine", body)
        self.take_button = QPushButton("Take &theirs", body)
        self.next_button = QPushButton("&Next", body)
        self.keep_button.clicked.connect(lambda: self._choose("ours"))
        self.take_button.clicked.connect(lambda: self._choose("theirs"))
        self.next_button.clicked.connect(self.select_next)
        for button in (self.keep_button, self.take_button, self.next_button):
            buttons.addWidget(button)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        self.setWidget(body)
        self._conflicts: dict[ConflictKey, Conflict] = {}

    def set_conflicts(self, title: str, conflicts: list[Conflict], chosen: dict[ConflictKey, Side]) -> None:
        current = self.current_key()
        self.title.setText(title)
        self._conflicts = {c.key: c for c in conflicts}
        self.list.blockSignals(True)
        self.list.clear()
        for conflict in conflicts:
            item = QListWidgetItem(self._line(conflict, chosen.get(conflict.key, conflict.chosen)))
            item.setData(KEY_ROLE, conflict.key)
            self.list.addItem(item)
        self.list.blockSignals(False)
        keys = [c.key for c in conflicts]
        self.list.setCurrentRow(keys.index(current) if current in keys else 0)
        self._on_current(self.list.currentItem(), None)

    def current_key(self) -> ConflictKey | None:
        item = self.list.currentItem()
        return item.data(KEY_ROLE) if item is not None else None

    def lines(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]

    def select_next(self) -> None:
        if self.list.count():
            self.list.setCurrentRow((self.list.currentRow() + 1) % self.list.count())

    @staticmethod
    def _line(conflict: Conflict, side: Side) -> str:
        what = f"{conflict.kind} “{' '.join(conflict.name.split())}”"
        change = "deleted on one side" if conflict.field == "deleted" else conflict.field
        return f"{what}: {change} — {'kept mine' if side == 'ours' else 'took theirs'}"

    def _on_current(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        conflict = self._conflicts.get(item.data(KEY_ROLE)) if item is not None else None
        for button in (self.keep_button, self.take_button):
            button.setEnabled(conflict is not None)
        if conflict is None:
            self.details.setText("")
            return
        gone = "(deleted)" if conflict.field == "deleted" else "(none)"
        rows = "".join(f"<tr><td><b>{label}</b>&nbsp;</td><td>{_html(conflict.value(side), gone)}</td></tr>"
                       for label, side in (("Was", "base"), ("Mine", "ours"), ("Theirs", "theirs")))
        self.details.setText(f"<table>{rows}</table>")
        self.conflict_selected.emit(conflict)

    def _choose(self, side: Side) -> None:
        key = self.current_key()
        if key is not None:
            self.choice_made.emit(key, side)


class ConflictCopyBar(QToolBar):
    """A non-modal strip: a sync tool left a conflict copy of this map beside it; merge it? Once merged
    and saved, the copy can go to the trash (recoverable from there) so it is not offered again."""

    merge_requested = Signal(object)  # Path
    trash_requested = Signal(object)  # Path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Conflict copy", parent)
        self.setObjectName("conflict_copy_bar")
        self.setMovable(False)
        self.setStyleSheet("QToolBar { background: #e6f0ff; border-bottom: 1px solid #8fb3e8; }")
        self.label = QLabel(self)
        self.label.setContentsMargins(8, 2, 12, 2)
        self.addWidget(self.label)
        self.merge_action = self.addAction("Merge it into this map")
        self.merge_action.triggered.connect(lambda _checked=False: self.merge_requested.emit(self.copy))
        self.trash_action = self.addAction("Move the copy to the trash")
        self.trash_action.setToolTip("Enabled once the merged map is saved")
        self.trash_action.triggered.connect(lambda _checked=False: self.trash_requested.emit(self.copy))
        self.dismiss_action = self.addAction("Not now")
        self.dismiss_action.triggered.connect(self.dismiss)
        self.copy: Path | None = None
        self.dismissed: set[Path] = set()
        self.merged_copy = False

    def offer(self, copy: Path) -> None:
        self.copy = copy
        self.merged_copy = False
        self.label.setText(f"“{copy.name}” is another copy of this map, left by a file-sync tool.")
        self.merge_action.setVisible(True)
        self.trash_action.setVisible(False)
        self.dismiss_action.setText("Not now")
        self.show()

    def show_merged(self, saved: bool) -> None:
        """After merging the copy: offer to move it to the trash once the map is saved."""
        if self.copy is None:
            return
        self.merged_copy = True
        self.dismissed.add(self.copy)
        self.label.setText(f"Merged “{self.copy.name}”. " + ("Saved: the copy is no longer needed." if saved else
                                                              "Save the map before removing the copy."))
        self.merge_action.setVisible(False)
        self.trash_action.setVisible(True)
        self.trash_action.setEnabled(saved)
        self.dismiss_action.setText("Keep it")
        self.show()

    def dismiss(self) -> None:
        if self.copy is not None:
            self.dismissed.add(self.copy)
        self.merged_copy = False
        self.hide()


class MergeController(QObject):
    """File ▸ Merge another copy… for one main window."""

    merged = Signal()

    def __init__(self, window: QMainWindow, compare) -> None:
        super().__init__(window)
        self.window = window
        self.compare = compare  # the window's CompareController
        self.session: MergeSession | None = None
        self.panel = ConflictsPanel(window)
        self.panel.choice_made.connect(self.choose)
        self.panel.conflict_selected.connect(self._go_to)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel)
        self.panel.hide()
        self.bar = ConflictCopyBar(window)
        self.bar.merge_requested.connect(lambda path: self.merge_with_file(path, ask_ancestor=False))
        self.bar.trash_requested.connect(self.trash_copy)
        window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.bar)
        self.bar.hide()
        self.action = QAction("&Merge Another Copy…", window)
        self.action.setStatusTip("Bring another copy's changes into this map, by ids; conflicts are listed")
        self.action.triggered.connect(lambda _checked=False: self.merge_with_file())
        document = window.document
        document.loaded.connect(self._forget)
        document.pathChanged.connect(lambda _path: self.look_for_conflict_copies())
        document.modifiedChanged.connect(self._on_modified)
        document.undo_stack.indexChanged.connect(self._on_undo_index)
        self._steps: list[_Step] = []  # the merge, then each choice that changed the map: undo follows them
        window.installEventFilter(self)  # a sync tool may leave a copy while the map is open: look again on return

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.window and event.type() == QEvent.Type.WindowActivate and not self.bar.isVisible():
            self.look_for_conflict_copies()
        return False

    # --- merging ------------------------------------------------------------------------------------

    def merge_with_file(self, path: Path | None = None, *, ancestor: Path | None = None,
                        ask_ancestor: bool = True) -> bool:
        """Merge the copy at `path` into the open map. The common ancestor is the latest snapshot both
        hold, else `ancestor`, else (when asked and chosen) a file, else none: then everything from
        both copies is kept and every difference is listed as a conflict."""
        from app.io.formats import read_map
        from app.model.merge import MergeError, common_ancestor, merge_maps
        from app.widgets.window_files import ask_readable_path

        window = self.window
        if path is None:
            path = ask_readable_path(window, "Merge Another Copy")
            if path is None:
                return False
        try:
            theirs = read_map(Path(path)).journey
            ours = window.document.journey.model_copy(deep=True)
            shared = common_ancestor(ours, theirs)
            base: JourneyContent | None = shared.content if shared is not None else None
            if base is None and ancestor is None and ask_ancestor:
                ancestor = ask_readable_path(window, "Common ancestor of the two copies (Cancel: none)",
                                             str(Path(path).parent))
            if base is None and ancestor is not None:
                base = read_map(Path(ancestor)).journey.content()
            result = merge_maps(base if base is not None else JourneyContent(), ours, theirs)
        except (JourneyFileError, MergeError) as exc:
            dialogs.show_error(window, str(exc))
            return False
        name = Path(path).name
        since = f"snapshot '{shared.name}'" if shared is not None else (
            f"'{Path(ancestor).name}'" if ancestor is not None else "no common version")
        self._apply(result, base, ours, theirs, name, since)
        if self.bar.copy is not None and Path(path) == self.bar.copy:
            self.bar.show_merged(saved=False)
        return True

    def merge_journey(self, theirs: JourneyMap, base: JourneyContent | None, label: str, since: str) -> bool:
        """Merge `theirs` (read from anywhere: a version git holds) into the open map against `base` (None: no
        common version), as one undo step with its conflicts to review; `label` names their copy."""
        from app.model.merge import MergeError, merge_maps

        ours = self.window.document.journey.model_copy(deep=True)
        try:
            result = merge_maps(base if base is not None else JourneyContent(), ours, theirs)
        except MergeError as exc:
            dialogs.show_error(self.window, str(exc))
            return False
        self._apply(result, base, ours, theirs, label, since)
        return True

    def _apply(self, result: MergeResult, base: JourneyContent | None, ours: JourneyMap, theirs: JourneyMap,
               name: str, since: str) -> None:
        window = self.window
        before = window.document.journey.content()
        window.document.apply_merge(result.journey, f"Merge {name}")
        self.session = MergeSession(base or JourneyContent(), ours, theirs, name, result)
        self._steps = [_Step(window.document.undo_stack.index(), {}, result)]
        self.compare.start(before, f"the map before merging '{name}'")
        self._show_conflicts()
        count = len(result.conflicts)
        window.statusBar().showMessage(f"Merged {name} (common version: {since})" + (
            f": {count} conflict{'s' * (count != 1)} to review" if count else ", no conflicts"), 15000)
        self.merged.emit()

    def choose(self, key: ConflictKey, side: Side) -> None:
        """Keep mine / take theirs for one conflict: merge again with the choice, and apply the
        difference on top of the map as it is now, as one undo step."""
        from app.model.merge import MergeError, merge_maps

        session = self.session
        if session is None:
            return
        if session.choices.get(key, self._rule(key)) == side:
            session.choices[key] = side  # reviewed: the map already has this side
            self._steps[-1].choices[key] = side
            self._show_conflicts()
            self.panel.select_next()
            return
        session.choices[key] = side
        try:
            again = merge_maps(session.base, session.ours, session.theirs, choices=session.choices)
            now = merge_maps(session.result.journey, self.window.document.journey, again.journey, prefer="theirs")
        except MergeError as exc:
            dialogs.show_error(self.window, str(exc))
            return
        kind, _ident, field_name = key
        stack = self.window.document.undo_stack
        self._steps = [step for step in self._steps if step.index <= stack.index()]  # a new step drops redo
        self.window.document.apply_merge(now.journey, f"{'Take theirs' if side == 'theirs' else 'Keep mine'}: "
                                                      f"{kind} {field_name}")
        session.result = again
        self._steps.append(_Step(stack.index(), dict(session.choices), again))
        self._show_conflicts()
        self.panel.select_next()

    def _rule(self, key: ConflictKey) -> Side:
        conflict = next((c for c in self.session.result.conflicts if c.key == key), None) if self.session else None
        return conflict.chosen if conflict is not None else "ours"

    def _show_conflicts(self) -> None:
        session = self.session
        if session is None or not session.result.conflicts:
            self.panel.hide()
            return
        conflicts = session.result.conflicts
        count = len(conflicts)
        self.panel.set_conflicts(f"{count} conflict{'s' * (count != 1)} merging “{session.label}”: each kept "
                                 "your version unless you take theirs.", conflicts,
                                 {c.key: session.chosen(c) for c in conflicts})
        self.panel.show()
        self.panel.raise_()

    def _go_to(self, conflict: Conflict) -> None:
        if conflict.kind in GO_TO_KINDS and self.compare.active:
            self.compare.go_to((conflict.kind, conflict.id))

    def _on_modified(self, modified: bool) -> None:
        if self.bar.merged_copy:
            self.bar.show_merged(saved=not modified)

    def trash_copy(self, path: Path | None) -> bool:
        """Move a merged conflict copy to the trash (never deleted outright: it can be restored from there)."""
        from PySide6.QtCore import QFile

        if path is None or self.window.document.modified:
            return False
        if not QFile.moveToTrash(str(path)):
            dialogs.show_error(self.window, f"{path.name} could not be moved to the trash; delete it yourself "
                                            "when you no longer need it")
            return False
        self.bar.dismiss()
        self.window.statusBar().showMessage(f"Moved {path.name} to the trash", 8000)
        return True

    def _on_undo_index(self, index: int) -> None:
        """Undo and redo of the merge and of each choice: the conflicts dock follows. Once the merge
        itself is undone its conflicts no longer apply (redo brings the map back, not the review)."""
        session = self.session
        if session is None or not self._steps:
            return
        if index < self._steps[0].index:
            self.session = None
            self._steps = []
            self.panel.hide()
            return
        step = [s for s in self._steps if s.index <= index][-1]
        if step.result is not session.result:
            session.choices, session.result = dict(step.choices), step.result
            self._show_conflicts()

    def _forget(self) -> None:
        self.session = None
        self.panel.hide()
        self.bar.hide()
        self.look_for_conflict_copies()

    # --- conflict copies from sync tools -----------------------------------------------------------------

    def look_for_conflict_copies(self) -> Path | None:
        """Offer the newest conflict copy of the open file that really is a copy of this map."""
        if self.bar.merged_copy:
            return self.bar.copy
        from app.io.journey.conflict_copies import conflict_copies
        from app.io.journey.file import load_journey

        path = self.window.document.path
        if path is None:
            self.bar.hide()
            return None
        ours = self.window.document.journey
        own_ids = {item.id for items in (ours.stages, ours.lanes, ours.cards) for item in items}
        for copy in conflict_copies(Path(path)):
            if copy in self.bar.dismissed:
                continue
            try:
                theirs = load_journey(copy)
            except JourneyFileError:
                continue
            if any(item.id in own_ids for items in (theirs.stages, theirs.lanes, theirs.cards) for item in items):
                self.bar.offer(copy)
                return copy
        self.bar.hide()
        return None


def _html(value: object, none: str) -> str:
    from html import escape

    if value is None:
        return f"<i>{none}</i>"
    return escape(str(value)).replace("\n", "<br>")
