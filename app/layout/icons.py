"""Small vector pictures: channel icons, emotion faces, card markers. Drawn, never emoji fonts."""

from __future__ import annotations

from app.layout.shapes import EllipseShape, LineShape, PathShape, RectShape, Shape
from app.model.enums import Channel, EvidenceStatus, LaneKind


def channel_icon(channel: Channel, x: float, y: float, size: float, color: str) -> list[Shape]:
    """The icon for a channel in the square (x, y, size)."""
    s = size / 12.0  # icons are designed on a 12-point grid

    def p(px: float, py: float) -> tuple[float, float]:
        return x + px * s, y + py * s

    w = 1.1 * s
    shapes: list[Shape] = []
    if channel == Channel.WEBSITE:
        shapes += [EllipseShape(*p(6, 6), 5 * s, 5 * s, None, color, w), EllipseShape(*p(6, 6), 2.2 * s, 5 * s, None, color, w),
                   LineShape(*p(1, 6), *p(11, 6), color, w)]
    elif channel == Channel.MOBILE_APP:
        shapes += [RectShape(*p(3, 0.5), 6 * s, 11 * s, None, color, w, 1.5 * s), LineShape(*p(5, 9.5), *p(7, 9.5), color, w)]
    elif channel == Channel.EMAIL:
        shapes += [RectShape(*p(0.5, 2), 11 * s, 8 * s, None, color, w, 1 * s),
                   PathShape((("M", *p(0.8, 2.5)), ("L", *p(6, 6.5)), ("L", *p(11.2, 2.5))), None, color, w)]
    elif channel == Channel.PHONE:
        shapes += [PathShape((("M", *p(2, 1)), ("L", *p(4.5, 1)), ("L", *p(5.5, 3.8)), ("L", *p(4, 5)),
                              ("C", *p(4.8, 7), *p(5.5, 7.5), *p(7, 8)), ("L", *p(8.2, 6.5)), ("L", *p(11, 7.5)),
                              ("L", *p(11, 10)), ("C", *p(5, 11), *p(1, 7), *p(2, 1)), ("Z",)), color, None, w)]
    elif channel == Channel.CHAT:
        shapes += [PathShape((("M", *p(1, 1.5)), ("L", *p(11, 1.5)), ("L", *p(11, 8)), ("L", *p(5, 8)), ("L", *p(2.5, 10.8)),
                              ("L", *p(2.8, 8)), ("L", *p(1, 8)), ("Z",)), None, color, w)]
        shapes += [EllipseShape(*p(cx, 4.8), 0.7 * s, 0.7 * s, color) for cx in (3.8, 6, 8.2)]
    elif channel == Channel.SOCIAL_MEDIA:
        shapes += [LineShape(*p(3, 6), *p(9, 2.5), color, w), LineShape(*p(3, 6), *p(9, 9.5), color, w)]
        shapes += [EllipseShape(*p(px, py), 1.8 * s, 1.8 * s, color) for px, py in ((3, 6), (9, 2.5), (9, 9.5))]
    elif channel == Channel.SEARCH:
        shapes += [EllipseShape(*p(5, 5), 3.6 * s, 3.6 * s, None, color, 1.4 * s),
                   LineShape(*p(7.6, 7.6), *p(11, 11), color, 1.8 * s)]
    elif channel == Channel.ADVERTISING:
        shapes += [PathShape((("M", *p(1, 4.5)), ("L", *p(4, 4.5)), ("L", *p(10, 1.5)), ("L", *p(10, 10.5)), ("L", *p(4, 7.5)),
                              ("L", *p(1, 7.5)), ("Z",)), None, color, w),
                   LineShape(*p(3, 7.5), *p(4, 11), color, w)]
    elif channel == Channel.IN_STORE:
        shapes += [PathShape((("M", *p(1, 4)), ("L", *p(2, 1)), ("L", *p(10, 1)), ("L", *p(11, 4)), ("Z",)), None, color, w),
                   RectShape(*p(2, 4), 8 * s, 7 * s, None, color, w), RectShape(*p(5, 7), 2 * s, 4 * s, color)]
    elif channel == Channel.WORD_OF_MOUTH:
        shapes += [EllipseShape(*p(4, 3.5), 2 * s, 2 * s, None, color, w),
                   PathShape((("M", *p(0.8, 11)), ("C", *p(0.8, 6.5), *p(7.2, 6.5), *p(7.2, 11))), None, color, w),
                   PathShape((("M", *p(8.5, 2.5)), ("C", *p(10, 3.5), *p(10, 5.5), *p(8.5, 6.5))), None, color, w),
                   PathShape((("M", *p(10, 1)), ("C", *p(12.2, 3), *p(12.2, 6), *p(10, 8))), None, color, w)]
    elif channel == Channel.PRINT_MAIL:
        shapes += [PathShape((("M", *p(2, 0.5)), ("L", *p(7.5, 0.5)), ("L", *p(10, 3)), ("L", *p(10, 11.5)), ("L", *p(2, 11.5)),
                              ("Z",)), None, color, w)]
        shapes += [LineShape(*p(4, yy), *p(8, yy), color, 0.8 * s) for yy in (5, 7, 9)]
    elif channel == Channel.EVENT:
        shapes += [RectShape(*p(1, 2), 10 * s, 9.5 * s, None, color, w, 1 * s), RectShape(*p(1, 2), 10 * s, 2.5 * s, color),
                   LineShape(*p(3.5, 0.5), *p(3.5, 3), color, w), LineShape(*p(8.5, 0.5), *p(8.5, 3), color, w)]
    else:
        shapes += [EllipseShape(*p(cx, 6), 1.2 * s, 1.2 * s, color) for cx in (2.5, 6, 9.5)]
    return shapes


def face(cx: float, cy: float, radius: float, normalized: float, fill: str, stroke: str) -> list[Shape]:
    """A drawn face whose mouth bends from a frown (0.0) through flat (0.5) to a smile (1.0)."""
    mood = (max(0.0, min(1.0, normalized)) - 0.5) * 2  # -1 .. 1
    r = radius
    eye_y = cy - 0.25 * r
    mouth_y = cy + 0.32 * r - mood * 0.08 * r
    bend = mood * 0.42 * r
    width = max(0.8, r / 9)
    return [
        EllipseShape(cx, cy, r, r, fill, stroke, width),
        EllipseShape(cx - 0.35 * r, eye_y, 0.11 * r, 0.14 * r, stroke),
        EllipseShape(cx + 0.35 * r, eye_y, 0.11 * r, 0.14 * r, stroke),
        PathShape((("M", cx - 0.45 * r, mouth_y), ("C", cx - 0.2 * r, mouth_y + bend, cx + 0.2 * r, mouth_y + bend,
                                                    cx + 0.45 * r, mouth_y)), None, stroke, width * 1.2),
    ]


def pain_marker(x: float, y: float, size: float, color: str, mark: str = "#ffffff") -> list[Shape]:
    """A warning triangle with an exclamation mark (in `mark`, the colour of what is behind it)."""
    s = size / 12.0
    return [
        PathShape((("M", x + 6 * s, y + 0.5 * s), ("L", x + 11.5 * s, y + 11 * s), ("L", x + 0.5 * s, y + 11 * s), ("Z",)),
                  color, None),
        LineShape(x + 6 * s, y + 4 * s, x + 6 * s, y + 7.3 * s, mark, 1.4 * s),
        EllipseShape(x + 6 * s, y + 9.2 * s, 0.8 * s, 0.8 * s, mark),
    ]


def opportunity_marker(x: float, y: float, size: float, color: str) -> list[Shape]:
    """A four-pointed spark: an idea worth pursuing."""
    s = size / 12.0
    cx, cy = x + 6 * s, y + 6 * s
    return [PathShape((("M", cx, y), ("C", cx + 0.8 * s, cy - 0.8 * s, cx + 0.8 * s, cy - 0.8 * s, x + 12 * s, cy),
                       ("C", cx + 0.8 * s, cy + 0.8 * s, cx + 0.8 * s, cy + 0.8 * s, cx, y + 12 * s),
                       ("C", cx - 0.8 * s, cy + 0.8 * s, cx - 0.8 * s, cy + 0.8 * s, x, cy),
                       ("C", cx - 0.8 * s, cy - 0.8 * s, cx - 0.8 * s, cy - 0.8 * s, cx, y), ("Z",)), color, None)]


def evidence_marker(status: EvidenceStatus, x: float, y: float, size: float, color: str) -> list[Shape]:
    """Observed: a filled circle; assumed: a hollow circle; proposed: a diamond (shape, not only colour)."""
    r = size / 2
    cx, cy = x + r, y + r
    if status == EvidenceStatus.OBSERVED:
        return [EllipseShape(cx, cy, r * 0.85, r * 0.85, color)]
    if status == EvidenceStatus.ASSUMED:
        return [EllipseShape(cx, cy, r * 0.75, r * 0.75, None, color, max(1.0, r * 0.35))]
    return [PathShape((("M", cx, y), ("L", x + size, cy), ("L", cx, y + size), ("L", x, cy), ("Z",)), color, None)]


def note_marker(right: float, top: float, size: float, color: str) -> list[Shape]:
    """A folded top-right corner: this card has a note."""
    return [PathShape((("M", right - size, top), ("L", right, top + size), ("L", right - size, top + size), ("Z",)),
                      color, None)]


def lane_kind_icon(kind: LaneKind, x: float, y: float, size: float, color: str) -> list[Shape]:
    """A small pictogram for a lane's kind, shown in its header."""
    s = size / 12.0

    def p(px: float, py: float) -> tuple[float, float]:
        return x + px * s, y + py * s

    w = 1.2 * s
    if kind == LaneKind.ACTIONS:  # an arrow: something the customer does
        return [LineShape(*p(1, 6), *p(10, 6), color, w),
                PathShape((("M", *p(6.5, 2.5)), ("L", *p(10.5, 6)), ("L", *p(6.5, 9.5))), None, color, w)]
    if kind == LaneKind.TOUCHPOINTS:  # a target: where customer and company meet
        return [EllipseShape(*p(6, 6), 5 * s, 5 * s, None, color, w), EllipseShape(*p(6, 6), 2.4 * s, 2.4 * s, None, color, w),
                EllipseShape(*p(6, 6), 0.8 * s, 0.8 * s, color)]
    if kind == LaneKind.THOUGHTS:  # a thought bubble
        return [EllipseShape(*p(6.5, 4.5), 5 * s, 3.6 * s, None, color, w), EllipseShape(*p(3, 9.5), 1.1 * s, 1.1 * s, color),
                EllipseShape(*p(1.2, 11.3), 0.7 * s, 0.7 * s, color)]
    if kind == LaneKind.EMOTIONS:
        return face(x + 6 * s, y + 6 * s, 5.2 * s, 1.0, "#00000000", color)
    if kind == LaneKind.PAIN_POINTS:
        return pain_marker(x, y, size, color)
    if kind == LaneKind.OPPORTUNITIES:
        return opportunity_marker(x, y, size, color)
    if kind == LaneKind.KPIS:  # a bar chart
        return [RectShape(*p(1, 7), 2.5 * s, 4.5 * s, color), RectShape(*p(4.75, 4), 2.5 * s, 7.5 * s, color),
                RectShape(*p(8.5, 1), 2.5 * s, 10.5 * s, color)]
    return [LineShape(*p(1, yy), *p(11 if yy < 9 else 7, yy), color, w) for yy in (2.5, 6, 9.5)]
