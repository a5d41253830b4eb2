"""The open map is in a git merge that is not finished: a bar to review its conflicts and to tell git it is resolved.

A map the driver merged opens as usual, with ours kept at each conflict, and nothing in the file says so; this bar
does, and *Review the conflicts* merges the version git holds of theirs into the map against the common ancestor
git holds, which lists each conflict in the Merge conflicts dock (was / mine / theirs). A map git merged line by
line holds `<<<<<<<` markers and cannot open: `MainWindow.open_path` then offers to open our version with theirs
merged in by ids (`open_unmerged`). *Mark as resolved* runs `git add` on the saved map, as a person would.

git runs only when the repository is in the middle of a merge, rebase, cherry-pick or revert
(`app.io.journey.git_merge`), so looking costs nothing anywhere else.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QToolBar

from app.io.errors import JourneyFileError
from app.widgets import dialogs

if TYPE_CHECKING:
    from app.io.journey.git_merge import UnmergedMap
    from app.widgets.merge_panel import MergeController


class GitMergeBar(QToolBar):
    """A non-modal strip above the canvas while the map's git merge is not finished."""

    def __init__(self, parent: QMainWindow) -> None:
        super().__init__("Git merge", parent)
        self.setObjectName("git_merge_bar")
        self.setMovable(False)
        self.setStyleSheet("QToolBar { background: #fff4d6; border-bottom: 1px solid #e0b44c; }")
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setContentsMargins(8, 2, 12, 2)
        self.addWidget(self.label)
        self.review_action = self.addAction("Review the Conflicts")
        self.review_action.setToolTip("Merge their version into this map by ids and list each conflict")
        self.resolved_action = self.addAction("Mark as Resolved")
        self.resolved_action.setToolTip("git add: tell git the conflict in this map is resolved (save first)")
        self.dismiss_action = self.addAction("Not Now")
        self.dismiss_action.triggered.connect(self.hide)


class GitMergeController(QObject):
    """Watches the open map for an unfinished git merge of it and drives the bar."""

    def __init__(self, window: QMainWindow, merge: MergeController) -> None:
        super().__init__(window)
        self.window = window
        self.merge = merge
        self.unmerged: UnmergedMap | None = None
        self.reviewed = False
        self.dismissed: set[Path] = set()
        self.bar = GitMergeBar(window)
        self.bar.review_action.triggered.connect(lambda _checked=False: self.review())
        self.bar.resolved_action.triggered.connect(lambda _checked=False: self.mark_resolved())
        self.bar.dismiss_action.triggered.connect(self._dismiss)
        window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.bar)
        self.bar.hide()
        document = window.document
        document.loaded.connect(self._on_loaded)
        document.pathChanged.connect(lambda _path: self.look())
        document.modifiedChanged.connect(lambda _modified: self._show())
        window.installEventFilter(self)  # `git merge` may run while the map is open: look again on return
        self.look()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.window and event.type() == QEvent.Type.WindowActivate:
            self.look()
        return False

    def look(self) -> UnmergedMap | None:
        """Whether the open map's git merge is unfinished; shows or hides the bar."""
        from app.io.journey.git_merge import unmerged_map

        path = self.window.document.path
        try:
            unmerged = unmerged_map(path) if path is not None else None
        except JourneyFileError:
            unmerged = None
        if unmerged is None or self.unmerged is None or unmerged.path != self.unmerged.path:
            self.reviewed = False
        self.unmerged = unmerged
        self._show()
        return unmerged

    def review(self, unmerged: UnmergedMap | None = None) -> bool:
        """Merge the version of theirs git holds into the map, against the common ancestor git holds: one undo
        step, and the conflicts in the Merge conflicts dock."""
        from app.io.journey.git_merge import read_versions

        unmerged = unmerged or self.unmerged or self.look()
        if unmerged is None:
            return False
        try:
            base, _ours, theirs = read_versions(unmerged)
        except JourneyFileError as exc:
            dialogs.show_error(self.window, str(exc))
            return False
        since = "git's common ancestor" if base is not None else "none: both sides added the map"
        if not self.merge.merge_journey(theirs, base, f"the version from {unmerged.their_side}", since):
            return False
        self.unmerged, self.reviewed = unmerged, True
        self._show()
        return True

    def open_unmerged(self, unmerged: UnmergedMap) -> bool:
        """A map of git's conflict markers: our version, with theirs merged in by ids (unsaved until the user
        saves, which replaces the markers)."""
        from app.io.journey.git_merge import read_versions

        try:
            _base, ours, _theirs = read_versions(unmerged)
        except JourneyFileError as exc:
            dialogs.show_error(self.window, str(exc))
            return False
        self.window.load(ours, unmerged.path, modified=True)
        self.unmerged = unmerged
        return self.review(unmerged)

    def mark_resolved(self) -> bool:
        """`git add` the map once it is saved (saving it first when asked to)."""
        from app.io.journey.git_merge import GitMergeError
        from app.io.journey.git_merge import mark_resolved as git_add

        window, unmerged = self.window, self.unmerged
        if unmerged is None:
            return False
        if window.document.modified and not window.save():
            return False
        try:
            git_add(unmerged.path)
        except GitMergeError as exc:
            dialogs.show_error(window, f"{unmerged.path.name}: git could not mark it resolved: {exc}")
            return False
        window.statusBar().showMessage(f"git add {unmerged.path.name}: its conflict is resolved; commit the "
                                       "merge when every file is", 15000)
        self.look()
        return True

    def _on_loaded(self) -> None:
        self.reviewed = False
        self.look()

    def _dismiss(self) -> None:
        if self.unmerged is not None:
            self.dismissed.add(self.unmerged.path)
        self.bar.hide()

    def _show(self) -> None:
        unmerged = self.unmerged
        if unmerged is None or unmerged.path in self.dismissed:
            self.bar.hide()
            return
        name = unmerged.path.name
        if self.reviewed:
            text = (f"Merged {name} with {unmerged.their_side} by ids. Review the conflicts on the right, "
                    + ("then save and mark it resolved." if self.window.document.modified else
                       "then mark it resolved."))
        else:
            text = (f"A git merge of {name} with {unmerged.their_side} is not finished: where the two sides "
                    "disagree, the map holds yours.")
        self.bar.label.setText(text)
        self.bar.review_action.setVisible(not self.reviewed)
        self.bar.show()
