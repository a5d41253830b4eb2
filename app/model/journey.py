"""The journey map document: pydantic models with cross-reference validation.

Cards live in one flat, ordered list; a card's place in its cell (stage x lane) is its
order among the cards of that cell. Every stage, phase, lane, lane group, card, KPI and
snapshot carries a stable short id that canvas items, undo commands and round trips use.
"""

import base64
import binascii
import functools
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import core_schema

from app.model.enums import Channel, EvidenceStatus, LaneKind, LaneRole
from app.model.references import find_reference_problems, spelt_as_ids

SCHEMA_VERSION = 2
"""The file format version this code writes and the newest it reads."""

MAX_PHOTO_BYTES = 2 * 1024 * 1024
"""A persona photo is stored inside the file; cap it so maps stay small enough to diff."""

MAX_PHOTO_PIXELS = 40_000_000
"""A persona photo larger than this (width x height) is never decoded: a 28 KB PNG can claim 13000 x 13000
pixels and take gigabytes. Exports leave it out with a warning; the editor shows no picture."""

MAX_SCALE_MAGNITUDE = 1e9
"""Emotion scales stay within ±this: wider ones overflow to inf/NaN when rescaled (±1.7e308)."""

MAX_TEXT_LENGTH = 20_000
"""The longest text any single field may hold (a card, a note, a description)."""

ID_PATTERN = r"^[A-Za-z0-9_\-]+$"


class _IdSpelling:
    """An id's core schema: from Python (constructors, assignments, the careful path's dicts) pydantic checks
    the pattern on every id; from JSON (the quick path of opening a file) only the length, and the map's
    validator checks every id's characters at once (`references.spelt_as_ids`) at C speed, where pydantic's regex
    engine cost a twentieth of the time to open a large map. The JSON Schema is the pattern's."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> core_schema.CoreSchema:
        return core_schema.json_or_python_schema(
            json_schema=core_schema.str_schema(min_length=1, max_length=64),
            python_schema=core_schema.str_schema(min_length=1, max_length=64, pattern=ID_PATTERN))

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> dict[str, Any]:
        return handler(core_schema.str_schema(min_length=1, max_length=64, pattern=ID_PATTERN))


Id = Annotated[str, _IdSpelling()]
Color = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]
Text = Annotated[str, Field(max_length=MAX_TEXT_LENGTH)]
ShortText = Annotated[str, Field(max_length=500)]


def new_id() -> str:
    """A short random id (12 hex digits): unique enough for one map, short enough to read."""
    return uuid.uuid4().hex[:12]


def new_list() -> list[Any]:
    """A new empty list, as a field's default. A Python function rather than the built-in `list`: pydantic
    reads a default factory's signature, and the built-in's costs a tokenizer and its patterns at import."""
    return []


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        allow_inf_nan=False,
        str_strip_whitespace=False,
        # Reading a file, pydantic looks every short string up in a cache of repeated strings; a map's texts
        # rarely repeat, and the lookups cost more (about a tenth of the time to open a large map) than the
        # repeated ids they share would save. Keys are still shared, as Python's json shares them.
        cache_strings="keys",
    )


class Kpi(_Model):
    """A measure shown on a stage, e.g. conversion 12 % against a target of 15 %."""

    id: Id = Field(default_factory=new_id)
    name: ShortText
    value: float | None = None
    target: float | None = None
    unit: ShortText = ""
    higher_is_better: bool = True  # False for churn, drop-off, wait time: meeting the target means staying below it


class Phase(_Model):
    """A named group of adjacent stages ("Before / During / After")."""

    id: Id = Field(default_factory=new_id)
    name: ShortText
    color: Color | None = None


class Stage(_Model):
    """A column of the map."""

    id: Id = Field(default_factory=new_id)
    name: ShortText
    description: Text = ""
    color: Color | None = None
    phase_id: Id | None = None
    kpis: list[Kpi] = Field(default_factory=new_list)


class LaneGroup(_Model):
    """A named group of adjacent lanes (frontstage / backstage)."""

    id: Id = Field(default_factory=new_id)
    name: ShortText
    color: Color | None = None


class Lane(_Model):
    """A row of the map."""

    id: Id = Field(default_factory=new_id)
    name: ShortText
    kind: LaneKind = LaneKind.TEXT
    color: Color | None = None
    group_id: Id | None = None
    role: LaneRole | None = None  # its service-blueprint layer; the lines between layers are drawn from these


class Evidence(_Model):
    """Whether a card comes from research, and from which."""

    status: EvidenceStatus
    source: ShortText = ""


class Card(_Model):
    """One sticky note in a cell."""

    id: Id = Field(default_factory=new_id)
    stage_id: Id
    lane_id: Id
    text: Text = ""
    color: Color | None = None
    note: Text = ""
    tags: list[ShortText] = Field(default_factory=new_list)
    evidence: Evidence | None = None
    channel: Channel | None = None
    votes: int = Field(default=0, ge=0, le=10_000)
    personas: list[Id] = Field(default_factory=new_list)  # the personas it is about; empty = all of them


class EmotionPoint(_Model):
    """One stage's score on an emotions lane, on one persona's curve."""

    stage_id: Id
    lane_id: Id
    persona_id: Id | None = None  # whose curve; None = the first persona's (the only curve of a map without one)
    value: float
    label: ShortText | None = None
    note: Text = ""


class EmotionScale(_Model):
    """The range emotion scores live on; stored so an imported 1-5 map keeps its meaning."""

    min: float = -2.0
    max: float = 2.0

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if not self.min < self.max:
            raise ValueError(f"emotion scale minimum {self.min:g} must be below maximum {self.max:g}")
        if max(abs(self.min), abs(self.max)) > MAX_SCALE_MAGNITUDE:
            raise ValueError(f"emotion scale {self.min:g} to {self.max:g} is beyond ±{MAX_SCALE_MAGNITUDE:g}, "
                             "wider than any score can be drawn or converted")
        return self

    def clamp(self, value: float) -> float:
        return max(self.min, min(self.max, value))

    def normalized(self, value: float) -> float:
        """Where value sits on the scale, 0.0 at the minimum to 1.0 at the maximum."""
        return (self.clamp(value) - self.min) / (self.max - self.min)


@functools.lru_cache(maxsize=4)
def _is_base64(value: str) -> bool:
    """Cached: a file's snapshots share one photo string (see app/io/journey/blobs.py), checked once."""
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


class Photo(_Model):
    """An image stored inside the file as base64."""

    mime_type: Literal["image/png", "image/jpeg", "image/gif", "image/webp"] = "image/png"
    data: str

    @field_validator("data")
    @classmethod
    def _valid_base64(cls, value: str) -> str:
        if len(value) > MAX_PHOTO_BYTES * 4 // 3 + 8:
            raise ValueError(f"photo is larger than {MAX_PHOTO_BYTES // (1024 * 1024)} MB")
        if not _is_base64(value):
            raise ValueError("photo data is not valid base64")
        return value

    def image_bytes(self) -> bytes:
        return base64.b64decode(self.data)


class Persona(_Model):
    """A customer whose journey the map tells; a map holds any number of them."""

    id: Id = Field(default_factory=new_id)
    name: ShortText = ""
    color: Color | None = None  # its curve's colour; None = the palette's colour for its place in the list
    role: Text = ""
    quote: Text = ""
    goals: list[Text] = Field(default_factory=new_list)
    needs: list[Text] = Field(default_factory=new_list)
    expectations: list[Text] = Field(default_factory=new_list)
    frustrations: list[Text] = Field(default_factory=new_list)
    preferred_channels: list[Channel] = Field(default_factory=new_list)
    photo: Photo | None = None


class Metadata(_Model):
    title: ShortText = "Untitled journey"
    description: Text = ""
    author: ShortText = ""
    created: datetime | None = None
    modified: datetime | None = None


class JourneyContent(_Model):
    """Everything a map shows; a snapshot stores one of these."""

    metadata: Metadata = Field(default_factory=Metadata)
    personas: list[Persona] = Field(default_factory=new_list)
    emotion_scale: EmotionScale = Field(default_factory=EmotionScale)
    phases: list[Phase] = Field(default_factory=new_list)
    stages: list[Stage] = Field(default_factory=new_list)
    lane_groups: list[LaneGroup] = Field(default_factory=new_list)
    lanes: list[Lane] = Field(default_factory=new_list)
    cards: list[Card] = Field(default_factory=new_list)
    emotions: list[EmotionPoint] = Field(default_factory=new_list)

    @property
    def persona(self) -> Persona | None:
        """The first persona (the map's main one), or None."""
        return self.personas[0] if self.personas else None

    @persona.setter
    def persona(self, value: Persona | None) -> None:
        """Replace the first persona, keeping its id (so cards and curves still refer to it); None removes it,
        untying its cards and deleting its curve."""
        if not self.personas:
            if value is not None:
                self.personas = [value]
            return
        first = self.personas[0]
        if value is not None:
            self.personas = [value.model_copy(update={"id": first.id}), *self.personas[1:]]
            return
        self.emotions = [p for p in self.emotions if self.curve_owner(p.persona_id) != first.id]
        for card in self.cards:
            if first.id in card.personas:
                card.personas = [p for p in card.personas if p != first.id]
        self.personas = self.personas[1:]

    @model_validator(mode="after")
    def _references_resolve(self) -> Self:
        problems = find_reference_problems(self)
        if problems:
            raise ValueError(
                "; ".join(problems[:5]) + (f" (and {len(problems) - 5} more)" if len(problems) > 5 else "")
            )
        return self

    # --- lookups -------------------------------------------------------------
    def stage(self, stage_id: str) -> Stage:
        return _find(self.stages, stage_id, "stage")

    def lane(self, lane_id: str) -> Lane:
        return _find(self.lanes, lane_id, "lane")

    def card(self, card_id: str) -> Card:
        return _find(self.cards, card_id, "card")

    def phase(self, phase_id: str) -> Phase:
        return _find(self.phases, phase_id, "phase")

    def stage_index(self, stage_id: str) -> int:
        return _index(self.stages, stage_id, "stage")

    def lane_index(self, lane_id: str) -> int:
        return _index(self.lanes, lane_id, "lane")

    def cards_in(self, stage_id: str, lane_id: str) -> list[Card]:
        """The cards of one cell, in their order."""
        return [c for c in self.cards if c.stage_id == stage_id and c.lane_id == lane_id]

    def emotion(self, lane_id: str, stage_id: str, persona_id: str | None = None) -> EmotionPoint | None:
        """The point of one cell on one persona's curve (None: the first persona's curve)."""
        wanted = self.curve_owner(persona_id)
        for point in self.emotions:
            if point.lane_id == lane_id and point.stage_id == stage_id and self.curve_owner(point.persona_id) == wanted:
                return point
        return None

    def emotion_lookup(self) -> Callable[[str, str, str | None], EmotionPoint | None]:
        """`emotion` for many cells at once: the points indexed once (each `emotion` call scans them all), for a
        reader that does not change the map meanwhile."""
        points: dict[tuple[str, str, str | None], EmotionPoint] = {}
        for point in self.emotions:
            points.setdefault((point.lane_id, point.stage_id, self.curve_owner(point.persona_id)), point)

        def emotion(lane_id: str, stage_id: str, persona_id: str | None = None) -> EmotionPoint | None:
            return points.get((lane_id, stage_id, self.curve_owner(persona_id)))

        return emotion

    def curve_owner(self, persona_id: str | None) -> str | None:
        """Whose curve a point with this persona reference is on: None means the first persona."""
        if persona_id is None and self.personas:
            return self.personas[0].id
        return persona_id

    def persona_by_id(self, persona_id: str) -> Persona:
        return _find(self.personas, persona_id, "persona")

    def persona_index(self, persona_id: str) -> int:
        return _index(self.personas, persona_id, "persona")

    def stages_of_phase(self, phase_id: str) -> list[Stage]:
        return [s for s in self.stages if s.phase_id == phase_id]


class Snapshot(_Model):
    """A named version of the map kept inside the file ("Workshop 1")."""

    id: Id = Field(default_factory=new_id)
    name: ShortText
    created: datetime = Field(default_factory=utc_now)
    author: ShortText = ""
    content: JourneyContent


class JourneyMap(JourneyContent):
    """A whole `.journey` document: the map, its snapshots and the format version."""

    schema_version: int = Field(default=SCHEMA_VERSION, strict=True)  # 2.0 or "2" is refused, as the migrations do
    snapshots: list[Snapshot] = Field(default_factory=new_list)

    @field_validator("schema_version")
    @classmethod
    def _current_version(cls, value: int) -> int:
        if value != SCHEMA_VERSION:
            raise ValueError(f"schema_version must be {SCHEMA_VERSION} after migration, got {value}")
        return value

    @model_validator(mode="after")
    def _unique_snapshot_names(self) -> Self:
        """Two snapshots with one name (compared without case and extra spaces): the second could never be
        found by name, so the file is refused rather than one of them hidden."""
        for index, snapshot in enumerate(self.snapshots):
            if not spelt_as_ids([snapshot.id]):  # only a file read as JSON: elsewhere pydantic checks the pattern
                raise ValueError(f"snapshots[{index}] has the id {snapshot.id!r}; an id may hold only letters, "
                                 "digits, '_' and '-'")
        seen: dict[str, int] = {}
        for index, snapshot in enumerate(self.snapshots):
            key = " ".join(snapshot.name.split()).casefold()
            if key in seen:
                raise ValueError(f"snapshots[{index}] is named {snapshot.name!r} like snapshots[{seen[key]}]; "
                                 "snapshot names must differ")
            seen[key] = index
        return self

    def content(self) -> JourneyContent:
        """The map without its snapshots (what a snapshot stores)."""
        data = self.model_dump(exclude={"schema_version", "snapshots"})
        return JourneyContent.model_validate(data)


def _find(items: list[Any], item_id: str, kind: str) -> Any:
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(f"no {kind} with id {item_id!r}")


def _index(items: list[Any], item_id: str, kind: str) -> int:
    for index, item in enumerate(items):
        if item.id == item_id:
            return index
    raise KeyError(f"no {kind} with id {item_id!r}")
