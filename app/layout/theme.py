"""Sizes and colours of the map, named once, shared by the canvas and the PDF."""

from __future__ import annotations

from app.model.enums import Channel, EvidenceStatus, LaneKind

# --- sizes (points) ---------------------------------------------------------------------
LANE_HEADER_WIDTH = 150.0
STAGE_WIDTH = 184.0
CELL_PADDING = 10.0
CARD_GAP = 8.0
CARD_WIDTH = STAGE_WIDTH - 2 * CELL_PADDING
CARD_PADDING = 8.0
CARD_RADIUS = 4.0
CARD_ACCENT_WIDTH = 4.0
CARD_ICON_SIZE = 12.0
CARD_MIN_HEIGHT = 34.0
EMPTY_LANE_HEIGHT = 64.0
PHASE_BAND_HEIGHT = 24.0
STAGE_HEADER_MIN_HEIGHT = 48.0
HEADER_PADDING = 8.0
LANE_GROUP_BAND_WIDTH = 22.0
EMOTION_PLOT_HEIGHT = 150.0
EMOTION_PLOT_PADDING = 22.0
FACE_RADIUS = 11.0
GRID_LINE_WIDTH = 0.6
KPI_BAR_HEIGHT = 7.0  # a KPI lane: name and "61 % / 70 %" on one line, the bar below it
KPI_GAP = 9.0
KPI_TICK_REACH = 3.0  # how far the target tick sticks out above and below the bar

# --- type sizes (points; whole numbers so Qt pixel sizes match exactly) -----------------
CARD_FONT_SIZE = 11
CARD_SMALL_FONT_SIZE = 9
STAGE_FONT_SIZE = 13
STAGE_DETAIL_FONT_SIZE = 9
PHASE_FONT_SIZE = 11
LANE_FONT_SIZE = 12
EMOTION_LABEL_FONT_SIZE = 9
STAGE_DESCRIPTION_MAX_LINES = 2
PRINT_CARD_MAX_LINES = 14
"""Printed cards stop after this many lines of text and continue in a numbered note (the PDF's notes
page), so one very long card never stretches its lane, or shrinks the whole map on a page."""

# --- colours ----------------------------------------------------------------------------
BACKGROUND = "#ffffff"
GRID_LINE = "#d5d9e0"
HEADER_FILL = "#2f3b52"
HEADER_TEXT = "#ffffff"
HEADER_DETAIL_TEXT = "#c9d2e3"
PHASE_FILL = "#5a6b8c"
PHASE_TEXT = "#ffffff"
LANE_HEADER_FILL = "#f2f4f7"
LANE_HEADER_TEXT = "#1f2633"
LANE_GROUP_FILL = "#dde2ea"
CELL_FILL = "#ffffff"
CELL_ALT_FILL = "#fafbfc"
CARD_TEXT = "#1f2633"
CARD_MUTED_TEXT = "#4a5568"
NOTE_MARKER = "#e0a100"
VOTE_DOT = "#3b5bdb"
SELECTION = "#2563eb"
EMOTION_CURVE = "#3b5bdb"
EMOTION_GRID = "#e3e7ee"
EMOTION_ZERO_LINE = "#b7c0cf"
EMOTION_LABEL_TEXT = "#4a5568"

LANE_KIND_FILL: dict[LaneKind, str] = {
    LaneKind.ACTIONS: "#dbe9ff",
    LaneKind.TOUCHPOINTS: "#e1f3f8",
    LaneKind.THOUGHTS: "#fff4c2",
    LaneKind.EMOTIONS: "#f1e6ff",
    LaneKind.PAIN_POINTS: "#ffe0dc",
    LaneKind.OPPORTUNITIES: "#dcf5e3",
    LaneKind.KPIS: "#ebecf5",
    LaneKind.TEXT: "#f1f2f4",
}

LANE_KIND_ACCENT: dict[LaneKind, str] = {
    LaneKind.ACTIONS: "#3b6fd8",
    LaneKind.TOUCHPOINTS: "#1c8aa6",
    LaneKind.THOUGHTS: "#c79a00",
    LaneKind.EMOTIONS: "#7a4fc9",
    LaneKind.PAIN_POINTS: "#d23f31",
    LaneKind.OPPORTUNITIES: "#23915a",
    LaneKind.KPIS: "#5b5f97",
    LaneKind.TEXT: "#7d8596",
}

CHANNEL_COLOR: dict[Channel, str] = {
    Channel.WEBSITE: "#1c6dd0",
    Channel.MOBILE_APP: "#6f42c1",
    Channel.EMAIL: "#c2410c",
    Channel.PHONE: "#0f766e",
    Channel.CHAT: "#0e7490",
    Channel.SOCIAL_MEDIA: "#be185d",
    Channel.SEARCH: "#4d7c0f",
    Channel.ADVERTISING: "#b45309",
    Channel.IN_STORE: "#7c2d12",
    Channel.WORD_OF_MOUTH: "#9333ea",
    Channel.PRINT_MAIL: "#57534e",
    Channel.EVENT: "#be123c",
    Channel.OTHER: "#64748b",
}

# Okabe-Ito colours (safe for colour-blind readers), and each status has its own shape too.
EVIDENCE_COLOR: dict[EvidenceStatus, str] = {
    EvidenceStatus.OBSERVED: "#009e73",
    EvidenceStatus.ASSUMED: "#e69f00",
    EvidenceStatus.PROPOSED: "#0072b2",
}

# A KPI against its target (Okabe-Ito: met, within 10 %, missed; unknown when value or target is missing).
KPI_STATUS_COLOR: dict[str, str] = {
    "met": "#009e73",
    "near": "#e69f00",
    "missed": "#d55e00",
    "unknown": "#8a94a6",
}
KPI_TRACK = "#e6e9ef"
KPI_TARGET = "#1f2633"

FACE_COLORS = ("#e5484d", "#f5a524", "#f7d046", "#9bd35a", "#30a46c")
"""Face fill from the bottom of the emotion scale to the top."""
FACE_STROKE = "#1f2633"


def lane_fill(kind: LaneKind, own_color: str | None = None) -> str:
    return own_color or LANE_KIND_FILL[kind]


def face_color(normalized: float) -> str:
    """The face colour for a position on the scale (0.0 worst .. 1.0 best)."""
    index = round(max(0.0, min(1.0, normalized)) * (len(FACE_COLORS) - 1))
    return FACE_COLORS[index]
