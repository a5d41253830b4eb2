"""The filtered map the canvas draws is kept current edit by edit (only touched cells filtered again), and is
always what filtering the whole map again would give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.document import JourneyDocument
from app.model.personas import filter_personas
from tests.persona_maps import three_persona_blueprint


def picture(content) -> tuple:
    """What a view draws: each cell's cards in order (with their shown personas), the curves, the personas."""
    cells = sorted({(c.stage_id, c.lane_id) for c in content.cards})
    cards = tuple((cell, tuple((c.id, c.text, tuple(c.personas)) for c in content.cards_in(*cell))) for cell in cells)
    points = sorted((p.lane_id, p.stage_id, p.persona_id or "", p.value) for p in content.emotions)
    return cards, tuple(points), tuple(p.id for p in content.personas)


OPERATIONS = st.lists(st.tuples(st.sampled_from(["add", "add_for_maya", "tie_to_maya", "untie", "move", "remove",
                                                 "emotion", "undo", "redo"]),
                                st.integers(0, 50), st.integers(0, 50)), min_size=1, max_size=12)


@settings(max_examples=25, deadline=None)
@given(OPERATIONS)
def test_the_kept_filtered_map_matches_a_fresh_filter(qapp, operations):
    doc = JourneyDocument(three_persona_blueprint())
    maya, kai, jo = (p.id for p in doc.journey.personas)
    doc.set_persona_filter([kai, jo])
    doc.visible_journey()  # filtered once; from here on kept current
    stages, lanes = doc.journey.stages, [lane for lane in doc.journey.lanes if lane.kind != "emotions"]
    emotions = next(lane for lane in doc.journey.lanes if lane.kind == "emotions")
    for name, a, b in operations:
        cards = doc.journey.cards
        card = cards[a % len(cards)] if cards else None
        stage, lane = stages[a % len(stages)], lanes[b % len(lanes)]
        if name == "add":
            doc.add_card(stage.id, lane.id, f"new {a}")
        elif name == "add_for_maya":
            doc.add_card(stage.id, lane.id, f"Maya's {a}", personas=[maya])
        elif name == "tie_to_maya" and card:
            doc.edit_card(card.id, personas=[maya])
        elif name == "untie" and card:
            doc.edit_card(card.id, personas=[])
        elif name == "move" and card:
            doc.move_cards([card.id], stage.id, lane.id, b % 3)
        elif name == "remove" and card:
            doc.remove_cards([card.id])
        elif name == "emotion":
            doc.set_emotion(emotions.id, stage.id, (b % 5) - 2)
        elif name == "undo":
            doc.undo_stack.undo()
        elif name == "redo":
            doc.undo_stack.redo()
        assert picture(doc.visible_journey()) == picture(filter_personas(doc.journey, [kai, jo])), name
