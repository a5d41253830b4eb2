"""An unfinished git merge of a map: what opening it says, and `journey-canvas git-resolve`, in a real repository."""

from __future__ import annotations

import json
from pathlib import Path

from app.io.journey.file import load_journey, save_journey
from app.io.journey.git_merge import conflict_marker_line, unmerged_map
from app.model import Card
from app.model.templates import map_from_template
from tests.git_helpers import run_git, run_main


def _edit(path: Path, text: str, new_card: str) -> None:
    """Give the first card new text and add a card: two branches doing this conflict, line by line and by ids."""
    journey = load_journey(path)
    journey.card("c0").text = text
    journey.cards.append(Card(stage_id=journey.stages[2].id, lane_id=journey.lanes[0].id, text=new_card))
    save_journey(journey, path)


def merged_repo(tmp_path: Path, env: dict[str, str], *, driver: bool) -> Path:
    """A repository whose `git merge` of two branches that edited one card differently stopped on map.journey:
    with git's conflict markers in it, or (`driver`) the merge by ids that kept ours."""
    repo = tmp_path / "repo"
    repo.mkdir()
    run_git(repo, env, "init", "-q", "-b", "main")
    journey = map_from_template("five-stage", title="Onboarding")
    journey.cards = [Card(id="c0", stage_id=journey.stages[0].id, lane_id=journey.lanes[0].id, text="Sees an ad")]
    save_journey(journey, repo / "map.journey")
    if driver:
        assert run_main(env, "git-setup", str(repo)).returncode == 0
    else:  # git's own line-by-line merge, whatever the user's settings
        (repo / ".gitattributes").write_text("*.journey merge=text\n")
    run_git(repo, env, "add", "-A")
    run_git(repo, env, "commit", "-qm", "base")
    run_git(repo, env, "checkout", "-qb", "office")
    _edit(repo / "map.journey", "Sees a TV ad", "Reads the reviews")
    run_git(repo, env, "commit", "-qam", "office")
    run_git(repo, env, "checkout", "-q", "main")
    _edit(repo / "map.journey", "Sees an Instagram ad", "Pricing page is confusing")
    run_git(repo, env, "commit", "-qam", "workshop")
    assert run_git(repo, env, "merge", "--no-edit", "office", check=False).returncode != 0  # stopped on a conflict
    return repo


def _texts(path: Path) -> list[str]:
    return sorted(card.text for card in load_journey(path).cards)


def test_git_markers_are_named_with_the_way_out_and_git_resolve_merges_by_ids(tmp_path, git_env):
    repo = merged_repo(tmp_path, git_env, driver=False)
    path = repo / "map.journey"
    assert conflict_marker_line(path.read_bytes()) is not None

    info = run_main(git_env, "info", str(path))
    assert info.returncode == 1 and "Traceback" not in info.stderr
    assert "holds git conflict markers (line" in info.stderr and "git-resolve map.journey" in info.stderr

    resolved = run_main(git_env, "git-resolve", str(path))
    assert resolved.returncode == 3, resolved.stderr
    assert "base 'Sees an ad', ours 'Sees an Instagram ad', theirs 'Sees a TV ad'; kept ours" in resolved.stdout
    assert "branch “office”" in resolved.stderr and "git add map.journey" in resolved.stderr
    assert _texts(path) == ["Pricing page is confusing", "Reads the reviews", "Sees an Instagram ad"]
    assert unmerged_map(path) is not None  # git's index is the user's to update

    theirs = run_main(git_env, "git-resolve", str(path), "--prefer", "theirs", "--json")
    assert theirs.returncode == 3 and json.loads(theirs.stdout)["written"] is True
    assert _texts(path) == ["Pricing page is confusing", "Reads the reviews", "Sees a TV ad"]
    run_git(repo, git_env, "add", "map.journey")
    assert unmerged_map(path) is None


def test_git_resolve_keeps_edits_made_after_the_drivers_merge(tmp_path, git_env):
    repo = merged_repo(tmp_path, git_env, driver=True)
    path = repo / "map.journey"
    assert _texts(path) == ["Pricing page is confusing", "Reads the reviews", "Sees an Instagram ad"]
    again = run_main(git_env, "git-resolve", str(path), "--json")
    assert again.returncode == 3 and json.loads(again.stdout)["written"] is False  # the driver's merge already

    journey = load_journey(path)  # an edit after the merge, before resolving the conflict the other way
    journey.cards.append(Card(stage_id=journey.stages[4].id, lane_id=journey.lanes[0].id, text="Tells a friend"))
    save_journey(journey, path)
    theirs = run_main(git_env, "git-resolve", str(path), "--prefer", "theirs")
    assert theirs.returncode == 3, theirs.stderr
    assert _texts(path) == ["Pricing page is confusing", "Reads the reviews", "Sees a TV ad", "Tells a friend"]


def test_git_resolve_outside_a_merge_or_after_a_deletion_is_one_line(tmp_path, git_env):
    repo = merged_repo(tmp_path, git_env, driver=False)
    outside = tmp_path / "plain.journey"
    save_journey(map_from_template("five-stage"), outside)
    result = run_main(git_env, "git-resolve", str(outside))
    assert result.returncode == 1
    assert result.stderr.strip() == ("journey-canvas: error: plain.journey: git holds no unfinished merge of it "
                                     "(nothing to resolve)")

    run_git(repo, git_env, "merge", "--abort")
    run_git(repo, git_env, "checkout", "-q", "office")
    run_git(repo, git_env, "rm", "-q", "map.journey")
    run_git(repo, git_env, "commit", "-qm", "gone")
    run_git(repo, git_env, "checkout", "-q", "main")
    assert run_git(repo, git_env, "merge", "--no-edit", "office", check=False).returncode != 0  # modify/delete
    deleted = run_main(git_env, "git-resolve", str(repo / "map.journey"))
    assert deleted.returncode == 1 and len(deleted.stderr.strip().splitlines()) == 1
    assert "was deleted on their side of the git merge" in deleted.stderr


def test_conflict_markers_count_only_as_a_whole_block_at_line_starts():
    assert conflict_marker_line(b'{\n<<<<<<< HEAD\n "a": 1\n=======\n "a": 2\n>>>>>>> b\n}') == 2
    assert conflict_marker_line(b'{"text": "<<<<<<< not a marker\\n=======\\n>>>>>>> x"}') is None
    assert conflict_marker_line(b"<<<<<<< HEAD\nonly the start\n") is None
