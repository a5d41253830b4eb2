"""What changed between two versions of a map: `diff_contents(old, new) -> MapDiff`.

Items are paired by stable id. When two versions share no ids at all for a kind of item
(a map re-imported from Excel gets fresh ids), stages and lanes are paired by name and then
by position between matched neighbours, phases and lane groups by name, and cards by cell and
text similarity (see app.model.matching); `MapDiff.matching` says which was used.

A "moved" stage, lane or card is one outside the longest run of items that kept their
relative order, so inserting one stage does not mark every later stage as moved.
`MapDiff.to_json()` has the stable shape documented in the README ("diff --json").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from app.model.journey import Card, EmotionPoint, JourneyContent, Persona
from app.model.matching import (
    ids_disjoint,
    increasing_subsequence,
    match_by_id,
    match_by_name,
    match_cards_by_text,
)

CARD_FIELDS = ("text", "color", "note", "tags", "evidence", "channel", "votes")
PERSONA_FIELDS = ("name", "role", "quote", "goals", "needs", "expectations", "frustrations", "preferred_channels",
                  "photo")
METADATA_FIELDS = ("title", "description", "author", "emotion_scale")
"""Compared map fields. `created` and `modified` are left out: they change on every save."""


@dataclass(frozen=True)
class FieldChange:
    """One field's old and new value."""

    field: str
    old: Any  # JSON-ready: str, number, bool, list, dict or None
    new: Any

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class ItemRef:
    """A stage, lane, phase or lane group as it is in one version; index is 0-based."""

    id: str
    name: str
    index: int

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "index": self.index}


@dataclass(frozen=True)
class ItemChange:
    """An item present in both maps whose place or fields changed."""

    old: ItemRef
    new: ItemRef
    moved: bool
    fields: tuple[FieldChange, ...]

    def field(self, name: str) -> FieldChange | None:
        return next((f for f in self.fields if f.field == name), None)

    def to_json(self) -> dict[str, Any]:
        return {"old": self.old.to_json(), "new": self.new.to_json(), "moved": self.moved,
                "fields": [f.to_json() for f in self.fields]}


@dataclass(frozen=True)
class ItemDiff:
    """Added, removed and changed (renamed, moved, edited) items of one kind."""

    kind: str  # "phase" | "stage" | "lane group" | "lane"
    added: tuple[ItemRef, ...] = ()
    removed: tuple[ItemRef, ...] = ()
    changed: tuple[ItemChange, ...] = ()

    @property
    def renamed(self) -> tuple[ItemChange, ...]:
        return tuple(c for c in self.changed if c.field("name"))

    @property
    def moved(self) -> tuple[ItemChange, ...]:
        return tuple(c for c in self.changed if c.moved)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def to_json(self) -> dict[str, Any]:
        return {"added": [r.to_json() for r in self.added], "removed": [r.to_json() for r in self.removed],
                "changed": [c.to_json() for c in self.changed]}


@dataclass(frozen=True)
class CardRef:
    """A card where it is in one version: cell by id and by name, 0-based position in the cell."""

    id: str
    stage_id: str
    lane_id: str
    stage: str
    lane: str
    index: int
    text: str

    @property
    def cell(self) -> str:
        return f"{self.stage}/{self.lane}"

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "stage_id": self.stage_id, "lane_id": self.lane_id, "stage": self.stage,
                "lane": self.lane, "index": self.index, "text": self.text}


@dataclass(frozen=True)
class CardChange:
    """A card present in both maps whose fields changed."""

    old: CardRef
    new: CardRef
    fields: tuple[FieldChange, ...]

    def to_json(self) -> dict[str, Any]:
        return {"old": self.old.to_json(), "new": self.new.to_json(), "fields": [f.to_json() for f in self.fields]}


@dataclass(frozen=True)
class CardMove:
    """`cell`: the card is in another stage or lane; `position`: reordered within its cell."""

    old: CardRef
    new: CardRef
    kind: Literal["cell", "position"]

    def to_json(self) -> dict[str, Any]:
        return {"old": self.old.to_json(), "new": self.new.to_json(), "kind": self.kind}


@dataclass(frozen=True)
class EmotionRef:
    """An emotion point, named by its stage and lane."""

    stage_id: str
    lane_id: str
    stage: str
    lane: str
    value: float
    label: str | None
    persona: str | None = None  # whose curve (its name); None on a map without personas

    def to_json(self) -> dict[str, Any]:
        return {"stage_id": self.stage_id, "lane_id": self.lane_id, "stage": self.stage, "lane": self.lane,
                "value": self.value, "label": self.label, "persona": self.persona}


@dataclass(frozen=True)
class EmotionChange:
    """An emotion point present in both maps whose value or label changed."""

    old: EmotionRef
    new: EmotionRef
    fields: tuple[FieldChange, ...]

    def to_json(self) -> dict[str, Any]:
        return {"old": self.old.to_json(), "new": self.new.to_json(), "fields": [f.to_json() for f in self.fields]}


@dataclass(frozen=True)
class MapDiff:
    """Everything that differs between two maps, by kind of item."""

    matching: dict[str, str]  # kind -> "id" | "name" | "text"
    metadata: tuple[FieldChange, ...] = ()
    persona: tuple[FieldChange, ...] = ()  # the first persona's fields (what version-1 maps had)
    personas: ItemDiff = field(default_factory=lambda: ItemDiff("persona"))
    phases: ItemDiff = field(default_factory=lambda: ItemDiff("phase"))
    stages: ItemDiff = field(default_factory=lambda: ItemDiff("stage"))
    lane_groups: ItemDiff = field(default_factory=lambda: ItemDiff("lane group"))
    lanes: ItemDiff = field(default_factory=lambda: ItemDiff("lane"))
    cards_added: tuple[CardRef, ...] = ()
    cards_removed: tuple[CardRef, ...] = ()
    cards_changed: tuple[CardChange, ...] = ()
    cards_moved: tuple[CardMove, ...] = ()
    emotions_added: tuple[EmotionRef, ...] = ()
    emotions_removed: tuple[EmotionRef, ...] = ()
    emotions_changed: tuple[EmotionChange, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.metadata or self.persona or self.personas or self.phases or self.stages or self.lane_groups
                    or self.lanes
                    or self.cards_added or self.cards_removed or self.cards_changed or self.cards_moved
                    or self.emotions_added or self.emotions_removed or self.emotions_changed)

    @property
    def matched_by_content(self) -> bool:
        return any(method != "id" for method in self.matching.values())

    def summary(self) -> list[str]:
        from app.model.diff_text import summary_lines

        return summary_lines(self)

    def to_json(self) -> dict[str, Any]:
        return {
            "same": self.is_empty,
            "matching": dict(self.matching),
            "metadata": [f.to_json() for f in self.metadata],
            "persona": [f.to_json() for f in self.persona],
            "phases": self.phases.to_json(),
            "stages": self.stages.to_json(),
            "lane_groups": self.lane_groups.to_json(),
            "lanes": self.lanes.to_json(),
            "cards": {
                "added": [c.to_json() for c in self.cards_added],
                "removed": [c.to_json() for c in self.cards_removed],
                "changed": [c.to_json() for c in self.cards_changed],
                "moved": [m.to_json() for m in self.cards_moved],
            },
            "emotions": {
                "added": [e.to_json() for e in self.emotions_added],
                "removed": [e.to_json() for e in self.emotions_removed],
                "changed": [e.to_json() for e in self.emotions_changed],
            },
            "personas": self.personas.to_json(),
            "summary": self.summary(),
        }


# --- the diff ---------------------------------------------------------------------------


def diff_contents(old: JourneyContent, new: JourneyContent) -> MapDiff:
    """Every difference between two versions of a map (snapshots are not compared)."""
    matching: dict[str, str] = {}

    def pair(kind: str, old_items: list[Any], new_items: list[Any], by_position: bool) -> dict[str, str]:
        if ids_disjoint(old_items, new_items):
            matching[kind] = "name"
            return match_by_name(old_items, new_items, by_position=by_position)
        matching[kind] = "id"
        return match_by_id(old_items, new_items)

    phase_map = pair("phases", old.phases, new.phases, False)
    stage_map = pair("stages", old.stages, new.stages, True)
    group_map = pair("lane_groups", old.lane_groups, new.lane_groups, False)
    lane_map = pair("lanes", old.lanes, new.lanes, True)
    persona_map = pair("personas", old.personas, new.personas, True)
    if ids_disjoint(old.cards, new.cards):
        matching["cards"] = "text"
        card_map = match_cards_by_text(old, new, stage_map, lane_map)
    else:
        matching["cards"] = "id"
        card_map = match_by_id(old.cards, new.cards)

    old_phase_names = {p.id: p.name for p in old.phases}
    new_phase_names = {p.id: p.name for p in new.phases}
    old_group_names = {g.id: g.name for g in old.lane_groups}
    new_group_names = {g.id: g.name for g in new.lane_groups}

    def stage_fields(a: Any, b: Any) -> list[FieldChange]:
        changes = _fields(a, b, ("name", "description", "color"))
        if _mapped(a.phase_id, phase_map) != b.phase_id:
            changes.append(FieldChange("phase", old_phase_names.get(a.phase_id or ""),
                                       new_phase_names.get(b.phase_id or "")))
        old_kpis, new_kpis = [_kpi(k) for k in a.kpis], [_kpi(k) for k in b.kpis]
        if old_kpis != new_kpis:
            changes.append(FieldChange("kpis", old_kpis, new_kpis))
        return changes

    def lane_fields(a: Any, b: Any) -> list[FieldChange]:
        changes = _fields(a, b, ("name", "kind", "color", "role"))
        if _mapped(a.group_id, group_map) != b.group_id:
            changes.append(FieldChange("group", old_group_names.get(a.group_id or ""),
                                       new_group_names.get(b.group_id or "")))
        return changes

    def named_fields(a: Any, b: Any) -> list[FieldChange]:
        return _fields(a, b, ("name", "color"))

    return MapDiff(
        matching=matching,
        metadata=tuple(_metadata_changes(old, new)),
        persona=tuple(_persona_changes(old.persona, new.persona)),
        personas=_item_diff("persona", old.personas, new.personas, persona_map, _persona_changes, track_moves=True),
        phases=_item_diff("phase", old.phases, new.phases, phase_map, named_fields, track_moves=False),
        stages=_item_diff("stage", old.stages, new.stages, stage_map, stage_fields, track_moves=True),
        lane_groups=_item_diff("lane group", old.lane_groups, new.lane_groups, group_map, named_fields,
                               track_moves=False),
        lanes=_item_diff("lane", old.lanes, new.lanes, lane_map, lane_fields, track_moves=True),
        **_card_diff(old, new, card_map, stage_map, lane_map),
        **_emotion_diff(old, new, stage_map, lane_map, persona_map),
    )


def _mapped(old_id: str | None, mapping: dict[str, str]) -> str | None:
    return mapping.get(old_id) if old_id is not None else None


def _json_value(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    if hasattr(value, "value") and isinstance(value.value, str):  # StrEnum
        return value.value
    return value


def _fields(a: Any, b: Any, names: tuple[str, ...]) -> list[FieldChange]:
    return [FieldChange(name, _json_value(getattr(a, name)), _json_value(getattr(b, name)))
            for name in names if getattr(a, name) != getattr(b, name)]


def _kpi(kpi: Any) -> dict[str, Any]:
    return {"name": kpi.name, "value": kpi.value, "target": kpi.target, "unit": kpi.unit,
            "higher_is_better": kpi.higher_is_better}


def _item_diff(kind: str, old: list[Any], new: list[Any], mapping: dict[str, str], compare: Any, *,
               track_moves: bool) -> ItemDiff:
    new_index = {item.id: i for i, item in enumerate(new)}
    old_index = {item.id: i for i, item in enumerate(old)}
    new_by_id = {item.id: item for item in new}
    paired_new = sorted((new_index[n], o) for o, n in mapping.items())  # in new order
    moved: set[str] = set()
    if track_moves:
        kept = increasing_subsequence([old_index[o] for _, o in paired_new])
        moved = {o for position, (_, o) in enumerate(paired_new) if position not in kept}
    changed = []
    for i, item in enumerate(old):
        if item.id not in mapping:
            continue
        other = new_by_id[mapping[item.id]]
        fields = compare(item, other)
        if fields or item.id in moved:
            changed.append(ItemChange(ItemRef(item.id, item.name, i), ItemRef(other.id, other.name,
                                                                               new_index[other.id]),
                                      item.id in moved, tuple(fields)))
    paired = set(mapping.values())
    return ItemDiff(
        kind,
        added=tuple(ItemRef(item.id, item.name, i) for i, item in enumerate(new) if item.id not in paired),
        removed=tuple(ItemRef(item.id, item.name, i) for i, item in enumerate(old) if item.id not in mapping),
        changed=tuple(changed),
    )


def _card_refs(content: JourneyContent) -> dict[str, CardRef]:
    stages = {s.id: s.name for s in content.stages}
    lanes = {lane.id: lane.name for lane in content.lanes}
    counts: dict[tuple[str, str], int] = {}
    refs = {}
    for card in content.cards:
        cell = (card.stage_id, card.lane_id)
        index = counts.get(cell, 0)
        counts[cell] = index + 1
        refs[card.id] = CardRef(card.id, card.stage_id, card.lane_id, stages[card.stage_id], lanes[card.lane_id],
                                index, card.text)
    return refs


def _card_diff(old: JourneyContent, new: JourneyContent, card_map: dict[str, str], stage_map: dict[str, str],
               lane_map: dict[str, str]) -> dict[str, Any]:
    old_refs, new_refs = _card_refs(old), _card_refs(new)
    new_cards: dict[str, Card] = {c.id: c for c in new.cards}
    changed: list[CardChange] = []
    moved: list[CardMove] = []
    stayed: dict[tuple[str, str], list[tuple[int, int, str]]] = {}  # new cell -> (new index, old index, old id)
    for card in old.cards:
        if card.id not in card_map:
            continue
        other = new_cards[card_map[card.id]]
        a, b = old_refs[card.id], new_refs[other.id]
        fields = _fields(card, other, CARD_FIELDS)
        if _persona_names(old, card.personas) != _persona_names(new, other.personas):
            fields.append(FieldChange("personas", _persona_names(old, card.personas),
                                      _persona_names(new, other.personas)))
        if fields:
            changed.append(CardChange(a, b, tuple(fields)))
        if (stage_map.get(card.stage_id), lane_map.get(card.lane_id)) != (other.stage_id, other.lane_id):
            moved.append(CardMove(a, b, "cell"))
        else:
            stayed.setdefault((other.stage_id, other.lane_id), []).append((b.index, a.index, card.id))
    for cards in stayed.values():
        cards.sort()
        kept = increasing_subsequence([old_index for _, old_index, _ in cards])
        for position, (_, _, old_id) in enumerate(cards):
            if position not in kept:
                moved.append(CardMove(old_refs[old_id], new_refs[card_map[old_id]], "position"))
    paired = set(card_map.values())
    moved.sort(key=lambda m: _order(new, m.new))
    return {
        "cards_added": tuple(new_refs[c.id] for c in new.cards if c.id not in paired),
        "cards_removed": tuple(old_refs[c.id] for c in old.cards if c.id not in card_map),
        "cards_changed": tuple(changed),
        "cards_moved": tuple(moved),
    }


def _order(content: JourneyContent, ref: CardRef) -> tuple[int, int, int]:
    return (content.lane_index(ref.lane_id), content.stage_index(ref.stage_id), ref.index)


def _persona_names(content: JourneyContent, ids: list[str]) -> list[str]:
    names = {p.id: p.name for p in content.personas}
    return [names.get(i, i) for i in ids]


def _emotion_ref(content: JourneyContent, point: EmotionPoint) -> EmotionRef:
    owner = content.curve_owner(point.persona_id)
    persona = content.persona_by_id(owner).name if owner else None
    return EmotionRef(point.stage_id, point.lane_id, content.stage(point.stage_id).name,
                      content.lane(point.lane_id).name, point.value, point.label, persona)


def _emotion_diff(old: JourneyContent, new: JourneyContent, stage_map: dict[str, str],
                  lane_map: dict[str, str], persona_map: dict[str, str]) -> dict[str, Any]:
    """Points pair by cell and whose curve they are on (the personas paired like the other items)."""
    new_points = {(p.lane_id, p.stage_id, new.curve_owner(p.persona_id)): p for p in new.emotions}
    matched: set[tuple[str, str, str | None]] = set()
    removed, changed = [], []
    for point in old.emotions:
        owner = old.curve_owner(point.persona_id)
        key = (lane_map.get(point.lane_id), stage_map.get(point.stage_id), _mapped(owner, persona_map))
        other = new_points.get(key)  # type: ignore[arg-type]
        if other is None:
            removed.append(_emotion_ref(old, point))
            continue
        matched.add(key)  # type: ignore[arg-type]
        fields = _fields(point, other, ("value", "label", "note"))
        if fields:
            changed.append(EmotionChange(_emotion_ref(old, point), _emotion_ref(new, other), tuple(fields)))
    added = [_emotion_ref(new, p) for key, p in new_points.items() if key not in matched]
    return {"emotions_added": tuple(added), "emotions_removed": tuple(removed), "emotions_changed": tuple(changed)}


def _metadata_changes(old: JourneyContent, new: JourneyContent) -> list[FieldChange]:
    changes = _fields(old.metadata, new.metadata, ("title", "description", "author"))
    old_scale = [old.emotion_scale.min, old.emotion_scale.max]
    new_scale = [new.emotion_scale.min, new.emotion_scale.max]
    if old_scale != new_scale:
        changes.append(FieldChange("emotion_scale", old_scale, new_scale))
    return changes


def _persona_changes(old: Persona | None, new: Persona | None) -> list[FieldChange]:
    a, b = old or Persona(), new or Persona()
    changes = _fields(a, b, (*PERSONA_FIELDS[:-1], "color"))
    if a.photo != b.photo:
        changes.append(FieldChange("photo", _photo(a), _photo(b)))
    return changes


def _photo(persona: Persona) -> str | None:
    if persona.photo is None:
        return None
    return f"{persona.photo.mime_type}, {len(persona.photo.image_bytes())} bytes"
