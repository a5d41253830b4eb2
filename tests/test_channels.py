"""The channel matrix: stages x channels counts, preferred channels and gaps."""

from __future__ import annotations

from app.model import Card, Channel, Persona
from app.model.channels import channel_matrix


def test_example_map_matrix(example_map):
    matrix = channel_matrix(example_map)
    assert matrix.stage_names == ("Awareness", "Consideration", "Decision", "Retention", "Advocacy")
    assert matrix.preferred == (Channel.MOBILE_APP, Channel.WORD_OF_MOUTH, Channel.CHAT)
    assert matrix.gaps == ()
    assert matrix.count("st-consider", Channel.WEBSITE) == 2
    assert matrix.count("st-aware", Channel.WEBSITE) == 0
    assert matrix.count("st-aware", Channel.EVENT) == 0  # not a column at all
    assert Channel.EVENT not in matrix.channels and Channel.IN_STORE not in matrix.channels
    assert list(matrix.channels) == [c for c in Channel if c in matrix.channels]  # enum order
    touchpoints = [c for c in example_map.cards if c.lane_id == "ln-touch"]
    assert sum(map(sum, matrix.counts)) == len(touchpoints)
    assert matrix.stage_total("st-aware") == 3
    assert matrix.channel_total(Channel.MOBILE_APP) == 2
    assert matrix.stages_without_channels == () and matrix.without_channel == (0, 0, 0, 0, 0)


def test_gaps_unchannelled_cards_and_stages_without_channels(example_map):
    journey = example_map.model_copy(deep=True)
    journey.cards = [c for c in journey.cards if not (c.lane_id == "ln-touch" and c.stage_id == "st-advocate")]
    journey.cards.append(Card(stage_id="st-advocate", lane_id="ln-touch", text="Somewhere"))
    persona = Persona(name="Other", preferred_channels=[Channel.IN_STORE, Channel.EMAIL])
    matrix = channel_matrix(journey, persona)
    assert matrix.preferred == (Channel.IN_STORE, Channel.EMAIL)
    assert matrix.gaps == (Channel.IN_STORE,)
    assert Channel.IN_STORE in matrix.channels and matrix.channel_total(Channel.IN_STORE) == 0
    assert matrix.is_preferred(Channel.EMAIL) and not matrix.is_preferred(Channel.WEBSITE)
    assert matrix.stages_without_channels == ("st-advocate",)
    assert matrix.without_channel == (0, 0, 0, 0, 1)
    data = matrix.to_json()
    assert data["gaps"] == ["in_store"] and data["stages_without_channels"] == [4]
    assert set(data) == {"stages", "channels", "counts", "preferred", "gaps", "stages_without_channels",
                         "without_channel", "preferred_by"}


def test_cards_with_a_channel_outside_touchpoint_lanes_count_only_with_all_lanes(example_map):
    journey = example_map.model_copy(deep=True)
    journey.cards.append(Card(stage_id="st-aware", lane_id="ln-actions", text="Visits a shop", channel="in_store"))
    assert channel_matrix(journey).count("st-aware", Channel.IN_STORE) == 0
    matrix = channel_matrix(journey, all_lanes=True)
    assert matrix.count("st-aware", Channel.IN_STORE) == 1
    assert matrix.without_channel == (0, 0, 0, 0, 0)  # channel-less action cards are not "missing" one
    assert len(channel_matrix(journey, all_channels=True).channels) == len(Channel)


def test_map_without_persona_or_touchpoints():
    from app.model.templates import map_from_template

    matrix = channel_matrix(map_from_template())
    assert matrix.channels == () and matrix.preferred == () and matrix.gaps == ()
    assert matrix.counts == ((),) * 5
    assert len(matrix.stages_without_channels) == 5
