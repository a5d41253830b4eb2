"""JourneyDocument: every edit is undoable; undo-all gives the original, redo-all the edited map."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from app.document import JourneyDocument
from app.model import Card, JourneyMap, LaneKind
from app.model.templates import map_from_template


def dump(journey: JourneyMap) -> dict:
    return journey.model_dump(mode="json")


@pytest.fixture
def document(qapp, example_map):
    return JourneyDocument(example_map)


def test_add_edit_move_remove_cards_undo_redo(document):
    j = document.journey
    stage, lane = j.stages[0], j.lanes[0]
    original = dump(j)
    cells = []
    document.cardsChanged.connect(cells.append)
    card_id = document.add_card(stage.id, lane.id, "First", index=0)
    assert document.cards_in(stage.id, lane.id)[0].id == card_id
    assert cells[-1] == {(stage.id, lane.id)}
    document.edit_card(card_id, text="Changed")
    document.move_cards([card_id], j.stages[2].id, lane.id, 1)
    assert document.cards_in(j.stages[2].id, lane.id)[1].id == card_id
    assert cells[-1] == {(stage.id, lane.id), (j.stages[2].id, lane.id)}
    assert document.modified
    edited = dump(j)
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert dump(document.journey) == original
    assert not document.modified
    while document.undo_stack.canRedo():
        document.undo_stack.redo()
    assert dump(document.journey) == edited


def test_moving_a_card_onto_itself_is_not_an_edit(document):
    j = document.journey
    card = j.cards[0]
    index = [c.id for c in document.cards_in(card.stage_id, card.lane_id)].index(card.id)
    document.move_cards([card.id], card.stage_id, card.lane_id, index)
    assert document.undo_stack.count() == 0


def test_removing_a_stage_takes_its_cards_and_emotions_and_undo_restores_them(document):
    j = document.journey
    original = dump(j)
    stage = j.stages[2]
    document.remove_stage(stage.id)
    assert all(c.stage_id != stage.id for c in j.cards)
    assert all(p.stage_id != stage.id for p in j.emotions)
    assert document.undo_stack.count() == 1  # one macro
    document.undo_stack.undo()
    assert dump(document.journey) == original


def test_changing_an_emotions_lane_kind_drops_its_points_undoably(document):
    j = document.journey
    lane = next(lane for lane in j.lanes if lane.kind == LaneKind.EMOTIONS)
    before = dump(j)
    document.edit_lane(lane.id, kind=LaneKind.TEXT)
    assert not [p for p in j.emotions if p.lane_id == lane.id]
    JourneyMap.model_validate(dump(j))  # still a valid map
    document.undo_stack.undo()
    assert dump(j) == before


def test_emotion_drag_merges_into_one_step(document):
    j = document.journey
    lane = next(lane for lane in j.lanes if lane.kind == LaneKind.EMOTIONS)
    stage = j.stages[0]
    for value in (0.5, 1.0, 1.5, 2.0):
        document.set_emotion(lane.id, stage.id, value, merge=True)
    assert document.undo_stack.count() == 1
    assert j.emotion(lane.id, stage.id).value == 2.0
    document.set_emotion(lane.id, stage.id, 99)
    assert j.emotion(lane.id, stage.id).value == j.emotion_scale.max


def test_paste_grid_fills_cells_right_and_down(document):
    j = document.journey
    ids = document.paste_grid(j.stages[3].id, j.lanes[4].id, [["a", "b", "c"], ["", "d"]])
    assert len(ids) == 3  # five stages, starting at the fourth: "c" falls off the right edge
    assert document.cards_in(j.stages[3].id, j.lanes[4].id)[-1].text == "a"
    assert document.cards_in(j.stages[4].id, j.lanes[5].id)[-1].text == "d"
    assert document.undo_stack.count() == 1


def test_nudges_merge(document):
    j = document.journey
    card = j.cards[0]
    for stage in j.stages[1:4]:
        document.move_cards([card.id], stage.id, card.lane_id, 0, nudge=True)
    assert document.undo_stack.count() == 1


@settings(max_examples=40, deadline=None)
@given(existing=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), max_size=8),
       cells=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), min_size=1, max_size=12),
       picks=st.lists(st.integers(0, 100), min_size=1, max_size=6))
def test_cards_added_or_duplicated_at_once_land_where_one_at_a_time_puts_them(qapp, existing, cells, picks):
    """Pasting many cards is one step and one re-layout, not a step per card; each card still lands at the end of
    its cell after the batch's earlier ones, and each copy right after its original, as one at a time did."""
    batch, single = (JourneyDocument(map_from_template("five-stage")) for _ in range(2))
    stages, lanes = batch.journey.stages, [lane for lane in batch.journey.lanes if lane.kind != LaneKind.EMOTIONS]
    for document in (batch, single):  # cards already there, in some of the cells (ids differ, texts do not)
        for n, (s, lane) in enumerate(existing):
            document.add_card(stages[s % len(stages)].id, lanes[lane % len(lanes)].id, f"old {n}")
    wanted = [(stages[s % len(stages)].id, lanes[lane % len(lanes)].id, f"new {n}")
              for n, (s, lane) in enumerate(cells)]
    batch.add_cards([Card(stage_id=stage, lane_id=lane, text=text) for stage, lane, text in wanted])
    for stage, lane, text in wanted:
        single.add_card(stage, lane, text)
    assert batch.undo_stack.count() == len(existing) + 1
    assert [(c.stage_id, c.lane_id, c.text) for c in batch.journey.cards] == [
        (c.stage_id, c.lane_id, c.text) for c in single.journey.cards]

    texts = [card.text for card in batch.journey.cards]
    originals = list(dict.fromkeys(texts[pick % len(texts)] for pick in picks))
    expected = list(texts)
    for text in originals:  # one at a time: each copy right after its original
        expected.insert(expected.index(text) + 1, text)
    by_text = {card.text: card.id for card in batch.journey.cards}
    batch.duplicate_cards([by_text[text] for text in originals])
    assert [card.text for card in batch.journey.cards] == expected
    batch.undo_stack.undo()
    assert [card.text for card in batch.journey.cards] == texts
    _check_cell_index(batch)


def test_a_paste_of_hundreds_of_cards_keeps_every_cell_in_order(qapp):
    """More than a few cards at once rebuild the per-cell index in one pass (placing each looked through its
    cell: thousands pasted into one cell took minutes); the cells read the same as the map, through undo too."""
    from app.document_mutations import FEW_CARDS

    document = JourneyDocument(map_from_template("five-stage"))
    stages, lanes = document.journey.stages, document.journey.lanes
    document.add_card(stages[0].id, lanes[0].id, "already there")
    cards = [Card(stage_id=stages[n % 2].id, lane_id=lanes[0].id, text=f"pasted {n}") for n in range(3 * FEW_CARDS)]
    document.add_cards(cards)
    _check_cell_index(document)
    assert [c.text for c in document.cards_in(stages[0].id, lanes[0].id)] == [
        "already there", *(f"pasted {n}" for n in range(0, 3 * FEW_CARDS, 2))]
    document.undo_stack.undo()
    _check_cell_index(document)
    document.undo_stack.redo()
    _check_cell_index(document)
    assert len(document.journey.cards) == 1 + 3 * FEW_CARDS


class EditSequences(RuleBasedStateMachine):
    """Random edits through the document's public methods; undo-all and redo-all must be exact."""

    @initialize(template=st.sampled_from(["five-stage", "lifecycle"]))
    def start(self, template):
        from PySide6.QtWidgets import QApplication

        QApplication.instance() or QApplication([])
        self.document = JourneyDocument(map_from_template(template))
        self.original = dump(self.document.journey)
        self.taken: dict[str, dict] = {}

    def _pick(self, data, items):
        return items[data.draw(st.integers(0, len(items) - 1))]

    @rule(data=st.data(), text=st.text(max_size=12))
    def add_card(self, data, text):
        j = self.document.journey
        self.document.add_card(self._pick(data, j.stages).id, self._pick(data, j.lanes).id, text,
                               index=data.draw(st.integers(0, 3)))

    @precondition(lambda self: self.document.journey.cards)
    @rule(data=st.data(), text=st.text(max_size=12))
    def edit_card(self, data, text):
        self.document.edit_card(self._pick(data, self.document.journey.cards).id, text=text)

    @precondition(lambda self: self.document.journey.cards)
    @rule(data=st.data())
    def move_card(self, data):
        j = self.document.journey
        self.document.move_cards([self._pick(data, j.cards).id], self._pick(data, j.stages).id,
                                 self._pick(data, j.lanes).id, data.draw(st.integers(0, 3)))

    @precondition(lambda self: self.document.journey.cards)
    @rule(data=st.data())
    def remove_card(self, data):
        self.document.remove_cards([self._pick(data, self.document.journey.cards).id])

    @precondition(lambda self: self.document.journey.cards)
    @rule(data=st.data())
    def duplicate_card(self, data):
        self.document.duplicate_cards([self._pick(data, self.document.journey.cards).id])

    @rule(data=st.data(), count=st.integers(2, 6))
    def add_cards(self, data, count):
        j = self.document.journey
        self.document.add_cards([Card(stage_id=self._pick(data, j.stages).id, lane_id=self._pick(data, j.lanes).id,
                                      text=f"pasted {n}") for n in range(count)])

    @precondition(lambda self: len(self.document.journey.cards) > 1)
    @rule(data=st.data(), colour=st.sampled_from(["#ff0000", "#00ff00", None]))
    def edit_and_duplicate_several(self, data, colour):
        cards = self.document.journey.cards
        ids = [self._pick(data, cards).id for _ in range(data.draw(st.integers(2, 5)))]
        self.document.edit_cards(ids, color=colour, votes=data.draw(st.integers(0, 3)))
        if data.draw(st.booleans()):
            self.document.duplicate_cards(ids)

    @precondition(lambda self: len(self.document.journey.cards) > 1)
    @rule(data=st.data())
    def remove_several(self, data):
        cards = self.document.journey.cards
        self.document.remove_cards({self._pick(data, cards).id for _ in range(data.draw(st.integers(2, 5)))})

    @rule(name=st.text("abc", min_size=1, max_size=3))
    def take_snapshot(self, name):
        if any(s.name == name for s in self.document.journey.snapshots):
            return
        snapshot_id = self.document.take_snapshot(name)
        self.taken[snapshot_id] = self.document.journey.content().model_dump()

    @precondition(lambda self: self.document.journey.snapshots)
    @rule(data=st.data())
    def restore_snapshot(self, data):
        self.document.restore_snapshot(self._pick(data, self.document.journey.snapshots).id)

    @invariant()
    def snapshots_stay_as_taken(self):
        """Snapshots are shared, not copied, between the map and the undo steps: no edit may reach one."""
        for snapshot in self.document.journey.snapshots if hasattr(self, "document") else ():
            assert snapshot.content.model_dump() == self.taken[snapshot.id]

    @rule(data=st.data())
    def add_stage(self, data):
        self.document.add_stage(data.draw(st.integers(0, len(self.document.journey.stages))), "S")

    @precondition(lambda self: len(self.document.journey.stages) > 1)
    @rule(data=st.data())
    def remove_stage(self, data):
        self.document.remove_stage(self._pick(data, self.document.journey.stages).id)

    @rule(data=st.data())
    def move_stage(self, data):
        j = self.document.journey
        self.document.move_stage(self._pick(data, j.stages).id, data.draw(st.integers(0, len(j.stages))))

    @rule(data=st.data(), kind=st.sampled_from(list(LaneKind)))
    def change_lane_kind(self, data, kind):
        self.document.edit_lane(self._pick(data, self.document.journey.lanes).id, kind=kind)

    @precondition(lambda self: len(self.document.journey.lanes) > 1)
    @rule(data=st.data())
    def remove_lane(self, data):
        self.document.remove_lane(self._pick(data, self.document.journey.lanes).id)

    @rule(data=st.data(), value=st.floats(-3, 3))
    def set_emotion(self, data, value):
        j = self.document.journey
        lanes = [lane for lane in j.lanes if lane.kind == LaneKind.EMOTIONS]
        if lanes:
            self.document.set_emotion(self._pick(data, lanes).id, self._pick(data, j.stages).id, value,
                                      merge=data.draw(st.booleans()))

    @rule(data=st.data())
    def add_phase(self, data):
        j = self.document.journey
        self.document.add_phase("P", [self._pick(data, j.stages).id])

    @rule(name=st.text(max_size=10))
    def edit_persona(self, name):
        self.document.edit_persona(name=name, goals=[name])

    @invariant()
    def stays_valid(self):
        if hasattr(self, "document"):
            JourneyMap.model_validate(dump(self.document.journey))

    @invariant()
    def cell_index_matches_the_cards(self):
        """The document's per-cell index (what the canvas re-lays out from) is never stale."""
        if hasattr(self, "document"):
            _check_cell_index(self.document)

    def teardown(self):
        if not hasattr(self, "document"):
            return
        stack = self.document.undo_stack
        edited = dump(self.document.journey)
        while stack.canUndo():
            stack.undo()
            _check_cell_index(self.document)
        assert dump(self.document.journey) == self.original
        while stack.canRedo():
            stack.redo()
            _check_cell_index(self.document)
        assert dump(self.document.journey) == edited


def _check_cell_index(document: JourneyDocument) -> None:
    journey = document.journey
    for stage in journey.stages:
        for lane in journey.lanes:
            assert [c.id for c in document.cards_in(stage.id, lane.id)] == \
                [c.id for c in journey.cards_in(stage.id, lane.id)]


EditSequences.TestCase.settings = settings(max_examples=40, stateful_step_count=25, deadline=None)
test_edit_sequences = EditSequences.TestCase


def test_a_document_and_its_undo_history_go_as_soon_as_the_last_user_lets_go(qapp):
    """No reference cycle through the undo commands: the cycle collector freed such documents at random later
    moments, and tearing their Qt objects down there crashed the process (a segfault in the test suite)."""
    import gc
    import weakref

    document = JourneyDocument(map_from_template("five-stage"))
    journey = document.journey
    document.add_card(journey.stages[0].id, journey.lanes[0].id, "x")
    document.remove_stage(journey.stages[1].id)
    document.edit_persona(name="Maya")
    document.undo_stack.undo()
    gone = weakref.ref(document)
    collecting = gc.isenabled()
    gc.disable()
    try:
        del document, journey
        assert gone() is None
    finally:
        if collecting:
            gc.enable()


def test_the_undo_stack_keeps_its_commands_python_side_until_its_cpp_side_is_gone(qapp):
    """A command's C++ half calls back into its Python object until the stack deletes it; the stack keeps those
    objects in a table outside any reference cycle (so the cycle collector cannot free them first, which crashed
    the process) and lets them go once it is destroyed."""
    import weakref

    import shiboken6
    from PySide6.QtGui import QUndoCommand

    from app.undo_stack import _KEPT, UndoStack

    undone: list[str] = []

    class Probe(QUndoCommand):
        def undo(self) -> None:
            undone.append(self.text())

    stack = UndoStack()
    stack.push(Probe("first"))
    alive = weakref.ref(_KEPT[stack._number][0])
    number = stack._number
    stack.undo()
    assert undone == ["first"] and alive() is not None
    shiboken6.delete(stack)  # the C++ stack goes (as a window's does when it closes): its commands with it
    assert number not in _KEPT
