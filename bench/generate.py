"""Generated maps of any size for benchmarks (realistic card texts, deterministic)."""

from __future__ import annotations

import random

from app.model import Card, EmotionPoint, Evidence, EvidenceStatus, JourneyMap, Lane, LaneKind, Metadata, Stage
from app.model.enums import Channel

_WORD_TEXT = ("customer compares plans price coverage support checkout delivery email app store review "
              "friend asks waits finds confusing easy quickly again account payment refund order message "
              "installs receives notices decides recommends searches reads calls visits cancels upgrades")
WORDS = _WORD_TEXT.split()
KINDS = [LaneKind.ACTIONS, LaneKind.TOUCHPOINTS, LaneKind.THOUGHTS, LaneKind.EMOTIONS, LaneKind.PAIN_POINTS,
         LaneKind.OPPORTUNITIES, LaneKind.TEXT, LaneKind.ACTIONS, LaneKind.TOUCHPOINTS, LaneKind.TEXT,
         LaneKind.THOUGHTS, LaneKind.TEXT]


def generated_map(stages: int = 60, lanes: int = 10, cards_per_cell: int = 4, seed: int = 7) -> JourneyMap:
    rng = random.Random(seed)
    stage_list = [Stage(id=f"s{i:03d}", name=f"Stage {i + 1}") for i in range(stages)]
    lane_list = [Lane(id=f"l{j:02d}", name=f"{KINDS[j % len(KINDS)].label} {j + 1}", kind=KINDS[j % len(KINDS)])
                 for j in range(lanes)]
    cards, emotions = [], []
    for lane in lane_list:
        for stage in stage_list:
            if lane.kind == LaneKind.EMOTIONS:
                emotions.append(EmotionPoint(stage_id=stage.id, lane_id=lane.id, value=rng.choice([-2, -1, 0, 1, 2])))
                continue
            for k in range(cards_per_cell):
                text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 12))).capitalize()
                cards.append(Card(id=f"c{stage.id}{lane.id}{k}", stage_id=stage.id, lane_id=lane.id, text=text,
                                  channel=rng.choice(list(Channel)) if lane.kind == LaneKind.TOUCHPOINTS else None,
                                  evidence=Evidence(status=EvidenceStatus.OBSERVED) if k == 0 else None))
    return JourneyMap(metadata=Metadata(title=f"Generated {stages}x{lanes}"), stages=stage_list, lanes=lane_list,
                      cards=cards, emotions=emotions)
