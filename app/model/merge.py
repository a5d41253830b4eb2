"""Three-way merge of two edited copies of a map against their common ancestor, by ids.

`merge_maps(base, ours, theirs)` works on the plain JSON form of the model, so it is generic:
every list of objects with an `id` (stages, lanes, cards, KPIs, snapshots, and any list a newer
format adds) merges item by item, and lists of objects without one (emotion points) pair by their
`*_id` references. The rules:

- An item added on either side lands; deleted on either side (and untouched on the other) goes.
- Fields of one item merge one by one, so edits of different fields on the two sides both land.
  A card's cell (`stage_id` + `lane_id`) is one field; nested objects (evidence, photo, emotion
  scale) are single values. Lists of plain values (tags, goals) merge like sets, keeping order.
- Orders (stages, lanes, cards within a cell) merge by moves: an item one side moved is placed
  after the neighbour it follows on that side, so both sides' moves land when they do not collide.
- A real conflict (the same field changed differently on both sides, an item edited on one side
  and deleted on the other, an item both sides moved to different places, a deleted stage that
  the other side still puts cards in) is resolved by a rule, the preferred side (`prefer`, "ours"
  by default) winning, or by a per-conflict choice, and listed as a `Conflict`.
- Snapshots are a union by id: a snapshot either side kept survives.
"""

from __future__ import annotations

import typing
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from app.model.journey import SCHEMA_VERSION, JourneyContent, JourneyMap, Snapshot
from app.model.merge_order import Side, merge_order, merge_value_list

ConflictKey = tuple[str, str, str]  # (kind, id, field)

UNION_LISTS = frozenset({"snapshots"})
"""Lists whose items are never deleted by a merge (a snapshot either side kept survives)."""

ATOMIC_PAIRS = {("stage_id", "lane_id"): "cell"}
"""Fields that change together and merge as one value (a card's cell)."""

_MISSING: Any = object()


class MergeError(ValueError):
    """The merged map would not be valid; the message is one readable line."""


@dataclass(frozen=True)
class Conflict:
    """A change both sides made differently, and which side the merge kept."""

    kind: str  # "card", "stage", "lane", "map", "persona", ...
    id: str
    name: str
    field: str  # a field name, "deleted" (edited on one side, deleted on the other) or "position"
    base: Any
    ours: Any
    theirs: Any
    chosen: Side

    @property
    def key(self) -> ConflictKey:
        return (self.kind, self.id, self.field)

    def value(self, side: str) -> Any:
        return {"base": self.base, "ours": self.ours, "theirs": self.theirs}[side]

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "name": self.name, "field": self.field, "base": self.base,
                "ours": self.ours, "theirs": self.theirs, "chosen": self.chosen}

    def __str__(self) -> str:
        where = self.kind if not self.id else f"{self.kind} {_short(self.name)}" + (
            f" ({self.id})" if self.id != self.name else "")
        gone = "(deleted)" if self.field == "deleted" else "(none)"
        return (f"conflict: {where} {self.field}: base {_shown(self.base, gone)}, ours {_shown(self.ours, gone)}, "
                f"theirs {_shown(self.theirs, gone)}; kept {self.chosen}")


@dataclass
class MergeResult:
    """The merged map and the conflicts left for the user."""

    journey: JourneyMap
    conflicts: list[Conflict] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"conflicts": [c.to_json() for c in self.conflicts], "clean": not self.conflicts}


def merge_maps(base: JourneyContent, ours: JourneyContent, theirs: JourneyContent, *, prefer: Side = "ours",
               choices: dict[ConflictKey, Side] | None = None) -> MergeResult:
    """Merge `ours` and `theirs`, both edited from `base`; see the module docstring for the rules."""
    if prefer not in ("ours", "theirs"):
        raise ValueError(f"prefer must be 'ours' or 'theirs', not {prefer!r}")
    if _unrelated(ours, theirs):
        raise MergeError("the two copies share no stage, lane or card ids, so they are not copies of one map "
                         "(a re-imported workbook gets new ids); merge .journey copies instead")
    sides = [_plain(version) for version in (base, ours, theirs)]
    _pin_implicit_curves(sides)
    merger = _Merger(prefer, choices or {}, _names(sides))
    merged = merger.document(*sides)
    merged["schema_version"] = SCHEMA_VERSION
    try:
        journey = JourneyMap.model_validate(merged)
    except ValueError as exc:
        raise MergeError(f"the merged map is not valid: {_first_line(exc)}") from exc
    return MergeResult(journey, merger.conflicts)


def common_ancestor(ours: JourneyMap, theirs: JourneyMap) -> Snapshot | None:
    """The latest snapshot both copies hold (same id): the last state they surely shared."""
    shared = {s.id for s in theirs.snapshots}
    candidates = [s for s in ours.snapshots if s.id in shared]
    return max(reversed(candidates), key=lambda s: s.created) if candidates else None


def _unrelated(ours: JourneyContent, theirs: JourneyContent) -> bool:
    def ids(content: JourneyContent) -> set[str]:
        return {item.id for items in (content.stages, content.lanes, content.cards) for item in items}

    mine, other = ids(ours), ids(theirs)
    return bool(mine) and bool(other) and not mine & other


def _plain(version: JourneyContent) -> dict[str, Any]:
    data = version.model_dump(mode="json", exclude={"schema_version"})
    data.setdefault("snapshots", [])
    return data


def _names(sides: list[dict[str, Any]]) -> dict[str, str]:
    """Every id's readable name (a stage's name, a card's text), for conflict lines."""
    names: dict[str, str] = {}
    for side in sides:
        for key, items in side.items():
            if key != "snapshots" and isinstance(items, list):
                for item in items:
                    if isinstance(item, dict) and "id" in item:
                        names.setdefault(item["id"], str(item.get("name") or item.get("text") or item["id"]))
    return names


def _item_model(list_name: str) -> Any:
    """The pydantic class of a top-level list's items (Stage for "stages"), or None."""
    annotation = JourneyMap.model_fields[list_name].annotation if list_name in JourneyMap.model_fields else None
    args = typing.get_args(annotation)
    return args[0] if args and isinstance(args[0], type) else None


def _kind(list_name: str) -> str:
    singular = {"emotions": "emotion point", "kpis": "kpi"}.get(list_name)
    return singular or list_name.removesuffix("s").replace("_", " ")


class _Merger:
    def __init__(self, prefer: Side, choices: dict[ConflictKey, Side], names: dict[str, str]) -> None:
        self.prefer = prefer
        self.choices = choices
        self.names = names
        self.conflicts: list[Conflict] = []
        self._seen: set[ConflictKey] = set()

    # --- conflicts --------------------------------------------------------------------------

    def side(self, key: ConflictKey) -> Side:
        return self.choices.get(key, self.prefer)

    def conflict(self, kind: str, ident: str, name: str, field_name: str, b: Any, o: Any, t: Any) -> Side:
        key = (kind, ident, field_name)
        chosen = self.side(key)
        if key not in self._seen:
            self._seen.add(key)
            self.conflicts.append(Conflict(kind, ident, name, field_name, _json(b), _json(o), _json(t), chosen))
        return chosen

    # --- values ----------------------------------------------------------------------------------

    def value(self, b: Any, o: Any, t: Any, where: tuple[str, str, str], field_name: str) -> Any:
        if o == t:
            return o
        if b == o:
            return t
        if b == t:
            return o
        if _is_scalar_list(b, o, t):
            merged = merge_value_list(b, o, t)
            if merged is not None:
                return merged
        chosen = self.conflict(*where, field_name, b, o, t)
        return o if chosen == "ours" else t

    def item(self, b: dict[str, Any], o: dict[str, Any], t: dict[str, Any], where: tuple[str, str, str]) -> dict:
        """One object field by field; lists of objects inside it merge by id."""
        result: dict[str, Any] = {}
        keys = list(dict.fromkeys([*o, *t, *b]))
        for pair, name in ATOMIC_PAIRS.items():
            if all(k in keys for k in pair):
                merged = self.value(*(tuple(d.get(k, _MISSING) for k in pair) if d else _MISSING for d in (b, o, t)),
                                    where, name)
                if merged is not _MISSING:
                    result.update(zip(pair, merged, strict=True))
                keys = [k for k in keys if k not in pair]
        for key in keys:
            bv, ov, tv = b.get(key, _MISSING), o.get(key, _MISSING), t.get(key, _MISSING)
            if _is_object_list(bv, ov, tv):
                merged = self.object_list(key, *(v if isinstance(v, list) else [] for v in (bv, ov, tv)))
            else:
                merged = self.value(bv, ov, tv, where, key)
            if merged is not _MISSING:
                result[key] = merged
        return result

    # --- lists of objects ------------------------------------------------------------------------

    def object_list(self, list_name: str, b: list, o: list, t: list) -> list:
        members = self.members(list_name, b, o, t)
        return self.order(list_name, b, o, t, members)

    def members(self, list_name: str, b: list, o: list, t: list) -> dict[Hashable, dict]:
        """The merged items of one list by key, before ordering; deletions and edit/delete conflicts."""
        kind = _kind(list_name)
        bm, om, tm = _by_key(b), _by_key(o), _by_key(t)
        result: dict[Hashable, dict] = {}
        for key in dict.fromkeys([*om, *tm, *bm]):
            bi, oi, ti = bm.get(key), om.get(key), tm.get(key)
            if oi is not None and ti is not None:
                if oi == ti or ti == bi:
                    result[key] = oi
                elif oi == bi:
                    result[key] = ti
                else:
                    result[key] = self.item(bi or {}, oi, ti, (kind, _key_text(key), self.label(oi)))
            elif oi is None and ti is None:
                continue  # deleted on both sides
            elif bi is None:
                result[key] = oi if oi is not None else ti  # added on one side
            else:
                kept = oi if oi is not None else ti
                if kept == bi:
                    if list_name in UNION_LISTS:
                        result[key] = kept
                    continue  # deleted on one side, untouched on the other
                if list_name in UNION_LISTS:
                    result[key] = kept
                    continue
                edited = self.edited(bi, kept)
                chosen = self.conflict(kind, _key_text(key), self.label(kept) or "", "deleted", self.label(bi),
                                       edited if oi is not None else None, edited if ti is not None else None)
                if (chosen == "ours") == (oi is not None):
                    result[key] = kept
        return result

    def edited(self, base: dict, item: dict) -> str:
        """An item one side edited (and the other deleted): its label and every field that side changed."""
        shown = "name" if "name" in item else "text" if "text" in item else None
        changes = [f"{k}: {v if isinstance(v, str) else _json_dumps(v)}" for k, v in item.items()
                   if k != shown and base.get(k) != v]
        return (self.label(item) or "") + (f" ({'; '.join(changes)})" if changes else "")

    def label(self, item: dict | None) -> str | None:
        if item is None:
            return None
        if "id" in item:
            return str(item.get("name") or item.get("text") or item["id"])
        refs = [self.names.get(v, v) for k, v in item.items() if k.endswith("_id") and isinstance(v, str)]
        return "/".join(refs)

    def order(self, list_name: str, b: list, o: list, t: list, members: dict[Hashable, dict]) -> list:
        """The merged items in a merged order (see `_merge_order`); cards keep to their cells."""
        kind = _kind(list_name)
        cell = next((p for p in ATOMIC_PAIRS if members and all(k in i for i in members.values() for k in p)), None)

        def grouping(items: Iterable[dict]) -> dict[Hashable, Hashable]:
            return {_key(i): (tuple(i.get(k) for k in cell) if cell else None) for i in items}

        def where(neighbour: Hashable) -> str:
            if neighbour is None:
                return "first"
            return f"after {_short(self.label(members.get(neighbour)) or _key_text(neighbour))}"

        def collision(key: Hashable, ours_after: Hashable, theirs_after: Hashable) -> Side:
            return self.conflict(kind, _key_text(key), self.label(members[key]) or "", "position", None,
                                 where(ours_after), where(theirs_after))

        groups = (grouping(b), grouping(o), grouping(t), grouping(members.values()))
        keys = merge_order([_key(i) for i in b], [_key(i) for i in o], [_key(i) for i in t], set(members), groups,
                            prefer=self.prefer, on_collision=collision)
        return [members[k] for k in keys]

    # --- the whole document -------------------------------------------------------------------------

    def document(self, b: dict[str, Any], o: dict[str, Any], t: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        lists: dict[str, dict[Hashable, dict]] = {}
        for key in dict.fromkeys([*o, *t, *b]):
            bv, ov, tv = b.get(key, _MISSING), o.get(key, _MISSING), t.get(key, _MISSING)
            if _is_object_list(bv, ov, tv):
                lists[key] = self.members(key, *(v if isinstance(v, list) else [] for v in (bv, ov, tv)))
                result[key] = None  # placeholder keeps the key order
            elif key == "metadata":
                result[key] = self.metadata(bv, ov, tv)
            elif isinstance(ov, dict) or isinstance(tv, dict):
                result[key] = self.section(key, bv, ov, tv)
            else:
                merged = self.value(bv, ov, tv, ("map", "", "map"), key)
                if merged is not _MISSING:
                    result[key] = merged
        self.fix_references(lists, (b, o, t))
        for key, members in lists.items():
            result[key] = self.order(key, *(d.get(key) or [] for d in (b, o, t)), members)
        _fix_emotions(result, self)
        _distinct_snapshot_names(result.get("snapshots") or [])
        return result

    def section(self, name: str, b: Any, o: Any, t: Any) -> Any:
        """A top-level object (persona, emotion scale): field by field, except the emotion scale."""
        where = (name.replace("_", " "), "", name.replace("_", " "))
        if name == "emotion_scale" or not (isinstance(o, dict) and isinstance(t, dict)):
            return self.value(b, o, t, ("map", "", "map"), name)
        return self.item(b if isinstance(b, dict) else {}, o, t, where)

    def metadata(self, b: Any, o: dict, t: dict) -> dict:
        """Title and description merge like any fields; the save times take the later one, never a conflict."""
        b = b if isinstance(b, dict) else {}
        stamps = {k: [d.get(k) for d in (o, t) if d.get(k)] for k in ("created", "modified")}
        merged = self.item({k: v for k, v in b.items() if k not in stamps},
                           {k: v for k, v in o.items() if k not in stamps},
                           {k: v for k, v in t.items() if k not in stamps}, ("map", "", "map"))
        merged["created"] = min(stamps["created"]) if stamps["created"] else None
        merged["modified"] = max(stamps["modified"]) if stamps["modified"] else None
        return merged

    def fix_references(self, lists: dict[str, dict[Hashable, dict]], sides: tuple[dict, ...]) -> None:
        """An item refers to one the merge deleted (a card in a stage the other side removed): the
        side the rule prefers decides whether the referred item comes back or the reference goes."""
        known: dict[str, tuple[str, list[dict | None]]] = {}
        for list_name in lists:
            for index, side in enumerate(sides):
                for item in side.get(list_name) or []:
                    if isinstance(item, dict) and "id" in item:
                        known.setdefault(item["id"], (list_name, [None, None, None]))[1][index] = item
        changed = True
        while changed:
            changed = False
            present = {item["id"] for members in lists.values() for item in members.values() if "id" in item}
            for list_name, members in lists.items():
                for key, item in list(members.items()):
                    for ref_field, ref in list(item.items()):
                        if ref_field == "id" or not ref_field.endswith("_id") or ref in present or ref not in known:
                            continue
                        changed = True
                        self._dangling(lists, known, list_name, key, item, ref_field, ref)
                        break
                if changed:
                    break

    def _dangling(self, lists: dict, known: dict, list_name: str, key: Hashable, item: dict, ref_field: str,
                  ref: str) -> None:
        target_list, (bi, oi, ti) = known[ref]
        users = [self.label(i) or "" for i in lists[list_name].values() if i.get(ref_field) == ref]
        kept_by: Side | None = "ours" if oi is not None else "theirs" if ti is not None else None
        resurrect = False
        if kept_by is not None:
            deleted = f"deleted; {len(users)} {_kind(list_name)}(s) still in it: " + "; ".join(
                repr(u) for u in users[:5]) + (" ..." if len(users) > 5 else "")
            name = self.label(oi or ti or bi) or ref
            chosen = self.conflict(_kind(target_list), ref, name, "deleted", name,
                                   name if kept_by == "ours" else deleted, name if kept_by == "theirs" else deleted)
            resurrect = chosen == kept_by
        if resurrect:
            lists[target_list][ref] = oi if kept_by == "ours" else ti
            return
        model = _item_model(list_name)
        info = model.model_fields.get(ref_field) if model is not None else None
        if info is not None and not info.is_required() and info.default is None:
            item[ref_field] = None
        else:
            del lists[list_name][key]


def _distinct_snapshot_names(snapshots: list[dict]) -> None:
    """Both copies took a snapshot of one name ("Workshop 2"): the later one in the list gets " (2)"."""
    seen: set[str] = set()
    for snapshot in snapshots:
        name, number = snapshot.get("name", ""), 1
        while " ".join(name.split()).casefold() in seen:
            number += 1
            name = f"{snapshot['name']} ({number})"
        snapshot["name"] = name
        seen.add(" ".join(name.split()).casefold())


def _fix_emotions(result: dict[str, Any], merger: _Merger) -> None:
    """Emotion points stay on emotions lanes and inside the merged scale (one side may have changed either)."""
    scale = result.get("emotion_scale") or {}
    emotion_lanes = {lane["id"] for lane in result.get("lanes") or [] if lane.get("kind") == "emotions"}
    kept = []
    for point in result.get("emotions") or []:
        if point.get("lane_id") not in emotion_lanes:
            merger.conflict("emotion point", _key_text(_key(point)), merger.label(point) or "", "lane kind",
                            "emotions", point.get("value"), "the lane is no longer an emotions lane")
            continue
        if "min" in scale and "max" in scale:
            point["value"] = max(scale["min"], min(scale["max"], point["value"]))
        kept.append(point)
    if "emotions" in result:
        result["emotions"] = kept


# --- helpers ----------------------------------------------------------------------------------------------


def _pin_implicit_curves(sides: list[dict[str, Any]]) -> None:
    """An emotion point without a persona is on its map's first persona's curve. Where one side names that
    persona and another leaves it implicit (reordering personas pins the curve), or where the sides' first
    personas differ, the implicit points are named, so the same point pairs with itself instead of being
    kept twice. Sides that agree are left as they are (a merge of identical copies changes nothing)."""
    firsts = [side["personas"][0]["id"] if side.get("personas") else None for side in sides]
    named = {(p.get("lane_id"), p.get("stage_id"), p.get("persona_id")) for side in sides
             for p in side.get("emotions") or [] if p.get("persona_id") is not None}
    reordered = len({first for first in firsts if first is not None}) > 1
    for side, first in zip(sides, firsts, strict=True):
        if first is None:
            continue
        for point in side.get("emotions") or []:
            if point.get("persona_id") is None and (reordered or (point.get("lane_id"), point.get("stage_id"),
                                                                  first) in named):
                point["persona_id"] = first


def _key(item: dict) -> Hashable:
    if "id" in item:
        return item["id"]
    return tuple(sorted((k, v) for k, v in item.items() if k.endswith("_id")))


def _key_text(key: Hashable) -> str:
    return key if isinstance(key, str) else ":".join(str(v) for _, v in key)  # type: ignore[union-attr]


def _by_key(items: list) -> dict[Hashable, dict]:
    return {_key(i): i for i in items if isinstance(i, dict)}


def _is_object_list(*values: Any) -> bool:
    lists = [v for v in values if isinstance(v, list)]
    return bool(lists) and all(isinstance(v, list) or v is _MISSING or v is None for v in values) and any(
        v and all(isinstance(i, dict) for i in v) for v in lists) and all(
        all(isinstance(i, dict) for i in v) for v in lists)


def _is_scalar_list(*values: Any) -> bool:
    return all(isinstance(v, list) and all(isinstance(i, str | int | float) and not isinstance(i, bool) for i in v)
               and len(set(v)) == len(v) for v in values)


def _json_dumps(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def _json(value: Any) -> Any:
    return None if value is _MISSING else value


def _short(text: str) -> str:
    """Text on one line, quoted; never cut (a conflict names every word it set aside)."""
    return repr(" ".join(str(text).split()))


def _shown(value: Any, none: str = "(none)") -> str:
    if value is None:
        return none
    if isinstance(value, str):
        return _short(value)
    return _short(str(value))


def _first_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:300]


