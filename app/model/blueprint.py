"""The service blueprint's lines, from the lanes' roles: where they fall and what they are called."""

from __future__ import annotations

from app.model.enums import BLUEPRINT_LINES, LaneRole
from app.model.journey import Lane

LINE_ROLES: dict[str, tuple[LaneRole, LaneRole]] = {
    "Line of interaction": (LaneRole.CUSTOMER, LaneRole.FRONTSTAGE),
    "Line of visibility": (LaneRole.FRONTSTAGE, LaneRole.BACKSTAGE),
    "Line of internal interaction": (LaneRole.BACKSTAGE, LaneRole.SUPPORT),
}
"""Each line's name and the roles above and below it (what an importer reads from a divider row)."""


def blueprint_lines(lanes: list[Lane]) -> dict[int, str]:
    """lane index -> the line drawn at the top of that lane. A line falls between two lanes whose roles it
    separates, when they follow each other among the lanes with a role (lanes without a role are skipped)."""
    lines: dict[int, str] = {}
    previous: LaneRole | None = None
    for index, lane in enumerate(lanes):
        if lane.role is None:
            continue
        if previous is not None and (name := BLUEPRINT_LINES.get(frozenset({previous, lane.role}))):
            lines[index] = name
        previous = lane.role
    return lines
