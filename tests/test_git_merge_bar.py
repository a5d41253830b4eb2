"""The editor on a map whose git merge is not finished: git's markers opened as a merge by ids, the driver's
merge reviewed from the bar, and `git add` from the bar; clicked like a user would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.io.journey.file import load_journey
from app.io.journey.git_merge import unmerged_map
from app.widgets import dialogs
from tests.git_helpers import run_git
from tests.test_git_resolve import merged_repo


def _click(bar, action) -> None:
    QTest.mouseClick(bar.widgetForAction(action), Qt.MouseButton.LeftButton)


def test_a_map_with_git_markers_opens_as_a_merge_by_ids(window, tmp_path, git_env, monkeypatch, qtbot,
                                                       artifacts_dir):
    repo = merged_repo(tmp_path, git_env, driver=False)
    path = repo / "map.journey"
    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "ask_git_merge", lambda parent, name, side, problem: asked.append((side, problem))
                        or True)

    assert window.open_path(path)
    assert asked and asked[0][0] == "branch “office”" and "git conflict markers" in asked[0][1]
    document, merge = window.document, window.workshop.merge
    texts = sorted(card.text for card in document.journey.cards)
    assert texts == ["Pricing page is confusing", "Reads the reviews", "Sees an Instagram ad"]
    assert document.path == path.absolute() and document.modified
    assert merge.panel.isVisible() and len(merge.panel.lines()) == 1 and "kept mine" in merge.panel.lines()[0]
    bar = window.workshop.git_merge.bar
    assert bar.isVisible() and "save and mark it resolved" in bar.label.text()
    window.resize(1400, 900)
    window.grab().save(str(artifacts_dir / "git_merge_markers.png"))

    QTest.mouseClick(merge.panel.take_button, Qt.MouseButton.LeftButton)  # their wording for the card
    assert "Sees a TV ad" in [card.text for card in document.journey.cards]
    _click(bar, bar.resolved_action)  # saves, then git add
    qtbot.waitUntil(lambda: not bar.isVisible())
    assert not document.modified
    assert sorted(card.text for card in load_journey(path).cards) == [
        "Pricing page is confusing", "Reads the reviews", "Sees a TV ad"]
    assert unmerged_map(path) is None
    assert "its conflict is resolved" in window.statusBar().currentMessage()


def test_the_drivers_merge_offers_its_conflicts_for_review(window, tmp_path, git_env, qtbot):
    repo = merged_repo(tmp_path, git_env, driver=True)
    path = repo / "map.journey"
    assert window.open_path(path)
    bar = window.workshop.git_merge.bar
    assert bar.isVisible() and "is not finished" in bar.label.text() and "branch “office”" in bar.label.text()
    merge = window.workshop.merge
    assert not merge.panel.isVisible()

    _click(bar, bar.review_action)
    assert merge.panel.isVisible() and len(merge.panel.lines()) == 1
    assert "Sees a TV ad" in merge.panel.details.text()
    assert not bar.review_action.isVisible() and "then mark it resolved" in bar.label.text()
    assert not window.document.modified  # the review changed nothing: the driver kept ours

    run_git(repo, git_env, "merge", "--abort")  # finished elsewhere: the bar goes when the window is back
    window.workshop.git_merge.look()
    assert not bar.isVisible()


def test_declining_the_merge_shows_the_one_line_error(window, tmp_path, git_env, monkeypatch, dialog_script):
    repo = merged_repo(tmp_path, git_env, driver=False)
    monkeypatch.setattr(dialogs, "ask_git_merge", lambda *args: False)
    assert not window.open_path(repo / "map.journey")
    assert dialog_script.errors and "holds git conflict markers" in dialog_script.errors[0]
    assert not window.workshop.git_merge.bar.isVisible()
