"""Paint backend-neutral layout shapes on a reportlab canvas: the twin of the Qt shape painter.

Layout coordinates have y growing downwards; the caller sets the canvas transform so that layout
point (x, y) lands at PDF user space (x, -y) (translate to the map's top-left corner, then scale),
and this painter negates y. Graphics state (colours, alpha, line width, dash, cap) is tracked
here so that each operator is written only when it changes: no save/restore per shape.

Text is written in one text object per call, as real text (selectable, extracted in the order
given), run by run through the font splitter so characters DejaVu Sans lacks use the fallback.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import cycle
from operator import itemgetter, sub

from app.layout.colors import parse_color
from app.layout.fonts import covered_chars, text_width
from app.layout.shapes import EllipseShape, LineShape, PathShape, RectShape, Shape, TextShape
from app.painters.pdf_fonts import BOLD, REGULAR, FontSplitter, register_fonts
from app.painters.pdf_text import visual_order
from app.painters.shape_index import Box

_BUTT, _ROUND = 0, 1


@lru_cache(maxsize=1024)
def _rgba(color: str) -> tuple[float, float, float, float]:
    r, g, b, a = parse_color(color)
    return round(r, 4), round(g, 4), round(b, 4), round(a, 4)


class PdfPainter:
    """Draws shapes on one reportlab canvas; create one per document.

    Operators are appended to the canvas's content stream directly with two-decimal numbers:
    reportlab's own per-call number formatting is pure Python and made up most of the export
    time of big maps. Only documented PDF operators are written; fonts, alpha states and
    clipping still go through reportlab so its resources and subsets stay consistent.
    """

    def __init__(self, canvas, splitter: FontSplitter | None = None) -> None:
        register_fonts()
        self.canvas = canvas
        self.splitter = splitter or FontSplitter()
        self._emit = canvas._code.append
        self._doc = canvas._doc
        self._escape = canvas._escape
        self._ascii_plain: dict[str, bool] = {}
        self._outlines: dict[tuple, list] = {}  # see _place: key -> [outline, copies left inline, (form, its Do)]
        self._long_paths: dict[int, tuple] = {}  # id of a long path -> (it, its outline key, its origin)
        self._forms_allowed = False
        self._page_forms: tuple[list, set[str]] = ([], set())  # the page's list of forms in use, and as a set
        self.reset_state()

    def reset_state(self) -> None:
        """Forget the tracked graphics state: call after restoreState() and at each new page."""
        self._emit = self.canvas._code.append  # a new page may have a new code list
        self._fill: str | None = None
        self._fill_alpha = 1.0
        self._stroke: str | None = None
        self._stroke_alpha = 1.0
        self._width: float | None = None
        self._dash: tuple | None = None
        self._cap: int | None = None
        self._join_set = False

    # --- state ------------------------------------------------------------------------

    def _set_stroke(self, color: str, width: float, cap: int, dash: tuple | None = None) -> None:
        emit = self._emit
        _, op, alpha = _color_ops(color)
        if self._stroke != op:
            emit(op)
            self._stroke = op
        if alpha != self._stroke_alpha:
            self.canvas.setStrokeAlpha(alpha)
            self._stroke_alpha = alpha
        if width != self._width:
            emit(f"{width:.3f} w")
            self._width = width
        if cap != self._cap:
            emit(f"{cap} J")
            self._cap = cap
        if not self._join_set:
            emit("1 j")
            self._join_set = True
        if dash != self._dash:
            emit(f"[{' '.join(f'{d:.2f}' for d in dash)}] 0 d" if dash else "[] 0 d")
            self._dash = dash

    # --- shapes -----------------------------------------------------------------------

    def paint(self, shapes: Iterable[Shape]) -> None:
        """Paint graphics and text in the given order (runs of text share one text object).

        Shared outlines become form XObjects only in a batch without text: text extractors such as pypdf end
        a line at a form, so a form between the words of one line (a legend's markers) would split it."""
        if not isinstance(shapes, (list, tuple)):
            shapes = list(shapes)
        self._forms_allowed = TextShape not in map(type, shapes)
        pending: list[TextShape] = []
        graphic = self.paint_graphic
        for shape in shapes:
            if type(shape) is TextShape:
                pending.append(shape)
                continue
            if pending:
                self.paint_text(pending)
                pending = []
            graphic(shape)
        if pending:
            self.paint_text(pending)

    def _set_paint(self, shape, cap, dash=None) -> str | None:
        """Set the fill and stroke a filled/outlined shape needs; its painting operator, or None when it draws
        nothing."""
        fill, stroke = shape.fill, shape.stroke
        if stroke is not None and shape.stroke_width <= 0:
            stroke = None
        if fill is None:
            if stroke is None:
                return None
            self._set_stroke(stroke, shape.stroke_width, cap, dash)
            return "S"
        op, _, alpha = _color_ops(fill)
        if self._fill != op:
            self._emit(op)
            self._fill = op
        if alpha != self._fill_alpha:
            self._set_fill_alpha(alpha)
        if stroke is None:
            return "f*"
        self._set_stroke(stroke, shape.stroke_width, cap, dash)
        return "B*"

    def _set_fill_alpha(self, alpha: float) -> None:
        """reportlab's setFillAlpha, with the graphics state it registered for this alpha written directly the
        next times (its own call checks and looks up the state each time; cards switch alpha twice each)."""
        state = self.canvas._extgstate
        name = state._c.get(("ca", alpha))
        if name is None or state._d.get("ca", 1) == alpha:
            self.canvas.setFillAlpha(alpha)
        else:
            state._d["ca"] = alpha
            self._emit(f"/{name} gs")
        self._fill_alpha = alpha

    def _place(self, key: tuple | _HashedOnce, x: float, y: float, paint: str, stroked: bool) -> None:
        """Draw a shared outline (rounded rectangles of one size, paths of one shape: cards repeat a few) with its
        origin at PDF point (x, y). The first `_INLINE_COPIES` copies are written in place, moved by a translation;
        the next ones (in batches without text, see `paint`) invoke a form XObject holding it, so the page streams
        (and their compression) carry a short reference instead of the outline's numbers. `key` names the outline
        (see `_outline`), its painting operator and the line width a stroke inherits."""
        entry = self._outlines.get(key)
        if entry is None:
            if len(self._outlines) > 4096:
                self._outlines.clear()
            entry = self._outlines[key] = [_outline(_plain(key)), _INLINE_COPIES]
        if not self._forms_allowed or entry[1]:
            if entry[1]:
                entry[1] -= 1
            self._emit(f"q 1 0 0 1 {_F2(x) or _f2(x)} {_F2(y) or _f2(y)} cm {entry[0]} {paint} Q")
            return
        if len(entry) == 2:  # a frequent outline: from now on a form
            width = self._width if stroked else 0.0
            entry.append(self._add_form(f"{entry[0]} {paint}", _outline_box(_plain(key)), width))
        name, invoke = entry[2]
        forms, names = self._page_forms
        if forms is not self.canvas._formsinuse:  # a new page
            forms, names = self._page_forms = (self.canvas._formsinuse, set(self.canvas._formsinuse))
        if name not in names:
            forms.append(name)
            names.add(name)
        self._emit(f"q 1 0 0 1 {_F2(x) or _f2(x)} {_F2(y) or _f2(y)} cm {invoke} Q")

    def _add_form(self, content: str, box: Box, width: float) -> tuple[str, str]:
        """A form XObject drawing `content` with the graphics state of where it is invoked (its colours, alpha and
        line width); returns its name and the operator that invokes it."""
        from reportlab.pdfbase.pdfdoc import PDFFormXObject

        doc = self._doc
        number = doc.__dict__.get("_journey_outlines", 0)  # unique in the document, whichever painter adds it
        doc._journey_outlines = number + 1
        name = f"JcOutline{number}"
        pad = 2 * width + 1  # a stroke's half width, round joins and caps, and room for anti-aliasing
        form = PDFFormXObject(box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad)
        form.compression = self.canvas._pageCompression
        form.setStreamList([content])
        in_object = doc.inObject
        doc.addForm(name, form)
        doc.inObject = in_object
        return name, f"/{doc.getXObjectName(name)} Do"

    def paint_graphic(self, shape: Shape) -> None:
        emit = self._emit
        kind = type(shape)
        if kind is RectShape:
            fill = shape.fill
            if fill is not None and (shape.stroke is None or shape.stroke_width <= 0):  # `_set_paint`'s commonest case
                op, _, alpha = _color_ops(fill)
                if self._fill != op:
                    emit(op)
                    self._fill = op
                if alpha != self._fill_alpha:
                    self._set_fill_alpha(alpha)
                paint: str | None = "f*"
            else:
                paint = self._set_paint(shape, _BUTT)
                if paint is None:
                    return
            x, y, w, h = shape.x, -shape.y - shape.height, shape.width, shape.height
            if shape.radius:
                # The outline of a rounded rectangle is made once per size and moved into place: cards repeat
                # a few sizes, and formatting 26 numbers per card was a tenth of the drawing time.
                r = min(shape.radius, w / 2, h / 2)
                stroked = paint != "f*"
                self._place(("rect", w, h, r, paint, self._width if stroked else 0.0), x, y, paint, stroked)
            else:
                emit(f"{_F2(x) or _f2(x)} {_F2(y) or _f2(y)} {_F2(w) or _f2(w)} {_F2(h) or _f2(h)} re")
                emit(paint)
        elif kind is LineShape:
            width = shape.stroke_width
            if width <= 0:
                return
            _, op, alpha = _color_ops(shape.stroke)
            if (op != self._stroke or width != self._width or self._cap != _BUTT or shape.dash != self._dash
                    or alpha != self._stroke_alpha or not self._join_set):  # grid lines repeat one stroke
                self._set_stroke(shape.stroke, width, _BUTT, shape.dash)
            x1, y1, x2, y2 = shape.x1, -shape.y1, shape.x2, -shape.y2
            emit(f"{_F2(x1) or _f2(x1)} {_F2(y1) or _f2(y1)} m {_F2(x2) or _f2(x2)} {_F2(y2) or _f2(y2)} l S")
        elif kind is EllipseShape:
            paint = self._set_paint(shape, _ROUND)
            if paint is None:
                return
            emit(_ellipse(shape.cx, -shape.cy, shape.rx, shape.ry))
            emit(paint)
        elif kind is PathShape:
            paint = self._set_paint(shape, _ROUND if shape.round_caps else _BUTT, shape.dash)
            if paint is None:
                return
            ops = shape.ops
            if len(ops) > 3 and ops[0][0] == "M":
                # Like rounded rectangles: a path is formatted once per outline (cards' accent stripes, markers
                # and icons repeat) relative to its first point, then moved into place.
                stroked = paint != "f*"
                width = self._width if stroked else 0.0
                long_path = self._long_paths.get(id(shape)) if len(ops) > _LONG_PATH else None
                if long_path is not None and long_path[0] is shape and long_path[1].key[2:] == (paint, width):
                    _, key, ox, oy = long_path  # a curve across every page of a spread: keyed once, not per page
                else:
                    ox, oy = ops[0][1], ops[0][2]
                    flat: list[float] = []
                    for op in ops:  # every op's operands: x, y, x, y, ... (a loop of += beats a nested comprehension)
                        flat += op[1:]
                    relative = tuple(map(sub, flat, cycle((ox, oy))))  # x - ox, y - oy, ...
                    key = (tuple(map(itemgetter(0), ops)), relative, paint, width)
                    if len(ops) > _LONG_PATH:
                        key = _HashedOnce(key)
                        self._long_paths[id(shape)] = (shape, key, ox, oy)
                self._place(key, ox, -oy, paint, stroked)
                return
            parts = []
            for op in ops:
                code = op[0]
                if code == "C":
                    parts.append(f"{op[1]:.2f} {-op[2]:.2f} {op[3]:.2f} {-op[4]:.2f} {op[5]:.2f} {-op[6]:.2f} c")
                elif code == "M":
                    parts.append(f"{op[1]:.2f} {-op[2]:.2f} m")
                elif code == "L":
                    parts.append(f"{op[1]:.2f} {-op[2]:.2f} l")
                else:
                    parts.append("h")
            parts.append(paint)
            emit(" ".join(parts))

    # --- text -------------------------------------------------------------------------

    def paint_text(self, shapes: Sequence[TextShape]) -> None:
        """Write text shapes, in order, in one text object (BT ... ET)."""
        if not shapes:
            return
        from reportlab.pdfbase.pdfmetrics import getFont

        emit, doc, escape = self._emit, self._doc, self._escape
        if self._fill_alpha != 1.0:  # text is opaque: a translucent fill before it must not fade it
            self._set_fill_alpha(1.0)
        emit("BT")
        current: tuple | None = None  # (font name, subset, size)
        color: str | None = None
        hscale = 100.0
        runs_of = self.splitter.runs
        fonts: dict[str, object] = {}
        plain = self._ascii_plain
        for shape in shapes:
            text = shape.text
            if not text:
                continue
            size, bold = shape.size, shape.bold
            one_run = text.isascii() and text.isprintable() and _ascii_drawn(bold)  # all in the bundled font
            if one_run and shape.align == "left" and not shape.angle:
                font_name = BOLD if bold else REGULAR
                font = fonts.get(font_name)
                if font is None:
                    font = fonts[font_name] = getFont(font_name)
                if plain.get(font_name) or self._plain_ascii(font_name, font):
                    # Left-aligned level printable ASCII, most of a map's text: what the general way below writes
                    # for it (one run, its own bytes, at full width), without measuring it or making its run.
                    op = _text_color_op(shape.color)
                    if color != op:
                        emit(op)
                        color = op
                    if hscale != 100.0:
                        emit("100.00 Tz")
                        hscale = 100.0
                    tx, ty = shape.x + (shape.x - shape.x), -shape.y  # the general way's x + offset, to the bit
                    emit(f"1 0 0 1 {_F2(tx) or _f2(tx)} {_F2(ty) or _f2(ty)} Tm")
                    key = (font_name, 0, size)
                    if key != current:
                        emit(f"{font.getSubsetInternalName(0, doc)} {size:.2f} Tf")
                        current = key
                    emit(f"({escape(text.encode('ascii'))}) Tj")
                    continue
            if one_run:
                # One run in the bundled font, as wide as the layout measured it (what the splitter returns
                # for such text, without its run objects): most of a map's text.
                width = text_width(text, size, bold)
                runs: Iterable[tuple[str, str, float, float]] = ((BOLD if bold else REGULAR, text, width, width),)
            else:
                runs = [(run.font, run.text, run.width, run.actual)
                        for run in runs_of(visual_order(text), size, bold)]
                if shape.align != "left":
                    width = sum(run[2] for run in runs)
            x = shape.x
            if shape.align != "left":
                x -= width / 2 if shape.align == "center" else width
            op = _text_color_op(shape.color)
            if color != op:
                emit(op)
                color = op
            if shape.angle:
                angle = math.radians(shape.angle)
                cos, sin = math.cos(angle), math.sin(angle)
            offset = x - shape.x
            for font_name, part, run_width, actual in runs:
                squeeze = 100.0 if actual <= run_width * 1.001 else round(100.0 * run_width / actual, 2)
                if squeeze != hscale:
                    emit(f"{squeeze:.2f} Tz")
                    hscale = squeeze
                if shape.angle:
                    emit(f"{cos:.4f} {sin:.4f} {-sin:.4f} {cos:.4f} {shape.x + offset * cos:.2f} "
                         f"{-shape.y + offset * sin:.2f} Tm")
                else:
                    tx, ty = shape.x + offset, -shape.y
                    emit(f"1 0 0 1 {_F2(tx) or _f2(tx)} {_F2(ty) or _f2(ty)} Tm")
                font = fonts.get(font_name)
                if font is None:
                    font = fonts[font_name] = getFont(font_name)
                if part.isascii() and part.isprintable() and (plain.get(font_name)
                                                              or self._plain_ascii(font_name, font)):
                    parts: Iterable[tuple[int, bytes]] = ((0, part.encode("ascii")),)
                else:
                    parts = font.splitString(part, doc)
                for subset, data in parts:
                    key = (font_name, subset, size)
                    if key != current:
                        emit(f"{font.getSubsetInternalName(subset, doc)} {size:.2f} Tf")
                        current = key
                    emit(f"({escape(data)}) Tj")
                offset += run_width
        if hscale != 100.0:
            emit("100 Tz")
        emit("ET")
        self._fill = None  # the text's colour operators changed the fill colour

    def _plain_ascii(self, name: str, font) -> bool:
        """Whether this document's first subset of `font` codes printable ASCII as itself (reportlab's
        readable-ASCII subsets do), so such a string needs no per-character splitting: it is its own bytes."""
        plain = self._ascii_plain.get(name)
        if plain is None:
            assignments = getattr(font._assignState(self._doc), "assignments", {})
            plain = self._ascii_plain[name] = all(assignments.get(code) == code for code in range(32, 127))
        return plain


_TWO_PLACES: dict[float, str] = {}
_F2 = _TWO_PLACES.get
"""`_F2(v) or _f2(v)` is f"{v:.2f}": a map's coordinates repeat (column and row edges, card sizes), and formatting
a float costs about ten times looking its text up."""


def _f2(value: float) -> str:
    """f"{value:.2f}", remembered for the next time (not for zeros: 0.0 and -0.0 are one key but print apart)."""
    text = f"{value:.2f}"
    if value:
        if len(_TWO_PLACES) > 65536:
            _TWO_PLACES.clear()
        _TWO_PLACES[value] = text
    return text


_K = 0.5523  # cubic approximation of a quarter circle
_INLINE_COPIES = 8

_LONG_PATH = 64
"""Ops beyond which a path's outline key is made once per shape (an emotion curve across a map of thousands of
stages is drawn on every page of its spread; keying it on each page cost a minute for 20,000 stages)."""


class _HashedOnce:
    """An outline key hashed once and equal to itself at once: a long curve's key is looked up on every page."""

    __slots__ = ("key", "_hash")

    def __init__(self, key: tuple) -> None:
        self.key, self._hash = key, hash(key)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return self is other or (isinstance(other, _HashedOnce) and self._hash == other._hash and self.key == other.key)


def _plain(key: tuple | _HashedOnce) -> tuple:
    return key.key if isinstance(key, _HashedOnce) else key
"""Copies of an outline written out before it becomes a form XObject: a form costs more than a few copies
(its object, resources and separately compressed stream), so rare outlines stay inline."""


@lru_cache(maxsize=2)
def _ascii_drawn(bold: bool) -> bool:
    """Whether the bundled font draws every printable ASCII character (so such text is one run in it)."""
    return covered_chars(bold).issuperset(map(chr, range(32, 127)))


@lru_cache(maxsize=1024)
def _color_ops(color: str) -> tuple[str, str, float]:
    """('r g b rg', 'r g b RG', alpha) for a '#rrggbb[aa]' colour."""
    r, g, b, a = _rgba(color)
    rgb = f"{r:.4g} {g:.4g} {b:.4g}"
    return f"{rgb} rg", f"{rgb} RG", a


@lru_cache(maxsize=256)
def _text_color_op(color: str) -> str:
    r, g, b, a = _rgba(color)
    if a < 1.0:  # text alpha is rare: blend with white paper instead of a graphics state change
        r, g, b = 1 - a * (1 - r), 1 - a * (1 - g), 1 - a * (1 - b)
    return f"{r:.4g} {g:.4g} {b:.4g} rg"


def _outline(key: tuple) -> str:
    """The operators of a shared outline (without its painting operator), from its key in `PdfPainter._place`:
    ("rect", width, height, radius, ...) or (path op codes, the path's coordinates relative to its first point,
    ...)."""
    if key[0] == "rect":
        return _round_rect(0.0, 0.0, key[1], key[2], key[3])
    return _path_outline(key[0], key[1][0::2], key[1][1::2])


def _outline_box(key: tuple) -> Box:
    """The box of a shared outline in PDF coordinates relative to its origin (y up)."""
    if key[0] == "rect":
        return 0.0, 0.0, key[1], key[2]
    xs, ys = key[1][0::2], key[1][1::2]
    return min(xs), -max(ys), max(xs), -min(ys)


def _round_rect(x: float, y: float, w: float, h: float, r: float) -> str:
    """A rounded rectangle path in PDF coordinates (x, y is the bottom-left corner)."""
    k = r * _K
    x1, y1 = x + w, y + h
    return (f"{x + r:.2f} {y:.2f} m {x1 - r:.2f} {y:.2f} l "
            f"{x1 - r + k:.2f} {y:.2f} {x1:.2f} {y + r - k:.2f} {x1:.2f} {y + r:.2f} c "
            f"{x1:.2f} {y1 - r:.2f} l "
            f"{x1:.2f} {y1 - r + k:.2f} {x1 - r + k:.2f} {y1:.2f} {x1 - r:.2f} {y1:.2f} c "
            f"{x + r:.2f} {y1:.2f} l "
            f"{x + r - k:.2f} {y1:.2f} {x:.2f} {y1 - r + k:.2f} {x:.2f} {y1 - r:.2f} c "
            f"{x:.2f} {y + r:.2f} l "
            f"{x:.2f} {y + r - k:.2f} {x + r - k:.2f} {y:.2f} {x + r:.2f} {y:.2f} c h")


def _path_outline(codes: tuple[str, ...], xs: tuple[float, ...], ys: tuple[float, ...]) -> str:
    """A path's operators from its op codes and its points' coordinates (layout y, negated here)."""
    parts = []
    i = 0
    for code in codes:
        if code == "C":
            parts.append(f"{xs[i]:.2f} {-ys[i]:.2f} {xs[i + 1]:.2f} {-ys[i + 1]:.2f} "
                         f"{xs[i + 2]:.2f} {-ys[i + 2]:.2f} c")
            i += 3
        elif code == "M" or code == "L":
            parts.append(f"{xs[i]:.2f} {-ys[i]:.2f} {code.lower()}")
            i += 1
        else:
            parts.append("h")
    return " ".join(parts)


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> str:
    kx, ky = rx * _K, ry * _K
    return (f"{cx + rx:.2f} {cy:.2f} m "
            f"{cx + rx:.2f} {cy + ky:.2f} {cx + kx:.2f} {cy + ry:.2f} {cx:.2f} {cy + ry:.2f} c "
            f"{cx - kx:.2f} {cy + ry:.2f} {cx - rx:.2f} {cy + ky:.2f} {cx - rx:.2f} {cy:.2f} c "
            f"{cx - rx:.2f} {cy - ky:.2f} {cx - kx:.2f} {cy - ry:.2f} {cx:.2f} {cy - ry:.2f} c "
            f"{cx + kx:.2f} {cy - ry:.2f} {cx + rx:.2f} {cy - ky:.2f} {cx + rx:.2f} {cy:.2f} c h")
