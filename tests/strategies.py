"""Hypothesis strategies that build valid journey maps (shared by round-trip tests)."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import strategies as st

from app.model import (
    Card,
    Channel,
    EmotionPoint,
    EmotionScale,
    Evidence,
    EvidenceStatus,
    JourneyMap,
    Kpi,
    Lane,
    LaneGroup,
    LaneKind,
    Metadata,
    Persona,
    Phase,
    Stage,
)
from app.model.enums import LaneRole

# Printable text in several scripts, including newlines inside cards; no surrogates or NUL.
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00") | st.sampled_from("\n\t"),
    max_size=40,
)
short_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=24)
names = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Z")), min_size=1, max_size=16)
colors = st.none() | st.from_regex(r"#[0-9a-f]{6}", fullmatch=True)
numbers = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
times = st.none() | st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
).map(lambda t: t.replace(microsecond=0))


@st.composite
def journey_maps(draw, max_stages: int = 6, max_lanes: int = 6, max_cards: int = 20) -> JourneyMap:
    phases = [Phase(id=f"p{i}", name=draw(names), color=draw(colors)) for i in range(draw(st.integers(0, 2)))]
    stage_count = draw(st.integers(1, max_stages))
    stages = [
        Stage(
            id=f"s{i}",
            name=draw(names),
            description=draw(text),
            color=draw(colors),
            phase_id=draw(st.none() | st.sampled_from([p.id for p in phases])) if phases else None,
            kpis=[
                Kpi(
                    id=f"k{i}_{j}",
                    name=draw(names),
                    value=draw(st.none() | numbers),
                    target=draw(st.none() | numbers),
                    unit=draw(st.sampled_from(["", "%", "days", "€"])),
                    higher_is_better=draw(st.booleans()),
                )
                for j in range(draw(st.integers(0, 2)))
            ],
        )
        for i in range(stage_count)
    ]
    groups = [LaneGroup(id=f"g{i}", name=draw(names), color=draw(colors)) for i in range(draw(st.integers(0, 2)))]
    lanes = [
        Lane(
            id=f"l{i}",
            name=draw(names),
            kind=draw(st.sampled_from(list(LaneKind))),
            color=draw(colors),
            group_id=draw(st.none() | st.sampled_from([g.id for g in groups])) if groups else None,
            role=draw(st.none() | st.sampled_from(list(LaneRole))),
        )
        for i in range(draw(st.integers(1, max_lanes)))
    ]
    low = draw(st.sampled_from([-2.0, -3.0, 0.0, 1.0, -100.0]))
    high = low + draw(st.sampled_from([1.0, 4.0, 6.0, 10.0, 100.0]))
    scale = EmotionScale(min=low, max=high)
    cards = []
    for i in range(draw(st.integers(0, max_cards))):
        evidence = draw(
            st.none() | st.builds(Evidence, status=st.sampled_from(list(EvidenceStatus)), source=short_text)
        )
        cards.append(
            Card(
                id=f"c{i}",
                stage_id=draw(st.sampled_from(stages)).id,
                lane_id=draw(st.sampled_from(lanes)).id,
                text=draw(text),
                color=draw(colors),
                note=draw(text),
                tags=draw(st.lists(names, max_size=3)),
                evidence=evidence,
                channel=draw(st.none() | st.sampled_from(list(Channel))),
                votes=draw(st.integers(0, 20)),
            )
        )
    persona_fields = {"role": text, "quote": text, "goals": st.lists(text, max_size=3),
                      "frustrations": st.lists(text, max_size=3),
                      "preferred_channels": st.lists(st.sampled_from(list(Channel)), max_size=3, unique=True)}
    personas = [draw(st.builds(Persona, id=st.just(f"pe{i}"), name=short_text, color=colors, **persona_fields))
                for i in range(draw(st.integers(0, 3)))]
    persona_ids = [p.id for p in personas]
    if persona_ids:
        for card in cards:
            card.personas = draw(st.lists(st.sampled_from(persona_ids), max_size=2, unique=True))
    emotions = []
    for lane in lanes:
        if lane.kind != LaneKind.EMOTIONS:
            continue
        for stage in stages:
            for owner in persona_ids or [None]:
                if draw(st.booleans()):
                    value = draw(st.floats(min_value=low, max_value=high, allow_nan=False))
                    # the first persona's points may leave it implicit (None), as version-1 files do
                    persona_id = draw(st.sampled_from([None, owner])) if owner == (persona_ids or [None])[0] else owner
                    emotions.append(
                        EmotionPoint(
                            stage_id=stage.id, lane_id=lane.id, persona_id=persona_id, value=value,
                            label=draw(st.none() | names), note=draw(text)
                        )
                    )
    return JourneyMap(
        metadata=Metadata(
            title=draw(names),
            description=draw(text),
            author=draw(short_text),
            created=draw(times),
            modified=draw(times),
        ),
        personas=personas,
        emotion_scale=scale,
        phases=phases,
        stages=stages,
        lane_groups=groups,
        lanes=lanes,
        cards=cards,
        emotions=emotions,
    )
