"""Replace on the map (the find bar's Replace and Replace all): a typed phrase replaced in card texts and notes,
stage names and descriptions and lane names, as one undo step. Mixed into JourneyDocument."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from app.command_names import quote
from app.model.find import Match, replace_folded

FIELDS = {"card": ("text", "note"), "stage": ("name", "description"), "lane": ("name",)}
"""What Replace changes of each kind of match; a name or card text never becomes empty (it is left as it was)."""


class Replaced(NamedTuple):
    places: int  # how many places now read the replacement
    changed: int  # in how many cards, stages and lanes
    skipped: int  # matches left as they were: emotion points, the words apart, a name that would be empty


class DocumentReplace:
    """Uses JourneyDocument's map, undo stack and `_edit`."""

    _journey: Any
    _cards_by_id: dict[str, Any]
    undo_stack: Any
    _edit: Any

    def replace_text(self, query: str, replacement: str, matches: Iterable[Match]) -> Replaced:
        """In each of `matches` (Find's matches, as the views show the map), `query` becomes `replacement`."""
        edits: list[tuple[str, str, dict[str, str]]] = []
        places = skipped = 0
        for match in matches:
            item = self._replace_target(match)
            fields: dict[str, str] = {}
            for name in FIELDS.get(match.kind, ()) if item is not None else ():
                new, count = replace_folded(getattr(item, name), query, replacement)
                if count and (new.strip() or name in ("note", "description")):
                    fields[name] = new
                    places += count
            if fields:
                edits.append((match.kind, match.id, fields))
            else:
                skipped += 1
        if edits:
            self.undo_stack.beginMacro(f"Replace {quote(query.strip())} with {quote(replacement)} "
                                       f"({places} place{'s' if places != 1 else ''})")
            for kind, item_id, fields in edits:
                self._edit(kind, item_id, fields, f"Replace text of {kind}")
            self.undo_stack.endMacro()
        return Replaced(places, len(edits), skipped)

    def _replace_target(self, match: Match) -> Any:
        journey = self._journey
        if match.kind == "card":
            return self._cards_by_id.get(match.id)
        if match.kind == "stage":
            return next((s for s in journey.stages if s.id == match.id), None)
        if match.kind == "lane":
            return next((lane for lane in journey.lanes if lane.id == match.id), None)
        return None
