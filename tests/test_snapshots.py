"""Snapshots inside a map: take, restore, delete, rename; saved and loaded with the file."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.io.journey.file import load_journey, save_journey
from app.model.diff import diff_contents
from app.model.snapshots import (
    SnapshotError,
    delete_snapshot,
    find_snapshot,
    latest_snapshot,
    rename_snapshot,
    restore_snapshot,
    snapshot_infos,
    take_snapshot,
)


def test_take_snapshot_returns_a_new_map_and_leaves_the_old_alone(example_map):
    taken = take_snapshot(example_map, "  Workshop   1 ", "Ann")
    assert example_map.snapshots == []
    [snapshot] = taken.snapshots
    assert (snapshot.name, snapshot.author) == ("Workshop 1", "Ann")
    assert diff_contents(snapshot.content, example_map).is_empty
    assert snapshot.content.model_dump() == example_map.content().model_dump()


def test_names_are_unique_ignoring_case_and_spaces(example_map):
    journey = take_snapshot(example_map, "Workshop 1")
    with pytest.raises(SnapshotError, match="already a snapshot named 'Workshop 1'"):
        take_snapshot(journey, "workshop  1")
    with pytest.raises(SnapshotError, match="needs a name"):
        take_snapshot(journey, "   ")
    journey = take_snapshot(journey, "Workshop 2")
    with pytest.raises(SnapshotError, match="already"):
        rename_snapshot(journey, "Workshop 2", "WORKSHOP 1")
    assert [s.name for s in rename_snapshot(journey, "workshop 2", "After redesign").snapshots] == [
        "Workshop 1", "After redesign"]


def test_restore_replaces_the_content_and_keeps_every_snapshot(example_map):
    journey = take_snapshot(example_map, "Workshop 1")
    changed = journey.model_copy(deep=True)
    changed.metadata.title = "After the second workshop"
    changed.cards = changed.cards[:10]
    changed = take_snapshot(changed, "Workshop 2")
    restored = restore_snapshot(changed, "Workshop 1")
    assert [s.name for s in restored.snapshots] == ["Workshop 1", "Workshop 2"]
    assert restored.metadata.title == "Switching mobile plans" and len(restored.cards) == 44
    assert diff_contents(restored, example_map).is_empty
    assert changed.metadata.title == "After the second workshop"  # the input is untouched


def test_delete_find_latest_and_infos(example_map):
    first = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    journey = take_snapshot(example_map, "Workshop 1", "Ann", created=first)
    journey = take_snapshot(journey, "Workshop 2", created=datetime(2026, 4, 1, tzinfo=UTC))
    assert latest_snapshot(journey).name == "Workshop 2"
    assert find_snapshot(journey, journey.snapshots[0].id).name == "Workshop 1"
    infos = snapshot_infos(journey)
    assert infos[0].to_json() == {"id": journey.snapshots[0].id, "name": "Workshop 1",
                                  "created": "2026-03-01T09:00:00+00:00", "author": "Ann", "stages": 5,
                                  "lanes": 7, "cards": 44, "emotions": 5}
    journey = delete_snapshot(journey, "Workshop 1")
    assert [s.name for s in journey.snapshots] == ["Workshop 2"]
    with pytest.raises(SnapshotError, match="no snapshot named 'Workshop 1' \\(snapshots: 'Workshop 2'\\)"):
        find_snapshot(journey, "Workshop 1")
    with pytest.raises(SnapshotError, match="no snapshots"):
        latest_snapshot(delete_snapshot(journey, "Workshop 2"))


def test_snapshots_survive_save_and_load(example_map, tmp_path):
    journey = take_snapshot(example_map, "Workshop 1", "Ann")
    path = tmp_path / "m.journey"
    save_journey(journey, path)
    loaded = load_journey(path)
    assert loaded == journey
    assert diff_contents(loaded.snapshots[0].content, loaded).is_empty


# --- the command line -------------------------------------------------------------------


def test_cli_snapshot_list_diff_restore(example_path, tmp_path, capsys):
    from app.cli import main

    path = tmp_path / "m.journey"
    path.write_bytes(example_path.read_bytes())
    assert main(["snapshot", str(path), "Workshop 1", "--author", "Ann"]) == 0
    assert "took snapshot 'Workshop 1'" in capsys.readouterr().out
    assert main(["snapshot", str(path), "workshop 1"]) == 1
    assert capsys.readouterr().err.strip() == ("journey-canvas: error: m.journey: there is already a snapshot named "
                                               "'Workshop 1'; choose another name")

    journey = load_journey(path)
    journey.cards = [c for c in journey.cards if c.id != "c001"]
    journey.stages[2].name = "Purchase"
    save_journey(journey, path)

    assert main(["snapshots", str(path)]) == 0
    name, when, author, counts = capsys.readouterr().out.strip().split("\t")
    assert (name, author, counts) == ("Workshop 1", "Ann", "5 stages, 7 lanes, 44 cards, 5 emotion points")
    assert len(when) == len("2026-01-01 10:00")

    assert main(["diff", f"{path}@Workshop 1", str(path)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Stage 'Decision' renamed to 'Purchase'",
        "Card 'Opens her third bill in a row that is higher th…' removed from Awareness/Customer actions",
    ]
    assert main(["diff", f"{path}@", f"{path}@workshop 1"]) == 0  # FILE@ is the latest snapshot
    assert capsys.readouterr().out == "no differences\n"
    assert main(["diff", str(path), f"{path}@nope"]) == 1
    assert "no snapshot named 'nope' (snapshots: 'Workshop 1')" in capsys.readouterr().err

    assert main(["restore", str(path), "Workshop 1"]) == 1  # the current map is in no snapshot
    assert "--keep-current" in capsys.readouterr().err
    assert main(["restore", str(path), "Workshop 1", "--keep-current", "Workshop 2"]) == 0
    restored = load_journey(path)
    assert [s.name for s in restored.snapshots] == ["Workshop 1", "Workshop 2"]
    assert len(restored.cards) == 44 and len(restored.snapshots[1].content.cards) == 43
    assert main(["restore", str(path), "Workshop 1"]) == 0  # now the current map is in a snapshot

    xlsx_like = tmp_path / "m.mmd"
    xlsx_like.write_text("journey\nsection A\n  Task: 3\n", encoding="utf-8")
    assert main(["snapshot", str(xlsx_like), "x"]) == 1
    assert "snapshots live only in .journey files" in capsys.readouterr().err
