"""`journey-canvas merge`, `git-setup` and `show-text`, end to end; git merges and diffs through the driver."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from app.io.journey.conflict_copies import conflict_copies, is_conflict_copy
from app.io.journey.file import load_journey, save_journey
from app.model import Card, JourneyMap
from app.model.templates import map_from_template
from tests.git_helpers import run_git as _git
from tests.git_helpers import run_main as _cli
from tests.test_cli import run_cli


def _maps(tmp_path: Path) -> tuple[Path, Path, Path]:
    base = map_from_template("five-stage", title="Onboarding")
    s, lanes = base.stages, base.lanes
    base.cards = [Card(id=f"c{i}", stage_id=s[i].id, lane_id=lanes[0].id, text=f"card {i}") for i in range(3)]
    base = JourneyMap.model_validate(base.model_dump())
    ours, theirs = base.model_copy(deep=True), base.model_copy(deep=True)
    ours.card("c0").text = "ours: call the client"
    theirs.card("c1").text = "theirs: send the brochure"
    paths = tmp_path / "base.journey", tmp_path / "ours.journey", tmp_path / "theirs.journey"
    for journey, path in zip((base, ours, theirs), paths, strict=True):
        save_journey(journey, path)
    return paths


def test_merge_writes_both_edits_and_exits_0(tmp_path):
    base, ours, theirs = _maps(tmp_path)
    result = run_cli("merge", str(base), str(ours), str(theirs), "-o", str(ours))
    assert result.returncode == 0, result.stderr
    assert "no conflicts" in result.stderr
    texts = [c.text for c in load_journey(ours).cards]
    assert texts == ["ours: call the client", "theirs: send the brochure", "card 2"]


def test_conflicts_are_listed_one_per_line_or_as_json_and_exit_3(tmp_path):
    base, ours, theirs = _maps(tmp_path)
    for path, text in ((ours, "mine"), (theirs, "yours")):
        journey = load_journey(path)
        journey.card("c2").text = text
        save_journey(journey, path)
    out = tmp_path / "out.journey"
    result = run_cli("merge", str(base), str(ours), str(theirs), "-o", str(out))
    assert result.returncode == 3
    assert result.stdout.strip() == "conflict: card 'mine' (c2) text: base 'card 2', ours 'mine', theirs 'yours'; " \
                                    "kept ours"
    as_json = run_cli("merge", str(base), str(ours), str(theirs), "-o", str(out), "--json", "--prefer", "theirs")
    assert as_json.returncode == 3
    [conflict] = json.loads(as_json.stdout)["conflicts"]
    assert conflict == {"kind": "card", "id": "c2", "name": "mine", "field": "text", "base": "card 2",
                        "ours": "mine", "theirs": "yours", "chosen": "theirs"}
    assert load_journey(out).card("c2").text == "yours"


def test_a_bad_input_is_one_line_and_leaves_the_output_alone(tmp_path):
    base, ours, theirs = _maps(tmp_path)
    before = ours.read_bytes()
    theirs.write_text("{not json", encoding="utf-8")
    result = run_cli("merge", str(base), str(ours), str(theirs), "-o", str(ours))
    assert result.returncode == 1
    assert result.stderr.startswith("journey-canvas: error:") and len(result.stderr.strip().splitlines()) == 1
    assert ours.read_bytes() == before


def test_show_text_prints_cards_by_cell(tmp_path):
    _, ours, _ = _maps(tmp_path)
    result = run_cli("show-text", str(ours))
    assert result.returncode == 0
    assert "## Awareness / Customer actions\n* ours: call the client\n" in result.stdout


def test_conflict_copies_of_sync_tools_are_recognised(tmp_path):
    original = tmp_path / "Client map.journey"
    names = ["Client map (conflicted copy 2026-11-30).journey", "Client map (Anna's conflicted copy 2026-11-30)"
             ".journey", "Client map.sync-conflict-20261130-101500-ABCDEF7.journey", "Client map-LAPTOP7.journey"]
    unrelated = ["Client map.xlsx", "Client map 2.journey", "Other.journey", "Client map-2.journey"]
    for name in [original.name, *names, *unrelated]:
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert sorted(p.name for p in conflict_copies(original)) == sorted(names)
    assert not is_conflict_copy(original, original)


# --- a real git repository -----------------------------------------------------------------------------


def _edit(path: Path, card_id: str, text: str, new_card: str) -> None:
    """Change a card and add one at the end: two branches doing this collide in a line-based merge."""
    journey = load_journey(path)
    journey.card(card_id).text = text
    journey.cards.append(Card(stage_id=journey.stages[3].id, lane_id=journey.lanes[0].id, text=new_card))
    save_journey(journey, path)


def test_git_merges_two_branches_through_the_driver_and_diffs_cards(tmp_path, git_env):
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, git_env, "init", "-q", "-b", "main")
    base, _, _ = _maps(tmp_path)
    shutil.copy(base, repo / "map.journey")
    setup = _cli(git_env, "git-setup", str(repo))
    assert setup.returncode == 0, setup.stderr
    assert _cli(git_env, "git-setup", str(repo)).returncode == 0
    assert (repo / ".gitattributes").read_text().count("*.journey merge=journey-canvas") == 1  # idempotent
    _git(repo, git_env, "add", "-A")
    _git(repo, git_env, "commit", "-qm", "base")

    _git(repo, git_env, "checkout", "-qb", "workshop")
    _edit(repo / "map.journey", "c0", "workshop wording", "workshop idea")
    diff = _git(repo, git_env, "diff").stdout
    assert "-* card 0" in diff and "+* workshop wording" in diff  # textconv: cards, not JSON
    _git(repo, git_env, "commit", "-qam", "workshop")
    _git(repo, git_env, "checkout", "-q", "main")
    _edit(repo / "map.journey", "c2", "office wording", "office idea")
    _git(repo, git_env, "commit", "-qam", "office")

    merged = _git(repo, git_env, "merge", "-q", "--no-edit", "workshop", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    texts = [c.text for c in load_journey(repo / "map.journey").cards]
    assert texts == ["workshop wording", "card 1", "office wording", "office idea", "workshop idea"]
    _git(repo, git_env, "config", "--unset", "merge.journey-canvas.driver")  # without the driver: text conflict
    _git(repo, git_env, "reset", "-q", "--hard", "HEAD~1")
    assert _git(repo, git_env, "merge", "-q", "--no-edit", "workshop", check=False).returncode != 0


def test_git_setup_global_writes_the_user_config_and_attributes_file(tmp_path, git_env):
    result = _cli(git_env, "git-setup", "--global")
    assert result.returncode == 0, result.stderr
    attributes = Path(git_env["XDG_CONFIG_HOME"]) / "git" / "attributes"
    assert attributes.read_text().splitlines() == ["*.journey merge=journey-canvas diff=journey-canvas"]
    config = Path(git_env["GIT_CONFIG_GLOBAL"]).read_text()
    assert "merge %O %A %B -o %A" in config and "show-text" in config


def test_two_unrelated_maps_are_refused(tmp_path):
    base, ours, _ = _maps(tmp_path)
    other = tmp_path / "other.journey"
    save_journey(map_from_template("five-stage"), other)
    result = run_cli("merge", str(base), str(ours), str(other), "-o", str(tmp_path / "out.journey"))
    assert result.returncode == 1 and "share no stage, lane or card ids" in result.stderr
    assert not (tmp_path / "out.journey").exists()


def test_git_setup_outside_a_repository_is_one_line(tmp_path, git_env):
    result = _cli(git_env, "git-setup", str(tmp_path))
    assert result.returncode == 1 and "not inside a git repository" in result.stderr


def test_an_unreadable_copy_from_git_is_named_by_the_map_and_its_role(tmp_path):
    """git passes temporary files (.merge_file_Riq869): with --name (git's %P, which git-setup passes) the
    error names the map and which copy is unreadable; ours is left as it was."""
    base, ours, _ = _maps(tmp_path)
    hostile = tmp_path / ".merge_file_Riq869"
    hostile.write_text("[" * 100_000)
    before = ours.read_bytes()
    result = run_cli("merge", str(base), str(ours), str(hostile), "-o", str(ours), "--name", "maps/onboarding.journey")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == ("journey-canvas: error: maps/onboarding.journey (their copy): is nested too "
                                     "deeply to be a journey map")
    assert ours.read_bytes() == before
    from app.io.journey.git_setup import settings

    assert any(value.endswith("merge %O %A %B -o %A --name %P") for value in settings().values())


def test_show_text_shows_every_persona_whose_curve_each_point_is_and_whom_a_card_is_for(tmp_path):
    """git diff (show-text is its textconv) showed the first persona and one point per cell: a change to the
    second persona's curve, details or cards' ties was invisible in a diff."""
    from app.io.journey.file import save_journey
    from tests.persona_maps import three_persona_blueprint

    path = tmp_path / "clinic.journey"
    save_journey(three_persona_blueprint(), path)
    text = run_cli("show-text", str(path)).stdout
    assert [line for line in text.splitlines() if line.startswith("## Persona:")] == [
        "## Persona: Maya", "## Persona: Kai", "## Persona: Jo"]
    first_stage = text.split("\n## ")[[i for i, part in enumerate(text.split("\n## ")) if "/ Emotions" in part][0]]
    assert [line for line in first_stage.splitlines() if line.startswith("emotion:")] == [
        "emotion: 0 (Maya)", "emotion: -1 (Kai)", "emotion: 1 (Jo)"]
    assert "* Asks a friend\n    for: Kai\n" in text and "* Books online\n    for: Maya, Jo\n" in text
    assert "* Searches for a clinic\n" in text and "* Searches for a clinic\n    for:" not in text
    assert ", backstage)" in text  # the lane's blueprint layer
