"""The overview's texts set whole where the layout's box cuts them (a long lane group, phase, stage or lane name).

The layout cuts such a name with "…" to its canvas size. On the overview the name is wrapped onto more lines of
its box and set smaller, down to the smallest text the overview already sets (`LEAST_SIZE`, layout points);
only what even that cannot hold is cut, and then it ends in "… [n]" and the slide's speaker notes give it in
full under [n] (the PDF's notes do the same with `tag_block`). No "…" on the overview goes without its number.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from app.io.pdf.notes import tag_block
from app.io.pptx.frames import WIDTH_SLACK, Frame, Para, para, text_paras
from app.layout import theme
from app.layout.fonts import line_height, text_width, wrap_text
from app.layout.model import TextLines

LEAST_SIZE = min(theme.CARD_SMALL_FONT_SIZE, theme.STAGE_DETAIL_FONT_SIZE, theme.EMOTION_LABEL_FONT_SIZE)
"""Layout points: a name is never set smaller than the smallest text the overview already sets (a card's
channel, a stage's description, an emotion's label), so shrinking keeps it as readable as its neighbours."""
STEP = 0.05  # the size is tried from the layout's down in steps of 5 %


@dataclass(frozen=True)
class Block:
    """A text to set whole: its wording, its size on the canvas (layout points), weight, colour, alignment."""

    text: str
    size: float
    bold: bool = False
    color: str = theme.LANE_HEADER_TEXT
    align: str = "left"


@dataclass
class OverviewTexts:
    """Fits one overview slide's texts; `notes` collects, in number order, what was cut and its full wording."""

    scale: float
    size: Callable[[float], float]  # layout points -> slide points (never below PowerPoint's smallest)
    notes: list[str] = field(default_factory=list)

    def tag(self, what: str, full: str) -> str:
        """The next note's marker, "[n]", noting `full` under `what` ("the name of stage 3")."""
        self.notes.append(f"[{len(self.notes) + 1}] {what}: {' '.join(full.split())}")
        return f"[{len(self.notes)}]"

    def whole(self, blocks: list[Block], along: float, across: float, insets: tuple[float, float, float, float],
              upright: bool = False) -> Frame | None:
        """A frame holding every block whole in a box `along` x `across` layout points (along: the lines' way,
        across: where they stack; insets in layout points, left, top, right, bottom), at the largest common
        shrink from the canvas size (no block below LEAST_SIZE unless it is smaller on the canvas), or None."""
        s = self.scale
        ratio = 1.0
        while True:
            frame = Frame([p for block in blocks for p in self.paras(block, max(min(block.size, LEAST_SIZE),
                                                                             block.size * ratio))],
                          tuple(inset * s for inset in insets), upright)
            if frame.height(along * s) <= across * s + 0.01:
                return frame
            if all(block.size * ratio <= LEAST_SIZE for block in blocks):
                return None
            ratio -= STEP

    def paras(self, block: Block, size: float) -> list[Para]:
        return text_paras(block.text, self.size(size), bold=block.bold, color=block.color, align=block.align)

    def cut(self, block: Block, inner: float, room: float, what: str) -> list[Para]:
        """The block at LEAST_SIZE wrapped to `inner` layout points, as many lines as `room` holds, the last
        ending in "… [n]" (n: the note giving it in full)."""
        size = min(block.size, LEAST_SIZE)
        width = inner * WIDTH_SLACK  # as the frame wraps: each kept line stays one line
        lines = wrap_text(block.text, width, size, block.bold)
        kept = lines[:max(1, math.floor(room / line_height(size) + 0.001))]
        kept = tag_block(TextLines(kept, 0.0, 0.0, size, block.bold, block.color), self.tag(what, block.text),
                         width).lines
        return [para(line, self.size(size), bold=block.bold, color=block.color, align=block.align) for line in kept]

    def tagged(self, block: TextLines, width: float, what: str, full: str, line: int = -1) -> TextLines:
        """The layout's block with line `line` (default: the last) ending in "… [n]" within `width` layout points
        (at most the line's own width: a one-line label keeps its place)."""
        return tag_block(block, self.tag(what, full), width, line)


def one_line_width(block: TextLines, room: float) -> float:
    """The width a one-line label may take with its marker: the room it had, or at least its own width."""
    return max(room, max((text_width(line, block.size, block.bold) for line in block.lines), default=0.0))
