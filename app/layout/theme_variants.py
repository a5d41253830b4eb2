"""Theme variants for the screen: a high-contrast palette (every text on the canvas passes WCAG AA)
and larger text for projectors. `apply` rewrites app.layout.theme's named values in place, so every
painter that reads `theme.NAME` follows; `apply()` with no arguments restores the normal theme."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from app.layout import theme
from app.model.enums import Channel, LaneKind

_NORMAL: dict[str, Any] = {name: value for name, value in vars(theme).items() if name.isupper()}

TEXT_SCALES: dict[str, float] = {"Normal": 1.0, "Large": 1.25, "Larger": 1.5}

HIGH_CONTRAST: dict[str, Any] = {
    "GRID_LINE": "#4a5160",
    "GRID_LINE_WIDTH": 1.0,
    "HEADER_FILL": "#000000",
    "HEADER_TEXT": "#ffffff",
    "HEADER_DETAIL_TEXT": "#ffffff",
    "PHASE_FILL": "#1f2633",
    "PHASE_TEXT": "#ffffff",
    "LANE_HEADER_FILL": "#ffffff",
    "LANE_HEADER_TEXT": "#000000",
    "LANE_GROUP_FILL": "#c9ced8",
    "CELL_FILL": "#ffffff",
    "CELL_ALT_FILL": "#ffffff",
    "CARD_TEXT": "#000000",
    "CARD_MUTED_TEXT": "#1f2633",
    "VOTE_DOT": "#1d3bb3",
    "SELECTION": "#0033cc",
    "EMOTION_CURVE": "#1d3bb3",
    "EMOTION_GRID": "#8a93a3",
    "EMOTION_ZERO_LINE": "#3a4150",
    "EMOTION_LABEL_TEXT": "#000000",
    "KPI_TARGET": "#000000",
    "KPI_TRACK": "#c9ced8",
    # KPI labels are drawn in their status colour darkened a quarter: these pass 4.5:1 on white then.
    "KPI_STATUS_COLOR": {"met": "#007a5a", "near": "#8f5f00", "missed": "#b34700", "unknown": "#5b6475"},
    "LANE_KIND_FILL": {kind: "#ffffff" for kind in LaneKind},
    "LANE_KIND_ACCENT": {
        LaneKind.ACTIONS: "#1d4fb8", LaneKind.TOUCHPOINTS: "#0b5e73", LaneKind.THOUGHTS: "#7a5c00",
        LaneKind.EMOTIONS: "#5a2fa8", LaneKind.PAIN_POINTS: "#a3231a", LaneKind.OPPORTUNITIES: "#136b40",
        LaneKind.KPIS: "#3b3f7a", LaneKind.TEXT: "#4a5160",
    },
    "CHANNEL_COLOR": {
        Channel.WEBSITE: "#0b4fa3", Channel.MOBILE_APP: "#512e99", Channel.EMAIL: "#8f2f08",
        Channel.PHONE: "#0a564f", Channel.CHAT: "#0a5469", Channel.SOCIAL_MEDIA: "#8c1143",
        Channel.SEARCH: "#365809", Channel.ADVERTISING: "#7f3d06", Channel.IN_STORE: "#5e220d",
        Channel.WORD_OF_MOUTH: "#6a1fae", Channel.PRINT_MAIL: "#3f3b38", Channel.EVENT: "#8e0d2b",
        Channel.OTHER: "#454f5f",
    },
}

_FONT_SIZES = ("CARD_FONT_SIZE", "CARD_SMALL_FONT_SIZE", "STAGE_FONT_SIZE", "STAGE_DETAIL_FONT_SIZE",
               "PHASE_FONT_SIZE", "LANE_FONT_SIZE", "EMOTION_LABEL_FONT_SIZE")
_SIZES = ("LANE_HEADER_WIDTH", "STAGE_WIDTH", "CARD_ICON_SIZE", "CARD_MIN_HEIGHT", "EMPTY_LANE_HEIGHT",
          "PHASE_BAND_HEIGHT", "STAGE_HEADER_MIN_HEIGHT", "FACE_RADIUS")

current: dict[str, Any] = {"high_contrast": False, "text_scale": 1.0}


def values(high_contrast: bool = False, text_scale: float = 1.0) -> dict[str, Any]:
    """The theme's named values for a variant."""
    out = dict(_NORMAL)
    if high_contrast:
        out.update(HIGH_CONTRAST)
    if text_scale != 1.0:
        for name in _FONT_SIZES:
            out[name] = round(_NORMAL[name] * text_scale)
        for name in _SIZES:
            out[name] = round(_NORMAL[name] * text_scale, 1)
    out["CARD_WIDTH"] = out["STAGE_WIDTH"] - 2 * out["CELL_PADDING"]
    return out


def apply(high_contrast: bool = False, text_scale: float = 1.0) -> None:
    """Make a variant the theme (of everything drawn from now on in this process)."""
    from app.layout import engine, kpis

    chosen = values(high_contrast, text_scale)
    for name, value in chosen.items():
        setattr(theme, name, value)
    engine.CARD_TEXT_WIDTH = theme.CARD_WIDTH - 2 * theme.CARD_PADDING - theme.CARD_ACCENT_WIDTH
    kpis.FONT_SIZE = theme.CARD_SMALL_FONT_SIZE
    current.update(high_contrast=high_contrast, text_scale=text_scale)


@contextmanager
def deliverable_theme() -> Iterator[None]:
    """The normal theme while an export runs, then the screen's variant again.

    Text size and high contrast are for the screen in the room: a PDF, image, workbook or deck
    a client receives looks the same whatever the editor's view options were. Call it on the
    thread that paints the screen (an export on a worker thread is wrapped by its starter)."""
    saved = dict(current)
    if not saved["high_contrast"] and saved["text_scale"] == 1.0:
        yield
        return
    apply()
    try:
        yield
    finally:
        apply(**saved)
