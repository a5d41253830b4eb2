"""KPIs in a KPI lane: each stage's KPIs as small bars against their targets (pure layout).

A KPI block is one line (name at the left, "61 % / 70 %" at the right) above a bar: the value
fills the bar from the scale's low end, a tick marks the target. Colour says how the value
stands against the target, in the KPI's direction (`Kpi.higher_is_better`): met, within 10 %
of the target ("near"), or missed; grey when value or target is missing.
"""

from __future__ import annotations

from app.layout import theme
from app.layout.colors import mix
from app.layout.fonts import elide, line_height, text_width
from app.layout.geometry import Rect
from app.layout.model import KpiBarBox, TextLines
from app.model.journey import Kpi, Stage

NEAR_SHARE = 0.10
"""A value short of its target by at most this share of the target is "near" (amber)."""
FONT_SIZE = theme.CARD_SMALL_FONT_SIZE
LABEL_GAP = 6.0


def kpi_status(kpi: Kpi) -> str:
    """"met", "near" (within 10 % of the target), "missed", or "unknown" without value or target."""
    if kpi.value is None or kpi.target is None:
        return "unknown"
    shortfall = kpi.target - kpi.value if kpi.higher_is_better else kpi.value - kpi.target
    if shortfall <= 0:
        return "met"
    if shortfall <= NEAR_SHARE * abs(kpi.target) + 1e-9:
        return "near"
    return "missed"


def kpi_scale(kpi: Kpi) -> tuple[float, float]:
    """The values at the bar's left and right ends: 0..100 for percentages, else 0 to a little past
    the larger of value and target (the low end goes below 0 for negative values, e.g. NPS)."""
    values = [v for v in (kpi.value, kpi.target) if v is not None]
    low, high = min([0.0, *values]), max([0.0, *values])
    if kpi.unit.strip() == "%" and low >= 0 and high <= 100:
        return 0.0, 100.0
    if high == low:
        return low, low + 1.0
    return low, high + 0.15 * (high - low)


def kpi_number(value: float | None, unit: str) -> str:
    if value is None:
        return "\u2013"
    unit = unit.strip()
    return f"{value:g} {unit}" if unit else f"{value:g}"


def kpi_label(kpi: Kpi) -> str:
    """"61 % / 70 %"; a target to stay under reads "7 % / \u2264 5 %"; "61 %" without a target."""
    text = kpi_number(kpi.value, kpi.unit)
    if kpi.target is not None:
        text += " / " + ("" if kpi.higher_is_better else "\u2264 ") + kpi_number(kpi.target, kpi.unit)
    return text


def kpi_row_height() -> float:
    """One KPI: its text line, then the bar with room for the target tick above and below."""
    return line_height(FONT_SIZE) + 2 + 2 * theme.KPI_TICK_REACH + theme.KPI_BAR_HEIGHT


def kpi_block_height(count: int) -> float:
    """The room a KPI lane keeps above its cards for `count` KPIs (0 for none)."""
    if count <= 0:
        return 0.0
    return theme.CELL_PADDING + count * kpi_row_height() + (count - 1) * theme.KPI_GAP


def kpi_bar(stage: Stage, kpi: Kpi, lane_id: str, x: float, top: float, width: float) -> KpiBarBox:
    """One KPI block whose text line's top-left corner is (x, top), `width` wide."""
    status = kpi_status(kpi)
    color = theme.KPI_STATUS_COLOR[status]
    label_text = kpi_label(kpi)
    label_width = min(text_width(label_text, FONT_SIZE, True), width * 0.6)
    label_text = elide(label_text, label_width + 0.5, FONT_SIZE, True)
    label = TextLines((label_text,), x + width - text_width(label_text, FONT_SIZE, True), top, FONT_SIZE, True,
                      mix(color, "#000000", 0.25))
    name = TextLines((elide(kpi.name, max(0.0, width - label_width - LABEL_GAP), FONT_SIZE),), x, top, FONT_SIZE,
                     False, theme.CARD_MUTED_TEXT)
    track = Rect(x, top + line_height(FONT_SIZE) + 2 + theme.KPI_TICK_REACH, width, theme.KPI_BAR_HEIGHT)
    low, high = kpi_scale(kpi)

    def fraction(value: float | None) -> float | None:
        return None if value is None else max(0.0, min(1.0, (value - low) / (high - low)))

    return KpiBarBox(stage.id, lane_id, kpi.id, name, label, track, fraction(kpi.value), fraction(kpi.target),
                     status, color)


def kpi_lane_bars(stages: list[Stage], column_xs: list[float], lane_id: str, y: float) -> tuple[KpiBarBox, ...]:
    """Every stage's KPI bars in a KPI lane whose row starts at height y."""
    bars: list[KpiBarBox] = []
    step = kpi_row_height() + theme.KPI_GAP
    for stage, column_x in zip(stages, column_xs, strict=True):
        for i, kpi in enumerate(stage.kpis):
            bars.append(kpi_bar(stage, kpi, lane_id, column_x + theme.CELL_PADDING,
                                y + theme.CELL_PADDING + i * step, theme.CARD_WIDTH))
    return tuple(bars)
