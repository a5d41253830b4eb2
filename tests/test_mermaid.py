"""Mermaid `journey` diagrams: reading the documented syntax, round trips both ways, hostile input."""

from __future__ import annotations

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from app.io.errors import JourneyFileError
from app.io.formats import read_map, write_map
from app.io.mermaid.read import parse_mermaid
from app.io.mermaid.write import mermaid_text
from app.model import Card, EmotionScale, LaneKind
from app.model.diff import diff_contents

DOCS_EXAMPLE = """journey
    title My working day
    section Go to work
      Make tea: 5: Me
      Go upstairs: 3: Me
      Do work: 1: Me, Cat
    section Go home
      Go downstairs: 5: Me
      Sit down: 5: Me
"""


def test_reads_the_documented_example():
    result = parse_mermaid(DOCS_EXAMPLE)
    journey = result.journey
    assert result.report == []
    assert journey.metadata.title == "My working day"
    assert [s.name for s in journey.stages] == ["Go to work", "Go home"]
    assert [(lane.name, lane.kind) for lane in journey.lanes] == [("Actions", LaneKind.ACTIONS),
                                                                  ("Emotions", LaneKind.EMOTIONS)]
    assert [c.text for c in journey.cards] == ["Make tea", "Go upstairs", "Do work", "Go downstairs", "Sit down"]
    assert [p.name for p in journey.personas] == ["Me", "Cat"]  # every actor, the most frequent first
    me, cat = (p.id for p in journey.personas)
    assert [c.tags for c in journey.cards] == [["score:5"], [], ["score:1"], [], []]
    assert [c.personas for c in journey.cards] == [[me], [me], [], [me], [me]]  # "Me, Cat": every persona
    assert (journey.emotion_scale.min, journey.emotion_scale.max) == (1.0, 5.0)
    # each task's score goes to its actors' curves: Me 5, 3, 1 -> 3 and 5, 5 -> 5; Cat only "Do work": 1
    assert [(p.persona_id, p.value) for p in journey.emotions] == [(me, 3.0), (cat, 1.0), (me, 5.0)]


def test_mermaid_to_map_to_mermaid_gives_the_same_text():
    text, warnings = mermaid_text(parse_mermaid(DOCS_EXAMPLE).journey)
    assert warnings == []
    assert text == DOCS_EXAMPLE


def test_example_map_round_trips_stage_names_task_texts_and_emotions(example_map, tmp_path):
    path = tmp_path / "example.mmd"
    warnings = write_map(example_map, path)
    assert warnings == ["lanes not exported (a Mermaid journey holds one row of tasks): "
                        "Touchpoints, Thoughts, Pain points, Opportunities"]
    text = path.read_text(encoding="utf-8")
    assert "%% journey-canvas emotion-scale -2 2" in text
    assert "      Orders a SIM online: 1: Maya Okafor" in text
    back = read_map(path).journey
    assert [s.name for s in back.stages] == [s.name for s in example_map.stages]
    actions = [c.text for c in example_map.cards if c.lane_id == "ln-actions"]
    assert [c.text for c in back.cards] == actions
    assert back.emotion_scale == example_map.emotion_scale
    assert [p.value for p in back.emotions] == [p.value for p in example_map.emotions]
    diff = diff_contents(example_map, back)
    assert not (diff.emotions_added or diff.emotions_removed or diff.cards_moved)
    assert "text" not in {f.field for c in diff.cards_changed for f in c.fields}
    assert {f.field for e in diff.emotions_changed for f in e.fields} <= {"label", "note"}  # not in Mermaid
    assert [c.new.name for c in diff.stages.changed if c.field("name")] == []


def test_emotions_off_the_whole_steps_are_rounded_with_a_warning(example_map):
    journey = example_map.model_copy(deep=True)
    journey.emotions[0].value = -1.5
    text, warnings = mermaid_text(journey)
    assert "emotions rounded to whole scores 1..5: Awareness (-1.5 -> 2)" in warnings
    assert parse_mermaid(text).journey.emotions[0].value == -1.0


def test_characters_mermaid_cannot_hold_are_replaced_and_come_back(example_map):
    journey = example_map.model_copy(deep=True)
    journey.cards[0].text = "Asks: which plan? #1; really"
    journey.stages[0].name = "Aware: phase 1"
    text, warnings = mermaid_text(journey)
    assert any("replaced 4 character(s)" in w for w in warnings)
    task_line = next(line for line in text.splitlines() if "which plan" in line)
    assert task_line.count(":") == 2 and "#" not in task_line and ";" not in task_line
    back = parse_mermaid(text).journey
    assert back.cards[0].text == "Asks: which plan? #1; really"
    assert back.stages[0].name == "Aware: phase 1"


def test_a_1_to_5_map_writes_no_scale_comment_and_scores_missing_emotions_3():
    journey = parse_mermaid(DOCS_EXAMPLE).journey
    journey.emotions = journey.emotions[:1]
    journey.cards = [*journey.cards, Card(stage_id=journey.stages[1].id, lane_id=journey.lanes[0].id, text="")]
    text, warnings = mermaid_text(journey)
    assert "emotion-scale" not in text
    assert "      Go downstairs: 3: Me" in text
    assert warnings == ["skipped 1 empty card(s): Mermaid tasks need a name",
                        "stages without an emotion scored 3 (neutral): Go home"]


def test_markdown_files_read_the_first_journey_block_and_write_one(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Docs\n\n```mermaid\ngraph TD\n  A-->B\n```\n\nText\n\n```mermaid\n" + DOCS_EXAMPLE
                      + "```\n", encoding="utf-8")
    journey = read_map(readme).journey
    assert [s.name for s in journey.stages] == ["Go to work", "Go home"]
    out = tmp_path / "out.md"
    write_map(journey, out)
    assert out.read_text(encoding="utf-8") == "```mermaid\n" + DOCS_EXAMPLE + "```\n"


def test_lenient_parsing_reports_what_it_skipped():
    text = """%%{init: {'theme': 'forest'}}%%
---
title: From front matter
---
journey
    accTitle: Day
    accDescr: A day at work
    Wake up: 4: Me
    section Work
      Code: nine: Me
      Debug: 7: Me
    what is this
"""
    result = parse_mermaid(text)
    journey = result.journey
    assert journey.metadata.title == "From front matter"
    assert journey.metadata.description == "A day at work"
    assert [s.name for s in journey.stages] == ["Tasks", "Work"]
    assert [p.value for p in journey.emotions] == [4.0, 5.0]
    assert result.report == [
        "tasks before the first section were put in a stage named 'Tasks'",
        "line 10: task 'Code' has no score 1..5 ('nine')",
        "line 11: score 7 is outside 1..5; used 5",
        "skipped lines not understood as a title, section or task: 12",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"graph TD\n  A-->B\n", "is not a Mermaid journey diagram: it starts with 'graph TD', not 'journey'"),
        (b"", "is empty: it holds no Mermaid journey diagram"),
        (b"%% only a comment\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "is a binary file, not a Mermaid diagram"),
        (b"journey\n\xff\xfe bad", "is not UTF-8 text"),
        (b"journey\n" + b"section s\n" * 600, "has more than 500 sections"),
        (b"journey\n" + b"x" * (3 * 1024 * 1024), "too large for a Mermaid diagram"),
    ],
)
def test_hostile_input_is_one_line(tmp_path, content, message):
    path = tmp_path / "bad.mmd"
    path.write_bytes(content)
    with pytest.raises(JourneyFileError) as raised:
        read_map(path)
    assert message in str(raised.value)
    assert str(raised.value).startswith("bad.mmd: ") and "\n" not in str(raised.value)


def test_markdown_without_a_journey_block(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# Notes\n\n```mermaid\npie\n```\n", encoding="utf-8")
    with pytest.raises(JourneyFileError, match="has no ```mermaid block holding a journey diagram"):
        read_map(path)


def test_long_task_texts_and_titles_are_cut_and_reported():
    result = parse_mermaid("journey\ntitle " + "t" * 600 + "\nsection S\n" + "x" * 25_000 + ": 3\n")
    assert len(result.journey.metadata.title) == 500 and len(result.journey.cards[0].text) == 20_000
    assert result.report == ["1 task text(s) longer than 20000 characters were cut",
                             "the title was cut to 500 characters"]
    assert result.journey.emotion_scale == EmotionScale(min=1, max=5)


def test_cli_commands_of_the_living_map_load_no_qt(example_path, tmp_path):
    """snapshot, snapshots, diff, check and convert to and from .mmd, in one fresh interpreter."""
    import subprocess
    import sys

    from tests.conftest import PROJECT_ROOT
    from tests.test_layers import QT_MODULES

    m, mmd, back = tmp_path / "m.journey", tmp_path / "m.mmd", tmp_path / "back.journey"
    m.write_bytes(example_path.read_bytes())
    script = (
        "import sys, contextlib, io, app.cli\n"
        "def run(*args):\n"
        "    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        "        return app.cli.main(list(args))\n"
        f"assert run('snapshot', {str(m)!r}, 'W1') == 0\n"
        f"assert run('snapshots', {str(m)!r}) == 0\n"
        f"assert run('convert', {str(m)!r}, {str(mmd)!r}) == 0\n"
        f"assert run('convert', {str(mmd)!r}, {str(back)!r}) == 0\n"
        f"assert run('diff', {str(m) + '@W1'!r}, {str(back)!r}, '--json') == 0\n"
        f"assert run('check', {str(back)!r}) == 3\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in %r]\n"
        "assert not loaded, loaded\n" % (QT_MODULES,)
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert mmd.read_text(encoding="utf-8").startswith("journey\n    title Switching mobile plans\n")
    assert [s.name for s in read_map(back).journey.stages] == ["Awareness", "Consideration", "Decision", "Retention",
                                                               "Advocacy"]


def test_the_diagram_itself_names_the_lanes_it_leaves_out_and_reads_back_the_same(example_map):
    text, warnings = mermaid_text(example_map)
    comment = next(line for line in text.splitlines() if "not in this diagram" in line)
    assert comment.strip().startswith("%%")
    for lane in example_map.lanes:
        count = sum(card.lane_id == lane.id for card in example_map.cards)
        if lane.kind not in (LaneKind.ACTIONS, LaneKind.EMOTIONS) and count:
            assert f"{lane.name} ({count} card" in comment
    assert any("lanes not exported" in warning for warning in warnings)
    without = "\n".join(line for line in text.splitlines() if "not in this diagram" not in line) + "\n"
    assert diff_contents(parse_mermaid(without).journey, parse_mermaid(text).journey).is_empty


KEYWORD_TASKS = ["%% not a comment", "title of the contract", "section 4 of the form", "accTitle: read aloud",
                 "accDescr { x", "Journey planner opened", "TITLE in capitals", "%%{init: {}}%%"]


def test_a_task_that_starts_like_a_keyword_or_comment_stays_a_task(example_map):
    """'title ...' became the diagram's title, 'section ...' a new stage, '%% ...' a comment: each card was lost
    without a word, in Mermaid's own renderer as in import."""
    journey = example_map.model_copy(deep=True)
    lane = journey.cards[0].lane_id
    journey.cards = [Card(stage_id=journey.stages[0].id, lane_id=lane, text=t) for t in KEYWORD_TASKS]
    text, _ = mermaid_text(journey)
    tasks = [line.strip() for line in text.splitlines()[1:] if line.startswith("      ")]
    assert len(tasks) == len(KEYWORD_TASKS)
    assert not any(task.lower().startswith(("title", "section", "%%", "acc", "journey")) for task in tasks)
    back = parse_mermaid(text).journey
    assert [card.text for card in back.cards] == [t.replace("  ", " ") for t in KEYWORD_TASKS]
    assert back.metadata.title == journey.metadata.title and len(back.stages) == len(journey.stages)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40))
@example("section  two")
@example("%% gone")
def test_any_task_text_comes_back_from_mermaid(task):
    from app.model import JourneyMap, Lane, Stage

    flat = " ".join(task.split())
    assume(flat)
    stage, lane = Stage(name="Stage"), Lane(name="Actions", kind=LaneKind.ACTIONS)
    journey = JourneyMap(stages=[stage], lanes=[lane], cards=[Card(stage_id=stage.id, lane_id=lane.id, text=task)])
    back = parse_mermaid(mermaid_text(journey)[0]).journey
    assert [card.text for card in back.cards] == [flat] and [s.name for s in back.stages] == ["Stage"]


def test_look_alikes_the_map_itself_holds_come_back_as_typed(example_map):
    """A Chinese '；', a Japanese '＃1', a German '‚ja‘' are the very look-alikes the export writes for ; # ,: import
    turned them into ASCII. Such a map is written with other look-alikes, named in a comment."""
    journey = example_map.model_copy(deep=True)
    journey.cards[0].text = "客户等待；然后打电话 ＃1: Er sagte ‚ja‘; #2"
    journey.stages[0].name = "Phase: 認知；検討"
    text, warnings = mermaid_text(journey)
    assert "%% journey-canvas look-alikes" in text and any("replaced" in w for w in warnings)
    back = parse_mermaid(text).journey
    assert back.cards[0].text == journey.cards[0].text and back.stages[0].name == journey.stages[0].name
    assert parse_mermaid(DOCS_EXAMPLE.replace("Make tea", "Make tea\ua789 now")).journey.cards[0].text == \
        "Make tea: now"  # a diagram without the comment: the usual look-alikes, as before


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(":#;,꞉＃；‚∶♯"),
               min_size=1, max_size=30))
@example("第1；2＃3 ‚x‘")
def test_any_stage_name_and_task_with_look_alikes_comes_back(text):
    from app.model import JourneyMap, Lane, Stage

    flat = " ".join(text.split())
    assume(flat)
    stage, lane = Stage(name=text), Lane(name="Actions", kind=LaneKind.ACTIONS)
    journey = JourneyMap(stages=[stage], lanes=[lane], cards=[Card(stage_id=stage.id, lane_id=lane.id, text=text)])
    back = parse_mermaid(mermaid_text(journey)[0]).journey
    assert [card.text for card in back.cards] == [flat] and [s.name for s in back.stages] == [flat]
