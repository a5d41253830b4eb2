"""The channel matrix: which touchpoint channels are used at which stage, and how often.

A pure function of the map, for the editor's panel and the PDF page to draw. The preferred channels are
those of every persona on the map given (a filtered map: the personas the filter shows); a channel a
persona prefers but no stage uses is a *gap*.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from app.model.enums import Channel, LaneKind
from app.model.journey import JourneyContent, Persona
from app.model.personas import persona_label


class ChannelMatrix(NamedTuple):
    """Rows are stages (map order), columns are channels (Channel order); counts[row][column]."""

    stage_ids: tuple[str, ...]
    stage_names: tuple[str, ...]
    channels: tuple[Channel, ...]
    counts: tuple[tuple[int, ...], ...]
    preferred: tuple[Channel, ...]  # the personas', in persona then preference order
    gaps: tuple[Channel, ...]  # preferred, used at no stage
    stages_without_channels: tuple[str, ...]  # stage ids with no channelled touchpoint card
    without_channel: tuple[int, ...]  # per stage: touchpoint cards that name no channel
    preferred_by: tuple[tuple[str, ...], ...] = ()  # per preferred channel: the names of the personas preferring it

    def who_prefers(self, channel: Channel) -> tuple[str, ...]:
        """The names of the personas that prefer a channel (empty when it is not preferred)."""
        if channel not in self.preferred or len(self.preferred_by) != len(self.preferred):
            return ()
        return self.preferred_by[self.preferred.index(channel)]

    def count(self, stage_id: str, channel: Channel) -> int:  # (in place of a tuple's `count`)
        """The touchpoint cards of a stage that name a channel."""
        if channel not in self.channels:
            return 0
        return self.counts[self.stage_ids.index(stage_id)][self.channels.index(channel)]

    def channel_total(self, channel: Channel) -> int:
        if channel not in self.channels:
            return 0
        column = self.channels.index(channel)
        return sum(row[column] for row in self.counts)

    def stage_total(self, stage_id: str) -> int:
        return sum(self.counts[self.stage_ids.index(stage_id)])

    def is_preferred(self, channel: Channel) -> bool:
        return channel in self.preferred

    @property
    def used(self) -> tuple[Channel, ...]:
        return tuple(c for c in self.channels if self.channel_total(c))

    def to_json(self) -> dict[str, Any]:
        return {
            "stages": list(self.stage_names),
            "channels": [c.value for c in self.channels],
            "counts": [list(row) for row in self.counts],
            "preferred": [c.value for c in self.preferred],
            "gaps": [c.value for c in self.gaps],
            "preferred_by": [list(names) for names in self.preferred_by],
            "stages_without_channels": [self.stage_ids.index(s) for s in self.stages_without_channels],
            "without_channel": list(self.without_channel),
        }


def channel_matrix(content: JourneyContent, persona: Persona | None = None, *, all_lanes: bool = False,
                   all_channels: bool = False) -> ChannelMatrix:
    """Count touchpoint cards by stage and channel.

    The preferred channels are `persona`'s, or by default those of every persona of `content`. Only cards
    in touchpoints lanes count, unless `all_lanes`
    (then any card naming a channel does). Columns are the channels used or preferred, or every
    channel with `all_channels`.
    """
    preferred, preferred_by = _preferred(content, [persona] if persona is not None else content.personas)
    touch_lanes = {lane.id for lane in content.lanes if all_lanes or lane.kind == LaneKind.TOUCHPOINTS}
    row_of = {stage.id: i for i, stage in enumerate(content.stages)}
    tallies: list[dict[Channel, int]] = [{} for _ in content.stages]
    without = [0] * len(content.stages)
    for card in content.cards:
        if card.lane_id not in touch_lanes:
            continue
        row = row_of[card.stage_id]
        if card.channel is None:
            if all_lanes and _lane_kind(content, card.lane_id) != LaneKind.TOUCHPOINTS:
                continue
            without[row] += 1
        else:
            tallies[row][card.channel] = tallies[row].get(card.channel, 0) + 1
    used = {channel for tally in tallies for channel in tally}
    columns = tuple(c for c in Channel if all_channels or c in used or c in preferred)
    return ChannelMatrix(
        stage_ids=tuple(s.id for s in content.stages),
        stage_names=tuple(s.name for s in content.stages),
        channels=columns,
        counts=tuple(tuple(tally.get(c, 0) for c in columns) for tally in tallies),
        preferred=preferred,
        gaps=tuple(c for c in preferred if c not in used),
        stages_without_channels=tuple(s.id for s, tally in zip(content.stages, tallies, strict=True) if not tally),
        without_channel=tuple(without),
        preferred_by=preferred_by,
    )


def _preferred(content: JourneyContent,
               personas: list[Persona]) -> tuple[tuple[Channel, ...], tuple[tuple[str, ...], ...]]:
    """The channels the personas prefer (first mention first) and, for each, who prefers it."""
    who: dict[Channel, list[str]] = {}
    for persona in personas:
        index = next((i for i, p in enumerate(content.personas) if p.id == persona.id), 0)
        for channel in dict.fromkeys(persona.preferred_channels):
            who.setdefault(channel, []).append(persona_label(persona, index))
    return tuple(who), tuple(tuple(names) for names in who.values())


def _lane_kind(content: JourneyContent, lane_id: str) -> LaneKind:
    return content.lane(lane_id).kind
