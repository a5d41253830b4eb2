"""Persona colours are counted as they are given, not recounted for each persona (3,000 personas made the Excel
export take 11 s): the same colours as recounting."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.model.journey import JourneyMap, Persona
from app.model.personas import PERSONA_PALETTE, persona_colors


def colors_by_recounting(content) -> dict[str, str]:
    taken = {p.color.casefold() for p in content.personas if p.color}
    free = [c for c in PERSONA_PALETTE if c.casefold() not in taken] or list(PERSONA_PALETTE)
    colors: dict[str, str] = {}
    for persona in content.personas:
        colors[persona.id] = persona.color or free[len([p for p in colors.values() if p in free]) % len(free)]
    return colors


own = st.one_of(st.none(), st.sampled_from(PERSONA_PALETTE), st.sampled_from([c.upper() for c in PERSONA_PALETTE]),
                st.sampled_from(["#123456", "#abcdef"]))


@given(st.lists(own, max_size=30))
@settings(max_examples=200, deadline=None)
def test_the_same_colours_as_recounting(choices):
    journey = JourneyMap(personas=[Persona(name=f"P{n}", color=color) for n, color in enumerate(choices)])
    assert persona_colors(journey) == colors_by_recounting(journey)
