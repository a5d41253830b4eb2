"""Named versions of a map kept inside its `.journey` file ("Workshop 1", "After redesign").

Every function is pure: it returns a new JourneyMap and never changes the one it is given,
so the editor can wrap each call in an undo command that just swaps maps. The new map shares the given map's
content and its other snapshots (a snapshot is never changed in place: renaming one makes a new one), so a
map of 22,400 cards and many snapshots is not copied whole for each snapshot taken, renamed or deleted.
Snapshot names are unique within a map, compared without case and extra spaces.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import NamedTuple

from app.model.journey import JourneyContent, JourneyMap, Snapshot, utc_now

MAX_SNAPSHOT_NAME = 500


class SnapshotError(ValueError):
    """A snapshot name is empty, taken, or not found; the message is one readable line."""


def name_key(name: str) -> str:
    """How names are compared: case-insensitive, runs of spaces collapsed."""
    return " ".join(name.split()).casefold()


def find_snapshot(journey: JourneyMap, name_or_id: str) -> Snapshot:
    """The snapshot with this name (case/space-insensitive) or, failing that, this id."""
    key = name_key(name_or_id)
    for snapshot in journey.snapshots:
        if name_key(snapshot.name) == key:
            return snapshot
    for snapshot in journey.snapshots:
        if snapshot.id == name_or_id:
            return snapshot
    known = ", ".join(repr(s.name) for s in journey.snapshots) or "none"
    raise SnapshotError(f"no snapshot named {name_or_id!r} (snapshots: {known})")


def latest_snapshot(journey: JourneyMap) -> Snapshot:
    """The most recently taken snapshot (the last one of those with the latest date)."""
    if not journey.snapshots:
        raise SnapshotError("the map has no snapshots")
    return max(reversed(journey.snapshots), key=lambda s: as_aware(s.created))


def as_aware(when: datetime) -> datetime:
    """A date that compares with any other: one written without a time zone is taken as UTC."""
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def take_snapshot(
    journey: JourneyMap, name: str, author: str | None = None, *, created: datetime | None = None
) -> JourneyMap:
    """A copy of `journey` with a snapshot of its current content appended."""
    clean = " ".join(name.split())
    if not clean:
        raise SnapshotError("a snapshot needs a name")
    if len(clean) > MAX_SNAPSHOT_NAME:
        raise SnapshotError(f"a snapshot name can be at most {MAX_SNAPSHOT_NAME} characters")
    taken = next((s for s in journey.snapshots if name_key(s.name) == name_key(clean)), None)
    if taken is not None:
        raise SnapshotError(f"there is already a snapshot named {taken.name!r}; choose another name")
    snapshot = Snapshot(
        name=clean,
        author=" ".join((author or "").split())[:MAX_SNAPSHOT_NAME],
        created=created or utc_now(),
        content=journey.content(),
    )
    return _with_snapshots(journey, [*journey.snapshots, snapshot])


def restore_snapshot(journey: JourneyMap, name_or_id: str) -> JourneyMap:
    """The map with its content replaced by the snapshot's; all snapshots are kept."""
    snapshot = find_snapshot(journey, name_or_id)
    data = snapshot.content.model_dump()
    data["snapshots"] = [s.model_dump() for s in journey.snapshots]
    data["schema_version"] = journey.schema_version
    return JourneyMap.model_validate(data)


def delete_snapshot(journey: JourneyMap, name_or_id: str) -> JourneyMap:
    snapshot = find_snapshot(journey, name_or_id)
    return _with_snapshots(journey, [s for s in journey.snapshots if s.id != snapshot.id])


def rename_snapshot(journey: JourneyMap, name_or_id: str, new_name: str) -> JourneyMap:
    snapshot = find_snapshot(journey, name_or_id)
    clean = " ".join(new_name.split())
    if not clean:
        raise SnapshotError("a snapshot needs a name")
    if any(name_key(s.name) == name_key(clean) and s.id != snapshot.id for s in journey.snapshots):
        raise SnapshotError(f"there is already a snapshot named {clean!r}; choose another name")
    return _with_snapshots(journey, [s.model_copy(update={"name": clean}) if s.id == snapshot.id else s
                                     for s in journey.snapshots])


def _with_snapshots(journey: JourneyMap, snapshots: list[Snapshot]) -> JourneyMap:
    """A new map object: `journey`'s content with these snapshots (validated as a list of them would be)."""
    result = journey.model_copy()
    result.snapshots = snapshots  # assignment validates: the names stay unique
    return result


class SnapshotInfo(NamedTuple):
    """One row of a snapshot list: what a browser or `journey-canvas snapshots` shows."""

    id: str
    name: str
    created: datetime
    author: str
    stages: int
    lanes: int
    cards: int
    emotions: int

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "created": self.created.isoformat(),
            "author": self.author,
            "stages": self.stages,
            "lanes": self.lanes,
            "cards": self.cards,
            "emotions": self.emotions,
        }


def snapshot_infos(journey: JourneyMap) -> list[SnapshotInfo]:
    """The snapshots in file order, with counts of what each holds."""
    return [_info(s.id, s.name, s.created, s.author, s.content) for s in journey.snapshots]


def _info(id_: str, name: str, created: datetime, author: str, content: JourneyContent) -> SnapshotInfo:
    return SnapshotInfo(id_, name, created, author, len(content.stages), len(content.lanes), len(content.cards),
                        len(content.emotions))
