"""Several maps of one sheet imported as one map with a persona each (`--all-maps`, the import dialog's
choice), scores written with words in an emotions row, and personas read back from an exported workbook
whose hidden sheet was deleted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from app.io.errors import JourneyFileError
from app.io.formats import read_map, write_map
from app.io.xlsx_export.hidden_sheet import HIDDEN_SHEET
from app.model.enums import LaneKind
from app.model.journey import Card, EmotionPoint, JourneyMap, Lane, Persona, Stage
from tests.import_layouts import write_rows
from tests.test_import_dialog import click_import, open_dialog, settle

ROOT = Path(__file__).resolve().parents[1]
STAGES = ["Discover", "Compare", "Buy"]


def two_personas(path: Path, stacked: bool) -> Path:
    """Anna's and Ben's journeys over the same stages, side by side (Ben's lanes in another order and his
    emotions row named otherwise) or stacked."""
    book = openpyxl.Workbook()
    sheet = book.active
    write_rows(sheet, [["Persona: Anna"], ["Stage", *STAGES], ["Actions", "search", "read reviews", "pay"],
                       ["Touchpoints", "web", "web", "shop"], ["Emotion", 3, 2, 4]])
    ben = [["Ben: first purchase"], ["Stage", *STAGES], ["Touchpoints", "phone", "web", "shop"],
           ["Actions", "asks a friend", "compares", "pay"], ["Feelings", 1, 2, 5]]
    if stacked:
        write_rows(sheet, ben, top=8)
    else:
        write_rows(sheet, ben, left=6)
    book.save(path)
    return path


def ties(journey: JourneyMap) -> set[tuple[str, str, str, frozenset[str]]]:
    """(stage, lane, text, persona names; empty = all) of every card."""
    stage = {s.id: s.name for s in journey.stages}
    lane = {x.id: x.name for x in journey.lanes}
    who = {p.id: p.name for p in journey.personas}
    every = set(who.values())
    out = set()
    for card in journey.cards:
        names = frozenset(who[p] for p in card.personas)
        out.add((stage[card.stage_id], lane[card.lane_id], card.text, frozenset() if names == every else names))
    return out


def curves(journey: JourneyMap) -> dict[str, list[tuple[str, float, str | None]]]:
    stage = {s.id: s.name for s in journey.stages}
    who = {p.id: p.name for p in journey.personas}
    first = journey.personas[0].id if journey.personas else None
    out: dict[str, list] = {}
    for point in journey.emotions:
        out.setdefault(who[point.persona_id or first], []).append((stage[point.stage_id], point.value, point.label))
    return {name: sorted(points) for name, points in out.items()}


@pytest.mark.parametrize("stacked", [False, True])
def test_two_personas_side_by_side_or_stacked_become_one_map(tmp_path, stacked):
    result = read_map(two_personas(tmp_path / "two.xlsx", stacked), all_maps=True)
    journey = result.journey
    assert [p.name for p in journey.personas] == ["Anna", "Ben"]
    assert [s.name for s in journey.stages] == STAGES
    assert [(x.name, x.kind) for x in journey.lanes] == [
        ("Actions", LaneKind.ACTIONS), ("Touchpoints", LaneKind.TOUCHPOINTS), ("Emotion", LaneKind.EMOTIONS)]
    assert ties(journey) == {
        ("Discover", "Actions", "search", frozenset({"Anna"})), ("Compare", "Actions", "read reviews",
                                                                  frozenset({"Anna"})),
        ("Discover", "Actions", "asks a friend", frozenset({"Ben"})), ("Compare", "Actions", "compares",
                                                                      frozenset({"Ben"})),
        ("Buy", "Actions", "pay", frozenset()), ("Discover", "Touchpoints", "web", frozenset({"Anna"})),
        ("Discover", "Touchpoints", "phone", frozenset({"Ben"})), ("Compare", "Touchpoints", "web", frozenset()),
        ("Buy", "Touchpoints", "shop", frozenset())}
    assert curves(journey) == {"Anna": [("Buy", 4, None), ("Compare", 2, None), ("Discover", 3, None)],
                               "Ben": [("Buy", 5, None), ("Compare", 2, None), ("Discover", 1, None)]}
    assert journey.metadata.title == "Anna / Ben"  # no title of their own in common: the personas' names
    report = "\n".join(result.report)
    assert "2 maps on this sheet share their stages (Discover, Compare, Buy): imported as one map with 2 personas" \
        in report
    assert "lane 'Feelings' matched lane 'Emotion' by its kind (emotions)" in report
    assert "another map on this sheet" not in report


def test_maps_without_a_name_are_persona_1_and_2_and_the_reading_is_marked_a_guess(tmp_path):
    book = openpyxl.Workbook()
    write_rows(book.active, [["Stage", *STAGES], ["Actions", "a", "b", "c"], ["Emotions", 1, 2, 3]])
    write_rows(book.active, [["Stage", *reversed(STAGES)], ["Actions", "f", "e", "d"], ["Emotions", 3, 2, 1]], top=6)
    path = tmp_path / "plain.xlsx"
    book.save(path)
    result = read_map(path, all_maps=True)
    assert [p.name for p in result.journey.personas] == ["Persona 1", "Persona 2"]
    assert ("Discover", "Actions", "d", frozenset({"Persona 2"})) in ties(result.journey)
    assert curves(result.journey)["Persona 2"] == [("Buy", 3, None), ("Compare", 2, None), ("Discover", 1, None)]
    assert any("imported as persona 'Persona 2' (no name found above it)" in line for line in result.report)


def test_maps_that_do_not_share_their_stages_are_refused_in_one_line(tmp_path):
    from tests.test_import_layouts import two_maps

    path = two_maps(tmp_path / "two.xlsx", 1)
    with pytest.raises(JourneyFileError, match=r"the maps at A2:D5 \(3 stages: Discover, Compare, Buy\) and F2:J5 "
                                               r"\(4 stages: Reminder, Review, Renew, Use\) do not share their stages"):
        read_map(path, all_maps=True)
    out = tmp_path / "out.journey"
    done = subprocess.run([sys.executable, "-m", "app.cli", "convert", str(path), str(out), "--all-maps"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and not out.exists()
    assert len(done.stderr.strip().splitlines()) == 1 and "do not share their stages" in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_convert_and_info_take_all_maps(tmp_path):
    import json

    path = two_personas(tmp_path / "two.xlsx", False)
    out = tmp_path / "out.journey"
    cli = [sys.executable, "-m", "app.cli"]
    done = subprocess.run([*cli, "convert", str(path), str(out), "--all-maps"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert [p.name for p in read_map(out).journey.personas] == ["Anna", "Ben"]
    info = subprocess.run([*cli, "info", str(path), "--all-maps", "--json"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    summary = json.loads(info.stdout)
    assert summary["personas"] == [{"name": "Anna"}, {"name": "Ben"}]
    assert sorted(e["persona"] for e in summary["emotions"]) == [0, 0, 0, 1, 1, 1]
    both = subprocess.run([*cli, "info", str(path), "--all-maps", "--map", "A2"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert both.returncode != 0 and "not both" in both.stderr


def test_scores_written_with_words_in_an_emotions_row(tmp_path):
    book = openpyxl.Workbook()
    write_rows(book.active, [["Stage", "Find", "Try", "Pay", "Use"], ["Actions", "search", "demo", "card", "daily"],
                             ["Emotions", "Maya -1", "+2 relieved", "3 (happy)", "worried"]])
    path = tmp_path / "labels.xlsx"
    book.save(path)
    result = read_map(path)
    journey = result.journey
    assert [lane.kind for lane in journey.lanes] == [LaneKind.ACTIONS, LaneKind.EMOTIONS]
    assert not [c for c in journey.cards if c.lane_id == journey.lanes[1].id]
    points = {p.label: p.value for p in journey.emotions}
    assert points["Maya"] == -1 and points["relieved"] == 2 and points["happy"] == 3
    assert points["worried"] < 0
    assert any("holds scores written with words, read as score and label: B3 -1 'Maya', C3 2 'relieved'" in line
               for line in result.report)


def test_text_with_a_number_in_another_lane_stays_a_card(tmp_path):
    book = openpyxl.Workbook()
    write_rows(book.active, [["Stage", "Find", "Pay"], ["Actions", "Step 3 of the form", "pays 2 times"],
                             ["Emotions", 1, 2]])
    path = tmp_path / "text.xlsx"
    book.save(path)
    journey = read_map(path).journey
    assert sorted(c.text for c in journey.cards) == ["Step 3 of the form", "pays 2 times"]


def test_the_dialog_imports_all_maps_as_personas(qtbot, tmp_path, artifacts_dir):
    dialog = open_dialog(qtbot, two_personas(tmp_path / "two.xlsx", False))
    box = dialog.all_maps_box
    assert box.isVisible() and not box.isChecked() and dialog.map_combo.isEnabled()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    settle(qtbot, dialog)
    assert box.isChecked() and not dialog.map_combo.isEnabled()
    assert "2 personas, 3 stages, 3 lanes" in dialog.summary_label.text()
    dialog.resize(1200, 760)
    assert dialog.grab().save(str(artifacts_dir / "import-dialog-all-maps.png"))
    result = click_import(qtbot, dialog)
    assert [p.name for p in result.journey.personas] == ["Anna", "Ben"]
    assert ties(result.journey) == ties(read_map(dialog.path, all_maps=True).journey)


def test_the_dialog_imports_a_sheet_per_persona_as_one_map(qtbot, tmp_path):
    book = openpyxl.Workbook()
    for index, (name, acts) in enumerate((("Anna", ["Sees ad", "Buys"]), ("Ben", ["Hears of it", "Orders"]))):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = name
        write_rows(sheet, [[None, "Awareness", "Purchase"], ["Actions", *acts], ["Emotions", 3, 4],
                           ["Thoughts", "Nice", "Done"]])
    path = tmp_path / "sheets.xlsx"
    book.save(path)
    dialog = open_dialog(qtbot, path)
    box = dialog.all_maps_box
    assert box.isVisible() and not box.isChecked()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    settle(qtbot, dialog)
    assert "2 personas" in dialog.summary_label.text()
    result = click_import(qtbot, dialog)
    assert [p.name for p in result.journey.personas] == ["Anna", "Ben"]
    assert len(result.journey.emotions) == 4


_NAMES = st.lists(st.sampled_from(["Maya", "Kai", "Jo", "Ana", "Lee"]), min_size=2, max_size=3, unique=True)


@st.composite
def persona_maps(draw) -> JourneyMap:
    """A map of 2-3 personas: cards for all or some of them, a curve each (a stage may lack a score)."""
    names = draw(_NAMES)
    personas = [Persona(name=name) for name in names]
    stages = [Stage(name=name) for name in draw(st.sampled_from([["Find", "Buy"], ["Find", "Buy", "Use"]]))]
    lanes = [Lane(name="Actions", kind=LaneKind.ACTIONS), Lane(name="Emotions", kind=LaneKind.EMOTIONS)]
    cards = []
    for n in range(draw(st.integers(1, 5))):
        who = draw(st.lists(st.sampled_from(personas), max_size=len(personas), unique_by=lambda p: p.id))
        cards.append(Card(stage_id=draw(st.sampled_from(stages)).id, lane_id=lanes[0].id, text=f"step number{n}",
                          personas=[p.id for p in who]))
    points = [EmotionPoint(stage_id=stage.id, lane_id=lanes[1].id, persona_id=persona.id, value=value)
              for persona in personas for stage in stages
              for value in [draw(st.one_of(st.none(), st.integers(-2, 2)))] if value is not None]
    return JourneyMap(personas=personas, stages=stages, lanes=lanes, cards=cards, emotions=points)


@settings(max_examples=8, deadline=None)
@given(journey=persona_maps())
def test_an_export_without_its_hidden_sheet_keeps_personas_ties_and_curves(tmp_path_factory, journey):
    path = tmp_path_factory.mktemp("export") / "map.xlsx"
    write_map(journey, path)
    book = openpyxl.load_workbook(path)
    del book[HIDDEN_SHEET]
    book.save(path)
    back = read_map(path).journey
    assert [p.name for p in back.personas] == [p.name for p in journey.personas]
    assert ties(back) == ties(journey)
    assert curves(back) == curves(journey)


def test_three_maps_a_card_two_of_them_hold_is_one_card_for_those_two(tmp_path):
    book = openpyxl.Workbook()
    for n, (name, cards) in enumerate([("Ana", ["look", "ask", "pay"]), ("Lee", ["look", "try", "pay"]),
                                       ("Kai", ["read", "try", "pay"])]):
        write_rows(book.active, [[f"Persona: {name}"], ["Stage", *STAGES], ["Actions", *cards],
                                 ["Emotions", n, n + 1, 2]], top=1 + 7 * n)
    path = tmp_path / "three.xlsx"
    book.save(path)
    journey = read_map(path, all_maps=True).journey
    assert [p.name for p in journey.personas] == ["Ana", "Lee", "Kai"]
    assert ties(journey) == {
        ("Discover", "Actions", "look", frozenset({"Ana", "Lee"})), ("Discover", "Actions", "read", frozenset({"Kai"})),
        ("Compare", "Actions", "ask", frozenset({"Ana"})), ("Compare", "Actions", "try", frozenset({"Lee", "Kai"})),
        ("Buy", "Actions", "pay", frozenset())}
    assert len(journey.cards) == 5
    assert curves(journey)["Kai"] == [("Buy", 2, None), ("Compare", 3, None), ("Discover", 2, None)]


@pytest.mark.parametrize("stacked", [True, False])
def test_each_map_takes_the_title_above_it_not_the_other_maps(tmp_path, stacked):
    """Titles a blank row above two maps: each map's title is its own (the lower map took the upper one's, and a
    title beside another map's was 'a note'), so --all-maps names the personas by them."""
    book = openpyxl.Workbook()
    sheet = book.active
    maya = [["Maya: first purchase"], [], ["Stage", *STAGES], ["Actions", "search", "compare", "pay"],
            ["Emotion", 1, -1, 2]]
    ben = [["Ben: first purchase"], [], ["Stage", *STAGES], ["Actions", "ask", "read", "buy"], ["Emotion", 0, 1, 2]]
    write_rows(sheet, maya)
    write_rows(sheet, ben, **({"top": 9} if stacked else {"left": 7}))
    path = tmp_path / "two.xlsx"
    book.save(path)
    assert read_map(path).journey.metadata.title == "Maya: first purchase"
    second = "A11" if stacked else "H3"
    assert read_map(path, map_at=second).journey.metadata.title == "Ben: first purchase"
    assert [p.name for p in read_map(path, all_maps=True).journey.personas] == ["Maya", "Ben"]
