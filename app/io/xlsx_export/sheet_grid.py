"""Where the parts of the map sheet's grid landed: what the map sheet writes and its emotion chart reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.model.journey import Lane


@dataclass
class SheetGrid:
    """Rows and columns (1-based) of the grid on the map sheet, and its column widths in Excel units."""

    label_col: int
    first_stage_col: int
    header_row: int = 0
    first_title_row: int = 0
    first_lane_row: int = 0
    last_row: int = 0
    emotion_rows: list[tuple[Lane, int, str, str]] = field(default_factory=list)  # lane, row, series title, colour
    widths: list[float] = field(default_factory=list)
    labels_width: float = 0.0
    label_width: float = 14.0  # the lane label column alone
